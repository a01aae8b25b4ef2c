import Foundation
import Testing

@testable import KaderCore

/// Codebook name, shortcut keys and done documents through `.qdpx` (Kader's settings note), and
/// shortcut keys for codes that other tools' files add.
@Suite struct QDPXSettingsNoteTests {
    static let date = Date(timeIntervalSince1970: 1_780_000_000)

    func fresh() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("kader-note-\(UUID().uuidString.prefix(8))")
    }

    /// The fixture project with ann's focus group marked done, exported.
    func exported() throws -> (root: URL, archive: URL) {
        let root = try ExportFixture.make()
        let project = try Project(root: root)
        let doc = try project.loadDocument(path: "Transcripts/focusgroep-school-b.md")
        let store = try CodingStore(projectRoot: root, coder: "ann")
        try store.save(try store.load(document: doc).settingStatus(.done, document: doc))
        let url = root.appendingPathComponent("out.qdpx")
        _ = try QDPXExporter.export(project: project, to: url, date: Self.date)
        return (root, url)
    }

    @Test func codebookNameKeysAndDoneStatusRoundTrip() throws {
        let (root, archive) = try exported()
        defer { try? FileManager.default.removeItem(at: root) }
        let target = fresh()
        defer { try? FileManager.default.removeItem(at: target) }
        let report = try QDPXImporter.importArchive(archive, into: target)
        #expect(report.done == ["ann focusgroep-school-b"])
        let old = try Project(root: root)
        let new = try Project(root: target)
        #expect(new.codebook.name == old.codebook.name)
        let keys: (Codebook) -> [String] = { book in book.entries.map { "\($0.pathString)=\($0.code.shortcut ?? "-")" }
        }
        #expect(keys(new.codebook) == keys(old.codebook))
        // Code ids come back too (codings keep their ids), even where the name's slug differs.
        let ids: (Codebook) -> [String] = { book in book.entries.map { "\($0.pathString)=\($0.code.id)" } }
        #expect(ids(new.codebook) == ids(old.codebook))
        #expect(old.codebook.entries.contains { $0.code.id != Codebook.slug($0.code.name) })
        let doc = try new.loadDocument(path: "Transcripts/focusgroep-school-b.txt")
        let ann = try CodingStore.read(projectRoot: target, coder: "ann", document: doc)
        #expect(ann.status == .done && ann.doneSegments == doc.segments.filter(\.codable).map(\.id))
        let ben = try CodingStore.read(projectRoot: target, coder: "ben", document: doc)
        #expect(ben.status == .inProgress)
        // Into the project's copy without codings: the same status comes back.
        let copy = try ExportFixture.make(codings: false)
        defer { try? FileManager.default.removeItem(at: copy) }
        _ = try QDPXImporter.importArchive(archive, into: copy)
        let same = try Project(root: copy).loadDocument(path: "Transcripts/focusgroep-school-b.md")
        #expect(try CodingStore.read(projectRoot: copy, coder: "ann", document: same).status == .done)
    }

    @Test func theNoteIsOneUnreferencedNoteOtherToolsCanIgnore() throws {
        let (root, archive) = try exported()
        defer { try? FileManager.default.removeItem(at: root) }
        let model = try QDAProjectXML.read(try QDPXArchiveReader(url: archive).data("project.qde"), path: "p")
        let note = try #require(KaderProjectNote.find(in: model.notes))
        #expect(note.codebook == (try Project(root: root)).codebook.name)
        #expect(note.done == [StableGUID.user("ann"): [StableGUID.source("focusgroep-school-b")]])
        #expect(!model.noteRefs.contains(KaderProjectNote.guid))
        let text = try #require(model.notes.first { $0.guid == KaderProjectNote.guid }?.text)
        #expect(text.hasPrefix("Kader settings that REFI-QDA has no place for"))
        // Damaged JSON is ignored, not fatal.
        let damaged = QDANote(
            guid: KaderProjectNote.guid, name: nil, creatingUser: nil, creationDateTime: nil, text: "{")
        #expect(KaderProjectNote.find(in: [damaged]) == nil)
    }

    @Test func codesFromOtherToolsGetFreeShortcutKeys() throws {
        let root = try ExportFixture.make(codings: false)
        defer { try? FileManager.default.removeItem(at: root) }
        let before = try Project(root: root).codebook
        let used = Set(before.entries.compactMap(\.code.shortcut))
        let qdc = """
            <CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="MAXQDA 24"><Codes>
            <Code guid="\(StableGUID.make("t", "1"))" name="Nieuw" isCodable="true">
            <Code guid="\(StableGUID.make("t", "2"))" name="Nieuwer" isCodable="true"/></Code>
            </Codes></CodeBook>
            """
        let file = root.appendingPathComponent("extra.qdc")
        try qdc.write(to: file, atomically: true, encoding: .utf8)
        _ = try CodebookExchange.importQDC(file, into: root)
        let book = try Project(root: root).codebook
        let added = [book.entry(id: "nieuw")?.code.shortcut, book.entry(id: "nieuwer")?.code.shortcut]
        let free = Codebook.candidateKeys.map(String.init).filter { !used.contains($0) }
        #expect(added == [free[0], free[1]])
        // A key carried by Kader's note wins when free; a taken one falls back to the next free key.
        let taken = try #require(used.first)
        let merged = CodebookMerge.merge(
            [QDACode(guid: "G1", name: "X", isCodable: true), QDACode(guid: "G2", name: "Y", isCodable: true)],
            into: before, name: "b",
            keys: ["G1": free[3], "G2": taken])
        let x = merged.codebook.entry(id: "x")?.code.shortcut
        let y = merged.codebook.entry(id: "y")?.code.shortcut
        #expect(x == free[3] && y == free[0])
        // An id carried by Kader's note is kept when usable and free; else one is made.
        let named = CodebookMerge.merge(
            [
                QDACode(guid: "G3", name: "Z", isCodable: true), QDACode(guid: "G4", name: "W", isCodable: true),
                QDACode(guid: "G5", name: "V", isCodable: true),
            ],
            into: before, name: "b", ids: ["G3": "mijn-code", "G4": "met spatie", "G5": "mijn-code"])
        #expect(named.idsByGUID["G3"] == "mijn-code")
        #expect(named.idsByGUID["G4"] == "w")
        #expect(named.idsByGUID["G5"] == "mijn-code-2")
    }
}
