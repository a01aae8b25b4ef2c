import Foundation

/// Decoded, line-ending-normalised text and how it was decoded.
public struct DecodedText: Sendable, Hashable {
    /// The text with CRLF and lone CR replaced by LF, BOM removed.
    public var text: String
    /// Encoding used: `UTF-8`, `UTF-8 with BOM`, `UTF-16LE with BOM`, `UTF-16BE with BOM`,
    /// `UTF-32LE with BOM`, `UTF-32BE with BOM`, `Windows-1252`, or UTF-8 mixed with Windows-1252.
    public var encoding: SourceEncoding
    /// Line endings found before normalisation: `LF`, `CRLF`, `CR`, `mixed` or `none`.
    public var lineEndings: LineEndings
}

/// Layered decoding (docs/ARCHITECTURE.md §4): BOM, then strict UTF-8, then Windows-1252.
/// Never Latin-1 and never a silent replacement character.
public enum TranscriptTextDecoder {
    /// Decodes `data` read from `path` (the path is used in error messages only).
    /// - Throws: ``LoaderError/empty(path:)`` for zero bytes or only a BOM,
    ///   ``LoaderError/binary(path:detail:)`` for NUL bytes or known binary signatures,
    ///   ``LoaderError/undecodable(path:detail:)`` when no layer decodes the bytes.
    public static func decode(_ data: Data, path: String) throws -> DecodedText {
        let (bytes, text, encoding, endings) = try decodeToUTF8Text(data, path: path)
        return DecodedText(
            text: text ?? String(decoding: bytes, as: UTF8.self), encoding: encoding, lineEndings: endings)
    }

    /// Like ``decode(_:path:)`` but returns the normalised text as UTF-8 bytes (no BOM, LF only).
    static func decodeToUTF8(_ data: Data, path: String) throws -> (
        bytes: [UInt8], encoding: SourceEncoding, lineEndings: LineEndings
    ) {
        let (bytes, _, encoding, endings) = try decodeToUTF8Text(data, path: path)
        return (bytes, encoding, endings)
    }

    /// ``decodeToUTF8(_:path:)`` that also hands back the text as a `String` when decoding made one
    /// with exactly these bytes (no line endings to normalise), so it need not be validated again.
    static func decodeToUTF8Text(_ data: Data, path: String) throws -> (
        bytes: [UInt8], text: String?, encoding: SourceEncoding, lineEndings: LineEndings
    ) {
        try decodeToUTF8Text(bytes: [UInt8](data), path: path)
    }

    /// ``decodeToUTF8Text(_:path:)`` on bytes already in an array (spares a copy of the file).
    static func decodeToUTF8Text(bytes: [UInt8], path: String) throws -> (
        bytes: [UInt8], text: String?, encoding: SourceEncoding, lineEndings: LineEndings
    ) {
        if bytes.isEmpty { throw LoaderError.empty(path: path) }
        if let kind = BinarySignature.detect(bytes) {
            throw LoaderError.binary(path: path, detail: "it looks like \(kind)")
        }
        var utf8: [UInt8]
        var encoding: SourceEncoding
        var text: String?
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            guard let s = String(validating: bytes[3...], as: UTF8.self) else {
                throw LoaderError.undecodable(
                    path: path, detail: "it starts with a UTF-8 byte order mark but contains invalid UTF-8")
            }
            text = s
            utf8 = Array(bytes[3...])
            encoding = .utf8WithBOM
        } else if bytes.starts(with: [0xFF, 0xFE, 0, 0]) || bytes.starts(with: [0, 0, 0xFE, 0xFF]) {
            let le = bytes[0] == 0xFF
            guard let s = utf32(Array(bytes[4...]), littleEndian: le) else {
                throw LoaderError.undecodable(path: path, detail: "invalid UTF-32 after the byte order mark")
            }
            text = s
            utf8 = Array(s.utf8)
            encoding = le ? .utf32LEWithBOM : .utf32BEWithBOM
        } else if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            let le = bytes[0] == 0xFF
            guard let s = utf16(Array(bytes[2...]), littleEndian: le) else {
                throw LoaderError.undecodable(path: path, detail: "invalid UTF-16 after the byte order mark")
            }
            text = s
            utf8 = Array(s.utf8)
            encoding = le ? .utf16LEWithBOM : .utf16BEWithBOM
        } else {
            let hasNUL = bytes.withUnsafeBufferPointer { buffer in
                buffer.baseAddress.map { memchr($0, 0, buffer.count) != nil } ?? false
            }
            if hasNUL {
                throw LoaderError.binary(path: path, detail: "it contains NUL bytes")
            }
            if let s = String(validating: bytes, as: UTF8.self) {
                text = s
                utf8 = bytes
                encoding = .utf8
            } else if let (s, line) = mixedUTF8(bytes) {
                utf8 = s
                encoding = .mixedUTF8Windows1252(firstLine: line)
            } else if let s = windows1252(bytes) {
                utf8 = s
                encoding = .windows1252
            } else {
                throw LoaderError.undecodable(path: path, detail: "it is neither UTF-8 nor Windows-1252")
            }
        }
        if encoding != .utf8 && utf8.contains(0) {
            throw LoaderError.binary(path: path, detail: "it contains NUL characters")
        }
        let endings = normaliseLineEndings(&utf8)
        if endings != .lf && endings != .none { text = nil }
        if isBlank(utf8) { throw LoaderError.empty(path: path) }
        return (utf8, text, encoding, endings)
    }

    /// True when valid UTF-8 `utf8` holds nothing but Unicode whitespace.
    static func isBlank(_ utf8: [UInt8]) -> Bool {
        utf8.withUnsafeBufferPointer { p in
            var i = 0
            while i < p.count {
                if p[i] < 0x80 {
                    if !(p[i] == 0x20 || (p[i] >= 0x09 && p[i] <= 0x0D)) { return false }
                    i += 1
                } else {
                    let (ws, len) = TextBuffer.whitespace(utf8, i)
                    if !ws { return false }
                    i += len
                }
            }
            return true
        }
    }

    /// Replaces CRLF and lone CR with LF; reports which endings were present.
    public static func normaliseLineEndings(_ s: String) -> (String, LineEndings) {
        var bytes = Array(s.utf8)
        let name = normaliseLineEndings(&bytes)
        return (String(decoding: bytes, as: UTF8.self), name)
    }

    /// Normalises line endings of UTF-8 bytes in place; returns `LF`, `CRLF`, `CR`, `mixed` or `none`.
    static func normaliseLineEndings(_ bytes: inout [UInt8]) -> LineEndings {
        var lf = 0
        var crlf = 0
        var cr = 0
        let hasCR = bytes.withUnsafeBufferPointer { p in p.baseAddress.map { memchr($0, 0x0D, p.count) != nil } ?? false
        }
        guard hasCR else {
            let hasLF = bytes.withUnsafeBufferPointer { p in
                p.baseAddress.map { memchr($0, 0x0A, p.count) != nil } ?? false
            }
            return hasLF ? .lf : LineEndings.none
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        let n = bytes.count
        while i < n {
            let c = bytes[i]
            if c == 0x0D {
                if i + 1 < n && bytes[i + 1] == 0x0A {
                    crlf += 1
                    i += 1
                } else {
                    cr += 1
                }
                out.append(0x0A)
            } else {
                if c == 0x0A { lf += 1 }
                out.append(c)
            }
            i += 1
        }
        bytes = out
        let kinds = [(lf, LineEndings.lf), (crlf, .crlf), (cr, .cr)].filter { $0.0 > 0 }
        return kinds.isEmpty ? LineEndings.none : (kinds.count == 1 ? kinds[0].1 : .mixed)
    }

    static func utf16(_ bytes: [UInt8], littleEndian: Bool) -> String? {
        guard bytes.count % 2 == 0 else { return nil }
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var i = 0
        while i < bytes.count {
            let a = UInt16(bytes[i])
            let b = UInt16(bytes[i + 1])
            units.append(littleEndian ? (a | b << 8) : (a << 8 | b))
            i += 2
        }
        return String(validating: units, as: UTF16.self)
    }

    static func utf32(_ bytes: [UInt8], littleEndian: Bool) -> String? {
        guard bytes.count % 4 == 0 else { return nil }
        var result = String.UnicodeScalarView()
        var i = 0
        while i < bytes.count {
            let b = bytes[i..<i + 4].map(UInt32.init)
            let v =
                littleEndian
                ? (b[0] | b[1] << 8 | b[2] << 16 | b[3] << 24) : (b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3])
            guard let s = Unicode.Scalar(v) else { return nil }
            result.append(s)
            i += 4
        }
        return String(result)
    }

    /// A file that mixes UTF-8 and Windows-1252 (a UTF-8 transcript edited in an old editor, or
    /// pasted together): every valid UTF-8 multi-byte sequence is kept as UTF-8 and every other
    /// byte is read as Windows-1252, so `café` stays `café` in both parts instead of `cafÃ©`.
    /// Nil when the bytes hold no valid multi-byte UTF-8 sequence (plain Windows-1252) or a byte
    /// undefined in Windows-1252. Also returns the 1-based line of the first non-UTF-8 byte.
    static func mixedUTF8(_ bytes: [UInt8]) -> ([UInt8], Int)? {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 8)
        var utf8Sequences = 0
        var firstBad: Int?
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b < 0x80 {
                out.append(b)
                i += 1
                continue
            }
            let len = b >= 0xF0 && b <= 0xF4 ? 4 : b >= 0xE0 ? 3 : b >= 0xC2 && b < 0xE0 ? 2 : 0
            if len > 0, i + len <= bytes.count, String(validating: bytes[i..<(i + len)], as: UTF8.self) != nil {
                out.append(contentsOf: bytes[i..<(i + len)])
                utf8Sequences += 1
                i += len
                continue
            }
            if firstBad == nil { firstBad = i }
            let v = b >= 0xA0 ? UInt32(b) : cp1252High[Int(b - 0x80)]
            guard v != 0, let sc = Unicode.Scalar(v) else { return nil }
            out.append(contentsOf: String(sc).utf8)
            i += 1
        }
        guard utf8Sequences > 0, let bad = firstBad else { return nil }
        return (out, 1 + bytes[..<bad].lazy.filter { $0 == 0x0A }.count)
    }

    /// Windows-1252: 0x80–0x9F map to typographic characters; five positions are undefined.
    static func windows1252(_ bytes: [UInt8]) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 8)
        for b in bytes {
            if b < 0x80 {
                out.append(b)
                continue
            }
            let v = b >= 0xA0 ? UInt32(b) : cp1252High[Int(b - 0x80)]
            guard v != 0, let s = Unicode.Scalar(v) else { return nil }
            out.append(contentsOf: String(s).utf8)
        }
        return out
    }

    private static let cp1252High: [UInt32] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E,
        0x0178,
    ]
}

/// Recognises common binary files by their first bytes.
enum BinarySignature {
    static func detect(_ b: [UInt8]) -> String? {
        let sigs: [([UInt8], String)] = [
            ([0x89, 0x50, 0x4E, 0x47], "a PNG image"),
            ([0xFF, 0xD8, 0xFF], "a JPEG image"),
            ([0x47, 0x49, 0x46, 0x38], "a GIF image"),
            ([0x25, 0x50, 0x44, 0x46], "a PDF document; save it as .docx or .txt"),
            ([0x50, 0x4B, 0x03, 0x04], "a zip archive"),
            ([0xD0, 0xCF, 0x11, 0xE0], "a legacy Word .doc file; save it as .docx or .txt"),
            ([0x7F, 0x45, 0x4C, 0x46], "an executable"),
            ([0x1F, 0x8B], "a gzip archive"),
        ]
        for (sig, name) in sigs where b.starts(with: sig) { return name }
        return nil
    }
}
