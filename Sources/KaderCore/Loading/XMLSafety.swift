import Foundation

/// Checks XML before it reaches XMLParser: refuses entity declarations (billion-laughs expansion;
/// docx and TEI never need them) and, for UTF-8 documents, invalid UTF-8 (FoundationXML on Linux
/// traps on invalid UTF-8 in element names instead of reporting an error).
enum XMLSafety {
    static func check(_ xml: Data, path: String, part: String) throws {
        let head = xml.prefix(1 << 16)
        if head.range(of: Data("<!ENTITY".utf8)) != nil {
            throw LoaderError.malformed(path: path, detail: "\(part) declares XML entities, which Kader does not expand")
        }
        if xml.starts(with: [0xFF, 0xFE]) || xml.starts(with: [0xFE, 0xFF]) { return }
        // FoundationXML dereferences a null version for a declaration such as `<?xml?>`.
        let start = String(decoding: xml.prefix(200), as: UTF8.self).drop { $0 == "\u{FEFF}" }
        if start.hasPrefix("<?xml") {
            let declaration = #"^<\?xml\s+version\s*=\s*["']1\.[0-9]["'](\s+encoding\s*=\s*["'][A-Za-z][A-Za-z0-9._-]*["'])?(\s+standalone\s*=\s*["'](yes|no)["'])?\s*\?>"#
            guard String(start).range(of: declaration, options: .regularExpression) != nil else {
                throw LoaderError.malformed(path: path, detail: "\(part) has a malformed XML declaration")
            }
        }
        // A well-formed declaration of a single-byte or UTF-16 encoding: libxml2 transcodes it.
        let prolog = String(decoding: xml.prefix(100), as: UTF8.self).lowercased()
        let transcoded = ["iso-8859-1", "iso-8859-15", "windows-1252", "us-ascii", "utf-16"]
        if prolog.hasPrefix("<?xml "), transcoded.contains(where: { prolog.contains("encoding=\"\($0)\"") || prolog.contains("encoding='\($0)'") }) {
            return
        }
        var bytes = [UInt8](xml)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        try checkProcessingInstructions(bytes, path: path, part: part)
        if bytes.contains(0) || String(validating: bytes, as: UTF8.self) == nil {
            throw LoaderError.malformed(path: path, detail: "\(part) is not valid UTF-8 XML")
        }
    }

    /// FoundationXML reads a null pointer for a processing instruction without data (`<?pi?>`),
    /// so every `<?target data?>` after the declaration must carry data.
    static func checkProcessingInstructions(_ b: [UInt8], path: String, part: String) throws {
        let declaration = Array("<?xml".utf8)
        var i = b.starts(with: declaration) && b.count > 5 && (b[5] == 0x20 || b[5] == 0x09 || b[5] == 0x0A || b[5] == 0x0D) ? 1 : 0
        while i + 1 < b.count {
            if b[i] == UInt8(ascii: "<") && b[i + 1] == UInt8(ascii: "?") {
                var j = i + 2
                while j < b.count && b[j] != 0x20 && b[j] != 0x09 && b[j] != 0x0A && b[j] != 0x0D && b[j] != UInt8(ascii: "?") { j += 1 }
                while j < b.count && (b[j] == 0x20 || b[j] == 0x09 || b[j] == 0x0A || b[j] == 0x0D) { j += 1 }
                if j >= b.count || b[j] == UInt8(ascii: "?") {
                    throw LoaderError.malformed(path: path, detail: "\(part) has an empty XML processing instruction")
                }
                i = j
            }
            i += 1
        }
    }
}
