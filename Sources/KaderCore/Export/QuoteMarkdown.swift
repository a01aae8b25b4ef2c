import Foundation

/// A Markdown report of coded quotes, ready to paste into the results section of a report:
/// an overview table of counts, optionally the codebook definitions, then per category and
/// sub-code each quote as a block quote with its attribution.
public enum QuoteMarkdown {
    /// Renders `collection`. `definitions` adds a preface with each code's definition,
    /// inclusion and exclusion criteria. The result ends with a newline.
    public static func render(_ collection: QuoteCollection, definitions: Bool = false) -> String {
        let groups = collection.grouped()
        let rows = collection.rows
        var out: [String] = []
        out.append("# Coded quotes: \(collection.codebook.name)")
        out.append("")
        let segments = Set(rows.map { "\($0.document)\u{1}\($0.segment)" }).count
        let docs = Set(rows.map(\.document)).count
        let coders = Array(Set(rows.map(\.coder))).sorted()
        if rows.isEmpty {
            out.append("No codings match.")
        } else {
            out.append(
                "\(rows.count) \(plural(rows.count, "coding")) of \(segments) \(plural(segments, "segment")) in \(docs) \(plural(docs, "document")), "
                    + "by \(plural(coders.count, "coder")) \(list(coders)).")
            out.append("")
            out.append("| Category / code | Segments | Codings | Documents |")
            out.append("|---|---:|---:|---:|")
            for g in groups {
                out.append("| **\(cell(g.name))** | \(g.segments) | \(g.codings) | |")
                for c in g.codes where c.depth > 0 {
                    out.append(
                        "| \(String(repeating: "  ", count: c.depth - 1))\(cell(c.name)) | \(c.segments) | \(c.codings) | \(c.documents) |"
                    )
                }
            }
        }
        if definitions { out += definitionsSection(collection.codebook) }
        for (i, g) in groups.enumerated() {
            out.append("")
            out.append("## \(i + 1). \(g.name)")
            out.append("")
            out.append("\(g.segments) \(plural(g.segments, "segment")), \(g.codings) \(plural(g.codings, "coding")).")
            for c in g.codes {
                if c.depth > 0 {
                    out.append("")
                    out.append(String(repeating: "#", count: min(6, 2 + c.depth)) + " \(c.name)")
                }
                out.append("")
                out.append(
                    "\(c.quotes.count) \(plural(c.quotes.count, "quote")) from \(c.documents) \(plural(c.documents, "document"))"
                        + (c.depth == 0 ? " coded with the category itself." : "."))
                for q in c.quotes {
                    out.append("")
                    out.append(blockQuote(q.row.text, attribution: q.row.attribution))
                }
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    static func definitionsSection(_ book: Codebook) -> [String] {
        var out = ["", "## Codebook", ""]
        for e in book.entries {
            let c = e.code
            let indent = String(repeating: "  ", count: e.depth)
            var line = "\(indent)- **\(c.name)**"
            if let d = c.description, !d.isEmpty { line += ": " + oneLine(d) }
            out.append(line)
            if let i = c.inclusion, !i.isEmpty { out.append("\(indent)  *Include:* " + oneLine(i)) }
            if let x = c.exclusion, !x.isEmpty { out.append("\(indent)  *Exclude:* " + oneLine(x)) }
            if let x = c.example, !x.isEmpty { out.append("\(indent)  *Example:* " + oneLine(x)) }
        }
        return out
    }

    /// The quote as Markdown block-quote lines, paragraphs kept, the attribution after the last line.
    static func blockQuote(_ text: String, attribution: String) -> String {
        let paragraphs = text.components(separatedBy: "\n\n").map(oneLine).filter { !$0.isEmpty }.map(escapeLineStart)
        var lines = paragraphs.isEmpty ? [""] : paragraphs
        lines[lines.count - 1] += " " + attribution
        return lines.map { "> " + $0 }.joined(separator: "\n>\n")
    }

    static func oneLine(_ s: String) -> String { Fingerprint.collapseWhitespace(s) }

    /// Backslash-escapes a leading character that Markdown would read as a heading, list or quote.
    static func escapeLineStart(_ s: String) -> String {
        guard let first = s.first else { return s }
        if "#-+*>".contains(first) { return "\\" + s }
        if let dot = s.firstIndex(of: "."), s[..<dot].allSatisfy(\.isNumber), dot != s.startIndex {
            return s[..<dot] + "\\" + s[dot...]
        }
        return s
    }

    static func cell(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|") }

    static func plural(_ n: Int, _ word: String) -> String { n == 1 ? word : word + "s" }

    static func list(_ items: [String]) -> String {
        guard let last = items.last else { return "" }
        if items.count == 1 { return last }
        return items.dropLast().joined(separator: ", ") + " and " + last
    }
}
