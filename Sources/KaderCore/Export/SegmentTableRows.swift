/// The segment rows of `kader segments FILE` (the table), written as UTF-8 bytes.
///
/// A row is `#`, id, speaker, role, start, end, time and a text preview; every cell but the
/// last is padded with spaces to its column width, measured in `Character`s (at least one space
/// after each cell). Cells are not cleaned: control characters are written as they are.
/// The preview is the segment text with whitespace collapsed (``Fingerprint/collapseWhitespace(_:)``),
/// cut to 59 characters and `…` when it has more than 60.
///
/// Cells and previews made only of scalars that are each a `Character` of their own (see
/// ``isSimple(_:)``) are measured on their bytes; anything else goes through `String`, so the
/// output is the same either way.
public enum SegmentTableRows {
    /// Column widths in characters; 0 for the last column (not padded).
    static let widths = [4, 16, 18, 18, 7, 7, 10, 0]

    /// The header row.
    public static var header: String {
        row(["#", "id", "speaker", "role", "start", "end", "time", "text"])
    }

    /// Cells padded as the table pads them (the reference for ``append(_:into:cache:)``).
    public static func row(_ cells: [String]) -> String {
        var out = ""
        for (cell, w) in zip(cells, widths) {
            out += cell
            if w > 0 { out += String(repeating: " ", count: max(w - cell.count, 1)) }
        }
        return out
    }

    /// The last speaker and role cells written, with their padding worked out (consecutive rows
    /// mostly repeat them).
    public struct CellCache: Sendable {
        var speaker: String?
        var speakerPad = 0
        var role: String?
        var codable = true
        var rolePad = 0

        public init() {}
    }

    /// Appends the row of `s` (no newline).
    public static func append(_ s: Segment, into out: inout JSONBytes, cache: inout CellCache) {
        let ordinal = out.count
        out.int(s.ordinal)
        out.spaces(max(widths[0] - (out.count - ordinal), 1))
        cell(s.id, width: widths[1], into: &out)
        if s.speaker != cache.speaker || cache.speaker == nil {
            cache.speaker = s.speaker
            cache.speakerPad = max(widths[2] - characters(s.speaker ?? "—"), 1)
        }
        out.raw(s.speaker ?? "—")
        out.spaces(cache.speakerPad)
        if s.role != cache.role || cache.role == nil || s.codable != cache.codable {
            cache.role = s.role
            cache.codable = s.codable
            let role = s.role ?? "—"
            cache.rolePad = max(widths[3] - characters(s.codable ? role : role + "*"), 1)
        }
        out.raw(s.role ?? "—")
        if !s.codable { out.byte(UInt8(ascii: "*")) }
        out.spaces(cache.rolePad)
        let start = out.count
        out.int(s.start)
        out.spaces(max(widths[4] - (out.count - start), 1))
        let end = out.count
        out.int(s.end)
        out.spaces(max(widths[5] - (out.count - end), 1))
        cell(s.timestamp ?? "", width: widths[6], into: &out)
        var text = s.textSlice
        let done = text.withUTF8 { appendPreview($0, into: &out) }
        if !done { out.raw(preview(s.textSlice)) }
    }

    /// `text` and its padding to `width` characters.
    static func cell(_ text: String, width: Int, into out: inout JSONBytes) {
        out.raw(text)
        out.spaces(max(width - characters(text), 1))
    }

    /// `text.count`, counted on the bytes when every scalar is simple.
    static func characters(_ text: String) -> Int {
        var text = text
        return text.withUTF8 { simpleScalarCount($0) } ?? text.count
    }

    /// The number of scalars in valid UTF-8 `p` when each is ``isSimple(_:)``, else nil.
    static func simpleScalarCount(_ p: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = 0
        var n = 0
        while i < p.count {
            let (v, len) = scalar(p, i)
            guard isSimple(v) else { return nil }
            i += len
            n += 1
        }
        return n
    }

    /// True for scalars that never join a neighbour into one `Character` when the neighbour is
    /// simple too (grapheme break property Other or Control): U+0000–U+02FF but CR (U+000D),
    /// the punctuation U+2010–U+2027 and U+2030–U+205E, and the currency signs U+20A0–U+20CF.
    @inline(__always)
    static func isSimple(_ v: UInt32) -> Bool {
        (v < 0x300 && v != 0x0D) || (v >= 0x2010 && v <= 0x2027) || (v >= 0x2030 && v <= 0x205E)
            || (v >= 0x20A0 && v <= 0x20CF)
    }

    /// The scalar value at byte `i` of valid UTF-8 `p`, and its length in bytes.
    @inline(__always)
    static func scalar(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> (UInt32, Int) {
        let b0 = UInt32(p[i])
        if b0 < 0x80 { return (b0, 1) }
        if b0 < 0xE0 { return ((b0 & 0x1F) << 6 | UInt32(p[i + 1] & 0x3F), 2) }
        if b0 < 0xF0 {
            return ((b0 & 0x0F) << 12 | UInt32(p[i + 1] & 0x3F) << 6 | UInt32(p[i + 2] & 0x3F), 3)
        }
        return (
            (b0 & 0x07) << 18 | UInt32(p[i + 1] & 0x3F) << 12 | UInt32(p[i + 2] & 0x3F) << 6 | UInt32(p[i + 3] & 0x3F),
            4
        )
    }

    /// Appends ``preview(_:)`` of the valid UTF-8 text `p` when every scalar it keeps is simple
    /// and returns true; otherwise appends nothing and returns false. Reads only as far as the
    /// 61st kept scalar.
    static func appendPreview(_ p: UnsafeBufferPointer<UInt8>, into out: inout JSONBytes) -> Bool {
        let first = out.count
        var cut = first
        var kept = 0
        var pendingSpace = false
        var i = 0
        while i < p.count {
            let c = p[i]
            var len = 1
            if c < 0x80 {
                if c == 0x20 || (c >= 0x09 && c <= 0x0D) {
                    pendingSpace = kept > 0
                    i += 1
                    continue
                }
            } else {
                let (v, n) = scalar(p, i)
                len = n
                if TextBuffer.isNonASCIIWhitespace(v) {
                    pendingSpace = kept > 0
                    i += n
                    continue
                }
                if !isSimple(v) {
                    out.truncate(to: first)
                    return false
                }
            }
            if pendingSpace {
                pendingSpace = false
                out.byte(0x20)
                kept += 1
                if kept == 59 { cut = out.count }
                if kept == 61 { break }
            }
            out.raw(UnsafeBufferPointer(rebasing: p[i..<(i + len)]))
            kept += 1
            if kept == 59 { cut = out.count }
            if kept == 61 { break }
            i += len
        }
        if kept > 60 {
            out.truncate(to: cut)
            out.raw("…")
        }
        return true
    }

    /// The text with whitespace collapsed, cut to 59 characters and `…` when longer than 60.
    /// Only a prefix of the text is collapsed when that already decides the result.
    public static func preview(_ text: Substring) -> String {
        let prefixScalars = 256
        let scalars = text.unicodeScalars
        if let cut = scalars.index(scalars.startIndex, offsetBy: prefixScalars, limitedBy: scalars.endIndex),
            cut < scalars.endIndex
        {
            let head = Fingerprint.collapseWhitespace(String(text[..<cut]))
            if head.count > 60 { return String(head.prefix(59)) + "…" }
        }
        let all = Fingerprint.collapseWhitespace(String(text))
        return all.count > 60 ? String(all.prefix(59)) + "…" : all
    }
}
