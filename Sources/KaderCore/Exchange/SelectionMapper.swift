import Foundation

/// How an exporting tool counted line ends in a source's plain text (the unit, scalars or
/// UTF-16 code units, is decided separately: ``OffsetUnit``).
public enum OffsetCounting: String, Sendable, Hashable {
    /// Line ends as one position (Kader, ATLAS.ti, QualCoder).
    case lineEndAsOne = "each line end counted as 1"
    /// The raw text's line ends, `\r\n` counted as 2 (NVivo and some MAXQDA exports).
    case crlfAsTwo = "CRLF counted as 2"
}

/// A source's text with its CRLF and astral-character positions, mapping selection offsets onto
/// Kader's normalised text (LF line ends, Unicode scalar offsets).
public struct SourceText: Sendable {
    /// The normalised text's scalars.
    public let scalars: [Unicode.Scalar]
    /// Raw (CRLF-as-two) offset of each `\r` that was followed by `\n`, ascending.
    let crlfRaw: [Int]
    /// Normalised scalar offset of each astral scalar (above U+FFFF: two UTF-16 units), ascending.
    let astral: [Int]
    /// UTF-16 offset of each astral scalar in the normalised text, and in the raw (CRLF) text.
    let astral16Normalised: [Int]
    let astral16Raw: [Int]

    /// `raw` is the decoded text before line ends were normalised (BOM already removed).
    public init(raw: String) {
        var out: [Unicode.Scalar] = []
        var crlf: [Int] = []
        var astral: [Int] = []
        var astral16Normalised: [Int] = []
        var astral16Raw: [Int] = []
        let r = Array(raw.unicodeScalars)
        var i = 0
        while i < r.count {
            if r[i].value > 0xFFFF {
                astral16Normalised.append(out.count + astral.count)
                astral16Raw.append(i + astral.count)
                astral.append(out.count)
            }
            if r[i] == "\r" {
                if i + 1 < r.count && r[i + 1] == "\n" {
                    crlf.append(i)
                    i += 1
                }
                out.append("\n")
            } else {
                out.append(r[i])
            }
            i += 1
        }
        scalars = out
        crlfRaw = crlf
        self.astral = astral
        self.astral16Normalised = astral16Normalised
        self.astral16Raw = astral16Raw
    }

    public var hasCRLF: Bool { !crlfRaw.isEmpty }
    /// True when the text has characters outside the Basic Multilingual Plane (emoji and the like),
    /// where UTF-16 and Unicode-scalar positions differ.
    public var hasAstral: Bool { !astral.isEmpty }
    public var rawCount: Int { scalars.count + crlfRaw.count }

    /// The text's length in positions read as `counting` and `unit`.
    public func length(_ counting: OffsetCounting, _ unit: OffsetUnit = .scalar) -> Int {
        scalars.count + (counting == .crlfAsTwo ? crlfRaw.count : 0) + (unit == .utf16 ? astral.count : 0)
    }

    /// `offset` counted as `counting` in `unit`s, as an offset into ``scalars`` (clamped to the
    /// text). A UTF-16 offset inside a surrogate pair maps to after the character.
    public func normalised(_ offset: Int, _ counting: OffsetCounting, _ unit: OffsetUnit = .scalar) -> Int {
        var n = offset
        if unit == .utf16 { n -= Self.countBefore(n, in: counting == .crlfAsTwo ? astral16Raw : astral16Normalised) }
        if counting == .crlfAsTwo { n -= Self.countBefore(n, in: crlfRaw) }
        return max(0, min(n, scalars.count))
    }

    /// How many entries `p` of the ascending `table` have `p + 1 < offset` (two-unit items wholly before it).
    static func countBefore(_ offset: Int, in table: [Int]) -> Int {
        var lo = 0
        var hi = table.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if table[mid] + 1 < offset { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// Decides how `selections` (counted in `unit`s) count line ends, with the reason: positions
    /// past the normalised end prove CRLF-as-2; otherwise selection names (the quoted text some
    /// tools write) decide; otherwise NVivo exports are taken as CRLF-as-2 and every other tool as
    /// line-end-as-1.
    public func detectCounting(_ selections: [QDASelection], origin: String?, unit: OffsetUnit = .scalar)
        -> (OffsetCounting, String)
    {
        guard hasCRLF else { return (.lineEndAsOne, "no CRLF line ends") }
        let oneEnd = length(.lineEndAsOne, unit)
        let twoEnd = length(.crlfAsTwo, unit)
        if selections.contains(where: { $0.end > oneEnd && $0.end <= twoEnd }) {
            return (.crlfAsTwo, "selections end past the text when CRLF counts as 1")
        }
        let named = selections.filter { !Fingerprint.collapseWhitespace($0.name ?? "").isEmpty }
        if !named.isEmpty {
            func score(_ c: OffsetCounting) -> Int {
                named.filter { sel in
                    let want = String(Fingerprint.collapseWhitespace(sel.name ?? "").prefix(40))
                    return Fingerprint.collapseWhitespace(
                        text(normalised(sel.start, c, unit)..<normalised(sel.end, c, unit))
                    )
                    .hasPrefix(want)
                }.count
            }
            let one = score(.lineEndAsOne)
            let two = score(.crlfAsTwo)
            if one != two {
                return one > two
                    ? (.lineEndAsOne, "selection names match the text") : (.crlfAsTwo, "selection names match the text")
            }
        }
        if (origin ?? "").lowercased().contains("nvivo") { return (.crlfAsTwo, "NVivo counts CRLF as 2") }
        return (.lineEndAsOne, "the default for \(origin ?? "unnamed tools")")
    }

    /// The normalised text of `range`.
    public func text(_ range: Range<Int>) -> String {
        var s = String.UnicodeScalarView()
        s.append(
            contentsOf: scalars[max(0, range.lowerBound)..<min(scalars.count, max(range.lowerBound, range.upperBound))])
        return String(s)
    }
}

/// Maps a range of a document's text onto the segments it covers.
public enum SelectionMapper {
    /// One covered segment, with a span (the exact cut) unless the selection covers the whole
    /// segment; a cut holding only whitespace is no hit.
    public struct Hit: Sendable, Hashable {
        public var segment: Segment
        public var span: QuoteSpan?
    }

    /// The segments overlapping `start..<end` (normalised Unicode scalar offsets), in order.
    public static func hits(_ start: Int, _ end: Int, in document: Document, scalars: [Unicode.Scalar]) -> [Hit] {
        var out: [Hit] = []
        for seg in document.segments where start < seg.end && end > seg.start {
            let a = max(start, seg.start)
            let b = min(end, seg.end)
            let (ta, tb) = trimmed(a, b, scalars)
            guard ta < tb else { continue }
            let full = a == seg.start && b == seg.end
            out.append(Hit(segment: seg, span: full ? nil : QuoteSpan(start: a, end: b)))
        }
        return out
    }

    static func trimmed(_ a: Int, _ b: Int, _ scalars: [Unicode.Scalar]) -> (Int, Int) {
        var a = a
        var b = b
        while a < b && scalars[a].properties.isWhitespace { a += 1 }
        while b > a && scalars[b - 1].properties.isWhitespace { b -= 1 }
        return (a, b)
    }
}
