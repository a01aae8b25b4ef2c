import Dispatch
import Foundation

/// A project's quote rows one document at a time, in the order of ``QuoteCollection/load(project:filter:)``
/// (document order, then segment ordinal, coder, codebook order), without holding them all.
///
/// Transcripts are loaded a batch at a time by ``DocumentBatchLoader``; each document's codings
/// files are read, its rows built and rendered (e.g. to CSV bytes) on every core; the rendered
/// pieces reach the caller in document order. Memory stays near one batch of documents and
/// their rendered rows, whatever the size of the project.
public struct QuoteStream: Sendable {
    public let project: Project
    /// Coders whose codings are read (after the coder filter), sorted as the codings folders are.
    public let coders: [String]
    /// Transcript paths of the documents considered (after the document filter), in project order.
    public let paths: [String]
    let perDocument: QuoteFilter
    /// Worker threads for reading codings and rendering: the active processor count, at least 1.
    public var workers = max(1, ProcessInfo.processInfo.activeProcessorCount)

    /// Checks `filter` as ``QuoteCollection/load(project:filter:)`` does.
    /// - Throws: ``ExportError/unknownDocument(id:available:)``, ``ExportError/unknownCoder(name:available:)``.
    public init(project: Project, filter: QuoteFilter = QuoteFilter()) throws {
        coders = try QuoteCollection.checkedCoders(project: project, filter: filter)
        self.project = project
        var perDocument = filter
        perDocument.documents = []
        perDocument.coders = []
        self.perDocument = perDocument
        paths = zip(project.transcriptPaths, project.documentIds).filter { filter.matchesText($0.1, filter.documents) }
            .map(\.0)
    }

    /// The rows of one loaded document: every chosen coder's codings of it, filtered and sorted.
    /// - Throws: ``StoreError`` for an unreadable codings file, ``ExportError/unknownCode(id:)``.
    public func rows(of doc: Document) throws -> [QuoteRow] {
        let files = try CodingStore.readExisting(projectRoot: project.root, coders: coders, document: doc).map(\.file)
        return try QuoteCollection.build(
            codebook: project.codebook, documents: [doc], codings: files, filter: perDocument
        ).rows
    }

    /// Calls `render` with each document and its rows on worker threads, then `body` with the
    /// results in document order on the calling thread. The first error (loading, reading,
    /// rendering or from `body`), in document order, stops the walk and is thrown.
    public func forEachDocument<T: Sendable>(
        render: @escaping @Sendable (Document, [QuoteRow]) throws -> T, _ body: (T) throws -> Void
    ) throws {
        let loader = DocumentBatchLoader(project: project, workers: workers)
        let sizes = LoadProgress.isObserved ? LoadProgress.sizes(of: paths, in: project.root) : []
        let bytesTotal = sizes.reduce(0, +)
        var bytesDone: Int64 = 0
        var start = 0
        while start < paths.count {
            let batch = Array(paths[start..<min(start + loader.batchSize, paths.count)])
            let docs = loader.load(batch)
            let stream = self
            let results = Parallel.map(count: docs.count, workers: workers) { i in
                Result {
                    let doc = try docs[i].get()
                    return try render(doc, try stream.rows(of: doc))
                }
            }
            for result in results { try body(try result.get()) }
            if !sizes.isEmpty {
                bytesDone += sizes[start..<start + batch.count].reduce(0, +)
                LoadProgress.report(
                    .init(
                        documentsDone: start + batch.count, documentsTotal: paths.count,
                        bytesDone: bytesDone, bytesTotal: bytesTotal))
            }
            start += batch.count
        }
    }
}
