import Crypto
import Foundation

/// Content hashes and fingerprints (SHA-256, via swift-crypto).
public enum Fingerprint {
    /// Lowercase hex SHA-256 of the UTF-8 bytes of `text`.
    public static func sha256Hex(_ text: String) -> String {
        hex(SHA256.hash(data: Data(text.utf8)))
    }

    /// 16 hex digits of the SHA-256 of `text` with runs of whitespace collapsed to one space
    /// and the ends trimmed, so re-wrapping a turn does not change its fingerprint.
    public static func ofSegmentText(_ text: String) -> String {
        let bytes = Array(text.utf8)
        return ofSegmentUTF8(bytes, 0, bytes.count)
    }

    /// ``ofSegmentText(_:)`` for the valid UTF-8 bytes `a..<b` of `bytes`.
    static func ofSegmentUTF8(_ bytes: [UInt8], _ a: Int, _ b: Int) -> String {
        String(hex(SHA256.hash(data: collapsedUTF8(bytes, a, b))).prefix(16))
    }

    /// Collapses runs of Unicode whitespace to single spaces and trims the ends.
    public static func collapseWhitespace(_ text: String) -> String {
        let bytes = Array(text.utf8)
        return String(decoding: collapsedUTF8(bytes, 0, bytes.count), as: UTF8.self)
    }

    /// ``collapseWhitespace(_:)`` on the valid UTF-8 bytes `a..<b`, returning UTF-8 bytes.
    /// Whitespace is `Unicode.Scalar.Properties.isWhitespace`, with an ASCII fast path.
    static func collapsedUTF8(_ bytes: [UInt8], _ a: Int, _ b: Int) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(b - a)
        var pendingSpace = false
        var i = a
        while i < b {
            let c = bytes[i]
            if c < 0x80 {
                if c == 0x20 || (c >= 0x09 && c <= 0x0D) {
                    pendingSpace = !out.isEmpty
                } else {
                    if pendingSpace { out.append(0x20); pendingSpace = false }
                    out.append(c)
                }
                i += 1
                continue
            }
            let (ws, len) = TextBuffer.whitespace(bytes, i)
            if ws {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(0x20); pendingSpace = false }
                out.append(contentsOf: bytes[i..<min(i + len, b)])
            }
            i += len
        }
        return out
    }

    /// Lowercase hex of a digest.
    public static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var bytes: [UInt8] = []
        for b in digest {
            bytes.append(digits[Int(b >> 4)])
            bytes.append(digits[Int(b & 0xF)])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
