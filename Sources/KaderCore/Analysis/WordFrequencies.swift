import Foundation

/// Word frequencies over segments (`kader words`): folded words (case and accents ignored),
/// without Dutch and English stop words, numbers and one-letter words; optionally per value of
/// an attribute.
public struct WordFrequencies: Sendable {
    public struct Entry: Sendable, Hashable {
        public var word: String
        public var total: Int
        /// Per column (see ``WordFrequencies/columns``).
        public var counts: [Int]
    }

    /// The axis values (one `all` column without `--by`).
    public var columns: [String]
    public var entries: [Entry]
    /// Words counted per column (stop words excluded).
    public var totals: [Int]

    /// Counts words in the segments of `units` (each segment once, whatever the coders), the
    /// `top` most frequent overall.
    public static func build(
        _ corpus: AnalysisCorpus, units: [AnalysisUnit], by axis: String?, top: Int, stopWords: Bool = true
    ) -> WordFrequencies {
        var scanner = WordScanner()
        var seen: Set<Int> = []
        var columnIndex: [String: Int] = [:]
        var columns: [String] = []
        var counts: [String: [Int]] = [:]
        var totals: [Int] = []
        for u in units {
            guard seen.insert(u.document << 32 | u.segment).inserted else { continue }
            let key = axis.map { corpus.value(of: u, on: $0) ?? AttributeMatrix.none } ?? "all"
            let c: Int
            if let found = columnIndex[key] {
                c = found
            } else {
                c = columns.count
                columnIndex[key] = c
                columns.append(key)
                totals.append(0)
            }
            scanner.scan(corpus.documents[u.document].document.segments[u.segment].textSlice)
            for i in scanner.words.indices {
                let r = scanner.words[i]
                if r.count < 2 { continue }
                if scanner.folded[r.lowerBound].properties.numericType != nil { continue }
                let w = scanner.word(i)
                if stopWords && StopWords.all.contains(w) { continue }
                var row = counts[w] ?? []
                if row.count < columns.count { row += Array(repeating: 0, count: columns.count - row.count) }
                row[c] += 1
                counts[w] = row
                totals[c] += 1
            }
        }
        let order = AnalysisCorpus.sortedValues(Set(columns))
        // `order` is a permutation of `columns`, the keys of `columnIndex`: nothing is dropped.
        let remap = order.compactMap { columnIndex[$0] }
        var entries = counts.map { w, row -> Entry in
            let full = row + Array(repeating: 0, count: columns.count - row.count)
            return Entry(word: w, total: full.reduce(0, +), counts: remap.map { full[$0] })
        }
        entries.sort { ($0.total, $1.word) > ($1.total, $0.word) }
        return WordFrequencies(columns: order, entries: Array(entries.prefix(top)), totals: remap.map { totals[$0] })
    }

    public func markdown() -> String {
        var out = [
            "Word frequencies (case and accents ignored; stop words, numbers and one-letter words left out).", "",
        ]
        out.append(
            "| Word | " + (columns.count > 1 ? columns.map(QuoteMarkdown.cell).joined(separator: " | ") + " | " : "")
                + "Total |")
        out.append("|---|" + String(repeating: "---:|", count: columns.count > 1 ? columns.count + 1 : 1))
        for e in entries {
            out.append(
                "| \(QuoteMarkdown.cell(e.word)) | "
                    + (columns.count > 1 ? e.counts.map(String.init).joined(separator: " | ") + " | " : "")
                    + "\(e.total) |")
        }
        return out.joined(separator: "\n") + "\n"
    }

    public func csv(excel: Bool = false) throws -> Data {
        try QuoteTable.csv(
            header: ["word"] + columns + ["total"],
            rows: entries.map { [$0.word] + $0.counts.map(String.init) + [String($0.total)] }, excel: excel)
    }

    public func json() throws -> Data {
        struct J: Encodable {
            var columns: [String]
            var wordsCounted: [Int]
            var words: [W]
            enum CodingKeys: String, CodingKey {
                case columns
                case wordsCounted = "words_counted"
                case words
            }
        }
        struct W: Encodable {
            var word: String
            var total: Int
            var counts: [Int]
        }
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try enc.encode(
            J(
                columns: columns, wordsCounted: totals,
                words: entries.map { W(word: $0.word, total: $0.total, counts: $0.counts) })) + Data([0x0A])
    }

    public func html(title: String) -> String {
        let chart = SVGChart.groupedBars(
            title: "Most frequent words", labels: entries.prefix(30).map(\.word), series: columns,
            values: entries.prefix(30).map { $0.counts.map(Double.init) }, format: "%.0f")
        return SVGChart.page(
            title: title,
            body: [
                chart,
                SVGChart.table(
                    header: ["word"] + columns + ["total"],
                    rows: entries.map { [$0.word] + $0.counts.map(String.init) + [String($0.total)] }),
            ])
    }
}
