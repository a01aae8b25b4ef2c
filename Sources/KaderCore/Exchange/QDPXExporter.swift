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

    /// The project model and `sources/` files (pure).
    public static func build(name: String, codebook: Codebook, documents: [Document], codings: [CodingFile], date: String)
        -> (project: QDAProject, files: [(path: String, data: Data)], summary: Summary) {
        var project = QDAProject(name: name, origin: "Kader \(KaderInfo.version)", creationDateTime: date)
        var summary = Summary()
        let coders = Array(Set(codings.map(\.coder))).sorted()
        project.users = coders.map { QDAUser(guid: StableGUID.user($0), name: $0) }
        project.codes = QDACodebookXML.codes(from: codebook)
        var files: [(path: String, data: Data)] = []
        for doc in documents {
            let guid = StableGUID.source(doc.id)
            var source = QDATextSource(guid: guid, name: doc.id, plainTextPath: "internal://\(guid).txt", description: doc.metadata.title,
                                       creationDateTime: date)
            files.append(("sources/\(guid).txt", Data(doc.text.utf8)))
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
        }
        summary.documents = documents.count
        summary.coders = coders
        summary.notes = project.notes.count
        return (project, files, summary)
    }

    /// Exports `project` with every coder to `url` (written atomically).
    /// - Throws: ``LoaderError``, ``StoreError`` reading the project; ``ExchangeError/io(path:detail:)`` writing.
    public static func export(project: Project, to url: URL, date: Date = Date()) throws -> Summary {
        let (documents, files) = try QuoteCollection.loadAll(project: project)
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        let name = project.root.lastPathComponent
        let built = build(name: name, codebook: project.codebook, documents: documents, codings: files, date: f.string(from: date))
        try QDPXArchiveWriter.write(projectXML: QDAProjectXML.write(built.project), files: built.files, to: url, date: date)
        return built.summary
    }
}

/// Facts about this build of Kader that exports record.
public enum KaderInfo {
    public static let version = "0.1.0"
}
