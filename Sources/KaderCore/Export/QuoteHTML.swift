import Foundation

/// A self-contained HTML report of coded quotes (inline CSS, no scripts, every text escaped).
public enum QuoteHTML {
    /// Renders the same structure as ``QuoteMarkdown``, with coders and memos in small print.
    public static func render(_ collection: QuoteCollection, definitions: Bool = false) -> String {
        let title = "Coded quotes: " + collection.codebook.name
        var out: [String] = [
            "<!DOCTYPE html>", "<html lang=\"nl\">", "<head>", "<meta charset=\"utf-8\">",
            "<title>\(escape(title))</title>",
            "<style>body{font-family:Georgia,serif;max-width:46em;margin:2em auto;line-height:1.5;color:#222}"
                + "blockquote{margin:1em 0;padding:.2em 1em;border-left:4px solid #ccc}"
                + ".attr{color:#555}.meta{font-size:.85em;color:#777}table{border-collapse:collapse}"
                + "td,th{border:1px solid #ddd;padding:.2em .6em}td.n{text-align:right}</style>",
            "</head>", "<body>", "<h1>\(escape(title))</h1>",
        ]
        let groups = collection.grouped()
        out.append("<table><tr><th>Category / code</th><th>Segments</th><th>Codings</th></tr>")
        for g in groups {
            out.append(
                "<tr><td><strong>\(escape(g.name))</strong></td><td class=\"n\">\(g.segments)</td><td class=\"n\">\(g.codings)</td></tr>"
            )
            for c in g.codes where c.depth > 0 {
                out.append(
                    "<tr><td>\(escape(c.name))</td><td class=\"n\">\(c.segments)</td><td class=\"n\">\(c.codings)</td></tr>"
                )
            }
        }
        out.append("</table>")
        if definitions {
            out.append("<h2>Codebook</h2><dl>")
            for e in collection.codebook.entries {
                out.append("<dt>\(escape(e.pathString))</dt><dd>\(escape(e.code.description ?? ""))</dd>")
            }
            out.append("</dl>")
        }
        for g in groups {
            out.append("<h2>\(escape(g.name))</h2>")
            for c in g.codes {
                if c.depth > 0 { out.append("<h\(min(6, 2 + c.depth))>\(escape(c.name))</h\(min(6, 2 + c.depth))>") }
                for q in c.quotes {
                    let paragraphs = q.row.text.components(separatedBy: "\n\n").map {
                        "<p>\(escape(Fingerprint.collapseWhitespace($0)))</p>"
                    }
                    out.append(
                        "<blockquote>" + paragraphs.joined() + "<p class=\"attr\">\(escape(q.row.attribution))</p>"
                            + "<p class=\"meta\">\(escape(q.row.document)) #\(q.row.ordinal) · coded by \(escape(q.coders.joined(separator: ", ")))"
                            + q.memos.map { " · memo: " + escape($0) }.joined() + "</p></blockquote>")
                }
            }
        }
        out += ["</body>", "</html>"]
        return out.joined(separator: "\n") + "\n"
    }

    /// Escapes `& < > " '` for HTML text and attribute values.
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.count)
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }
}
