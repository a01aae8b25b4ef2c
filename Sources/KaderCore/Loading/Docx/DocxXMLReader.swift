import Foundation

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

/// Streams `word/document.xml` with ``SafeXMLParser`` into paragraphs and tables.
///
/// Concatenates every `w:t` of a paragraph (including text inside `w:hyperlink`, `w:ins`,
/// `w:smartTag`, `w:sdt`, `w:fldSimple`), so runs split by `w:proofErr` or bookmarks join up.
/// Skips deleted text (`w:del`, `w:delText`, `w:moveFrom`), field instructions (`w:instrText`),
/// `mc:Fallback` duplicates, text boxes and paragraph-mark properties. Maps `w:tab` to a tab,
/// `w:br`/`w:cr` to a line break and `w:noBreakHyphen` to `-`; drops `w:softHyphen`. A run is bold
/// when its `w:rPr` has `w:b` (not `w:val="0"`/`false`) or a `Strong`/`Bold` character style.
/// A DTD or entity is refused (``SafeXMLParser``).
final class DocxXMLReader: SafeXMLHandler {
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
        let reader = DocxXMLReader()
        do {
            try SafeXMLParser.parse(xml, handler: reader)
        } catch {
            throw LoaderError.malformed(path: path, detail: "\(part): \(error.detail)")
        }
        return reader.blocks
    }

    private static let skipped: Set<String> = [
        "del", "moveFrom", "delText", "instrText", "Fallback", "txbxContent", "pict", "comment",
    ]

    func start(_ tag: XMLTag) -> String? {
        let local = tag.localName
        if skipDepth > 0 || Self.skipped.contains(local) {
            skipDepth += 1
            return nil
        }
        switch local {
        case "pPr": inPPr += 1
        case "p": runs = []
        case "r": runBold = false
        case "b" where inPPr == 0:
            let v = (tag.attribute("val") ?? "true").lowercased()
            runBold = !(v == "0" || v == "false" || v == "off")
        case "rStyle" where inPPr == 0:
            let v = tag.attribute("val") ?? ""
            if v.localizedCaseInsensitiveContains("strong") || v.localizedCaseInsensitiveContains("bold") {
                runBold = true
            }
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
        return nil
    }

    func end(localName: String, qualifiedName: String) {
        if skipDepth > 0 {
            skipDepth -= 1
            return
        }
        switch localName {
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

    func characters(_ string: String) {
        if inText && skipDepth == 0 { append(string) }
    }

    private func append(_ s: String) {
        // Taken out and put back so the array is changed in place, not copied.
        guard skipDepth == 0, var current = runs.take() else { return }
        if let last = current.last, last.bold == runBold {
            current[current.count - 1].text += s
        } else {
            current.append(DocxRun(text: s, bold: runBold))
        }
        runs = current
    }

    private func addToCell(_ text: String) {
        guard !tables.isEmpty else { return }
        let t = tables.count - 1
        guard !tables[t].isEmpty else { return }
        let r = tables[t].count - 1
        if tables[t][r].isEmpty { tables[t][r].append([]) }
        tables[t][r][tables[t][r].count - 1].append(text)
    }
}
