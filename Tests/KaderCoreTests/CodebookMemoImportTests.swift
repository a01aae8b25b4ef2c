import Foundation
import Testing

@testable import KaderCore

/// `kader codebook import FILE.qdc` reads back the coders' code memos that `codebook export`
/// writes into the descriptions.
@Suite struct CodebookMemoImportTests {
    static let memos: [String: [String: String]] = [
        "ann": [
            "werkdruk":
                "Let op: \"werkdruk\" overlapt met welbevinden.\n\nTweede alinea.\nExample: geen voorbeeld, een memo.",
            "didactiek": "Kort.",
        ],
        "bob": ["werkdruk": "Memo van bob <met> & tekens."],
    ]

    @Test func codeMemosComeBackIdentical() throws {
        let root = try ExportFixture.make(codings: false)
        defer { try? FileManager.default.removeItem(at: root) }
        for (coder, m) in Self.memos { try CodeMemoFile.save(m, projectRoot: root, coder: coder) }
        let book = try Project(root: root).codebook
        let qdc = try CodebookExchange.export(
            book, format: .qdc, codeMemos: CodeMemoFile.loadAll(projectRoot: root).memos)
        let file = root.appendingPathComponent("export.qdc")
        try qdc.write(to: file)

        // A fresh project: the codebook and every memo come back, byte for byte.
        let fresh = FileManager.default.temporaryDirectory.appendingPathComponent(
            "kader-qdc-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: fresh) }
        try FileManager.default.createDirectory(
            at: fresh.appendingPathComponent("Transcripts"), withIntermediateDirectories: true)
        let r = try CodebookExchange.importQDC(file, into: fresh)
        #expect(r.created && r.codeMemos == ["ann": 2, "bob": 1] && r.codeMemosKept == 0)
        for coder in ["ann", "bob"] {
            #expect(try CodeMemoFile.load(projectRoot: fresh, coder: coder) == Self.memos[coder])
            let a = try Data(contentsOf: CodeMemoFile.url(projectRoot: root, coder: coder))
            let b = try Data(contentsOf: CodeMemoFile.url(projectRoot: fresh, coder: coder))
            #expect(a == b)
        }
        // The definitions do not take in the memos.
        let imported = try #require(try Project(root: fresh).codebook.entry(id: "werkdruk")?.code)
        let original = try #require(book.entry(id: "werkdruk")?.code)
        #expect(imported.description == original.description && imported.example == original.example)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: fresh.path).sorted() == [
                "Codebooks", "Codings", "Transcripts",
            ])

        // Into the project it came from: nothing to add, nothing replaced.
        let again = try CodebookExchange.importQDC(file, into: root)
        #expect(again.added.isEmpty && again.codeMemos.isEmpty && again.codeMemosKept == 0)

        // A coder's own different memo is kept and the file's memo counted as left out.
        try CodeMemoFile.save(["werkdruk": "Eigen memo."], projectRoot: fresh, coder: "bob")
        let third = try CodebookExchange.importQDC(file, into: fresh)
        #expect(third.codeMemosKept == 1 && third.codeMemos.isEmpty)
        #expect(try CodeMemoFile.load(projectRoot: fresh, coder: "bob") == ["werkdruk": "Eigen memo."])
    }

    @Test func memoParagraphsAreSplitByCoder() {
        let text =
            "Definitie.\n\nInclusion: ja.\n\nMemo by ann: een\n\ntwee\n\nMemo by bob: drie\n\nMemo by de groep: vier"
        #expect(QDACodebookXML.memos(in: text) == ["ann": "een\n\ntwee", "bob": "drie\n\nMemo by de groep: vier"])
        #expect(
            QDACodebookXML.fields(of: text).description == "Definitie."
                && QDACodebookXML.fields(of: text).inclusion == "ja.")
        #expect(QDACodebookXML.memos(in: "Memo by de groep: vier").isEmpty)
    }
}
