import Foundation

/// Codes against the values of a document or speaker attribute (or document, role, speaker,
/// coder): `kader export matrix --by ATTRIBUTE`.
///
/// Rows are the codes of the codebook, each counting the code **and its sub-codes**. Per column:
/// `segments`, the distinct codable segments with that value coded with the row's code by any
/// selected coder; `codings`, the code applications (coder × segment × code, so two coders give
/// 2, and two sub-codes of one category on one segment give 2 in the category row). `base` is
/// the number of codable segments with the value (after the filter) in documents a selected
/// coder has a codings file for; the column percentage is
/// segments / base, the row percentage segments / the row's total segments.
public struct AttributeMatrix: Sendable, Hashable {
    public struct Row: Sendable, Hashable, Codable {
        public var codeId: String
        public var path: String
        public var depth: Int
        public var segments: [Int]
        public var codings: [Int]
        public var totalSegments: Int
        public var totalCodings: Int
    }

    /// The axis: `document`, `role`, `speaker`, `coder` or an attribute name.
    public var axis: String
    public var columns: [String]
    /// Codable segments per column (after the filter).
    public var base: [Int]
    public var totalBase: Int
    public var rows: [Row]
    /// What the counts cover (filter, coders), for the report's first line.
    public var scope: String

    /// The column label of segments without a value.
    public static let none = "(none)"

    /// Counts `units` (see ``AnalysisCorpus/units(where:)``) of `corpus` by `axis`; only the
    /// codes in `codes` (all when empty) count and have rows. Units without a coder (documents no selected coder
    /// has a codings file for) are left out, also from the bases.
    public static func build(
        _ corpus: AnalysisCorpus, units allUnits: [AnalysisUnit], by axis: String, codes: Set<String> = [],
        scope: String = ""
    ) -> AttributeMatrix {
        var counter = Counter(axis: axis, tree: corpus.tree, codes: codes)
        var byDocument: [Int: [(segment: Int, coder: String?)]] = [:]
        for u in allUnits { byDocument[u.document, default: []].append((u.segment, u.coder)) }
        for d in byDocument.keys.sorted() { counter.add(corpus.documents[d], units: byDocument[d] ?? []) }
        return counter.matrix(scope: scope)
    }

    /// Share of the column's codable segments coded with the row's code (0–100), nil for an empty column.
    public func columnPercent(_ r: Row, _ c: Int) -> Double? {
        base[c] == 0 ? nil : 100 * Double(r.segments[c]) / Double(base[c])
    }

    /// Share of the row's segments that fall in the column (0–100), nil for an empty row.
    public func rowPercent(_ r: Row, _ c: Int) -> Double? {
        r.totalSegments == 0 ? nil : 100 * Double(r.segments[c]) / Double(r.totalSegments)
    }

    static func pct(_ v: Double?) -> String { v.map { String(format: "%.1f", $0) } ?? "" }

    /// Markdown: counts as `segments (codings)`, then column and row percentages; categories in bold.
    public func markdown() -> String {
        var out = [
            "Code × \(axis): segments (codings); each row counts the code and its sub-codes.\(scope.isEmpty ? "" : " " + scope)",
            "",
        ]
        func table(_ title: String, _ cell: (Row, Int) -> String, total: (Row) -> String) {
            out.append("### \(title)")
            out.append("")
            out.append("| Code | " + columns.map(QuoteMarkdown.cell).joined(separator: " | ") + " | Total |")
            out.append("|---|" + String(repeating: "---:|", count: columns.count + 1))
            for r in rows {
                let name = r.depth == 0 ? "**\(QuoteMarkdown.cell(r.path))**" : QuoteMarkdown.cell(r.path)
                out.append(
                    "| \(name) | " + columns.indices.map { cell(r, $0) }.joined(separator: " | ") + " | \(total(r)) |")
            }
            out.append("")
        }
        table(
            "Counts", { r, c in "\(r.segments[c]) (\(r.codings[c]))" },
            total: { "\($0.totalSegments) (\($0.totalCodings))" })
        out.append(
            "Codable segments per column: "
                + columns.indices.map { "\(columns[$0]) \(base[$0])" }.joined(separator: ", ") + "; total \(totalBase)."
        )
        out.append("")
        table(
            "Column %: share of the column's codable segments", { r, c in Self.pct(columnPercent(r, c)) },
            total: { totalBase == 0 ? "" : String(format: "%.1f", 100 * Double($0.totalSegments) / Double(totalBase)) })
        table(
            "Row %: share of the code's segments in each column", { r, c in Self.pct(rowPercent(r, c)) },
            total: { $0.totalSegments == 0 ? "" : "100.0" })
        return out.joined(separator: "\n")
    }

    /// CSV: `code_id, code_path`, then per column `<v> segments`, `<v> codings`, `<v> row %`,
    /// `<v> column %`, then the totals; a last row `(codable segments)` gives the bases.
    public func csv(excel: Bool = false) throws -> Data {
        var header = ["code_id", "code_path"]
        for c in columns { header += ["\(c) segments", "\(c) codings", "\(c) row %", "\(c) column %"] }
        header += ["total segments", "total codings"]
        var body = rows.map { r -> [String] in
            var cells = [r.codeId, r.path]
            for c in columns.indices {
                cells += [
                    String(r.segments[c]), String(r.codings[c]), Self.pct(rowPercent(r, c)),
                    Self.pct(columnPercent(r, c)),
                ]
            }
            return cells + [String(r.totalSegments), String(r.totalCodings)]
        }
        var baseRow = ["", "(codable segments)"]
        for c in columns.indices { baseRow += [String(base[c]), "", "", ""] }
        body.append(baseRow + [String(totalBase), ""])
        return try QuoteTable.csv(header: header, rows: body, excel: excel)
    }

    /// JSON: `{axis, columns: [{value, codable_segments}], rows: [{code_id, code_path, depth,
    /// cells: [{segments, codings, row_percent, column_percent}], total_segments, total_codings}]}`.
    public func json() throws -> Data {
        struct Cell: Encodable {
            var segments: Int
            var codings: Int
            var rowPercent: Double?
            var columnPercent: Double?
            enum CodingKeys: String, CodingKey {
                case segments, codings
                case rowPercent = "row_percent"
                case columnPercent = "column_percent"
            }
        }
        struct JRow: Encodable {
            var codeId: String
            var codePath: String
            var depth: Int
            var cells: [Cell]
            var totalSegments: Int
            var totalCodings: Int
            enum CodingKeys: String, CodingKey {
                case codeId = "code_id"
                case codePath = "code_path"
                case depth, cells
                case totalSegments = "total_segments"
                case totalCodings = "total_codings"
            }
        }
        struct Column: Encodable {
            var value: String
            var codableSegments: Int
            enum CodingKeys: String, CodingKey {
                case value
                case codableSegments = "codable_segments"
            }
        }
        struct Doc: Encodable {
            var axis: String
            var columns: [Column]
            var codableSegments: Int
            var rows: [JRow]
            enum CodingKeys: String, CodingKey {
                case axis, columns
                case codableSegments = "codable_segments"
                case rows
            }
        }
        let round: (Double?) -> Double? = { $0.map { ($0 * 10).rounded() / 10 } }
        let doc = Doc(
            axis: axis, columns: columns.indices.map { Column(value: columns[$0], codableSegments: base[$0]) },
            codableSegments: totalBase,
            rows: rows.map { r in
                JRow(
                    codeId: r.codeId, codePath: r.path, depth: r.depth,
                    cells: columns.indices.map {
                        Cell(
                            segments: r.segments[$0], codings: r.codings[$0], rowPercent: round(rowPercent(r, $0)),
                            columnPercent: round(columnPercent(r, $0)))
                    },
                    totalSegments: r.totalSegments, totalCodings: r.totalCodings)
            })
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try enc.encode(doc)
        data.append(0x0A)
        return data
    }

    /// HTML: a bar chart of the categories' column percentages per value (inline SVG), then the
    /// counts and both percentage tables.
    public func html(title: String) -> String {
        let categories = rows.filter { $0.depth == 0 }
        let chart = SVGChart.groupedBars(
            title: "Share of codable segments per \(axis) (%)", labels: categories.map(\.path), series: columns,
            values: categories.map { r in columns.indices.map { columnPercent(r, $0) ?? 0 } }, format: "%.0f%%")
        let codes = rows.filter { $0.depth > 0 }
        let codeChart = SVGChart.groupedBars(
            title: "Segments per code and \(axis)",
            labels: codes.map { $0.path.split(separator: "/").last.map(String.init) ?? $0.path }, series: columns,
            values: codes.map { r in r.segments.map(Double.init) }, format: "%.0f")
        var body = [
            "<p>Code × \(QuoteHTML.escape(axis)): segments (codings); each row counts the code and its sub-codes. \(QuoteHTML.escape(scope))</p>",
            chart, codeChart, "<h2>Counts</h2>",
        ]
        body.append(
            SVGChart.table(
                header: ["Code"] + columns + ["Total"],
                rows: rows.map { r in
                    [String(repeating: "  ", count: r.depth) + r.path]
                        + columns.indices.map { "\(r.segments[$0]) (\(r.codings[$0]))" } + [
                            "\(r.totalSegments) (\(r.totalCodings))"
                        ]
                } + [["Codable segments"] + base.map(String.init) + [String(totalBase)]]))
        body.append("<h2>Column %</h2>")
        body.append(
            SVGChart.table(
                header: ["Code"] + columns,
                rows: rows.map { r in [r.path] + columns.indices.map { Self.pct(columnPercent(r, $0)) } }))
        body.append("<h2>Row %</h2>")
        body.append(
            SVGChart.table(
                header: ["Code"] + columns,
                rows: rows.map { r in [r.path] + columns.indices.map { Self.pct(rowPercent(r, $0)) } }))
        return SVGChart.page(title: title, body: body)
    }
}
