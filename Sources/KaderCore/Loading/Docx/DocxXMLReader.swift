import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A stretch of text in a docx paragraph with one boldness.
struct DocxRun: Equatable {
    var text: String
    var bold: Bool
}

/// A docx body block, in body order.
enum DocxBlock {
    case paragraph([DocxRun])
    /// Rows of cells; each cell is its paragraphs' text (nested tables flattened into the cell).
    case table([[[String]]])
}

/// Streams `word/document.xml` with Foundation's XMLParser into paragraphs and tables.
///
/// Concatenates every `w:t` of a paragraph (including text inside `w:hyperlink`, `w:ins`,
/// `w:smartTag`, `w:sdt`, `w:fldSimple`), so runs split by `w:proofErr` or bookmarks join up.
/// Skips deleted text (`w:del`, `w:delText`, `w:moveFrom`), field instructions (`w:instrText`),
/// `mc:Fallback` duplicates, text boxes and paragraph-mark properties. Maps `w:tab` to a tab,
/// `w:br`/`w:cr` to a line break and `w:noBreakHyphen` to `-`; drops `w:softHyphen`. A run is bold
/// when its `w:rPr` has `w:b` (not `w:val="0"`/`false`) or a `Strong`/`Bold` character style.
/// External entities are never resolved.
final class DocxXMLReader: NSObject, XMLParserDelegate {
    private(set) var blocks: [DocxBlock] = []
    private var skipDepth = 0
    private var inPPr = 0
    private var inText = false
    private var runBold = false
    private var runs: [DocxRun]?
    /// Open tables (innermost last): rows of cells of paragraph texts.
    private var tables: [[[[String]]]] = []

    /// - Throws: ``LoaderError/malformed(path:detail:)`` when the XML is not well formed or declares entities.
    static func read(_ xml: Data, path: String, part: String) throws -> [DocxBlock] {
        try XMLSafety.check(xml, path: path, part: part)
        let reader = DocxXMLReader()
        let parser = XMLParser(data: xml)
        parser.shouldResolveExternalEntities = false
        parser.delegate = reader
        guard parser.parse(), reader.depth == 0 else {
            throw LoaderError.malformed(path: path, detail: "\(part) is not well-formed XML (line \(parser.lineNumber))")
        }
        return reader.blocks
    }

    private static let skipped: Set<String> = ["del", "moveFrom", "delText", "instrText", "Fallback", "txbxContent", "pict", "comment"]

    /// Open elements; non-zero after parsing means the XML was truncated.
    private(set) var depth = 0

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        depth += 1
        let local = Self.local(name)
        if skipDepth > 0 || Self.skipped.contains(local) {
            skipDepth += 1
            return
        }
        switch local {
        case "pPr": inPPr += 1
        case "p": runs = []
        case "r": runBold = false
        case "b" where inPPr == 0:
            let v = (attributes["w:val"] ?? "true").lowercased()
            runBold = !(v == "0" || v == "false" || v == "off")
        case "rStyle" where inPPr == 0:
            let v = attributes["w:val"] ?? ""
            if v.localizedCaseInsensitiveContains("strong") || v.localizedCaseInsensitiveContains("bold") { runBold = true }
        case "t": inText = true
        case "tab" where inPPr == 0: append("\t")
        case "br", "cr": if inPPr == 0 { append("\n") }
        case "noBreakHyphen": append("-")
        case "tbl": tables.append([])
        case "tr": if !tables.isEmpty { tables[tables.count - 1].append([]) }
        case "tc":
            if !tables.isEmpty, !tables[tables.count - 1].isEmpty {
                tables[tables.count - 1][tables[tables.count - 1].count - 1].append([])
            }
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        depth -= 1
        if skipDepth > 0 {
            skipDepth -= 1
            return
        }
        switch Self.local(name) {
        case "pPr": inPPr -= 1
        case "t": inText = false
        case "p":
            guard let r = runs else { return }
            runs = nil
            if tables.isEmpty {
                blocks.append(.paragraph(r))
            } else {
                addToCell(r.map(\.text).joined())
            }
        case "tbl":
            guard let table = tables.popLast() else { return }
            if tables.isEmpty {
                blocks.append(.table(table))
            } else {
                // A nested table becomes lines of tab-separated cells in the enclosing cell.
                for row in table { addToCell(row.map { $0.joined(separator: " ") }.joined(separator: "\t")) }
            }
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText && skipDepth == 0 { append(string) }
    }

    private func append(_ s: String) {
        guard runs != nil, skipDepth == 0 else { return }
        if let last = runs!.last, last.bold == runBold {
            runs![runs!.count - 1].text += s
        } else {
            runs!.append(DocxRun(text: s, bold: runBold))
        }
    }

    private func addToCell(_ text: String) {
        guard !tables.isEmpty else { return }
        let t = tables.count - 1
        guard !tables[t].isEmpty else { return }
        let r = tables[t].count - 1
        if tables[t][r].isEmpty { tables[t][r].append([]) }
        tables[t][r][tables[t][r].count - 1].append(text)
    }

    private static func local(_ name: String) -> String {
        guard let colon = name.lastIndex(of: ":") else { return name }
        return String(name[name.index(after: colon)...])
    }
}

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
