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
        String(sha256Hex(collapseWhitespace(text)).prefix(16))
    }

    /// Collapses runs of Unicode whitespace to single spaces and trims the ends.
    public static func collapseWhitespace(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for s in text.unicodeScalars {
            if s.properties.isWhitespace {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(" ") }
                pendingSpace = false
                out.append(s)
            }
        }
        return String(out)
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
