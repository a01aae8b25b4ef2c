import Foundation
import Testing

@testable import KaderCore

/// The byte rows of `kader segments`' table equal the `String` reference (padding by
/// `Character` count, previews cut by `Character`s) on awkward text.
@Suite struct SegmentTableRowsTests {
    static let pieces = [
        "hallo", "wereld", "é", "e\u{301}", "\t", "  ", "\n", "\r\n", "\u{01}", "\u{7F}", "\u{85}", "\u{A0}",
        "\u{AD}", "中文", "😀", "👍🏽", "👨‍👩‍👧", "\u{200D}", "\u{2026}", "€", "\u{3000}", "ʰ", "\u{2FF}", "\u{300}", "🇧🇪",
        "\"", "\\", "한국어", "\u{1100}\u{1161}", "x", "ab", "…",
    ]

    /// Pieces whose scalars are all simple or whitespace (the fast path's ground).
    static let simplePieces = [
        "hallo", "é", "\t", "  ", "\n", "\r\n", "\u{01}", "\u{7F}", "\u{85}", "\u{A0}", "\u{AD}", "\u{2026}", "€",
        "\u{3000}", "ʰ", "\u{2FF}", "\"", "\\", "x", "ab", "café", "—",
    ]

    /// Deterministic pseudo-random text made of `pieces`.
    static func text(_ seed: Int, length: Int, from pieces: [String] = pieces) -> String {
        var state = UInt64(truncatingIfNeeded: seed) &* 0x9E37_79B9_7F4A_7C15 | 1
        var out = ""
        for _ in 0..<length {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            out += pieces[Int(state % UInt64(pieces.count))]
        }
        return out
    }

    @Test func previewOnBytesMatchesTheReference() {
        var fast = 0
        for seed in 0..<4000 {
            let text = Self.text(seed, length: seed % 90, from: seed % 2 == 0 ? Self.pieces : Self.simplePieces)
            var out = JSONBytes()
            var copy = Substring(text)
            if copy.withUTF8({ SegmentTableRows.appendPreview($0, into: &out) }) {
                fast += 1
                #expect(
                    String(decoding: out.bytes, as: UTF8.self) == SegmentTableRows.preview(Substring(text)),
                    "\(text.debugDescription)")
            } else {
                #expect(out.count == 0)
            }
        }
        #expect(fast > 1000)
        for n in 55...66 {
            for text in [
                String(repeating: "b", count: n), String(repeating: "é", count: n) + "\u{301}",
                String(repeating: "b", count: n - 2) + " \u{E9}", "  " + String(repeating: "ab ", count: n / 3) + "\t",
            ] {
                var out = JSONBytes()
                var copy = Substring(text)
                if copy.withUTF8({ SegmentTableRows.appendPreview($0, into: &out) }) {
                    #expect(String(decoding: out.bytes, as: UTF8.self) == SegmentTableRows.preview(Substring(text)))
                }
            }
        }
    }

    /// Every simple scalar stays one `Character` next to other simple scalars.
    @Test func simpleScalarsNeverJoin() {
        let neighbours: [UInt32] = [0x00, 0x01, 0x09, 0x20, 0x41, 0x7F, 0x85, 0xA0, 0xAD, 0xE9, 0x2FF, 0x2026, 0x20AC]
        var checked = 0
        for v in UInt32(0)...0x20CF where SegmentTableRows.isSimple(v) {
            guard let s = Unicode.Scalar(v) else { continue }
            for w in neighbours {
                guard let n = Unicode.Scalar(w) else { continue }
                var a = String.UnicodeScalarView()
                a.append(s)
                a.append(n)
                var b = String.UnicodeScalarView()
                b.append(n)
                b.append(s)
                #expect(String(a).count == 2, "U+\(String(v, radix: 16)) U+\(String(w, radix: 16))")
                #expect(String(b).count == 2, "U+\(String(w, radix: 16)) U+\(String(v, radix: 16))")
                checked += 1
            }
        }
        #expect(checked > 800 * neighbours.count)
    }

    @Test func rowsMatchTheReference() throws {
        var lines: [String] = []
        for (i, speaker) in ["Anna", "Zoë Ä", "李明", "👩‍🏫 Juf", "Moderator", "Gespreksleider Met Een Lange Naam"]
            .enumerated()
        {
            lines.append("\(speaker): \(Self.text(i, length: 40))")
            lines.append("[00:01:0\(i)] \(speaker): \(Self.text(i + 7, length: 5))")
            lines.append("")
        }
        let doc = try TranscriptLoader().load(
            data: Data(lines.joined(separator: "\n").utf8), path: "t.txt", id: "t", format: .plainText)
        #expect(doc.segments.count >= 6)
        var cache = SegmentTableRows.CellCache()
        for s in doc.segments {
            var out = JSONBytes()
            SegmentTableRows.append(s, into: &out, cache: &cache)
            let reference = SegmentTableRows.row([
                String(s.ordinal), s.id, s.speaker ?? "—", (s.role ?? "—") + (s.codable ? "" : "*"),
                String(s.start), String(s.end), s.timestamp ?? "", SegmentTableRows.preview(s.textSlice),
            ])
            #expect(String(decoding: out.bytes, as: UTF8.self) == reference)
        }
    }

    @Test func blocksComeOutInOrder() {
        var all: [UInt8] = []
        ParallelBlocks.write(
            count: 1000, block: 7, workers: 3,
            format: { range, out in
                for i in range { out.raw("\(i),") }
            }, to: { all.append(contentsOf: $0) })
        #expect(String(decoding: all, as: UTF8.self) == (0..<1000).map { "\($0)," }.joined())
    }
}
