import Dispatch
import Foundation

/// One coder's codes of one document, by segment index: the analysis commands' only view of
/// the codings (see ``CodingAccess``).
public struct CoderCodes: Sendable {
    public var coder: String
    /// Sorted code ids by index into ``Document/segments``; segments without codes are absent.
    public var codes: [Int: [String]]

    /// One coder's codes, e.g. the TUI's own codings for evaluating a ``SegmentFilter`` live.
    public init(coder: String, codes: [Int: [String]]) {
        self.coder = coder
        self.codes = codes
    }
}

/// The single place where the analysis commands read codings files: which codes each coder
/// applied to each segment. Codes of segments no longer in the document are left out.
public enum CodingAccess {
    /// The code ids per segment index of `file`, given the document's segment ids by index.
    public static func codes(of file: CodingFile, segmentIndex: [String: Int]) -> [Int: [String]] {
        var out: [Int: [String]] = [:]
        for coding in file.codings {
            guard let i = segmentIndex[coding.segment], !coding.codes.isEmpty else { continue }
            out[i, default: []].append(contentsOf: coding.codes)
        }
        for (i, codes) in out where codes.count > 1 { out[i] = Array(Set(codes)).sorted() }
        return out
    }
}

/// A document prepared for analysis: the loaded transcript, its attributes, and each selected
/// coder's codes.
public struct AnalysisDocument: Sendable {
    public var document: Document
    public var attributes: ResolvedAttributes
    /// Indices of the codable segments, in order.
    public var units: [Int]
    /// One entry per selected coder with a codings file for this document, by coder name.
    public var coders: [CoderCodes]
    /// The codings files (re-anchored to the text), for building quotes.
    public var files: [CodingFile]
    /// Segment index by segment id.
    public var segmentIndex: [String: Int]

    /// The value of attribute `name` for the segment at `index`: the speaker's, else the document's.
    public func attribute(_ name: String, segment index: Int) -> AttributeValue? {
        attributes.value(name, speaker: document.segments[index].speaker)
    }

    /// The role of the segment at `index`: the transcript's, else `Attributes.csv`'s.
    public func role(segment index: Int) -> String? {
        let s = document.segments[index]
        return s.role ?? s.speaker.flatMap { attributes.speakers[$0]?["role"]?.text }
    }
}

/// A project loaded for analysis (`kader query`, `cooccur`, `search`, `words`, `export matrix`):
/// every transcript through ``DocumentBatchLoader``, attributes from front matter, sidecars and
/// `Attributes.csv`, and the selected coders' codings.
public struct AnalysisCorpus: Sendable {
    public var project: Project
    public var tree: CodeTree
    public var documents: [AnalysisDocument]
    /// Coders whose codings were read, sorted.
    public var coders: [String]
    /// Differences between front matter and `Attributes.csv`.
    public var conflicts: [AttributeConflict]

    /// Loads the project. `coders` empty: every coder with a codings file; `documents` empty:
    /// every document (ids compared case-insensitively). `codings: false` reads no codings files.
    /// `loaded`: the project's transcripts already loaded by the caller (e.g. `kader status`),
    /// used instead of reading them again; documents missing from it are left out.
    /// - Throws: ``LoaderError``, ``StoreError`` for unreadable files; ``AnalysisError`` for a bad
    ///   `Attributes.csv`; ``ExportError/unknownCoder(name:available:)`` and
    ///   ``ExportError/unknownDocument(id:available:)`` for names that match nothing.
    public static func load(
        project: Project, coders: [CoderName] = [], documents: [DocumentID] = [], codings: Bool = true,
        loaded preloaded: [Document]? = nil
    ) throws -> AnalysisCorpus {
        let plan = try AnalysisPlan(
            project: project, coders: coders.map(\.rawValue), documents: documents.map(\.rawValue), codings: codings)
        var loaded: [Document] = []
        if let preloaded {
            let byId = Dictionary(preloaded.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            loaded = plan.paths.compactMap {
                byId[TranscriptLoader.documentId(forFileName: ($0 as NSString).lastPathComponent)]
            }
        } else {
            try DocumentBatchLoader(project: project).forEach(paths: plan.paths) { _, result in
                loaded.append(try result.get())
            }
        }
        let docs = loaded
        // Codings files are read and re-anchored on every core, each document by one worker.
        let results = Parallel.map(count: docs.count) { n in Result { try plan.prepare(docs[n]) } }
        var out: [AnalysisDocument] = []
        out.reserveCapacity(docs.count)
        var conflicts: [AttributeConflict] = []
        for r in results {
            let d = try r.get()
            conflicts += d.attributes.conflicts
            out.append(d)
        }
        return AnalysisCorpus(
            project: project, tree: CodeTree(project.codebook), documents: out, coders: plan.selected,
            conflicts: conflicts)
    }

    /// Every attribute name used by a document or speaker, sorted.
    public var attributeNames: [String] { documents.map(\.attributes).attributeNames }
}

/// What loading a corpus works out before reading any transcript: the checked coders and
/// documents, which codings files exist, `Attributes.csv`, and the transcripts to load; and the
/// preparation of each loaded document (run on the loading workers).
struct AnalysisPlan: Sendable {
    let root: URL
    /// Coders whose codings are read, sorted.
    let selected: [String]
    let filesByCoder: [String: Set<String>]
    let table: AttributesTable?
    /// Transcript paths to load, in project order.
    let paths: [String]

    /// - Throws: as ``AnalysisCorpus/load(project:coders:documents:codings:loaded:)`` before loading.
    init(project: Project, coders: [String], documents: [String], codings: Bool) throws {
        let ids = project.documentIds
        for d in documents where !ids.contains(where: { $0.lowercased() == d.lowercased() }) {
            throw ExportError.unknownDocument(id: d, available: ids)
        }
        let withFiles = CodingStore.coders(projectRoot: project.root).filter {
            !CodingStore.documentIds(projectRoot: project.root, coder: $0).isEmpty
        }
        for c in coders where !withFiles.contains(c) {
            throw ExportError.unknownCoder(name: c, available: withFiles)
        }
        root = project.root
        selected = codings ? withFiles.filter { coders.isEmpty || coders.contains($0) } : []
        filesByCoder = Dictionary(
            uniqueKeysWithValues: selected.map {
                ($0, Set(CodingStore.documentIds(projectRoot: project.root, coder: $0)))
            })
        table = try AttributesTable.load(projectRoot: project.root)
        let wanted = Set(documents.map { $0.lowercased() })
        paths = zip(project.transcriptPaths, ids).filter { wanted.isEmpty || wanted.contains($0.1.lowercased()) }
            .map(\.0)
    }

    /// `doc` with its attributes, codable segments and the selected coders' codings.
    /// - Throws: ``StoreError`` for an unreadable codings file.
    func prepare(_ doc: Document) throws -> AnalysisDocument {
        var index: [String: Int] = [:]
        index.reserveCapacity(doc.segments.count)
        for (i, s) in doc.segments.enumerated() where index[s.id] == nil { index[s.id] = i }
        var files: [CodingFile] = []
        var coderCodes: [CoderCodes] = []
        for coder in selected where filesByCoder[coder]?.contains(doc.id) == true {
            let file = try CodingStore.read(projectRoot: root, coder: coder, document: doc)
            files.append(file)
            coderCodes.append(CoderCodes(coder: coder, codes: CodingAccess.codes(of: file, segmentIndex: index)))
        }
        let resolved = table?.resolve(doc) ?? ResolvedAttributes(document: doc)
        let units = doc.segments.indices.filter { doc.segments[$0].codable }
        return AnalysisDocument(
            document: doc, attributes: resolved, units: units, coders: coderCodes, files: files, segmentIndex: index)
    }
}
