import Foundation

/// Progress per coder and document, for `kader status`.
public struct ProjectStatus: Sendable {
    public struct Row: Sendable, Hashable {
        public var coder: String
        public var document: String
        /// Nil when the file could not be read (see ``problem``).
        public var status: CodingStatus?
        /// Segments with at least one code.
        public var coded: Int
        /// Codable segments of the transcript; nil when the transcript is missing or unreadable.
        public var codable: Int?
        /// Latest `modified` time of any coding (ISO 8601), nil when there is none.
        public var lastChange: String?
        /// Why this row needs attention (damaged file, missing transcript, orphans, review,
        /// segments added after the document was marked done), or nil.
        public var problem: String?
        /// Ordinals of the codable segments that appeared after this coder marked the document
        /// done (``CodingFile/segmentsAddedAfterDone(in:)``): missing data until they are coded
        /// or the document is marked done again.
        public var addedAfterDone: [Int] = []
    }

    /// One row per coder (with a folder in `Codings/`) and document (transcripts, plus codings
    /// files whose transcript is gone), sorted by coder then document.
    public var rows: [Row]

    /// Transcripts that cannot be loaded (path relative to the project, the loader's sentence),
    /// whether or not anyone has coded them.
    public var unloadable: [(path: String, message: String)] = []

    /// The transcripts that loaded, in project order (for callers that need them too, such as
    /// the attribute table of `kader status`, so they are not read twice).
    public var documents: [Document] = []

    /// True when some row has a problem or a transcript cannot be loaded.
    public var needsAttention: Bool { rows.contains { $0.problem != nil } || !unloadable.isEmpty }

    /// Reads every coder's files (without locks; nothing is written).
    public static func gather(project: Project, loader: TranscriptLoader? = nil) -> ProjectStatus {
        let documents = ProjectDocuments(project: project, loader: loader)
        var pairs: [(coder: String, document: String)] = []
        for coder in CodingStore.coders(projectRoot: project.root) {
            let ids = Set(documents.ids).union(CodingStore.documentIds(projectRoot: project.root, coder: coder))
                .sorted()
            pairs += ids.map { (coder, $0) }
        }
        // Each row reads and re-anchors one codings file: on every core, in order.
        let work = pairs
        let rows = Parallel.map(count: work.count) { i in
            row(project: project, coder: work[i].coder, documentId: work[i].document, documents: documents)
        }
        var unloadable: [(path: String, message: String)] = []
        for (path, id) in zip(project.transcriptPaths, project.documentIds) {
            if case .failure(let error) = documents.document(id) {
                unloadable.append((path, error.localizedDescription))
            }
        }
        let loaded = project.documentIds.compactMap { id -> Document? in
            if case .success(let d) = documents.document(id) { return d }
            return nil
        }
        return ProjectStatus(rows: rows, unloadable: unloadable, documents: loaded)
    }

    static func row(project: Project, coder: String, documentId id: String, documents: ProjectDocuments) -> Row {
        var row = Row(coder: coder, document: id, status: .notStarted, coded: 0)
        let loaded = documents.document(id)
        if case .success(let doc) = loaded { row.codable = doc.codableSegmentCount }
        if case .some(.failure) = loaded { row.problem = "the transcript cannot be loaded" }
        let url = CodingStore.fileURL(projectRoot: project.root, coder: CoderName(coder), documentId: DocumentID(id))
        guard FileManager.default.fileExists(atPath: url.path) else {
            if CodingStore.orphanJournalRecords(url) != nil {
                row.status = nil
                row.problem = "file gone, changes in journal"
            }
            return row
        }
        let file: CodingFile
        do {
            file = try CodingStore.readFile(url)
        } catch {
            row.status = nil
            row.problem = (error as? StoreError).map(Self.shortProblem) ?? "cannot be read"
            return row
        }
        row.status = file.status
        row.lastChange = (file.codings + (file.orphans ?? [])).map(\.modified).max()
        switch loaded {
        case .none:
            row.coded = file.codings.filter { !$0.codes.isEmpty }.count
            row.problem = "the transcript is missing"
        case .some(.failure):
            row.coded = file.codings.filter { !$0.codes.isEmpty }.count
            row.problem = "the transcript cannot be loaded"
        case .some(.success(let doc)):
            let (anchored, _) = file.reanchored(to: doc)
            row.coded = anchored.codings.filter { !$0.codes.isEmpty }.count
            let orphans = anchored.orphans?.count ?? 0
            let review = anchored.codings.filter { $0.review == true }.count
            row.addedAfterDone = anchored.segmentsAddedAfterDone(in: doc).map(\.ordinal)
            var parts: [String] = []
            if orphans > 0 { parts.append("\(orphans) orphaned") }
            if review > 0 { parts.append("\(review) to review") }
            if !row.addedAfterDone.isEmpty {
                let list =
                    row.addedAfterDone.prefix(8).map(String.init).joined(separator: ", ")
                    + (row.addedAfterDone.count > 8 ? ", …" : "")
                parts.append("\(row.addedAfterDone.count) new since done (segments \(list))")
            }
            if !parts.isEmpty { row.problem = parts.joined(separator: ", ") }
        }
        return row
    }

    static func shortProblem(_ e: StoreError) -> String {
        switch e {
        case .damaged(_, let l, let c, _): return "damaged at line \(l), column \(c)"
        case .unknownSchema(_, let v): return "unknown schema \(v)"
        default: return "cannot be read"
        }
    }
}

/// The project's transcripts, loaded once, by document id.
struct ProjectDocuments: @unchecked Sendable {
    let ids: [String]
    private let loaded: [String: Result<Document, Error>]

    init(project: Project, loader: TranscriptLoader?) {
        ids = project.documentIds
        var map: [String: Result<Document, Error>] = [:]
        DocumentBatchLoader(project: project, loader: loader).forEach { path, result in
            map[TranscriptLoader.documentId(forFileName: (path as NSString).lastPathComponent)] = result
        }
        loaded = map
    }

    /// Nil when the project has no transcript with this id.
    func document(_ id: String) -> Result<Document, Error>? { loaded[id] }
}
