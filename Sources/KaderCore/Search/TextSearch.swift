import Foundation

/// Text search over segments, optionally case- and accent-insensitive.
///
/// Matches are reported as Unicode scalar offsets relative to the searched text, so they can be
/// added to ``Segment/start`` to get document offsets.
public struct TextSearch: Sendable, Hashable {
    public var query: String
    /// Ignore case and diacritics (`e` finds `é`, `ë`; `Ä` finds `a`).
    public var insensitive: Bool

    public init(query: String, insensitive: Bool = true) {
        self.query = query
        self.insensitive = insensitive
    }

    /// Scalar ranges of every non-overlapping match of the query in `text`.
    public func matches(in text: String) -> [Range<Int>] {
        let needle = Self.units(query, insensitive)
        guard !needle.isEmpty else { return [] }
        let hay = Self.units(text, insensitive)
        var result: [Range<Int>] = []
        var i = 0
        while i + needle.count <= hay.count {
            var ok = true
            for j in 0..<needle.count where hay[i + j].folded != needle[j].folded {
                ok = false
                break
            }
            if ok {
                result.append(hay[i].offset..<hay[i + needle.count - 1].end)
                i += needle.count
            } else {
                i += 1
            }
        }
        return result
    }

    /// True if `text` contains the query.
    public func isFound(in text: String) -> Bool { !matches(in: text).isEmpty }

    struct Unit {
        var folded: Unicode.Scalar
        var offset: Int
        var end: Int
    }

    /// The text as comparable scalars with their original offsets; combining marks are dropped
    /// when folding, so `é` written as `e` + U+0301 still matches `e`.
    static func units(_ text: String, _ insensitive: Bool) -> [Unit] {
        var out: [Unit] = []
        var offset = 0
        for s in text.unicodeScalars {
            defer { offset += 1 }
            if !insensitive {
                out.append(Unit(folded: s, offset: offset, end: offset + 1))
                continue
            }
            if s.properties.generalCategory == .nonspacingMark, !out.isEmpty {
                out[out.count - 1].end = offset + 1
                continue
            }
            let folded = String(s).folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
            for (k, f) in folded.unicodeScalars.enumerated() {
                out.append(Unit(folded: f, offset: offset, end: offset + 1))
                _ = k
            }
        }
        return out
    }

    /// `text` folded for comparisons (case and accents removed).
    public static func fold(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
    }
}
