import Foundation
import ZIPFoundation

/// Reads the main document part of a .docx (a zip archive) with a limit on the decompressed size.
///
/// The main part is found the way Word finds it: the `officeDocument` relationship in
/// `_rels/.rels`, else the part whose content type in `[Content_Types].xml` is a WordprocessingML
/// main document, else `word/document.xml` (Word's *Transcribe* writes `word/document2.xml`).
///
/// The central directory is read here with bounds checks on every offset; inflating uses
/// ZIPFoundation's `Data.decompress` with a provider that stops at the entry's compressed size.
/// (ZIPFoundation's `Archive` traps on damaged in-memory zips and, on Linux, loops forever on a
/// truncated deflate stream, so it is not used for reading untrusted files.)
enum DocxArchive {
    private struct Entry {
        var method: Int, compressed: Int, size: Int, local: Int
    }

    /// The name and bytes of the main document part.
    /// - Throws: ``LoaderError/malformed(path:detail:)`` when the data is not a readable zip, has no
    ///   main document part, or the entry is corrupt or expands past `limit` bytes;
    ///   ``LoaderError/unsupportedFormat(path:format:advice:)`` for OpenDocument and legacy .doc files.
    static func mainDocument(_ data: Data, path: String, limit: Int) throws -> (part: String, xml: Data) {
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
        var entries: [String: Entry] = [:]
        for _ in 0..<count {
            guard try u32(p) == 0x0201_4B50 else { throw damaged }
            let method = try u16(p + 10), compressed = try u32(p + 20), size = try u32(p + 24)
            let nameLength = try u16(p + 28), extra = try u16(p + 30), comment = try u16(p + 32), local = try u32(p + 42)
            guard p + 46 + nameLength <= z.count else { throw damaged }
            let name = String(decoding: z[(p + 46)..<(p + 46 + nameLength)], as: UTF8.self)
            entries[name] = Entry(method: method, compressed: compressed, size: size, local: local)
            p += 46 + nameLength + extra + comment
        }
        if entries.isEmpty { throw damaged }
        func read(_ name: String) throws -> Data {
            guard let e = entries[name] else { throw damaged }
            if e.size > limit { throw bomb(path, name, limit) }
            guard try u32(e.local) == 0x0403_4B50 else { throw damaged }
            let start = e.local + 30 + (try u16(e.local + 26)) + (try u16(e.local + 28))
            guard start + e.compressed <= z.count else { throw damaged }
            let body = Data(z[start..<(start + e.compressed)])
            switch e.method {
            case 0: return body
            case 8: return try inflate(body, path: path, part: name, limit: limit)
            default: throw LoaderError.malformed(path: path, detail: "\(name) uses an unsupported zip compression method (\(e.method))")
            }
        }
        /// The zip entry for an OPC part name (case-insensitive, as OPC part names are).
        func entryName(_ part: String) -> String? {
            var n = part
            while n.hasPrefix("/") { n.removeFirst() }
            if entries[n] != nil { return n }
            let lower = n.lowercased()
            return entries.keys.first { $0.lowercased() == lower }
        }
        var main: String?
        if let rels = entryName("_rels/.rels") {
            let finder = PartFinder(element: "Relationship", key: "Type", value: "Target") { $0.hasSuffix("/officeDocument") }
            try? SafeXMLParser.parse(try read(rels), handler: finder)
            main = finder.found.flatMap(entryName)
        }
        if main == nil, let types = entryName("[Content_Types].xml") {
            let finder = PartFinder(element: "Override", key: "ContentType", value: "PartName") {
                $0.contains("wordprocessingml.document.main+xml") || $0.contains("wordprocessingml.template.main+xml")
                    || $0.contains("ms-word.document.macroEnabled.main+xml") || $0.contains("ms-word.template.macroEnabledTemplate.main+xml")
            }
            try? SafeXMLParser.parse(try read(types), handler: finder)
            main = finder.found.flatMap(entryName)
        }
        if main == nil { main = entryName("word/document.xml") }
        if let main { return (main, try read(main)) }
        if entries["mimetype"] != nil || entries["content.xml"] != nil {
            throw LoaderError.unsupportedFormat(path: path, format: "OpenDocument .odt", advice: "save it as .docx or .txt and load that")
        }
        throw LoaderError.malformed(path: path, detail: "the .docx has no main document part (no officeDocument relationship and no word/document.xml), so it is not a Word document")
    }

    /// Finds the first `element` whose `key` attribute satisfies `matches` and keeps its `value` attribute.
    private final class PartFinder: SafeXMLHandler {
        let element: String, key: String, value: String
        let matches: (String) -> Bool
        var found: String?

        init(element: String, key: String, value: String, matches: @escaping (String) -> Bool) {
            self.element = element
            self.key = key
            self.value = value
            self.matches = matches
        }

        func start(_ tag: XMLTag) -> String? {
            if found == nil, tag.localName == element, let k = tag.attribute(key), matches(k), let v = tag.attribute(value) {
                // Relationship targets are relative to the package root for `_rels/.rels`.
                found = v.hasPrefix("./") ? String(v.dropFirst(2)) : v
            }
            return nil
        }

        func end(localName: String, qualifiedName: String) {}
        func characters(_ text: String) {}
    }

    private struct Exhausted: Error {}
    private struct TooBig: Error {}

    private static func inflate(_ body: Data, path: String, part: String, limit: Int) throws -> Data {
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
            throw bomb(path, part, limit)
        } catch {
            throw LoaderError.malformed(path: path, detail: "\(part) in the .docx is damaged and cannot be decompressed")
        }
        return out
    }

    private static func bomb(_ path: String, _ part: String, _ limit: Int) -> LoaderError {
        .malformed(path: path, detail: "\(part) expands to more than \(limit) bytes, the limit for a transcript (a possible zip bomb)")
    }
}
