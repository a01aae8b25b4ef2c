import Foundation
import Testing

@testable import KaderCore

/// Schema 2 through the exports, `.qdpx`, reconcile's consensus and the coder choice.
@Suite struct CodingModelExchangeTests {
    /// The export fixture plus, for ann, two quotes for one code and another quote for a second
    /// code in one segment, memos on codes on segments, and a code memo.
    static func project() throws -> (URL, Document) {
        let root = try ExportFixture.make()
        let project = try Project(root: root)
        let fg = try project.loadDocument(path: "Transcripts/focusgroep-school-b.md")
        let s = fg.segments[1]
        let store = try CodingStore(projectRoot: root, coder: "ann")
        var f = try store.load(document: fg)
        f = f.settingSpans(
            [QuoteSpan(start: s.start, end: s.start + 8), QuoteSpan(start: s.start + 10, end: s.start + 20)],
            code: "stroomlijning", on: s, at: "t")
        f = f.addingSpan(
            QuoteSpan(start: s.start + 4, end: s.start + 15), code: "veranderingsprocessen", on: s, at: "t")
        f = f.settingCodeMemo("twee citaten", code: "stroomlijning", on: s, at: "t")
        try store.save(f)
        try CodeMemoFile.save(["werkdruk": "Code memo van ann."], projectRoot: root, coder: "ann")
        return (root, fg)
    }

    @Test func quoteExportGivesOneRowPerCodeAndSpan() throws {
        let (root, fg) = try Self.project()
        defer { try? FileManager.default.removeItem(at: root) }
        var filter = QuoteFilter()
        filter.coders = ["ann"]
        let rows = try QuoteCollection.load(project: try Project(root: root), filter: filter).rows.filter {
            $0.segment == fg.segments[1].id
        }
        let s = fg.segments[1]
        #expect(
            rows.map { "\($0.codeId) \($0.start - s.start)-\($0.end - s.start)" }.sorted()
                == ["stroomlijning 0-8", "stroomlijning 10-20", "veranderingsprocessen 4-15"])
        #expect(rows.allSatisfy { $0.text == s.scalarText(from: $0.start, to: $0.end) && $0.isSpan })
        #expect(rows.first { $0.codeId == "stroomlijning" }?.memo == "twee citaten")
        let matrix = CodeMatrix.build(
            try QuoteCollection.load(project: try Project(root: root), filter: filter), by: .document)
        #expect(matrix.rows.first { $0.codeId == "stroomlijning" }?.totalCodings == 1)
    }

    @Test func qdpxRoundTripKeepsEverySelectionAndMemo() throws {
        let (root, fg) = try Self.project()
        defer { try? FileManager.default.removeItem(at: root) }
        let archive = root.appendingPathComponent("out.qdpx")
        let summary = try QDPXExporter.export(project: try Project(root: root), to: archive)
        #expect(summary.notes >= 5)
        let fresh = FileManager.default.temporaryDirectory.appendingPathComponent(
            "kader-rt-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: fresh) }
        let report = try QDPXImporter.importArchive(archive, into: fresh)
        #expect(report.unmatched.isEmpty && report.codeMemos == ["ann": 1])
        #expect(try CodeMemoFile.load(projectRoot: fresh, coder: "ann") == ["werkdruk": "Code memo van ann."])
        let old = try ExportFixture.codings(root)
        let new = try ExportFixture.codings(fresh)
        #expect(new == old, "the round trip changed codings")
        let c = try #require(new["ann/\(fg.id)"]?.first { $0.segment == fg.segments[1].id })
        #expect(c.applied("stroomlijning")?.spans.count == 2 && c.applied("stroomlijning")?.memo == "twee citaten")
        // Exported again, the archive has the same selections, selection for selection.
        let again = fresh.appendingPathComponent("again.qdpx")
        _ = try QDPXExporter.export(project: try Project(root: fresh), to: again)
        func selections(_ url: URL) throws -> [String] {
            let reader = try QDPXArchiveReader(url: url, limits: ArchiveLimits())
            let model = try QDAProjectXML.read(try reader.data("project.qde"), path: url.path)
            return model.sources.flatMap {
                $0.selections.map {
                    "\($0.start)-\($0.end) \($0.codings.map(\.codeGUID).sorted()) \($0.codings.map(\.noteRefs.count)) \($0.noteRefs.count)"
                }
            }.sorted()
        }
        #expect(try selections(again) == selections(archive))
    }

    @Test func consensusKeepsTheCodersSpansAndMemos() throws {
        let doc = try ReanchorTests.doc(ReanchorTests.turns)
        let s = doc.segments[0]
        let a = SegmentCoding(
            segment: SegmentID(s.id), ordinal: s.ordinal, fingerprint: s.fingerprint,
            applied: [
                AppliedCode(
                    code: "werkdruk", spans: [QuoteSpan(start: s.start + 3, end: s.start + 11, text: "werkdruk")],
                    memo: "avond")
            ],
            memo: "A's memo", segmentStart: s.start, created: "t", modified: "t")
        let b = SegmentCoding(
            segment: SegmentID(s.id), ordinal: s.ordinal, fingerprint: s.fingerprint,
            applied: [
                AppliedCode(
                    code: "werkdruk", spans: [QuoteSpan(start: s.start + 22, end: s.end, text: "elke avond nog mails.")]
                ),
                AppliedCode(code: "didactiek", memo: "B's code memo"),
            ],
            segmentStart: s.start, created: "t", modified: "t")
        let c = ConsensusCoding.merge(
            codes: ["werkdruk", "didactiek"], memo: "besluit", coders: [("ann", a), ("bart", b)], segment: s,
            created: "t", modified: "t2")
        #expect(c.applied("werkdruk")?.spans.map(\.start) == [s.start + 3, s.start + 22])
        #expect(c.applied("werkdruk")?.memo == "avond")
        #expect(c.applied("didactiek")?.memo == "B's code memo")
        #expect(c.memo == "besluit\n\nann: A's memo")
        // Merging again with the memo it wrote adds nothing.
        #expect(
            ConsensusCoding.merge(
                codes: ["werkdruk", "didactiek"], memo: c.memo, coders: [("ann", a), ("bart", b)], segment: s,
                created: "t", modified: "t2"
            ).memo == c.memo)
    }

    @Test func coderChoiceIsExplicitWhenSeveralCodersExist() throws {
        #expect(
            try CoderChoice.resolve(available: ["ann"], requested: [], all: false)
                == CoderChoice(coders: ["ann"], note: nil))
        #expect(
            try CoderChoice.resolve(available: ["ann", "bart", "consensus"], requested: [], all: false).coders == [
                "consensus"
            ])
        #expect(
            try CoderChoice.resolve(available: ["ann", "bart"], requested: [], all: true).coders == ["ann", "bart"])
        #expect(
            try CoderChoice.resolve(available: ["ann", "bart"], requested: ["bart"], all: false).note?.contains(
                "bart (as asked") == true)
        #expect(throws: ExportError.chooseCoders(available: ["ann", "bart", "demo-an"])) {
            try CoderChoice.resolve(available: ["demo-an", "ann", "bart"], requested: [], all: false)
        }
    }

    @Test func memosExportAndCodebookExportCarryCodeMemos() throws {
        let (root, _) = try Self.project()
        defer { try? FileManager.default.removeItem(at: root) }
        let project = try Project(root: root)
        let rows = try MemoExport.load(project: project)
        #expect(Set(rows.map(\.kind)) == ["document", "segment", "coding", "code"])
        let coding = try #require(rows.first { $0.kind == "coding" && $0.memo == "twee citaten" })
        #expect(coding.coder == "ann" && coding.quote?.contains(" … ") == true)
        #expect(rows.contains { $0.kind == "code" && $0.codeId == "werkdruk" && $0.memo == "Code memo van ann." })
        let memos = CodeMemoFile.loadAll(projectRoot: root).memos
        let qdc = String(
            decoding: try CodebookExchange.export(project.codebook, format: .qdc, codeMemos: memos), as: UTF8.self)
        #expect(qdc.contains("Memo by ann: Code memo van ann."))
        let md = String(
            decoding: try CodebookExchange.export(project.codebook, format: .md, codeMemos: memos), as: UTF8.self)
        #expect(md.contains("- **Memo (ann):** Code memo van ann."))
        // Read back, the memo paragraph is not part of the definition.
        let codes = try QDACodebookXML.readQDC(Data(qdc.utf8), path: "x.qdc")
        let werkdruk = codes.flatMap { $0.flattened.map(\.code) }.first {
            $0.name == project.codebook.entry(id: "werkdruk")?.code.name
        }
        #expect(QDACodebookXML.fields(of: werkdruk?.description).description?.contains("Memo by") != true)
    }
}
