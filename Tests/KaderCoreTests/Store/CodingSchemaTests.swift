import Foundation
import Testing

@testable import KaderCore

/// Schema 2: a quote per code, schema-1 migration, duplicate keys, span validation, spans that
/// follow their words, code memos that are data.
@Suite struct CodingSchemaTests {
    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The schema-1 shape of a schema-2 file: codes as a list of ids, one shared span
    /// (`spanSegmentStart`) per segment — what Kader wrote before schema 2.
    static func schema1(from data: Data) throws -> Data {
        var top = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        top["schema"] = 1
        func down(_ list: Any?) throws -> [[String: Any]]? {
            try (list as? [[String: Any]])?.map { c in
                var c = c
                let codes = (c["codes"] as? [[String: Any]]) ?? []
                c["codes"] = try codes.map { try #require($0["code"] as? String) }
                if let span = codes.compactMap({ ($0["spans"] as? [[String: Any]])?.first }).first {
                    c["span"] = ["start": try #require(span["start"]), "end": try #require(span["end"])]
                    c["spanSegmentStart"] = c["segmentStart"]
                }
                c["segmentStart"] = nil
                return c
            }
        }
        top["codings"] = try down(top["codings"])
        if let o = try down(top["orphans"]) { top["orphans"] = o }
        return try JSONSerialization.data(withJSONObject: top, options: [.prettyPrinted, .sortedKeys])
    }

    @Test func committedDemoCodingsMigrateFromSchema1WithoutLoss() throws {
        for coder in ["demo-an", "demo-bart"] {
            let url = Self.repoRoot.appendingPathComponent("Codings/\(coder)/focusgroep-school-a.json")
            let data = try Data(contentsOf: url)
            #expect(String(decoding: data, as: UTF8.self).contains("\"schema\" : 2"))
            let current = try CodingFile.decode(data, path: url.path)
            let old = try CodingFile.decode(try Self.schema1(from: data), path: "v1.json")
            #expect(old.schema == 1)
            #expect(old.codings.count == current.codings.count && old.codings.count > 100)
            var migrated = old
            migrated.schema = 2
            #expect(migrated == current)
            // Written back, a migrated file is exactly the committed schema-2 file.
            #expect(try old.encoded() == data)
        }
    }

    @Test func aSharedSchema1SpanGoesToEachCodeAndASpanWithoutCodesToTheMemo() throws {
        let v1 = """
            {"coder": "ann", "codings": [
              {"codes": ["didactiek", "werkdruk"], "created": "t", "fingerprint": "f1", "memo": "m", "modified": "t", "ordinal": 1,
               "segment": "s1", "span": {"end": 20, "start": 10}, "spanSegmentStart": 5},
              {"codes": [], "created": "t", "fingerprint": "f2", "modified": "t", "ordinal": 2, "segment": "s2", "span": {"end": 40, "start": 30}}
            ], "contentHash": "h", "document": "d", "schema": 1, "status": "in progress"}
            """
        let file = try CodingFile.decode(Data(v1.utf8), path: "d.json")
        let first = try #require(file.codings.first)
        #expect(first.codes == ["didactiek", "werkdruk"])
        #expect(first.applied.map { $0.spans.map { [$0.start, $0.end] } } == [[[10, 20]], [[10, 20]]])
        #expect(first.segmentStart == 5 && first.memo == "m")
        #expect(file.codings[1].memo?.contains("30–40") == true)
        let back = try CodingFile.decode(try file.encoded(), path: "d.json")
        #expect(back.schema == 2 && back.codings.map(\.applied) == file.codings.map(\.applied))
    }

    @Test func aSchema1FileIsMigratedOnFirstWriteOnly() throws {
        let root = try CodingStoreTests.tempProject()
        defer { try? FileManager.default.removeItem(at: root) }
        let doc = try CodingStoreTests.document()
        let url = CodingStore.fileURL(projectRoot: root, coder: "ann", documentId: DocumentID(doc.id))
        do {
            let store = try CodingStore(projectRoot: root, coder: "ann")
            try store.save(try store.load(document: doc).toggling(code: "werkdruk", on: doc.segments[1], at: "t"))
        }
        let v1 = try Self.schema1(from: try Data(contentsOf: url))
        try v1.write(to: url)
        let reopened = try CodingStore(projectRoot: root, coder: "ann")
        let file = try reopened.load(document: doc)
        #expect(try Data(contentsOf: url) == v1, "loading does not rewrite")
        #expect(file.codes(forSegment: doc.segments[1].id) == ["werkdruk"])
        try reopened.save(file.toggling(code: "didactiek", on: doc.segments[1], at: "t2"))
        let written = try CodingFile.decode(try Data(contentsOf: url), path: url.path)
        #expect(written.schema == 2 && written.codes(forSegment: doc.segments[1].id) == ["didactiek", "werkdruk"])
    }

    @Test func aNewerSchemaIsRefused() {
        let text =
            #"{"codings": [], "coder": "ann", "contentHash": "x", "document": "d", "schema": 3, "status": "done"}"#
        #expect(throws: StoreError.unknownSchema(path: "t.json", version: 3)) {
            try CodingFile.decode(Data(text.utf8), path: "t.json")
        }
    }

    @Test(arguments: [
        (
            #"{"codings": [], "codings": [], "coder": "ann", "contentHash": "x", "document": "d", "schema": 2, "status": "done"}"#,
            "codings", 17
        ),
        (
            #"{"codings": [], "coder": "ann", "coder": "bob", "contentHash": "x", "document": "d", "schema": 2, "status": "done"}"#,
            "coder", 33
        ),
        (
            "{\"codings\": [{\"codes\": [{\"code\": \"a\", \"code\": \"b\"}], \"created\": \"t\", \"fingerprint\": \"f\", \"modified\": \"t\", \"ordinal\": 1, \"segment\": \"s\"}],\n \"coder\": \"ann\", \"contentHash\": \"x\", \"document\": \"d\", \"schema\": 2, \"status\": \"done\"}",
            "code", 39
        ),
    ])
    func duplicateKeysAnywhereAreDamage(text: String, key: String, column: Int) {
        #expect(
            throws: StoreError.damaged(
                path: "t.json", line: 1, column: column, detail: "\"\(key)\" is given more than once in one object")
        ) {
            try CodingFile.decode(Data(text.utf8), path: "t.json")
        }
    }

    @Test func aSpanWithStartAfterEndIsDamageWithItsPosition() {
        let text = """
            {"codings": [{"codes": [{"code": "a",
              "spans": [{"end": 3, "start": 9}]}], "created": "t", "fingerprint": "f", "modified": "t", "ordinal": 1, "segment": "s"}],
             "coder": "ann", "contentHash": "x", "document": "d", "schema": 2, "status": "done"}
            """
        #expect(
            throws: StoreError.damaged(
                path: "t.json", line: 2, column: 13,
                detail: "a quote span with start 9 and end 3; a span needs 0 <= start < end")
        ) {
            try CodingFile.decode(Data(text.utf8), path: "t.json")
        }
    }

    @Test func aSpanPastItsSegmentIsClippedFlaggedAndReportedByCheck() throws {
        let (project, doc) = try CodebookEditsTests.project()
        defer { try? FileManager.default.removeItem(at: project.root) }
        let seg = doc.segments[1]
        var file = try CodingStore.read(projectRoot: project.root, coder: "ann", document: doc)
        let i = try #require(file.codings.firstIndex { $0.segment == seg.id })
        file.codings[i].applied[0].spans = [QuoteSpan(start: seg.end - 3, end: seg.end + 500, text: "zzz")]
        file.codings[i].segmentStart = seg.start
        try file.encoded().write(
            to: CodingStore.fileURL(projectRoot: project.root, coder: "ann", documentId: DocumentID(doc.id)))
        let loaded = try CodingStore.read(projectRoot: project.root, coder: "ann", document: doc)
        let c = try #require(loaded.coding(forSegment: seg.id))
        #expect(c.review == true)
        #expect(c.allSpans.allSatisfy { $0.start >= seg.start && $0.end <= seg.end && $0.start < $0.end })
        let kinds = ProjectCheck.run(project: project).findings.map(\.kind)
        #expect(kinds.contains(.spanOutsideSegment))
    }

    @Test func codeMemosAreDataNotDamage() throws {
        let (project, _) = try CodebookEditsTests.project()
        defer { try? FileManager.default.removeItem(at: project.root) }
        try CodeMemoFile.save(
            ["werkdruk": "Let op: \"werkdruk\" overlapt met welbevinden."], projectRoot: project.root, coder: "ann")
        #expect(ProjectCheck.run(project: project).findings.isEmpty)
        #expect(CodingStore.documentIds(projectRoot: project.root, coder: "ann") == ["fg"])
        let status = ProjectStatus.gather(project: project)
        #expect("\(status)".contains("code-memos") == false)
        #expect(try CodeMemoFile.load(projectRoot: project.root, coder: "ann")["werkdruk"]?.hasPrefix("Let op") == true)
        // A hand-damaged memo file is reported, naming the file.
        try Data(#"{"werkdruk": "a", "werkdruk": "b"}"#.utf8).write(
            to: CodeMemoFile.url(projectRoot: project.root, coder: "ann"))
        let findings = ProjectCheck.run(project: project).findings
        #expect(findings.map(\.path) == ["Codings/ann/code-memos.json"])
    }

    @Test func twoCodesKeepTwoQuotesAndTheirMemos() throws {
        let doc = try ReanchorTests.doc(ReanchorTests.turns)
        let seg = doc.segments[0]  // "De werkdruk is enorm, elke avond nog mails."
        var file = CodingFile(coder: "ann", document: DocumentID(doc.id), contentHash: doc.contentHash)
        file = file.settingSpans(
            [QuoteSpan(start: seg.start + 3, end: seg.start + 20)], code: "werkdruk", on: seg, at: "t")
        file = file.addingSpan(QuoteSpan(start: seg.start + 22, end: seg.end), code: "didactiek", on: seg, at: "t")
        file = file.settingCodeMemo("avondwerk", code: "didactiek", on: seg, at: "t")
        let c = try #require(file.coding(forSegment: seg.id))
        #expect(c.codes == ["didactiek", "werkdruk"])
        #expect(c.applied("werkdruk")?.spans.first?.text == "werkdruk is enorm")
        #expect(c.applied("didactiek")?.spans.first?.text == "elke avond nog mails.")
        #expect(c.applied("didactiek")?.memo == "avondwerk")
        let removed = file.removingSpan(
            QuoteSpan(start: seg.start + 3, end: seg.start + 20), code: "werkdruk", on: seg, at: "t")
        #expect(removed.coding(forSegment: seg.id)?.applied("werkdruk")?.spans == [])
        #expect(try CodingFile.decode(try file.encoded(), path: "x") == file)
    }

    @Test(arguments: [
        "Els: De  werkdruk is enorm, elke avond nog mails.", "Els: De werkdruk is enorm,  elke avond nog mails.",
        "Els: De werkdruk is enorm, elke  avond nog\tmails.",
    ])
    func aWhitespaceEditBeforeOrInsideTheQuoteIsFollowed(edited: String) throws {
        let old = try ReanchorTests.doc(ReanchorTests.turns)
        let seg = old.segments[0]
        var file = ReanchorTests.coded(old)
        // "elke avond nog mails."
        file = file.settingSpans([QuoteSpan(start: seg.start + 22, end: seg.end)], code: "c1", on: seg, at: "t")
        var turns = ReanchorTests.turns
        turns[0] = edited
        let new = try ReanchorTests.doc(turns)
        let (moved, report) = file.reanchored(to: new)
        let c = try #require(moved.coding(forSegment: new.segments[0].id))
        let span = try #require(c.applied("c1")?.spans.first)
        let quoted = new.segments[0].scalarText(from: span.start, to: span.end)
        #expect(Fingerprint.collapseWhitespace(quoted) == "elke avond nog mails.")
        #expect(span.text == quoted)
        #expect(c.review == nil)
        #expect(report.quotesFollowed == 1 && report.quotesFlagged == 0)
    }

    @Test func changedWordsUnderAQuoteAreFlaggedNeverSilentlyRequoted() throws {
        let old = try ReanchorTests.doc(ReanchorTests.turns)
        let seg = old.segments[0]
        var file = ReanchorTests.coded(old)
        file = file.settingSpans([QuoteSpan(start: seg.start + 22, end: seg.end)], code: "c1", on: seg, at: "t")
        var turns = ReanchorTests.turns
        turns[0] = "Els: De werkdruk is enorm, elke ochtend nog mails."
        let new = try ReanchorTests.doc(turns)
        let (moved, report) = file.reanchored(to: new)
        let c = try #require(moved.coding(forSegment: new.segments[0].id))
        #expect(c.review == true)
        #expect(report.quotesFlagged == 1)
    }
}
