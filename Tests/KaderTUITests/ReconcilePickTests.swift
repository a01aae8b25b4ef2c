import Foundation
import KaderCore
import Testing

@testable import KaderTUI

/// `p` in reconcile: per code, whose quote spans the consensus keeps, both coders' quotes shown
/// side by side, each pick saved through the consensus save path.
@Suite struct ReconcilePickTests {
    /// Segment 3 of the fixture: ann quotes its start for werkdruk, bart its end; ann also applies
    /// welbevinden to the whole segment.
    static func state() throws -> (ReconcileState, Segment) {
        let doc = try Fixtures.document()
        let seg = doc.segments.filter(\.codable)[1]
        func coding(_ applied: [AppliedCode]) -> SegmentCoding {
            SegmentCoding(
                segment: SegmentID(seg.id), ordinal: seg.ordinal, fingerprint: seg.fingerprint, applied: applied,
                segmentStart: seg.start, created: "t", modified: "t")
        }
        let a = QuoteSpan(start: seg.start, end: seg.start + 8).quoting(seg)
        let b = QuoteSpan(start: seg.end - 10, end: seg.end).quoting(seg)
        var item = ReconcileItem(
            documentId: doc.id, documentTitle: doc.title, segment: seg, first: ["werkdruk", "welbevinden"],
            second: ["werkdruk"], firstQuotes: ["werkdruk": a.text ?? ""], secondQuotes: ["werkdruk": b.text ?? ""])
        item.firstCoding = coding([AppliedCode(code: "werkdruk", spans: [a]), AppliedCode(code: "welbevinden")])
        item.secondCoding = coding([AppliedCode(code: "werkdruk", spans: [b])])
        let state = ReconcileState(
            firstCoder: "ann", secondCoder: "bart", consensusCoder: "consensus", codebook: Fixtures.codebook,
            items: [item])
        return (state, seg)
    }

    @Test func pickNeedsAResolutionThenSavesEachPick() throws {
        var (s, seg) = try Self.state()
        #expect(s.handle(key: .char("p")).isEmpty)
        #expect(s.message?.contains("Decide the codes first") == true)
        _ = s.handle(key: .char("a"))  // ann's codes: welbevinden, werkdruk
        #expect(s.handle(key: .char("p")).isEmpty)
        #expect(s.mode == .pick(code: 0))
        // welbevinden: bart did not apply it, so b is refused.
        #expect(s.handle(key: .char("b")).isEmpty)
        #expect(s.message?.contains("bart did not apply") == true)
        _ = s.handle(key: .char("j"))
        #expect(s.mode == .pick(code: 1))
        #expect(s.keptQuote(code: "werkdruk")?.contains(" … ") == true)  // both by default
        let effects = s.handle(key: .char("b"))
        let expected = Resolution(codes: ["welbevinden", "werkdruk"], picks: ["werkdruk": .coder("bart")])
        #expect(effects == [.save(item: 0, expected)])
        #expect(s.keptQuote(code: "werkdruk") == seg.scalarText(from: seg.end - 10, to: seg.end))
        #expect(
            s.handle(key: .char("w")) == [
                .save(item: 0, Resolution(codes: ["welbevinden", "werkdruk"], picks: ["werkdruk": .wholeSegment]))
            ])
        #expect(s.keptQuote(code: "werkdruk") == nil)
        #expect(s.handle(key: .char("u")) == [.save(item: 0, Resolution(codes: ["welbevinden", "werkdruk"]))])
        _ = s.handle(key: .char("a"))
        #expect(s.resolutions[0]?.picks == ["werkdruk": .coder("ann")])
        // Changing the codes keeps the picks of codes that stay.
        _ = s.handle(key: .escape)
        #expect(s.mode == .browse)
        #expect(
            s.handle(key: .char("b")) == [
                .save(item: 0, Resolution(codes: ["werkdruk"], picks: ["werkdruk": .coder("ann")]))
            ])
    }

    @Test func screenShowsBothCodersQuotesAndTheKeptOne() throws {
        DisplayWidth.prepareLocale()
        var (s, seg) = try Self.state()
        _ = s.handle(key: .char("a"))
        _ = s.handle(key: .char("p"))
        _ = s.handle(key: .char("j"))
        _ = s.handle(key: .char("b"))
        let screen = ReconcileView.render(s, width: 100, height: 30)
        try SnapshotTests().assertSnapshot(screen, "reconcile-pick-100x30")
        let text = screen.text
        #expect(text.contains("PICK QUOTES"))
        #expect(text.contains("keeps B's"))
        #expect(text.contains("(did not apply)"))
        #expect(text.contains("→ consensus: “" + seg.scalarText(from: seg.end - 10, to: seg.end) + "”"))
        #expect(text.contains("“" + seg.scalarText(from: seg.start, to: seg.start + 8) + "”"))
    }

    @Test func controllerSavesThePickAndReopensWithIt() throws {
        let root = try Fixtures.projectRoot()
        defer { try? FileManager.default.removeItem(at: root) }
        let project = try Project(root: root)
        let doc = try project.loadDocument(path: "Transcripts/focusgroep-een.md")
        let seg = doc.segments.filter(\.codable)[0]
        let spans = [
            "ann": QuoteSpan(start: seg.start, end: seg.start + 5),
            "bart": QuoteSpan(start: seg.start + 6, end: seg.start + 12),
        ]
        for (coder, codes) in [("ann", ["x"]), ("bart", ["x", "y"])] {
            let store = try CodingStore(projectRoot: root, coder: coder)
            var f = try store.load(document: doc).settingCodes(codes, on: seg, at: "t")
            f = f.settingSpans([spans[coder] ?? QuoteSpan(start: 0, end: 0)], code: "x", on: seg, at: "t")
            f.status = .done
            try store.save(f)
        }
        do {
            let store = try CodingStore(projectRoot: root, coder: "consensus")
            let c = try ReconcileController(project: project, first: "ann", second: "bart", store: store)
            c.handle(.char("a"))  // x
            c.handle(.char("p"))
            c.handle(.char("b"))  // bart's span for x
        }
        let file = try CodingStore.read(projectRoot: root, coder: "consensus", document: doc)
        #expect(file.coding(forSegment: seg.id)?.applied("x")?.spans.map(\.start) == [seg.start + 6])
        let store = try CodingStore(projectRoot: root, coder: "consensus")
        let c = try ReconcileController(project: project, first: "ann", second: "bart", store: store)
        #expect(c.state.resolutions[0]?.picks == ["x": .coder("bart")])
    }

    @Test func helpScrollsToThePickKeysOnA30RowScreen() throws {
        var (s, _) = try Self.state()
        _ = s.handle(key: .char("?"))
        var text = ReconcileView.render(s, width: 100, height: 30).text
        #expect(!text.contains("Keep only B's quotes for this code."))
        #expect(text.contains("j/k scroll"))
        for _ in 0..<20 { _ = s.handle(key: .char("j")) }
        text = ReconcileView.render(s, width: 100, height: 30).text
        #expect(text.contains("Keep only B's quotes for this code."))
        #expect(text.contains("Enter/Ctrl-S Save the edited codes"))  // keys never run into the text
        _ = s.handle(key: .escape)
        #expect(!s.showHelp)
    }
}
