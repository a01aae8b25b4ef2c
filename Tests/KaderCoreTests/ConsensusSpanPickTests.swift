import Foundation
import Testing

@testable import KaderCore

/// Reconcile's per-code span pick: the consensus coding of a code takes A's spans, B's spans,
/// both, or the whole segment.
@Suite struct ConsensusSpanPickTests {
    static let segment = Segment(
        id: "s1", ordinal: 1, speaker: "Mieke", role: "leerkracht", start: 100, end: 200, text: "", fingerprint: "f")

    static func coding(_ applied: [AppliedCode]) -> SegmentCoding {
        SegmentCoding(
            segment: "s1", ordinal: 1, fingerprint: "f", applied: applied, segmentStart: 100, created: "t",
            modified: "t")
    }

    static let a = coding([
        AppliedCode(code: "werkdruk", spans: [QuoteSpan(start: 100, end: 120, text: "a1")], memo: "memo A"),
        AppliedCode(code: "didactiek", spans: [QuoteSpan(start: 150, end: 160, text: "a2")]),
    ])
    static let b = coding([
        AppliedCode(
            code: "werkdruk",
            spans: [QuoteSpan(start: 110, end: 130, text: "b1"), QuoteSpan(start: 170, end: 180, text: "b2")]),
        AppliedCode(code: "didactiek"),
    ])
    static let coders: [(name: String, coding: SegmentCoding?)] = [("ann", a), ("bob", b)]

    func merged(_ picks: [String: ConsensusCoding.SpanPick]) -> SegmentCoding {
        ConsensusCoding.merge(
            codes: ["werkdruk", "didactiek"], memo: nil, coders: Self.coders, segment: Self.segment,
            created: "t", modified: "t", spanPicks: picks)
    }

    func ranges(_ c: SegmentCoding, _ code: String) -> [String] {
        (c.applied(code)?.spans ?? []).map { "\($0.start)-\($0.end)" }
    }

    @Test func spansSideBySide() {
        let each = ConsensusCoding.spans(of: "werkdruk", coders: Self.coders, segment: Self.segment)
        #expect(each.map(\.coder) == ["ann", "bob"])
        #expect(each.map { $0.spans.map(\.start) } == [[100], [110, 170]])
        #expect(
            ConsensusCoding.spans(of: "didactiek", coders: Self.coders, segment: Self.segment).map { $0.spans.count }
                == [1, 0])
        #expect(ConsensusCoding.spans(of: "welbevinden", coders: Self.coders, segment: Self.segment).isEmpty)
    }

    @Test func picksPerCode() {
        let both = merged([:])
        #expect(ranges(both, "werkdruk") == ["100-120", "110-130", "170-180"])
        #expect(ranges(both, "didactiek") == ["150-160"])
        let ann = merged(["werkdruk": .coder("ann"), "didactiek": .coder("bob")])
        #expect(ranges(ann, "werkdruk") == ["100-120"])
        #expect(ranges(ann, "didactiek").isEmpty)  // bob applied it to the whole segment
        #expect(ann.applied("werkdruk")?.spans.first?.text == "a1" && ann.applied("werkdruk")?.memo == "memo A")
        let bob = merged(["werkdruk": .coder("bob"), "didactiek": .wholeSegment])
        #expect(ranges(bob, "werkdruk") == ["110-130", "170-180"] && ranges(bob, "didactiek").isEmpty)
        // A coder who did not apply the code: the pick does not apply.
        #expect(ranges(merged(["werkdruk": .coder("cas")]), "werkdruk") == ["100-120", "110-130", "170-180"])
        #expect(
            bob.segmentStart == 100
                && merged(["werkdruk": .wholeSegment, "didactiek": .wholeSegment]).segmentStart == nil)
    }
}
