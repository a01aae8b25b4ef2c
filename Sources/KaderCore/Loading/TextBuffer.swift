import Foundation

/// The UTF-8 bytes of a normalised document text (LF line endings only) with a line table that
/// maps byte offsets to **Unicode scalar offsets**, the unit of every offset in Kader.
///
/// Parsers work on bytes (ASCII fast paths) and convert to scalar offsets only at turn and
/// paragraph boundaries. The bytes must be valid UTF-8 (they come from a decoded `String`).
struct TextBuffer {
    let bytes: [UInt8]
    /// Byte offset of the first byte of each line. A line ends at the next `\n` (excluded).
    let lineStartByte: [Int]
    /// Scalar offset of the first scalar of each line.
    let lineStartScalar: [Int]
    /// Number of Unicode scalars in the text.
    let scalarCount: Int

    init(bytes: [UInt8]) {
        self.bytes = bytes
        var starts: [Int] = [0]
        var scalarStarts: [Int] = [0]
        var continuation = 0
        let n = bytes.count
        bytes.withUnsafeBufferPointer { p in
            guard let base = p.baseAddress else { return }
            var i = 0
            while i < n {
                let end = memchr(base + i, 0x0A, n - i).map { UnsafeRawPointer($0) - UnsafeRawPointer(base) } ?? n
                continuation += Self.countContinuation(base, i, end)
                if end < n {
                    starts.append(end + 1)
                    scalarStarts.append(end + 1 - continuation)
                }
                i = end + 1
            }
        }
        if starts.count > 1 && starts.last == bytes.count {
            starts.removeLast()
            scalarStarts.removeLast()
        }
        lineStartByte = starts
        lineStartScalar = scalarStarts
        scalarCount = bytes.count - continuation
    }

    init(_ text: String) { self.init(bytes: Array(text.utf8)) }

    var lineCount: Int { lineStartByte.count }
    var isASCII: Bool { scalarCount == bytes.count }

    /// Byte offset of the `\n` ending line `l`, or the end of the text.
    func lineEndByte(_ l: Int) -> Int {
        l + 1 < lineStartByte.count ? lineStartByte[l + 1] - 1 : bytes.count
    }

    /// Scalar offset of byte offset `byte`, which must lie in line `line` (or at its end).
    /// Counts from whichever end of the line is nearer.
    func scalarOffset(byte: Int, line: Int) -> Int {
        if isASCII { return byte }
        let a = lineStartByte[line]
        let e = lineEndByte(line)
        if byte - a <= e - byte { return lineStartScalar[line] + Self.countScalars(bytes, a, byte) }
        let endScalar = line + 1 < lineStartScalar.count ? lineStartScalar[line + 1] - 1 : scalarCount
        return endScalar - Self.countScalars(bytes, byte, e)
    }

    /// Byte offset of scalar offset `scalar` (0...scalarCount).
    func byteOffset(scalar: Int) -> Int {
        if isASCII { return scalar }
        if scalar >= scalarCount { return bytes.count }
        var lo = 0
        var hi = lineStartScalar.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStartScalar[mid] <= scalar { lo = mid } else { hi = mid - 1 }
        }
        var b = lineStartByte[lo]
        var s = lineStartScalar[lo]
        return bytes.withUnsafeBufferPointer { p in
            while s < scalar {
                b += 1
                while b < p.count && p[b] & 0xC0 == 0x80 { b += 1 }
                s += 1
            }
            return b
        }
    }

    /// The text of bytes `a..<b`.
    func string(bytes a: Int, _ b: Int) -> String {
        bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[a..<b]), as: UTF8.self) }
    }

    /// The text of scalars `a..<b`.
    func string(scalars a: Int, _ b: Int) -> String {
        string(bytes: byteOffset(scalar: a), byteOffset(scalar: b))
    }

    static func countScalars(_ bytes: [UInt8], _ a: Int, _ b: Int) -> Int {
        guard a < b else { return 0 }
        return bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return 0 }
            return (b - a) - countContinuation(base, a, b)
        }
    }

    /// Number of UTF-8 continuation bytes in `base[a..<b]` (branch-free, vectorisable).
    @inline(__always)
    static func countContinuation(_ base: UnsafePointer<UInt8>, _ a: Int, _ b: Int) -> Int {
        var c = 0
        var j = a
        while j < b {
            c &+= Int(truncatingIfNeeded: (base[j] >> 6) == 2 ? 1 : 0)
            j += 1
        }
        return c
    }

    // MARK: scalars and whitespace on bytes

    /// The scalar starting at byte `i` and its length in bytes.
    @inline(__always)
    static func scalar(_ p: [UInt8], _ i: Int) -> (Unicode.Scalar, Int) {
        let b0 = UInt32(p[i])
        if b0 < 0x80 { return (Unicode.Scalar(UInt8(b0)), 1) }
        if b0 < 0xE0, i + 1 < p.count {
            return (Unicode.Scalar((b0 & 0x1F) << 6 | UInt32(p[i + 1] & 0x3F)) ?? "\u{FFFD}", 2)
        }
        if b0 < 0xF0, i + 2 < p.count {
            let v = (b0 & 0x0F) << 12 | UInt32(p[i + 1] & 0x3F) << 6 | UInt32(p[i + 2] & 0x3F)
            return (Unicode.Scalar(v) ?? "\u{FFFD}", 3)
        }
        if i + 3 < p.count {
            let v =
                (b0 & 0x07) << 18 | UInt32(p[i + 1] & 0x3F) << 12 | UInt32(p[i + 2] & 0x3F) << 6
                | UInt32(p[i + 3] & 0x3F)
            return (Unicode.Scalar(v) ?? "\u{FFFD}", 4)
        }
        return ("\u{FFFD}", 1)
    }

    /// Byte offset of the scalar that ends just before byte `i`.
    @inline(__always)
    static func previousScalarStart(_ p: [UInt8], _ i: Int) -> Int {
        var j = i - 1
        while j > 0 && p[j] & 0xC0 == 0x80 { j -= 1 }
        return j
    }

    /// Unicode whitespace (`Unicode.Scalar.Properties.isWhitespace`) for the scalar at byte `i`,
    /// with an ASCII fast path. Returns the scalar's byte length too.
    @inline(__always)
    static func whitespace(_ p: [UInt8], _ i: Int) -> (Bool, Int) {
        let b = p[i]
        if b < 0x80 { return (b == 0x20 || (b >= 0x09 && b <= 0x0D), 1) }
        let (s, len) = scalar(p, i)
        // Only U+0085, U+00A0, U+1680, U+2000–U+205F and U+3000 are non-ASCII whitespace.
        if b != 0xC2 && b != 0xE1 && b != 0xE2 && b != 0xE3 { return (false, len) }
        return (isNonASCIIWhitespace(s.value), len)
    }

    /// True for the non-ASCII code points with the Unicode White_Space property (what
    /// `Unicode.Scalar.Properties.isWhitespace` answers): U+0085, U+00A0, U+1680, U+2000–U+200A,
    /// U+2028, U+2029, U+202F, U+205F and U+3000.
    @inline(__always)
    static func isNonASCIIWhitespace(_ v: UInt32) -> Bool {
        v == 0x85 || v == 0xA0 || v == 0x1680 || (v >= 0x2000 && v <= 0x200A) || v == 0x2028 || v == 0x2029
            || v == 0x202F || v == 0x205F || v == 0x3000
    }

    /// Byte offset after the last non-whitespace scalar in `a..<b`, or nil if the range is blank.
    func contentEnd(_ a: Int, _ b: Int) -> Int? {
        var e = b
        while e > a {
            let s = Self.previousScalarStart(bytes, e)
            if !Self.whitespace(bytes, s).0 { return e }
            e = s
        }
        return nil
    }

    /// Byte offset of the first non-whitespace scalar in `a..<b` (or `b`).
    func contentStart(_ a: Int, _ b: Int) -> Int {
        var i = a
        while i < b {
            let (ws, len) = Self.whitespace(bytes, i)
            if !ws { return i }
            i += len
        }
        return b
    }
}
