import Foundation

/// REFI-QDA codes: Kader ``Code`` trees to and from nested `Code` elements, and `.qdc`
/// codebook files (root `CodeBook`, namespace `urn:QDA-XML:codebook:1.0`).
///
/// REFI-QDA has one `Description` per code; Kader writes the definition there, followed by
/// paragraphs `Inclusion: …`, `Exclusion: …`, `Example: …`, and splits them again on import.
public enum QDACodebookXML {
    public static let namespace = "urn:QDA-XML:codebook:1.0"

    /// The codes of `codebook` with GUIDs derived from their ids (``StableGUID/code(_:)``).
    /// `codeMemos` (coder → code id → text) are appended to the descriptions as
    /// `Memo by <coder>: …` paragraphs (for `.qdc` files, which have no notes).
    public static func codes(from codebook: Codebook, codeMemos: [String: [String: String]] = [:]) -> [QDACode] {
        func convert(_ c: Code) -> QDACode {
            var text = description(of: c)
            for coder in codeMemos.keys.sorted() {
                guard let m = codeMemos[coder]?[c.id], !m.isEmpty else { continue }
                text = (text.map { $0 + "\n\n" } ?? "") + "Memo by \(coder): " + m
            }
            return QDACode(
                guid: StableGUID.code(c.id), name: c.name, isCodable: true, color: normalisedColor(c.color),
                description: text, children: c.children.map(convert))
        }
        return codebook.codes.map(convert)
    }

    /// The `Description` text for a code: definition, then inclusion, exclusion and example paragraphs.
    static func description(of c: Code) -> String? {
        var parts: [String] = []
        if let d = c.description, !d.isEmpty { parts.append(d) }
        if let i = c.inclusion, !i.isEmpty { parts.append("Inclusion: " + i) }
        if let x = c.exclusion, !x.isEmpty { parts.append("Exclusion: " + x) }
        if let e = c.example, !e.isEmpty { parts.append("Example: " + e) }
        return parts.isEmpty ? nil : parts.joined(separator: "\n\n")
    }

    /// Splits a `Description` written by ``description(of:)`` back into its fields.
    static func fields(of description: String?) -> (
        description: String?, inclusion: String?, exclusion: String?, example: String?
    ) {
        guard let text = description?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else {
            return (nil, nil, nil, nil)
        }
        var main: [String] = []
        var inc: String?
        var exc: String?
        var ex: String?
        for p in text.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n\n") {
            if memoHead(p) != nil { break }  // coders' code memos come last, see memos(in:)
            if p.hasPrefix("Inclusion: ") {
                inc = String(p.dropFirst(11))
            } else if p.hasPrefix("Exclusion: ") {
                exc = String(p.dropFirst(11))
            } else if p.hasPrefix("Example: ") {
                ex = String(p.dropFirst(9))
            } else {
                main.append(p)
            }
        }
        return (main.isEmpty ? nil : main.joined(separator: "\n\n"), inc, exc, ex)
    }

    /// The coders' code memos in a `Description` written by ``codes(from:codeMemos:)``: coder →
    /// memo text. A memo runs from its `Memo by <coder>: ` paragraph up to the next such
    /// paragraph or the end (so memos with blank lines come back whole); coder names that are
    /// not valid Kader coder names are skipped.
    public static func memos(in description: String?) -> [String: String] {
        guard let text = description, text.contains("Memo by ") else { return [:] }
        var result: [String: String] = [:]
        var current: (coder: String, parts: [String])?
        func flush() {
            if let c = current, !c.parts.joined(separator: "\n\n").isEmpty {
                result[c.coder] = c.parts.joined(separator: "\n\n")
            }
        }
        for p in text.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n\n") {
            if let head = memoHead(p) {
                flush()
                current = (head.coder, [head.text])
            } else if current != nil {
                current?.parts.append(p)
            }
        }
        flush()
        return result
    }

    /// `(coder, text)` when `paragraph` starts with `Memo by <coder>: `.
    static func memoHead(_ paragraph: String) -> (coder: String, text: String)? {
        guard paragraph.hasPrefix("Memo by "), let colon = paragraph.range(of: ": ") else { return nil }
        let coder = String(paragraph[paragraph.index(paragraph.startIndex, offsetBy: 8)..<colon.lowerBound])
        guard (try? CoderName.validated(coder)) != nil else { return nil }
        return (coder, String(paragraph[colon.upperBound...]))
    }

    /// `#RRGGBB` (or `#RGB`) upper-cased, else nil.
    static func normalisedColor(_ c: String?) -> String? {
        guard let c, c.hasPrefix("#"), [4, 7].contains(c.count), c.dropFirst().allSatisfy(\.isHexDigit) else {
            return nil
        }
        return c.uppercased()
    }

    static func writeCodes(_ codes: [QDACode], into w: inout XMLWriter) {
        for c in codes {
            w.element(
                "Code",
                [("guid", c.guid), ("name", c.name), ("isCodable", c.isCodable ? "true" : "false"), ("color", c.color)]
            ) { w in
                w.textElement("Description", c.description)
                for n in c.noteRefs { w.element("NoteRef", [("targetGUID", n)]) }
                writeCodes(c.children, into: &w)
            }
        }
    }

    static func readCodes(_ parent: XMLElementNode, path: String) throws -> [QDACode] {
        try parent.all("Code").map { c in
            guard let guid = c["guid"] else {
                throw ExchangeError.badXML(path: path, detail: "a Code named \"\(c["name"] ?? "?")\" has no guid")
            }
            var code = QDACode(
                guid: guid, name: c["name"] ?? "code", isCodable: (c["isCodable"] ?? "true").lowercased() != "false",
                color: normalisedColor(c["color"]), description: c.first("Description")?.text,
                children: try readCodes(c, path: path))
            code.noteRefs = c.all("NoteRef").compactMap { $0["targetGUID"] }
            return code
        }
    }

    /// A `.qdc` file for `codebook` (UTF-8 XML text).
    public static func writeQDC(_ codebook: Codebook, origin: String, codeMemos: [String: [String: String]] = [:])
        -> String
    {
        var w = XMLWriter()
        w.element("CodeBook", [("origin", origin), ("xmlns", namespace)]) { w in
            w.element("Codes") { w in writeCodes(codes(from: codebook, codeMemos: codeMemos), into: &w) }
        }
        return w.out
    }

    /// The codes of a `.qdc` file.
    /// - Throws: ``ExchangeError/badXML(path:detail:)``.
    public static func readQDC(_ data: Data, path: String) throws -> [QDACode] {
        let root = try XMLTree.parse(data, path: path)
        guard root.name == "CodeBook" else {
            throw ExchangeError.badXML(path: path, detail: "the root element is <\(root.name)>, not <CodeBook>")
        }
        guard let codes = root.first("Codes") else { return [] }
        return try readCodes(codes, path: path)
    }
}
