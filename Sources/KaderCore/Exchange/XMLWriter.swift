import Foundation

/// A small pretty-printing XML writer: elements in the order they are written, attributes in
/// the order given, every value escaped, characters XML 1.0 forbids dropped.
struct XMLWriter {
    private(set) var out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
    private var depth = 0

    /// Writes `<name attrs>`, runs `body`, writes `</name>`; `<name attrs/>` when `body` writes nothing.
    mutating func element(
        _ name: String, _ attributes: [(String, String?)] = [], body: ((inout XMLWriter) -> Void)? = nil
    ) {
        let open = Self.startTag(name, attributes)
        guard let body else {
            line(open + "/>")
            return
        }
        var inner = XMLWriter(out: "", depth: depth + 1)
        body(&inner)
        if inner.out.isEmpty {
            line(open + "/>")
        } else {
            line(open + ">")
            out += inner.out
            line("</\(name)>")
        }
    }

    /// Writes `<name attrs>` and indents what follows one level more, until ``close(_:)``: for
    /// documents written piece by piece, whose element bodies are not at hand at once.
    mutating func open(_ name: String, _ attributes: [(String, String?)] = []) {
        line(Self.startTag(name, attributes) + ">")
        depth += 1
    }

    /// Writes `</name>` one level less indented (closes ``open(_:_:)``).
    mutating func close(_ name: String) {
        depth = max(0, depth - 1)
        line("</\(name)>")
    }

    /// `<name a="v" …` without the closing `>`; attributes with nil values are left out.
    private static func startTag(_ name: String, _ attributes: [(String, String?)]) -> String {
        "<" + name
            + attributes.compactMap { k, v in v.map { " \(k)=\"\(Self.escape($0, attribute: true))\"" } }.joined()
    }

    /// Writes `<name>text</name>` (nothing for nil).
    mutating func textElement(_ name: String, _ text: String?) {
        guard let text else { return }
        line("<\(name)>\(Self.escape(text, attribute: false))</\(name)>")
    }

    private mutating func line(_ s: String) { out += String(repeating: "  ", count: depth) + s + "\n" }

    private init(out: String, depth: Int) {
        self.out = out
        self.depth = depth
    }

    init() {}

    /// A writer of a fragment whose first lines are indented `depth` levels, without the XML
    /// declaration (one `TextSource` of a streamed `project.qde`).
    init(fragmentAt depth: Int) {
        self.init(out: "", depth: depth)
    }

    /// Escapes markup characters; in attributes also quotes and line breaks (as character references).
    static func escape(_ s: String, attribute: Bool) -> String {
        var r = ""
        for c in s.unicodeScalars {
            switch c {
            case "&": r += "&amp;"
            case "<": r += "&lt;"
            case ">": r += "&gt;"
            case "\"" where attribute: r += "&quot;"
            case "\n" where attribute: r += "&#10;"
            case "\r": r += "&#13;"
            case "\t" where attribute: r += "&#9;"
            default:
                let v = c.value
                if v == 0x9 || v == 0xA || (v >= 0x20 && v != 0xFFFE && v != 0xFFFF) { r.unicodeScalars.append(c) }
            }
        }
        return r
    }
}
