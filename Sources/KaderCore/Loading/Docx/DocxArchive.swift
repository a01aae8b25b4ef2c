import Foundation

/// Reads the main document part of a .docx (a zip archive) with a limit on the decompressed size.
///
/// The main part is found the way Word finds it: the `officeDocument` relationship in
/// `_rels/.rels`, else the part whose content type in `[Content_Types].xml` is a WordprocessingML
/// main document, else `word/document.xml` (Word's *Transcribe* writes `word/document2.xml`).
///
/// The archive is read with ``ZipReader`` (bounds-checked, the one zip reader for untrusted files).
enum DocxArchive {
    /// The name and bytes of the main document part.
    /// - Throws: ``LoaderError/malformed(path:detail:)`` when the data is not a readable zip, has no
    ///   main document part, or the entry is corrupt or expands past `limit` bytes;
    ///   ``LoaderError/unsupportedFormat(path:format:advice:)`` for OpenDocument and legacy .doc files.
    static func mainDocument(_ data: Data, path: String, limit: Int) throws -> (part: String, xml: Data) {
        guard data.starts(with: [0x50, 0x4B]) else {
            if data.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) {
                throw LoaderError.unsupportedFormat(
                    path: path, format: "legacy Word .doc", advice: "save it as .docx or .txt and load that")
            }
            throw LoaderError.malformed(path: path, detail: "this is not a .docx file (it is not a zip archive)")
        }
        let damaged = LoaderError.malformed(
            path: path, detail: "the .docx archive is damaged or truncated and cannot be opened")
        let zip: ZipReader
        do throws(ZipError) {
            zip = try ZipReader(data)
        } catch .tooManyEntries(let limit) {
            throw LoaderError.malformed(path: path, detail: "the .docx archive has more than \(limit) entries")
        } catch {
            throw damaged
        }
        if zip.entries.isEmpty { throw damaged }
        var byName: [String: ZipEntry] = [:]
        for entry in zip.entries where byName[entry.name] == nil { byName[entry.name] = entry }
        func read(_ name: String) throws -> Data {
            guard let entry = byName[name] else { throw damaged }
            do throws(ZipError) {
                return try zip.data(entry, limit: limit, checkCRC: false)
            } catch .tooLarge {
                throw bomb(path, name, limit)
            } catch .unsupportedMethod(_, let method) {
                throw LoaderError.malformed(
                    path: path, detail: "\(name) uses an unsupported zip compression method (\(method))")
            } catch .corrupt {
                throw LoaderError.malformed(
                    path: path, detail: "\(name) in the .docx is damaged and cannot be decompressed")
            } catch {
                throw damaged
            }
        }
        /// The zip entry for an OPC part name (case-insensitive, as OPC part names are).
        func entryName(_ part: String) -> String? {
            var n = part
            while n.hasPrefix("/") { n.removeFirst() }
            if byName[n] != nil { return n }
            let lower = n.lowercased()
            return byName.keys.first { $0.lowercased() == lower }
        }
        var main: String?
        if let rels = entryName("_rels/.rels") {
            let finder = PartFinder(element: "Relationship", key: "Type", value: "Target") {
                $0.hasSuffix("/officeDocument")
            }
            try? SafeXMLParser.parse(try read(rels), handler: finder)
            main = finder.found.flatMap(entryName)
        }
        if main == nil, let types = entryName("[Content_Types].xml") {
            let finder = PartFinder(element: "Override", key: "ContentType", value: "PartName") {
                $0.contains("wordprocessingml.document.main+xml") || $0.contains("wordprocessingml.template.main+xml")
                    || $0.contains("ms-word.document.macroEnabled.main+xml")
                    || $0.contains("ms-word.template.macroEnabledTemplate.main+xml")
            }
            try? SafeXMLParser.parse(try read(types), handler: finder)
            main = finder.found.flatMap(entryName)
        }
        if main == nil { main = entryName("word/document.xml") }
        if let main { return (main, try read(main)) }
        if byName["mimetype"] != nil || byName["content.xml"] != nil {
            throw LoaderError.unsupportedFormat(
                path: path, format: "OpenDocument .odt", advice: "save it as .docx or .txt and load that")
        }
        throw LoaderError.malformed(
            path: path,
            detail:
                "the .docx has no main document part (no officeDocument relationship and no word/document.xml), so it is not a Word document"
        )
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
            if found == nil, tag.localName == element, let k = tag.attribute(key), matches(k),
                let v = tag.attribute(value)
            {
                // Relationship targets are relative to the package root for `_rels/.rels`.
                found = v.hasPrefix("./") ? String(v.dropFirst(2)) : v
            }
            return nil
        }

        func end(localName: String, qualifiedName: String) {}
        func characters(_ text: String) {}
    }

    private static func bomb(_ path: String, _ part: String, _ limit: Int) -> LoaderError {
        .malformed(
            path: path,
            detail: "\(part) expands to more than \(limit) bytes, the limit for a transcript (a possible zip bomb)")
    }
}
