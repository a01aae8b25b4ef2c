import Foundation
import ZIPFoundation

/// Reads `word/document.xml` out of a .docx (a zip archive) with a limit on the decompressed size.
///
/// The central directory is read here with bounds checks on every offset; inflating uses
/// ZIPFoundation's `Data.decompress` with a provider that stops at the entry's compressed size.
/// (ZIPFoundation's `Archive` traps on damaged in-memory zips and, on Linux, loops forever on a
/// truncated deflate stream, so it is not used for reading untrusted files.)
enum DocxArchive {
    /// The bytes of `word/document.xml`.
    /// - Throws: ``LoaderError/malformed(path:detail:)`` when the data is not a readable zip, has no
    ///   `word/document.xml`, or the entry is corrupt or expands past `limit` bytes;
    ///   ``LoaderError/unsupportedFormat(path:format:advice:)`` for OpenDocument and legacy .doc files.
    static func documentXML(_ data: Data, path: String, limit: Int) throws -> Data {
        let z = [UInt8](data)
        guard z.starts(with: [0x50, 0x4B]) else {
            if z.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) {
                throw LoaderError.unsupportedFormat(path: path, format: "legacy Word .doc", advice: "save it as .docx or .txt and load that")
            }
            throw LoaderError.malformed(path: path, detail: "this is not a .docx file (it is not a zip archive)")
        }
        let damaged = LoaderError.malformed(path: path, detail: "the .docx archive is damaged or truncated and cannot be opened")
        func u16(_ i: Int) throws -> Int { guard i >= 0, i + 2 <= z.count else { throw damaged }; return Int(z[i]) | Int(z[i + 1]) << 8 }
        func u32(_ i: Int) throws -> Int { try u16(i) | u16(i + 2) << 16 }
        // End of central directory: the last "PK\u{5}\u{6}" within the final 64 KiB + 22 bytes.
        var eocd = z.count - 22
        while eocd >= max(0, z.count - 65_557) && !(z[eocd] == 0x50 && z[eocd + 1] == 0x4B && z[eocd + 2] == 5 && z[eocd + 3] == 6) { eocd -= 1 }
        guard eocd >= 0, eocd >= z.count - 65_557 else { throw damaged }
        let count = try u16(eocd + 10)
        var p = try u32(eocd + 16)
        var names: Set<String> = []
        for _ in 0..<count {
            guard try u32(p) == 0x0201_4B50 else { throw damaged }
            let method = try u16(p + 10), compressed = try u32(p + 20), size = try u32(p + 24)
            let nameLength = try u16(p + 28), extra = try u16(p + 30), comment = try u16(p + 32), local = try u32(p + 42)
            guard p + 46 + nameLength <= z.count else { throw damaged }
            let name = String(decoding: z[(p + 46)..<(p + 46 + nameLength)], as: UTF8.self)
            names.insert(name)
            p += 46 + nameLength + extra + comment
            guard name == "word/document.xml" else { continue }
            if size > limit { throw bomb(path, limit) }
            guard try u32(local) == 0x0403_4B50 else { throw damaged }
            let start = local + 30 + (try u16(local + 26)) + (try u16(local + 28))
            guard start + compressed <= z.count else { throw damaged }
            let body = Data(z[start..<(start + compressed)])
            switch method {
            case 0: return body
            case 8: return try inflate(body, path: path, limit: limit)
            default: throw LoaderError.malformed(path: path, detail: "word/document.xml uses an unsupported zip compression method (\(method))")
            }
        }
        if names.contains("mimetype") || names.contains("content.xml") {
            throw LoaderError.unsupportedFormat(path: path, format: "OpenDocument .odt", advice: "save it as .docx or .txt and load that")
        }
        if names.isEmpty { throw damaged }
        throw LoaderError.malformed(path: path, detail: "the .docx has no word/document.xml, so it is not a Word document")
    }

    private struct Exhausted: Error {}
    private struct TooBig: Error {}

    private static func inflate(_ body: Data, path: String, limit: Int) throws -> Data {
        var out = Data()
        var served = 0
        do {
            _ = try Data.decompress(size: Int64(body.count), bufferSize: 64 * 1024, skipCRC32: true, provider: { _, chunk in
                guard served < body.count else { throw Exhausted() }
                let end = min(body.count, served + chunk)
                defer { served = end }
                // ZIPFoundation tells zlib that every chunk is `chunk` bytes long, so a short last
                // chunk let zlib read past it on damaged data (a crash found by fuzzing): pad it.
                var piece = body.subdata(in: served..<end)
                if piece.count < chunk { piece.append(Data(count: chunk - piece.count)) }
                return piece
            }, consumer: { piece in
                if out.count + piece.count > limit { throw TooBig() }
                out.append(piece)
            })
        } catch is TooBig {
            throw bomb(path, limit)
        } catch {
            throw LoaderError.malformed(path: path, detail: "word/document.xml in the .docx is damaged and cannot be decompressed")
        }
        return out
    }

    private static func bomb(_ path: String, _ limit: Int) -> LoaderError {
        .malformed(path: path, detail: "word/document.xml expands to more than \(limit) bytes, the limit for a transcript (a possible zip bomb)")
    }
}
