import Foundation

/// Inline SVG charts for the HTML reports: no scripts, no external resources, readable in print
/// (every bar and cell also carries its number as text). Every text is escaped.
public enum SVGChart {
    /// Series colours (colour-blind friendly, Tableau 10).
    static let palette = [
        "#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac",
    ]

    /// A horizontal grouped bar chart: one group per label, one bar per series, values ≥ 0.
    /// `format` writes a value next to its bar (e.g. `"%.0f%%"`).
    public static func groupedBars(
        title: String, labels: [String], series: [String], values: [[Double]], format: String
    ) -> String {
        let barHeight = 14.0
        let gap = 10.0
        let labelWidth = 230.0
        let chartWidth = 420.0
        let legendHeight = 22.0 * ceil(Double(max(series.count, 1)) / 3)
        let groupHeight = Double(max(series.count, 1)) * barHeight + gap
        let height = 40 + legendHeight + Double(labels.count) * groupHeight + 10
        let width = labelWidth + chartWidth + 70
        let maxValue = max(values.flatMap { $0 }.max() ?? 0, 1e-9)
        var out = [
            "<svg class=\"chart bars\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" font-family=\"sans-serif\" font-size=\"11\">",
            "<title>\(QuoteHTML.escape(title))</title>",
            "<text x=\"0\" y=\"16\" font-size=\"14\" font-weight=\"bold\">\(QuoteHTML.escape(title))</text>",
        ]
        for (k, name) in series.enumerated() {
            let x = Double(k % 3) * 230
            let y = 30 + Double(k / 3) * 22
            out.append(
                "<rect x=\"\(x)\" y=\"\(y)\" width=\"12\" height=\"12\" fill=\"\(palette[k % palette.count])\"/>")
            out.append("<text x=\"\(x + 16)\" y=\"\(y + 10)\">\(QuoteHTML.escape(name))</text>")
        }
        let top = 36 + legendHeight
        for (i, label) in labels.enumerated() {
            let y0 = top + Double(i) * groupHeight
            out.append(
                "<text x=\"\(labelWidth - 6)\" y=\"\(fmt(y0 + groupHeight / 2))\" text-anchor=\"end\">\(QuoteHTML.escape(truncate(label, 36)))</text>"
            )
            for (k, _) in series.enumerated() {
                let v = i < values.count && k < values[i].count ? values[i][k] : 0
                let w = chartWidth * v / maxValue
                let y = y0 + Double(k) * barHeight
                out.append(
                    "<rect class=\"bar\" x=\"\(labelWidth)\" y=\"\(fmt(y))\" width=\"\(fmt(w))\" height=\"\(fmt(barHeight - 2))\" fill=\"\(palette[k % palette.count])\"><title>\(QuoteHTML.escape(label)), \(QuoteHTML.escape(series[k])): \(String(format: format, v))</title></rect>"
                )
                out.append(
                    "<text x=\"\(fmt(labelWidth + w + 4))\" y=\"\(fmt(y + barHeight - 4))\">\(String(format: format, v))</text>"
                )
            }
        }
        out.append(
            "<line x1=\"\(labelWidth)\" y1=\"\(top - 4)\" x2=\"\(labelWidth)\" y2=\"\(fmt(height - 10))\" stroke=\"#444\"/>"
        )
        out.append("</svg>")
        return out.joined(separator: "\n")
    }

    /// A heatmap of a square matrix (`values[row][column]`, 0…`maxValue`), with `cellText` in
    /// each cell; the diagonal is drawn grey.
    public static func heatmap(
        title: String, labels: [String], values: [[Double]], cellText: [[String]], maxValue: Double
    ) -> String {
        let cell = 46.0
        let labelWidth = 200.0
        let top = 40.0 + 150
        let n = labels.count
        let width = labelWidth + Double(n) * cell + 20
        let height = top + Double(n) * cell + 20
        var out = [
            "<svg class=\"chart heatmap\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" font-family=\"sans-serif\" font-size=\"11\">",
            "<title>\(QuoteHTML.escape(title))</title>",
            "<text x=\"0\" y=\"16\" font-size=\"14\" font-weight=\"bold\">\(QuoteHTML.escape(title))</text>",
        ]
        for (j, label) in labels.enumerated() {
            let x = labelWidth + Double(j) * cell + cell / 2
            out.append(
                "<text transform=\"translate(\(fmt(x)),\(fmt(top - 6))) rotate(-55)\">\(QuoteHTML.escape(truncate(label, 28)))</text>"
            )
        }
        for i in 0..<n {
            let y = top + Double(i) * cell
            out.append(
                "<text x=\"\(labelWidth - 6)\" y=\"\(fmt(y + cell / 2 + 4))\" text-anchor=\"end\">\(QuoteHTML.escape(truncate(labels[i], 32)))</text>"
            )
            for j in 0..<n {
                let x = labelWidth + Double(j) * cell
                let v = values[i][j]
                let t = maxValue > 0 ? min(1, max(0, v / maxValue)) : 0
                let fill = i == j ? "#e0e0e0" : shade(t)
                out.append(
                    "<rect class=\"cell\" x=\"\(fmt(x))\" y=\"\(fmt(y))\" width=\"\(fmt(cell - 1))\" height=\"\(fmt(cell - 1))\" fill=\"\(fill)\"><title>\(QuoteHTML.escape(labels[i])) × \(QuoteHTML.escape(labels[j])): \(QuoteHTML.escape(cellText[i][j]))</title></rect>"
                )
                out.append(
                    "<text x=\"\(fmt(x + cell / 2))\" y=\"\(fmt(y + cell / 2 + 4))\" text-anchor=\"middle\" fill=\"\(t > 0.6 && i != j ? "#fff" : "#222")\">\(QuoteHTML.escape(cellText[i][j]))</text>"
                )
            }
        }
        out.append("</svg>")
        return out.joined(separator: "\n")
    }

    /// White to dark blue.
    static func shade(_ t: Double) -> String {
        let r = Int(255 - t * (255 - 33))
        let g = Int(255 - t * (255 - 80))
        let b = Int(255 - t * (255 - 140))
        return String(format: "#%02x%02x%02x", r, g, b)
    }

    static func fmt(_ v: Double) -> String { String(format: "%.1f", v) }

    static func truncate(_ s: String, _ n: Int) -> String { s.count <= n ? s : String(s.prefix(n - 1)) + "…" }

    /// A complete self-contained HTML page around `body` (inline CSS only).
    public static func page(title: String, body: [String]) -> String {
        ([
            "<!DOCTYPE html>", "<html lang=\"nl\">", "<head>", "<meta charset=\"utf-8\">",
            "<title>\(QuoteHTML.escape(title))</title>",
            "<style>body{font-family:Georgia,serif;max-width:60em;margin:2em auto;line-height:1.4;color:#222}"
                + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:.2em .5em;font-size:.9em}"
                + "td.n{text-align:right;font-variant-numeric:tabular-nums}svg{max-width:100%;height:auto;display:block;margin:1em 0}"
                + "@media print{svg{page-break-inside:avoid}}</style>",
            "</head>", "<body>", "<h1>\(QuoteHTML.escape(title))</h1>",
        ] + body + ["</body>", "</html>"]).joined(separator: "\n") + "\n"
    }

    /// An HTML table: header cells, then rows; cells that look like numbers are right-aligned.
    public static func table(header: [String], rows: [[String]]) -> String {
        var out = ["<table>", "<tr>" + header.map { "<th>\(QuoteHTML.escape($0))</th>" }.joined() + "</tr>"]
        for r in rows {
            out.append(
                "<tr>"
                    + r.map { c in
                        let numeric = !c.isEmpty && c.allSatisfy { $0.isNumber || ".,%()- ".contains($0) }
                        return numeric
                            ? "<td class=\"n\">\(QuoteHTML.escape(c))</td>" : "<td>\(QuoteHTML.escape(c))</td>"
                    }.joined() + "</tr>")
        }
        out.append("</table>")
        return out.joined(separator: "\n")
    }
}
