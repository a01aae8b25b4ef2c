import Foundation

/// What a walk over a corpus (``AnalysisCorpus/stream(project:coders:documents:_:)``) learned
/// besides the documents it handed out: what ``AnalysisCorpus`` keeps about the whole corpus.
public struct AnalysisOutline: Sendable {
    public var tree: CodeTree
    /// Coders whose codings were read, sorted.
    public var coders: [String]
    /// Every attribute name used by a document or speaker, sorted.
    public var attributeNames: [String]
    /// Differences between front matter and `Attributes.csv`, in document order.
    public var conflicts: [AttributeConflict]

    /// Checks that `axis` is `document`, `role`, `speaker`, `coder` or a known attribute.
    /// - Throws: ``AnalysisError/unknownAttribute(_:known:)``.
    public func checkAxis(_ axis: String) throws {
        try AnalysisCorpus.checkAxis(axis, known: attributeNames)
    }
}

extension AnalysisCorpus {
    /// Calls `body` with each document ``load(project:coders:documents:codings:loaded:)`` would
    /// hold, prepared the same way and in the same order, loaded a batch at a time
    /// (``DocumentBatchLoader``, codings files read on its workers): memory stays near one batch
    /// of documents plus what `body` keeps, whatever the corpus size.
    /// - Throws: as ``load(project:coders:documents:codings:loaded:)``, and what `body` throws
    ///   (which stops the walk).
    public static func stream(
        project: Project, coders: [CoderName] = [], documents: [DocumentID] = [],
        _ body: (AnalysisDocument) throws -> Void
    ) throws -> AnalysisOutline {
        let plan = try AnalysisPlan(
            project: project, coders: coders.map(\.rawValue), documents: documents.map(\.rawValue), codings: true)
        var names: Set<String> = []
        var conflicts: [AttributeConflict] = []
        let prepare: @Sendable (Document) throws -> AnalysisDocument = { try plan.prepare($0) }
        try DocumentBatchLoader(project: project).forEach(paths: plan.paths, transform: prepare) { _, result in
            let d = try result.get()
            conflicts += d.attributes.conflicts
            names.formUnion([d.attributes].attributeNames)
            try body(d)
        }
        return AnalysisOutline(
            tree: CodeTree(project.codebook), coders: plan.selected, attributeNames: names.sorted(),
            conflicts: conflicts)
    }
}
