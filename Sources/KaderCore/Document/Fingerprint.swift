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
        var scratch: [UInt8] = []
        return ofSegmentUTF8(bytes, a, b, scratch: &scratch)
    }

    /// ``ofSegmentUTF8(_:_:_:)`` reusing `scratch` for the collapsed text.
    static func ofSegmentUTF8(_ bytes: [UInt8], _ a: Int, _ b: Int, scratch: inout [UInt8]) -> String {
        let digest = bytes.withUnsafeBufferPointer { collapsedDigest($0, a, b, scratch: &scratch) }
        return hexPrefix(digest, digits: 16)
    }

    /// SHA-256 of the whitespace-collapsed form of the valid UTF-8 bytes `src[a..<b]` (what
    /// ``ofSegmentText(_:)`` hashes). Text that is already collapsed (single spaces between words,
    /// no other whitespace: most speaker turns) is hashed in place; other text is collapsed into
    /// `scratch` first.
    static func collapsedDigest(_ src: UnsafeBufferPointer<UInt8>, _ a: Int, _ b: Int, scratch: inout [UInt8])
        -> SHA256.Digest
    {
        guard let base = src.baseAddress, a < b else { return SHA256.hash(data: [UInt8]()) }
        if isCollapsed(base, a, b) {
            return sha256(UnsafeRawBufferPointer(start: base + a, count: b - a))
        }
        let n = b - a
        if scratch.count < n { scratch = [UInt8](repeating: 0, count: max(n, 4096)) }
        return scratch.withUnsafeMutableBufferPointer { dst in
            let k = collapseRaw(src, a, b, dst)
            return sha256(UnsafeRawBufferPointer(UnsafeMutableBufferPointer(rebasing: dst[0..<k])))
        }
    }

    /// SHA-256 of raw bytes, fed straight to the hasher.
    @inline(__always)
    static func sha256(_ bytes: UnsafeRawBufferPointer) -> SHA256.Digest {
        var h = SHA256()
        h.update(bufferPointer: bytes)
        return h.finalize()
    }

    /// True when `p[a..<b]` (non-empty, valid UTF-8) equals its whitespace-collapsed form: no
    /// whitespace at either end, and whitespace only as single U+0020 between other characters.
    @inline(__always)
    static func isCollapsed(_ p: UnsafePointer<UInt8>, _ a: Int, _ b: Int) -> Bool {
        if p[a] == 0x20 || p[b - 1] == 0x20 { return false }
        // A branch-free pass the compiler vectorises (no early exit, wrapping arithmetic): ASCII
        // whitespace other than a single space means not collapsed; no lead byte of non-ASCII
        // whitespace means collapsed.
        var hard: UInt8 = 0
        var soft: UInt8 = 0
        let bytes = UnsafeBufferPointer(start: p + a, count: b &- a)
        let next = UnsafeBufferPointer(start: p + (a &+ 1), count: b &- a &- 1)
        for (c, d) in zip(bytes, next) {
            hard |= (c &- 0x09 < 5 ? 1 : 0) | ((c == 0x20 ? 1 : 0) & (d == 0x20 ? 1 : 0))
            soft |= (c == 0xC2 ? 1 : 0) | (c &- 0xE1 < 3 ? 1 : 0)
        }
        let last = p[b - 1]
        hard |= last &- 0x09 < 5 ? 1 : 0
        if hard != 0 { return false }
        if soft == 0 { return true }
        return !containsNonASCIIWhitespace(p, a, b)
    }

    /// True when the valid UTF-8 `p[a..<b]` contains U+0085, U+00A0, U+1680, U+2000–U+205F
    /// whitespace or U+3000 (the only non-ASCII whitespace; their lead bytes are C2, E1, E2, E3,
    /// which continuation bytes never equal).
    static func containsNonASCIIWhitespace(_ p: UnsafePointer<UInt8>, _ a: Int, _ b: Int) -> Bool {
        var i = a
        while i < b {
            let c = p[i]
            if c == 0xC2 || c &- 0xE1 < 3 {
                let len = c >= 0xE0 ? 3 : 2
                if i + len <= b {
                    var v = UInt32(c) & (len == 2 ? 0x1F : 0x0F)
                    for j in 1..<len { v = v << 6 | UInt32(p[i + j] & 0x3F) }
                    if TextBuffer.isNonASCIIWhitespace(v) { return true }
                }
            }
            i &+= 1
        }
        return false
    }

    /// True when `p[0..<16]` holds whitespace other than a single U+0020 followed by an ordinary
    /// byte (reads `p[16]`): ASCII whitespace except space, a lead byte of non-ASCII whitespace,
    /// or a space followed by whitespace or such a lead byte. Branch-free so it vectorises.
    @inline(__always)
    static func hasIrregularWhitespace(_ p: UnsafePointer<UInt8>) -> Bool {
        var bad: UInt8 = 0
        for j in 0..<16 {
            let c = p[j]
            let d = p[j &+ 1]
            let dSpecial: UInt8 =
                (d &- 0x09 < 5 ? 1 : 0) | (d == 0x20 ? 1 : 0) | (d == 0xC2 ? 1 : 0) | (d &- 0xE1 < 3 ? 1 : 0)
            bad |=
                (c &- 0x09 < 5 ? 1 : 0) | (c == 0xC2 ? 1 : 0) | (c &- 0xE1 < 3 ? 1 : 0)
                | ((c == 0x20 ? 1 : 0) & dSpecial)
        }
        return bad != 0
    }

    /// Writes the whitespace-collapsed form of `src[a..<b]` to `dst` (at least `b - a` long);
    /// returns the number of bytes written.
    private static func collapseRaw(
        _ src: UnsafeBufferPointer<UInt8>, _ a: Int, _ b: Int, _ dst: UnsafeMutableBufferPointer<UInt8>
    ) -> Int {
        // An empty buffer means an empty range (`dst` is at least `b - a` long): nothing to write.
        guard let srcBase = src.baseAddress, let dstBase = dst.baseAddress else { return 0 }
        var k = 0
        var pendingSpace = false
        var i = a
        while i < b {
            // Block path: 16 bytes without whitespace other than single spaces before ordinary
            // characters are copied as they are (the byte after the block is looked at too).
            if i + 17 <= b && src[i] > 0x20 && !hasIrregularWhitespace(srcBase + i) {
                if pendingSpace {
                    dst[k] = 0x20
                    k &+= 1
                    pendingSpace = false
                }
                UnsafeMutableRawPointer(dstBase + k).copyMemory(from: srcBase + i, byteCount: 16)
                k &+= 16
                i &+= 16
                continue
            }
            let c = src[i]
            // Fast path: a byte that is neither ASCII whitespace nor the lead byte of non-ASCII
            // whitespace (C2, E1, E2, E3) is copied as it is.
            if c > 0x20 && c != 0xC2 && c &- 0xE1 >= 3 {
                if pendingSpace {
                    dst[k] = 0x20
                    k &+= 1
                    pendingSpace = false
                }
                dst[k] = c
                k &+= 1
                i &+= 1
                continue
            }
            var len = 1
            var ws = c == 0x20 || (c >= 0x09 && c <= 0x0D)
            if c >= 0x80 {
                len = c == 0xC2 ? 2 : 3
                if i + len <= b {
                    var v = UInt32(c) & (len == 2 ? 0x1F : 0x0F)
                    for j in 1..<len { v = v << 6 | UInt32(src[i + j] & 0x3F) }
                    ws = TextBuffer.isNonASCIIWhitespace(v)
                }
            }
            if ws {
                pendingSpace = k > 0
            } else {
                if pendingSpace {
                    dst[k] = 0x20
                    k &+= 1
                    pendingSpace = false
                }
                let end = min(i + len, b)
                for j in i..<end {
                    dst[k] = src[j]
                    k &+= 1
                }
            }
            i += len
        }
        return k
    }

    /// ``hexPrefix(_:digits:prefix:)`` for a SHA-256 digest, read in place.
    @inline(__always)
    static func hexPrefix(_ digest: SHA256.Digest, digits: Int, prefix: UInt8? = nil) -> String {
        digest.withUnsafeBytes { hexPrefix(UnsafeRawBufferPointer($0), digits: digits, prefix: prefix) }
    }

    /// The first `digits` lowercase hex digits of a digest, optionally after a one-character prefix.
    static func hexPrefix<D: Sequence>(_ digest: D, digits: Int, prefix: UInt8? = nil) -> String
    where D.Element == UInt8 {
        let table: StaticString = "0123456789abcdef"
        let count = digits + (prefix == nil ? 0 : 1)
        return String(unsafeUninitializedCapacity: count) { out in
            var i = 0
            if let prefix {
                out[0] = prefix
                i = 1
            }
            table.withUTF8Buffer { hexDigits in
                for byte in digest {
                    guard i < count else { break }
                    out[i] = hexDigits[Int(byte >> 4)]
                    i += 1
                    guard i < count else { break }
                    out[i] = hexDigits[Int(byte & 0xF)]
                    i += 1
                }
            }
            return i
        }
    }

    /// Collapses runs of Unicode whitespace to single spaces and trims the ends.
    public static func collapseWhitespace(_ text: String) -> String {
        let bytes = Array(text.utf8)
        return String(decoding: collapsedUTF8(bytes, 0, bytes.count), as: UTF8.self)
    }

    /// ``collapseWhitespace(_:)`` on the valid UTF-8 bytes `a..<b`, returning UTF-8 bytes.
    /// Whitespace is `Unicode.Scalar.Properties.isWhitespace`, with an ASCII fast path.
    static func collapsedUTF8(_ bytes: [UInt8], _ a: Int, _ b: Int) -> [UInt8] {
        guard a < b else { return [] }
        return [UInt8](unsafeUninitializedCapacity: b - a) { dst, count in
            count = bytes.withUnsafeBufferPointer { collapseRaw($0, a, b, dst) }
        }
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
