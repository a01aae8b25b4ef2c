import KaderCore
import Testing

@testable import KaderTUI

/// ``CodingDiff/commonEnds(_:_:)``: the byte comparison it tries first must never call two
/// different codings equal, and equal codings held in other strings must still count as equal.
@Suite struct CodingDiffTests {
    static func coding(_ i: Int, codes: [String] = ["werkdruk"], memo: String? = nil) -> SegmentCoding {
        SegmentCoding(
            segment: SegmentID("s\(i)"), ordinal: i, fingerprint: "f\(i)", codes: codes, memo: memo,
            created: "2026-03-12T10:00:00Z", modified: "2026-03-12T10:00:00Z")
    }

    static let list = (0..<40).map { coding($0) }

    @Test func equalListsShareEverything() {
        #expect(CodingDiff.commonEnds(Self.list, Self.list).prefix == 40)
        #expect(CodingDiff.commonEnds([], Self.list) == (0, 0))
        #expect(CodingDiff.commonEnds(Self.list, []) == (0, 0))
        // Equal codings built again (other string storage, other bytes) are still equal.
        let rebuilt = (0..<40).map { Self.coding($0) }
        #expect(CodingDiff.commonEnds(Self.list, rebuilt).prefix == 40)
    }

    @Test func aChangedInsertedOrRemovedCodingIsFound() {
        var changed = Self.list
        changed[17].codes = ["werkdruk", "didactiek"]
        #expect(CodingDiff.commonEnds(Self.list, changed) == (17, 22))
        var memo = Self.list
        memo[3].memo = "kort"
        #expect(CodingDiff.commonEnds(Self.list, memo) == (3, 36))
        var review = Self.list
        review[39].review = true
        #expect(CodingDiff.commonEnds(Self.list, review) == (39, 0))
        var inserted = Self.list
        inserted.insert(Self.coding(100), at: 5)
        #expect(CodingDiff.commonEnds(Self.list, inserted) == (5, 35))
        var removed = Self.list
        removed.remove(at: 0)
        #expect(CodingDiff.commonEnds(Self.list, removed) == (0, 39))
        // The same segment id with other fields is a change, not a match.
        var moved = Self.list
        moved[20].ordinal = 99
        #expect(CodingDiff.commonEnds(Self.list, moved) == (20, 19))
    }
}
