import Foundation

/// Counts of codes against documents or speaker roles.
///
/// Each row is a code of the codebook, counting the code **and its sub-codes** (so a category
/// row counts everything coded under that category). Per column two numbers: `segments`, the
/// distinct segments coded by any selected coder, and `codings`, the coder × segment
/// applications (two coders applying the code to one segment give 1 segment, 2 codings).
public struct CodeMatrix: Sendable, Hashable {
    public enum Axis: String, Sendable, CaseIterable {
        case document, role
    }

    public struct Row: Sendable, Hashable {
        public var codeId: String
        public var path: String
        public var depth: Int
        /// One count per column, then the total in ``total``.
        public var segments: [Int]
        public var codings: [Int]
        public var totalSegments: Int
        public var totalCodings: Int
    }

    public var axis: Axis
    /// Document ids, or roles (`(no role)` for segments without one).
    public var columns: [String]
    public var rows: [Row]

    public static let noRole = "(no role)"

    /// Builds the matrix from the (already filtered) rows of `collection`.
    public static func build(_ collection: QuoteCollection, by axis: Axis) -> CodeMatrix {
        let key: (QuoteRow) -> String = axis == .document ? { $0.document } : { $0.role ?? noRole }
        let columns: [String]
        switch axis {
        case .document: columns = collection.documents.map(\.id)
        case .role: columns = Array(Set(collection.rows.map(key))).sorted()
        }
        let index = Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($0.element, $0.offset) })
        var rows: [Row] = []
        for e in collection.codebook.entries {
            let ids = Set(Codebook(name: "", codes: [e.code]).entries.map(\.code.id))
            let hits = collection.rows.filter { ids.contains($0.codeId) }
            var segs = [Set<String>](repeating: [], count: columns.count)
            // A code quoted twice in one segment is still one coding: count coder × segment × code.
            var cods = [Set<String>](repeating: [], count: columns.count)
            for r in hits {
                guard let i = index[key(r)] else { continue }
                segs[i].insert(r.document + "\u{1}" + r.segment)
                cods[i].insert(r.document + "\u{1}" + r.segment + "\u{1}" + r.coder + "\u{1}" + r.codeId)
            }
            let total = Set(hits.map { $0.document + "\u{1}" + $0.segment }).count
            let totalCodings = Set(
                hits.map { $0.document + "\u{1}" + $0.segment + "\u{1}" + $0.coder + "\u{1}" + $0.codeId }
            ).count
            rows.append(
                Row(
                    codeId: e.code.id, path: e.pathString, depth: e.depth, segments: segs.map(\.count),
                    codings: cods.map(\.count),
                    totalSegments: total, totalCodings: totalCodings))
        }
        return CodeMatrix(axis: axis, columns: columns, rows: rows)
    }

    /// CSV: `code_id, code_path`, then `<column> segments`, `<column> codings` per column, then the totals.
    public func csv(excel: Bool = false) throws -> Data {
        var header = ["code_id", "code_path"]
        for c in columns { header += ["\(c) segments", "\(c) codings"] }
        header += ["total segments", "total codings"]
        let body = rows.map { r -> [String] in
            var cells = [r.codeId, r.path]
            for i in columns.indices { cells += [String(r.segments[i]), String(r.codings[i])] }
            return cells + [String(r.totalSegments), String(r.totalCodings)]
        }
        return try QuoteTable.csv(header: header, rows: body, excel: excel)
    }

    /// A Markdown table; each cell is `segments (codings)`, categories in bold.
    public func markdown() -> String {
        var out = ["Code × \(axis.rawValue): segments (codings); each row counts the code and its sub-codes.", ""]
        out.append("| Code | " + columns.map(QuoteMarkdown.cell).joined(separator: " | ") + " | Total |")
        out.append("|---|" + String(repeating: "---:|", count: columns.count + 1))
        for r in rows {
            let name = r.depth == 0 ? "**\(QuoteMarkdown.cell(r.path))**" : QuoteMarkdown.cell(r.path)
            let cells = columns.indices.map { "\(r.segments[$0]) (\(r.codings[$0]))" }
            out.append("| \(name) | " + cells.joined(separator: " | ") + " | \(r.totalSegments) (\(r.totalCodings)) |")
        }
        return out.joined(separator: "\n") + "\n"
    }
}
