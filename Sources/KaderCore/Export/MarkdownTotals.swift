import Foundation

/// The codebook's categories as ``QuoteCollection/grouped(includeEmpty:)`` walks them, for the
/// streamed Markdown report (``QuoteStream/writeMarkdown(to:definitions:)``).
struct MarkdownLayout: Sendable {
    struct Category: Sendable {
        var name: String
        var entries: [CodeEntry]
    }

    var categories: [Category] = []
    /// Every code id in the codebook.
    var known: Set<String> = []
    /// The categories (indices into ``categories``) whose subtree holds a code id; codes missing
    /// from the codebook count under index `categories.count` ("Other codes").
    var categoriesOf: [String: [Int]] = [:]

    init(_ codebook: Codebook) {
        for (i, category) in codebook.codes.enumerated() {
            let entries = Codebook(name: "", codes: [category]).entries
            categories.append(Category(name: category.name, entries: entries))
            for id in Set(entries.map(\.code.id)) { categoriesOf[id, default: []].append(i) }
            known.formUnion(entries.map(\.code.id))
        }
    }

    func categories(of codeId: String) -> [Int] { categoriesOf[codeId] ?? [categories.count] }

    struct GroupCode {
        var name: String
        var depth: Int
        var totals: MarkdownTotals.Code
    }

    struct Group {
        var name: String
        var segments: Int
        var codings: Int
        var codes: [GroupCode]
    }

    /// The report's sections in order: categories with quotes, then codes missing from the codebook.
    func groups(_ totals: MarkdownTotals) -> [Group] {
        var result: [Group] = []
        for (i, category) in categories.enumerated() {
            let codes = category.entries.compactMap { e in
                totals.codes[e.code.id].map { GroupCode(name: e.code.name, depth: e.depth, totals: $0) }
            }
            if codes.isEmpty { continue }
            result.append(
                Group(
                    name: category.name, segments: totals.categorySegments[i], codings: totals.categoryCodings[i],
                    codes: codes))
        }
        let unknown = totals.codes.keys.filter { !known.contains($0) }.sorted()
        if !unknown.isEmpty {
            let codes = unknown.compactMap { id in totals.codes[id].map { GroupCode(name: id, depth: 1, totals: $0) } }
            result.append(
                Group(
                    name: "Other codes (not in the codebook)", segments: totals.categorySegments[categories.count],
                    codings: totals.categoryCodings[categories.count], codes: codes))
        }
        return result
    }
}

/// One document's share of the Markdown report: its counts and, per code, its quotes rendered
/// (each as a blank line and the block quote), merged as ``QuoteCollection/grouped(includeEmpty:)``
/// merges them (same code, segment and span).
struct MarkdownPart: Sendable {
    struct Piece: Sendable {
        var codeId: String
        var codings = 0
        var segments = 0
        var quoteCount = 0
        var text: [UInt8] = []
    }

    var rows: Int
    var segments: Int
    var coders: Set<String>
    var categorySegments: [Int]
    var categoryCodings: [Int]
    var codes: [Piece] = []

    /// `rows` are one document's rows in export order.
    init(_ rows: [QuoteRow], layout: MarkdownLayout) {
        self.rows = rows.count
        segments = Set(rows.map(\.segment)).count
        coders = Set(rows.map(\.coder))
        var categorySets = Array(repeating: Set<String>(), count: layout.categories.count + 1)
        categoryCodings = Array(repeating: 0, count: layout.categories.count + 1)
        var index: [String: Int] = [:]
        var seen: [Set<String>] = []
        var codeSegments: [Set<String>] = []
        for r in rows {
            for c in layout.categories(of: r.codeId) {
                categorySets[c].insert(r.segment)
                categoryCodings[c] += 1
            }
            let i: Int
            if let k = index[r.codeId] {
                i = k
            } else {
                i = codes.count
                index[r.codeId] = i
                codes.append(Piece(codeId: r.codeId))
                seen.append([])
                codeSegments.append([])
            }
            codes[i].codings += 1
            codeSegments[i].insert(r.segment)
            guard seen[i].insert("\(r.segment)\u{1}\(r.start)\u{1}\(r.end)").inserted else { continue }
            codes[i].quoteCount += 1
            codes[i].text.append(contentsOf: "\n\n".utf8)
            codes[i].text.append(contentsOf: QuoteMarkdown.blockQuote(r.text, attribution: r.attribution).utf8)
        }
        for i in codes.indices { codes[i].segments = codeSegments[i].count }
        categorySegments = categorySets.map(\.count)
    }
}

/// The whole report's counts, summed over documents (documents never share a segment or quote).
struct MarkdownTotals {
    struct Code {
        var codings = 0
        var segments = 0
        var documents = 0
        var quotes = 0
        /// Offset and length in the spill file of each document's rendered quotes, in document order.
        var chunks: [(offset: Int, length: Int)] = []

        mutating func add(_ piece: MarkdownPart.Piece, chunk: (Int, Int)) {
            codings += piece.codings
            segments += piece.segments
            documents += 1
            quotes += piece.quoteCount
            chunks.append(chunk)
        }
    }

    var rows = 0
    var segments = 0
    var documents = 0
    var coders: Set<String> = []
    var categorySegments: [Int]
    var categoryCodings: [Int]
    var codes: [String: Code] = [:]

    init(categories: Int) {
        categorySegments = Array(repeating: 0, count: categories)
        categoryCodings = Array(repeating: 0, count: categories)
    }

    mutating func add(_ part: MarkdownPart) {
        guard part.rows > 0 else { return }
        rows += part.rows
        segments += part.segments
        documents += 1
        coders.formUnion(part.coders)
        for i in categorySegments.indices {
            categorySegments[i] += part.categorySegments[i]
            categoryCodings[i] += part.categoryCodings[i]
        }
    }
}
