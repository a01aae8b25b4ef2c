import Testing

@testable import KaderTUI

/// Widths come from Kader's generated table, not from the C library, so they hold whatever the
/// process locale is (no test sets one).
@Suite struct DisplayWidthTests {
    @Test(arguments: [
        ("a", 1), ("é", 1), ("e\u{0301}", 1), ("ë", 1), ("’", 1), ("—", 1), ("\u{00AD}", 1),
        ("王", 2), ("芳", 2), ("한", 2), ("\u{FF71}", 1), ("\u{30A2}", 2), ("Ａ", 2), ("🎉", 2), ("👩‍🏫", 2), ("❤️", 2),
        ("\u{200B}", 0), ("\u{0301}", 0), ("\u{FE0F}", 0),
    ])
    func widthOfOneCharacter(_ text: String, _ width: Int) {
        #expect(DisplayWidth.of(text) == width, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
    }

    @Test func stringsAddUp() {
        #expect(DisplayWidth.of("Wij hebben één platform 🎉") == 26)
        #expect(DisplayWidth.of("王芳: ja") == 8)
    }

    @Test func tableIsSortedAndDisjoint() {
        let ranges = DisplayWidth.ranges
        #expect(ranges.count > 100)
        for (a, b) in zip(ranges, ranges.dropFirst()) {
            #expect(a.first <= a.last && a.last < b.first, "\(a) before \(b)")
        }
        #expect(ranges.allSatisfy { $0.width == 0 || $0.width == 2 })
    }
}
