import Foundation

/// A UTF-8 byte buffer for writing JSON and text output without per-character strings.
///
/// Strings are escaped as `JSONEncoder` does with `.withoutEscapingSlashes` (`\"`, `\\`, `\b`,
/// `\f`, `\n`, `\r`, `\t`, other C0 controls as `\u00XX`; everything else raw UTF-8), so output
/// matches the encoder byte for byte. ``flush(to:)`` hands the bytes to a sink (e.g. standard
/// output) and empties the buffer, so a caller can stream large output in chunks.
public struct JSONBytes: Sendable {
    public private(set) var bytes: [UInt8] = []

    public init(capacity: Int = 1 << 20) { bytes.reserveCapacity(capacity) }

    /// Bytes buffered so far.
    public var count: Int { bytes.count }

    public mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    public mutating func raw(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    public mutating func raw(_ text: Substring) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// Bytes as they are.
    public mutating func raw(_ p: UnsafeBufferPointer<UInt8>) { bytes.append(contentsOf: p) }

    public mutating func byte(_ b: UInt8) { bytes.append(b) }

    /// Drops the bytes after the first `count` (`count` at most ``count``).
    public mutating func truncate(to count: Int) { bytes.removeSubrange(count...) }

    public mutating func spaces(_ n: Int) {
        if n > 0 { bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: n)) }
    }

    /// A decimal integer.
    public mutating func int(_ v: Int) {
        if v >= 0 && v < 10 {
            bytes.append(UInt8(ascii: "0") + UInt8(v))
            return
        }
        raw(String(v))
    }

    public mutating func bool(_ v: Bool) { v ? raw("true") : raw("false") }

    /// `text` as a quoted, escaped JSON string.
    public mutating func string(_ text: String) {
        var text = text
        text.withUTF8 { quoted($0) }
    }

    /// `text` as a quoted, escaped JSON string.
    public mutating func string(_ text: Substring) {
        var text = text
        text.withUTF8 { quoted($0) }
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    /// True when one of the 8 bytes of `w` is a C0 control, a quote or a backslash (exact: the bit tricks
    /// answer whether such a byte exists, not where).
    @inline(__always)
    private static func needsEscape(_ w: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let below20 = (w &- ones &* 0x20) & ~w
        let q = w ^ (ones &* 0x22)
        let quote = (q &- ones) & ~q
        let b = w ^ (ones &* 0x5C)
        let backslash = (b &- ones) & ~b
        return (below20 | quote | backslash) & highs != 0
    }

    private mutating func quoted(_ src: UnsafeBufferPointer<UInt8>) {
        bytes.append(UInt8(ascii: "\""))
        guard let base = src.baseAddress else {
            bytes.append(UInt8(ascii: "\""))
            return
        }
        let n = src.count
        var run = 0
        var i = 0
        while i < n {
            // Whole words without anything to escape are skipped.
            while i + 8 <= n && !Self.needsEscape(UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)) {
                i += 8
            }
            if i >= n { break }
            let b = base[i]
            guard b < 0x20 || b == 0x22 || b == 0x5C else {
                i += 1
                continue
            }
            if run < i { bytes.append(contentsOf: UnsafeBufferPointer(start: base + run, count: i - run)) }
            run = i + 1
            i += 1
            bytes.append(UInt8(ascii: "\\"))
            switch b {
            case 0x22: bytes.append(0x22)
            case 0x5C: bytes.append(0x5C)
            case 0x08: bytes.append(UInt8(ascii: "b"))
            case 0x0C: bytes.append(UInt8(ascii: "f"))
            case 0x0A: bytes.append(UInt8(ascii: "n"))
            case 0x0D: bytes.append(UInt8(ascii: "r"))
            case 0x09: bytes.append(UInt8(ascii: "t"))
            default:
                bytes.append(contentsOf: [
                    UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), Self.hex[Int(b >> 4)],
                    Self.hex[Int(b & 0xF)],
                ])
            }
        }
        if run < n { bytes.append(contentsOf: UnsafeBufferPointer(start: base + run, count: n - run)) }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Appends already-encoded pretty JSON `data`, indenting every non-empty line after the first
    /// by `indent` spaces (for nesting a `JSONEncoder` fragment).
    public mutating func nested(_ data: Data, indent: Int) {
        var lineStart = false
        for b in data {
            if lineStart && b != 0x0A { spaces(indent) }
            bytes.append(b)
            lineStart = b == 0x0A
        }
    }

    /// Passes the buffered bytes to `sink` and empties the buffer (keeping its capacity).
    public mutating func flush(to sink: (UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
        guard !bytes.isEmpty else { return }
        try bytes.withUnsafeBufferPointer { try sink($0) }
        bytes.removeAll(keepingCapacity: true)
    }
}
