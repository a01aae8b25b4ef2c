import Foundation

/// Code co-occurrence (`kader cooccur`): for each pair of codes (or categories), the segments
/// coded with both.
///
/// The unit is a segment as coded by one coder: each selected coder gives a group of their own
/// (use `--coder consensus` for the reconciled coding), or, `pooled`, one group in which a
/// segment carries every code any selected coder applied. `--by ATTRIBUTE` splits each group
/// further by the segment's value. At level `category` a segment carries the categories of its
/// codes. For a pair A, B with n_A, n_B segments and n_AB with both: Jaccard n_AB / (n_A + n_B −
/// n_AB), and the share of A's segments n_AB / n_A (and of B's).
public struct Cooccurrence: Sendable {
    public enum Level: String, Sendable, CaseIterable {
        case code, category
    }

    public struct Pair: Sendable, Hashable, Codable {
        public var a: String
        public var b: String
        public var both: Int
        public var jaccard: Double?
        public var shareOfA: Double?
        public var shareOfB: Double?
    }

    public struct Group: Sendable {
        /// The coder (or `pooled`) and, with `--by`, the value.
        public var coder: String
        public var value: String?
        /// Segments in the group.
        public var segments: Int
        /// Codes (or categories) in codebook order with their segment counts (only codes applied).
        public var codes: [String]
        public var counts: [Int]
        /// both[i][j] for codes i, j (the diagonal is counts[i]).
        public var both: [[Int]]

        public var label: String { value.map { "\(coder), \($0)" } ?? coder }

        /// Every pair i < j with n_AB > 0, most frequent first.
        public var pairs: [Pair] {
            var out: [Pair] = []
            for i in codes.indices {
                for j in codes.indices where j > i && both[i][j] > 0 {
                    let ab = both[i][j]
                    let na = counts[i]
                    let nb = counts[j]
                    out.append(
                        Pair(
                            a: codes[i], b: codes[j], both: ab, jaccard: Double(ab) / Double(na + nb - ab),
                            shareOfA: Double(ab) / Double(na), shareOfB: Double(ab) / Double(nb)))
                }
            }
            return out.sorted { ($0.both, $0.jaccard ?? 0) > ($1.both, $1.jaccard ?? 0) }
        }
    }

    public var level: Level
    public var by: String?
    public var groups: [Group]
    public var tree: CodeTree

    /// Counts co-occurrences over `units`. Linear in the units times the square of the codes per unit.
    public static func build(_ corpus: AnalysisCorpus, units: [AnalysisUnit], level: Level, by: String?, pooled: Bool)
        -> Cooccurrence
    {
        let tree = corpus.tree
        // Group key -> (segment key -> code set)
        var groupOrder: [(key: String, coder: String, value: String?)] = []
        var seenGroups: Set<String> = []
        var sets: [String: [Int: Set<String>]] = [:]
        for u in units where u.coder != nil {
            let coder = pooled ? "pooled" : (u.coder ?? "(no coder)")
            let value = by.map { corpus.value(of: u, on: $0) ?? AttributeMatrix.none }
            let gk = coder + "\u{1}" + (value ?? "")
            if seenGroups.insert(gk).inserted { groupOrder.append((gk, coder, value)) }
            var mapped: Set<String> = []
            // `tree.category` has exactly the codes of the codebook (those `tree.contains`).
            for c in corpus.codes(of: u) {
                guard let category = tree.category[c] else { continue }
                mapped.insert(level == .category ? category : c)
            }
            sets[gk, default: [:]][u.document << 32 | u.segment, default: []].formUnion(mapped)
        }
        var groups: [Group] = []
        for info in groupOrder {
            let segs = sets[info.key] ?? [:]
            var used: Set<String> = []
            for (_, s) in segs { used.formUnion(s) }
            let codes = (level == .category ? tree.categories : tree.order).filter(used.contains)
            let index = Dictionary(uniqueKeysWithValues: codes.enumerated().map { ($0.element, $0.offset) })
            var both = [[Int]](repeating: [Int](repeating: 0, count: codes.count), count: codes.count)
            for (_, s) in segs {
                let ids = s.compactMap { index[$0] }
                for i in ids { for j in ids { both[i][j] += 1 } }
            }
            groups.append(
                Group(
                    coder: info.coder, value: info.value, segments: segs.count, codes: codes,
                    counts: codes.indices.map { both[$0][$0] }, both: both))
        }
        let valueOrder = AnalysisCorpus.sortedValues(Set(groups.compactMap(\.value)))
        let rank = Dictionary(uniqueKeysWithValues: valueOrder.enumerated().map { ($0.element, $0.offset) })
        groups.sort {
            ($0.coder, $0.value.flatMap { rank[$0] } ?? -1) < ($1.coder, $1.value.flatMap { rank[$0] } ?? -1)
        }
        return Cooccurrence(level: level, by: by, groups: groups, tree: tree)
    }

    func name(_ id: String) -> String { level == .category ? (tree.name[id] ?? id) : (tree.path[id] ?? id) }

    static func pct(_ v: Double?) -> String { v.map { String(format: "%.1f%%", $0 * 100) } ?? "" }
    static func num(_ v: Double?) -> String { v.map { String(format: "%.3f", $0) } ?? "" }

    /// Markdown: per group the pairs table, then the grid of counts.
    public func markdown() -> String {
        var out = [
            "Co-occurrence of \(level == .category ? "categories" : "codes") per segment: n(A∧B) segments coded with both; Jaccard n(A∧B)/n(A∨B); share of A = n(A∧B)/n(A).",
            "",
        ]
        if groups.isEmpty { out.append("No coded segments match.") }
        for g in groups {
            out.append("## \(g.label) (\(g.segments) segments)")
            out.append("")
            let pairs = g.pairs
            if pairs.isEmpty {
                out.append("No segment carries two of these codes.")
                out.append("")
                continue
            }
            out.append("| A | B | n(A∧B) | Jaccard | share of A | share of B |")
            out.append("|---|---|---:|---:|---:|---:|")
            for p in pairs {
                out.append(
                    "| \(QuoteMarkdown.cell(name(p.a))) | \(QuoteMarkdown.cell(name(p.b))) | \(p.both) | \(Self.num(p.jaccard)) | \(Self.pct(p.shareOfA)) | \(Self.pct(p.shareOfB)) |"
                )
            }
            out.append("")
            out.append("| | " + g.codes.map { QuoteMarkdown.cell(tree.name[$0] ?? $0) }.joined(separator: " | ") + " |")
            out.append("|---|" + String(repeating: "---:|", count: g.codes.count))
            for i in g.codes.indices {
                out.append(
                    "| \(QuoteMarkdown.cell(name(g.codes[i]))) | "
                        + g.codes.indices.map { String(g.both[i][$0]) }.joined(separator: " | ") + " |")
            }
            out.append("")
        }
        return out.joined(separator: "\n")
    }

    /// CSV: one row per group and pair with n(A∧B) > 0.
    public func csv(excel: Bool = false) throws -> Data {
        let header = [
            "coder", "value", "a", "a_path", "b", "b_path", "n_a", "n_b", "n_ab", "jaccard", "share_of_a", "share_of_b",
        ]
        var rows: [[String]] = []
        for g in groups {
            // Pairs are built from `g.codes`, so both ends are keys of `n`.
            let n = Dictionary(uniqueKeysWithValues: zip(g.codes, g.counts))
            for p in g.pairs {
                rows.append([
                    g.coder, g.value ?? "", p.a, name(p.a), p.b, name(p.b), String(n[p.a, default: 0]),
                    String(n[p.b, default: 0]),
                    String(p.both),
                    Self.num(p.jaccard), p.shareOfA.map { String(format: "%.4f", $0) } ?? "",
                    p.shareOfB.map { String(format: "%.4f", $0) } ?? "",
                ])
            }
        }
        return try QuoteTable.csv(header: header, rows: rows, excel: excel)
    }

    /// JSON: `{level, by, groups: [{coder, value, segments, codes: [{id, name, segments}], pairs: [{a, b, both, jaccard, share_of_a, share_of_b}]}]}`.
    public func json() throws -> Data {
        struct JCode: Encodable {
            var id: String
            var name: String
            var segments: Int
        }
        struct JPair: Encodable {
            var a: String
            var b: String
            var both: Int
            var jaccard: Double?
            var shareOfA: Double?
            var shareOfB: Double?
            enum CodingKeys: String, CodingKey {
                case a, b, both, jaccard
                case shareOfA = "share_of_a"
                case shareOfB = "share_of_b"
            }
        }
        struct JGroup: Encodable {
            var coder: String
            var value: String?
            var segments: Int
            var codes: [JCode]
            var pairs: [JPair]
        }
        struct Doc: Encodable {
            var level: String
            var by: String?
            var groups: [JGroup]
        }
        let r4: (Double?) -> Double? = { $0.map { ($0 * 10000).rounded() / 10000 } }
        let doc = Doc(
            level: level.rawValue, by: by,
            groups: groups.map { g in
                JGroup(
                    coder: g.coder, value: g.value, segments: g.segments,
                    codes: g.codes.indices.map {
                        JCode(id: g.codes[$0], name: name(g.codes[$0]), segments: g.counts[$0])
                    },
                    pairs: g.pairs.map {
                        JPair(
                            a: $0.a, b: $0.b, both: $0.both, jaccard: r4($0.jaccard), shareOfA: r4($0.shareOfA),
                            shareOfB: r4($0.shareOfB))
                    })
            })
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try enc.encode(doc)
        data.append(0x0A)
        return data
    }

    /// HTML: per group a heatmap (colour: Jaccard; text: n(A∧B)), then the pairs table.
    public func html(title: String) -> String {
        var body = [
            "<p>Co-occurrence per segment; cell colour is the Jaccard index, the number n(A∧B); the diagonal gives each code's segments.</p>"
        ]
        if groups.isEmpty { body.append("<p>No coded segments match.</p>") }
        for g in groups {
            body.append("<h2>\(QuoteHTML.escape(g.label)) (\(g.segments) segments)</h2>")
            let jac: [[Double]] = g.codes.indices.map { i in
                g.codes.indices.map { j in
                    let u = g.counts[i] + g.counts[j] - g.both[i][j]
                    return i == j || u == 0 ? 0 : Double(g.both[i][j]) / Double(u)
                }
            }
            let text = g.codes.indices.map { i in g.codes.indices.map { j in String(g.both[i][j]) } }
            body.append(
                SVGChart.heatmap(
                    title: "Co-occurrence: \(g.label)", labels: g.codes.map { tree.name[$0] ?? $0 }, values: jac,
                    cellText: text, maxValue: 1))
            body.append(
                SVGChart.table(
                    header: ["A", "B", "n(A∧B)", "Jaccard", "share of A", "share of B"],
                    rows: g.pairs.map {
                        [
                            name($0.a), name($0.b), String($0.both), Self.num($0.jaccard), Self.pct($0.shareOfA),
                            Self.pct($0.shareOfB),
                        ]
                    }))
        }
        return SVGChart.page(title: title, body: body)
    }
}
