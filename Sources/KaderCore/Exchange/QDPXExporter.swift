import Foundation

/// Builds a REFI-QDA project from a Kader project.
///
/// - every coder with codings becomes a `User` (GUID from the coder name);
/// - the codebook becomes nested `Code`s (GUID from the code id, `isCodable="true"`);
/// - each document becomes a `TextSource` named by its id (title in `Description`) whose
///   normalised text (LF line ends, UTF-8, no BOM) is `sources/<guid>.txt`;
/// - each coder's coding of a segment becomes a `PlainTextSelection` at the span, else the
///   segment (Unicode scalar offsets, `creatingUser` = the coder), holding one `Coding` per code;
/// - memos become `Notes/Note`s referenced by `NoteRef` from the selection (or the source, for a
///   document memo).
///
/// All GUIDs derive from ids (``StableGUID``), so exporting twice gives the same GUIDs.
public enum QDPXExporter {
    public struct Summary: Sendable, Hashable {
        public var documents = 0
        public var coders: [String] = []
        public var selections = 0
        public var codings = 0
        public var notes = 0
    }

    /// The project model built one document at a time, so an export never holds more than one
    /// transcript: ``add(_:codings:)`` returns the document's `sources/` file for the archive.
    public struct Builder {
        public private(set) var project: QDAProject
        public private(set) var summary = Summary()
        let date: String

        /// `coders` are every coder with codings (each becomes a `User`).
        public init(name: String, codebook: Codebook, coders: [String], date: String) {
            self.date = date
            project = QDAProject(name: name, origin: "Kader \(KaderInfo.version)", creationDateTime: date)
            let sorted = Array(Set(coders)).sorted()
            project.users = sorted.map { QDAUser(guid: StableGUID.user($0), name: $0) }
            project.codes = QDACodebookXML.codes(from: codebook)
            summary.coders = sorted
        }

        /// Adds `doc` with the coding files of it in `codings` (others are ignored); returns the
        /// archive path and content of its text.
        public mutating func add(_ doc: Document, codings: [CodingFile]) -> (path: String, data: Data) {
            let guid = StableGUID.source(doc.id)
            var source = QDATextSource(guid: guid, name: doc.id, plainTextPath: "internal://\(guid).txt", description: doc.metadata.title,
                                       creationDateTime: date)
            let segments = Dictionary(doc.segments.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            for file in codings.filter({ $0.document == doc.id }).sorted(by: { $0.coder < $1.coder }) {
                let user = StableGUID.user(file.coder)
                if let memo = file.memo, !memo.isEmpty {
                    let note = StableGUID.make("document-note", doc.id, file.coder)
                    project.notes.append(QDANote(guid: note, name: "Memo by \(file.coder) on \(doc.id)", creatingUser: user, creationDateTime: date, text: memo))
                    source.noteRefs.append(note)
                }
                for c in file.codings {
                    guard let seg = segments[c.segment] else { continue }
                    let range = c.span.map { ($0.start, $0.end) } ?? (seg.start, seg.end)
                    var sel = QDASelection(
                        guid: StableGUID.make("selection", doc.id, file.coder, seg.id), start: range.0, end: range.1, creatingUser: user,
                        creationDateTime: c.created, modifiedDateTime: c.modified)
                    sel.codings = c.codes.map { code in
                        QDACoding(guid: StableGUID.make("coding", doc.id, file.coder, seg.id, code), codeGUID: StableGUID.code(code),
                                  creatingUser: user, creationDateTime: c.created)
                    }
                    if let memo = c.memo, !memo.isEmpty {
                        let note = StableGUID.make("note", doc.id, file.coder, seg.id)
                        project.notes.append(QDANote(guid: note, name: "Memo by \(file.coder) on \(doc.id) #\(seg.ordinal)", creatingUser: user,
                                                     creationDateTime: c.modified, text: memo))
                        sel.noteRefs.append(note)
                    }
                    summary.codings += sel.codings.count
                    summary.selections += 1
                    source.selections.append(sel)
                }
            }
            project.sources.append(source)
            summary.documents += 1
            summary.notes = project.notes.count
            return ("sources/\(guid).txt", Data(doc.text.utf8))
        }
    }

    /// The project model and `sources/` files for documents already in memory (pure).
    public static func build(name: String, codebook: Codebook, documents: [Document], codings: [CodingFile], date: String)
        -> (project: QDAProject, files: [(path: String, data: Data)], summary: Summary) {
        var builder = Builder(name: name, codebook: codebook, coders: codings.map(\.coder), date: date)
        let files = documents.map { builder.add($0, codings: codings) }
        return (builder.project, files, builder.summary)
    }

    /// Exports `project` with every coder to `url` (written atomically). Documents are loaded,
    /// written to the archive and dropped one at a time.
    /// - Throws: ``LoaderError``, ``StoreError`` reading the project; ``ExchangeError/io(path:detail:)`` writing.
    public static func export(project: Project, to url: URL, date: Date = Date()) throws -> Summary {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        let coders = CodingStore.coders(projectRoot: project.root).filter {
            !CodingStore.documentIds(projectRoot: project.root, coder: $0).isEmpty
        }
        var builder = Builder(name: project.root.lastPathComponent, codebook: project.codebook, coders: [], date: f.string(from: date))
        var writer = try QDPXArchiveWriter(to: url, date: date)
        do {
            var used: Set<String> = []
            try DocumentBatchLoader(project: project).forEach { _, result in
                let doc = try result.get()
                var files: [CodingFile] = []
                for coder in coders {
                    let codingURL = CodingStore.fileURL(projectRoot: project.root, coder: coder, documentId: doc.id)
                    guard FileManager.default.fileExists(atPath: codingURL.path) else { continue }
                    files.append(try CodingStore.read(projectRoot: project.root, coder: coder, document: doc))
                    used.insert(coder)
                }
                let (entry, data) = builder.add(doc, codings: files)
                try writer.add(path: entry, data: data)
            }
            builder.setUsers(Array(used))
            try writer.finish(projectXML: QDAProjectXML.write(builder.project))
        } catch {
            writer.abandon()
            throw error
        }
        return builder.summary
    }
}

extension QDPXExporter.Builder {
    /// Replaces the users with `coders` (for exports that learn the coders as they go).
    mutating func setUsers(_ coders: [String]) {
        let sorted = Array(Set(coders)).sorted()
        project.users = sorted.map { QDAUser(guid: StableGUID.user($0), name: $0) }
        summary.coders = sorted
    }
}

/// Facts about this build of Kader that exports record.
public enum KaderInfo {
    public static let version = "0.1.0"
}
