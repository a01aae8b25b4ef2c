import Foundation

/// Builds a REFI-QDA project from a Kader project.
///
/// - every coder with codings becomes a `User` (GUID from the coder name);
/// - the codebook becomes nested `Code`s (GUID from the code id, `isCodable="true"`);
/// - each document becomes a `TextSource` named by its id (title in `Description`) whose
///   normalised text (LF line ends, UTF-8, no BOM) is `sources/<guid>.txt`;
/// - each coder's coding of a segment becomes one `PlainTextSelection` per quote span (the
///   segment for codes without a span; positions in UTF-16 code units of the LF text, as NVivo,
///   MAXQDA and ATLAS.ti index text, `creatingUser` = the coder; the `Project` origin
///   ``origin`` says so, so Kader's import reads them back exactly),
///   holding one `Coding` per code quoted exactly there;
/// - memos become `Notes/Note`s: a code-on-segment memo referenced by `NoteRef` from its
///   `Coding`, a segment memo from a whole-segment selection without codings, a document memo
///   from the source, a code memo from the `Code`, a project memo from the `Project`
///   (`creationDateTime` = the memo's last change);
/// - the codebook name, code shortcut keys and each coder's done documents go into one
///   unreferenced note (``KaderProjectNote``) that Kader's import reads back.
///
/// All GUIDs derive from ids (``StableGUID``), so exporting twice gives the same GUIDs.
public enum QDPXExporter {
    /// The `Project` `origin` of Kader exports: names the position unit (see ``SourceText/detectReading(_:origin:)``).
    public static let origin = "Kader \(KaderInfo.version); \(SourceText.kaderOriginUnitMark)"
    public struct Summary: Sendable, Hashable {
        public var documents = 0
        public var coders: [String] = []
        public var selections = 0
        public var codings = 0
        public var notes = 0
    }

    /// The project model built one document at a time, so an export never holds more than one
    /// transcript: ``add(_:codings:)`` returns the document's `sources/` file for the archive and
    /// keeps its source and notes in ``project``; ``take(_:codings:)`` hands them out instead.
    public struct Builder {
        public private(set) var project: QDAProject
        public private(set) var summary = Summary()
        let date: String
        /// Notes handed out by ``take(_:codings:)`` (counted in the summary, not in ``project``).
        private var notesTaken = 0

        /// `coders` are every coder with codings (each becomes a `User`).
        public init(name: String, codebook: Codebook, coders: [String], date: String) {
            self.date = date
            project = QDAProject(name: name, origin: QDPXExporter.origin, creationDateTime: date)
            let sorted = Array(Set(coders)).sorted()
            project.users = sorted.map { QDAUser(guid: StableGUID.user($0), name: $0) }
            project.codes = QDACodebookXML.codes(from: codebook)
            summary.coders = sorted
        }

        /// Adds `doc` with the coding files of it in `codings` (others are ignored); returns the
        /// archive path and content of its text.
        public mutating func add(_ doc: Document, codings: [CodingFile]) -> (path: String, data: Data) {
            let guid = StableGUID.source(doc.id)
            var source = QDATextSource(
                guid: guid, name: doc.id, plainTextPath: "internal://\(guid).txt", description: doc.metadata.title,
                creationDateTime: date)
            let segments = Dictionary(doc.segments.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            let text = UTF16Offsets(doc.text)
            for file in codings.filter({ $0.document == doc.id }).sorted(by: { $0.coder < $1.coder }) {
                let user = StableGUID.user(file.coder)
                if let memo = file.memo, !memo.isEmpty {
                    let note = StableGUID.make("document-note", doc.id, file.coder)
                    project.notes.append(
                        QDANote(
                            guid: note, name: "Memo by \(file.coder) on \(doc.id)", creatingUser: user,
                            creationDateTime: date, text: memo))
                    source.noteRefs.append(note)
                }
                for c in file.codings {
                    guard let seg = segments[c.segment] else { continue }
                    add(c, of: file.coder, on: seg, in: doc.id, text: text, to: &source)
                }
            }
            project.sources.append(source)
            summary.documents += 1
            summary.notes = project.notes.count + notesTaken
            return ("sources/\(guid).txt", Data(doc.text.utf8))
        }

        /// Like ``add(_:codings:)``, but hands out the document's `TextSource` and the notes it made
        /// (in the order ``project`` would hold them) instead of keeping them.
        mutating func take(_ doc: Document, codings: [CodingFile]) -> (
            path: String, data: Data, source: QDATextSource, notes: [QDANote]
        ) {
            let before = project.notes.count
            let (path, data) = add(doc, codings: codings)
            let source = project.sources.removeLast()
            let notes = Array(project.notes[before...])
            project.notes.removeSubrange(before...)
            notesTaken += notes.count
            return (path, data, source, notes)
        }

        /// One selection per distinct range (each span, or the segment for codes without spans)
        /// holding a `Coding` per code quoted there; a code's memo is a note on its first
        /// `Coding`; the segment memo is a note on a selection of the whole segment without codes.
        mutating func add(
            _ c: SegmentCoding, of coder: String, on seg: Segment, in docId: String, text: UTF16Offsets,
            to source: inout QDATextSource
        ) {
            func u16(_ offset: Int) -> Int { text.utf16(offset) }
            let user = StableGUID.user(coder)
            var ranges: [QuoteSpan: [AppliedCode]] = [:]
            for a in c.applied {
                for r in a.spans.isEmpty
                    ? [QuoteSpan(start: seg.start, end: seg.end)]
                    : a.spans.map({ QuoteSpan(start: $0.start, end: $0.end) })
                {
                    ranges[r, default: []].append(a)
                }
            }
            var memoWritten: Set<String> = []
            for r in ranges.keys.sorted() {
                let tag = "\(r.start)-\(r.end)"
                var sel = QDASelection(
                    guid: StableGUID.make("selection", docId, coder, seg.id, tag), start: u16(r.start), end: u16(r.end),
                    creatingUser: user,
                    creationDateTime: c.created, modifiedDateTime: c.modified)
                for a in ranges[r] ?? [] {
                    var coding = QDACoding(
                        guid: StableGUID.make("coding", docId, coder, seg.id, a.code, tag),
                        codeGUID: StableGUID.code(a.code),
                        creatingUser: user, creationDateTime: c.created)
                    if let memo = a.memo, !memoWritten.contains(a.code) {
                        memoWritten.insert(a.code)
                        let note = StableGUID.make("coding-note", docId, coder, seg.id, a.code)
                        project.notes.append(
                            QDANote(
                                guid: note, name: "Memo by \(coder) on \(a.code) in \(docId) #\(seg.ordinal)",
                                creatingUser: user,
                                creationDateTime: c.modified, text: memo))
                        coding.noteRefs.append(note)
                    }
                    sel.codings.append(coding)
                }
                summary.codings += sel.codings.count
                summary.selections += 1
                source.selections.append(sel)
            }
            if let memo = c.memo, !memo.isEmpty {
                let note = StableGUID.make("note", docId, coder, seg.id)
                project.notes.append(
                    QDANote(
                        guid: note, name: "Memo by \(coder) on \(docId) #\(seg.ordinal)", creatingUser: user,
                        creationDateTime: c.modified, text: memo))
                var sel = QDASelection(
                    guid: StableGUID.make("selection", docId, coder, seg.id), start: u16(seg.start), end: u16(seg.end),
                    creatingUser: user,
                    creationDateTime: c.created, modifiedDateTime: c.modified)
                sel.noteRefs.append(note)
                summary.selections += 1
                source.selections.append(sel)
            }
        }

        /// Adds each coder's code memos as notes referenced from the codes (`coder` → code id → text).
        public mutating func addCodeMemos(_ memos: [String: [String: String]]) {
            var refs: [String: [String]] = [:]
            for coder in memos.keys.sorted() {
                for (id, text) in (memos[coder] ?? [:]).sorted(by: { $0.key < $1.key }) where !text.isEmpty {
                    let note = StableGUID.make("code-note", coder, id)
                    project.notes.append(
                        QDANote(
                            guid: note, name: "Code memo by \(coder) on \(id)", creatingUser: StableGUID.user(coder),
                            creationDateTime: date, text: text))
                    refs[StableGUID.code(id), default: []].append(note)
                }
            }
            func attach(_ codes: inout [QDACode]) {
                for i in codes.indices {
                    codes[i].noteRefs += refs[codes[i].guid] ?? []
                    attach(&codes[i].children)
                }
            }
            attach(&project.codes)
            summary.notes = project.notes.count + notesTaken
        }

        /// Adds each coder's project memo as a note referenced from the project (`coder` → memo).
        public mutating func addProjectMemos(_ memos: [String: ProjectMemo]) {
            for coder in memos.keys.sorted() {
                guard let m = memos[coder], !m.memo.isEmpty else { continue }
                let note = StableGUID.make("project-note", coder)
                project.notes.append(
                    QDANote(
                        guid: note, name: "Project memo by \(coder)", creatingUser: StableGUID.user(coder),
                        creationDateTime: m.modified ?? date, text: m.memo))
                project.noteRefs.append(note)
            }
            summary.notes = project.notes.count + notesTaken
        }
    }

    /// The project model and `sources/` files for documents already in memory (pure).
    public static func build(
        name: String, codebook: Codebook, documents: [Document], codings: [CodingFile], date: String
    )
        -> (project: QDAProject, files: [(path: String, data: Data)], summary: Summary)
    {
        var builder = Builder(name: name, codebook: codebook, coders: codings.map(\.coder), date: date)
        let files = documents.map { builder.add($0, codings: codings) }
        return (builder.project, files, builder.summary)
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
