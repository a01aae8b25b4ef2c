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
    /// Cost: linear in `text` (Knuth–Morris–Pratt over the folded scalars) with memory linear in
    /// the query and the matches, so a search stays fast on a segment of any length.
    public func matches(in text: String) -> [Range<Int>] {
        var result: [Range<Int>] = []
        scan(text) {
            result.append($0)
            return true
        }
        return result
    }

    /// True if `text` contains the query (stops at the first match).
    public func isFound(in text: String) -> Bool {
        var found = false
        scan(text) { _ in
            found = true
            return false
        }
        return found
    }

    /// Calls `report` with each non-overlapping match, in order, until it returns false.
    func scan(_ text: String, _ report: (Range<Int>) -> Bool) {
        let needle = Self.units(query, insensitive).map(\.folded)
        let m = needle.count
        guard m > 0 else { return }
        // Failure function of the needle.
        var fail = [Int](repeating: 0, count: m)
        var k = 0
        var i = 1
        while i < m {
            while k > 0 && needle[i] != needle[k] { k = fail[k - 1] }
            if needle[i] == needle[k] { k += 1 }
            fail[i] = k
            i += 1
        }
        var starts = [Int](repeating: 0, count: m)  // offsets of the last m units (ring buffer)
        var seen = 0
        var q = 0
        var offset = 0
        var pending: (start: Int, end: Int)?  // a match whose end combining marks may still extend
        var pendingEndsLast = false
        var stopped = false
        func flush() {
            if let p = pending, !stopped, !report(p.start..<p.end) { stopped = true }
            pending = nil
        }
        func feed(_ f: Unicode.Scalar) {
            pendingEndsLast = false
            starts[seen % m] = offset
            seen += 1
            while q > 0 && needle[q] != f { q = fail[q - 1] }
            if needle[q] == f { q += 1 }
            if q == m {
                flush()
                pending = (starts[(seen - m) % m], offset + 1)
                pendingEndsLast = true
                q = 0
            }
        }
        for s in text.unicodeScalars {
            defer { offset += 1 }
            if insensitive && seen > 0 && !s.isASCII && s.properties.generalCategory == .nonspacingMark {
                // The mark joins the last unit; so does a match that ends with that unit.
                if pendingEndsLast { pending?.end = offset + 1 }
                continue
            }
            flush()
            if stopped { return }
            if !insensitive {
                feed(s)
            } else if s.isASCII {
                feed(s.value >= 65 && s.value <= 90 ? Unicode.Scalar(UInt8(s.value + 32)) : s)
            } else {
                for f in Self.fold(s) { feed(f) }
            }
        }
        flush()
    }

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
            for f in fold(s) { out.append(Unit(folded: f, offset: offset, end: offset + 1)) }
        }
        return out
    }

    /// One scalar folded: ASCII directly, others through Foundation's folding.
    static func fold(_ s: Unicode.Scalar) -> [Unicode.Scalar] {
        if s.isASCII {
            let v = s.value
            return [v >= 65 && v <= 90 ? Unicode.Scalar(UInt8(v + 32)) : s]
        }
        return Array(
            String(s).folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
                .unicodeScalars)
    }

    /// `text` folded for comparisons (case and accents removed).
    public static func fold(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
    }
}
