import Foundation

/// One distinct quote under a code: codings of the same code on the same text by several
/// coders collapse into one quote that lists them.
public struct GroupedQuote: Sendable, Hashable {
    public var row: QuoteRow
    /// Coders who applied the code to this text, sorted.
    public var coders: [String]
    /// Memos of those codings, in coder order, without repeats.
    public var memos: [String]
}

/// The quotes of one code with its counts.
public struct CodeQuotes: Sendable, Hashable {
    public var codeId: String
    public var name: String
    public var path: String
    public var description: String?
    /// 0 for a category, 1 for its sub-codes, …
    public var depth: Int
    public var quotes: [GroupedQuote]
    /// Codings (coder × segment applications), distinct segments and documents.
    public var codings: Int
    public var segments: Int
    public var documents: Int
}

/// A category (top-level code) with its own quotes and those of its sub-codes.
public struct CategoryQuotes: Sendable, Hashable {
    public var categoryId: String
    public var name: String
    public var description: String?
    /// The category's own quotes first (when it has any), then each sub-code in codebook order.
    public var codes: [CodeQuotes]
    /// Distinct segments coded with the category or any sub-code, and codings under it.
    public var segments: Int
    public var codings: Int
}

extension QuoteCollection {
    /// Rows grouped by category, then code, in codebook order; codes without quotes are left
    /// out unless `includeEmpty`. Codes missing from the codebook form a last category "Other codes".
    public func grouped(includeEmpty: Bool = false) -> [CategoryQuotes] {
        let byCode = Dictionary(grouping: rows, by: \.codeId)
        func codeQuotes(id: String, name: String, path: String, description: String?, depth: Int) -> CodeQuotes? {
            let rows = byCode[id] ?? []
            if rows.isEmpty && !includeEmpty { return nil }
            var order: [String] = []
            var map: [String: GroupedQuote] = [:]
            for r in rows {
                let key = "\(r.document)\u{1}\(r.segment)\u{1}\(r.start)\u{1}\(r.end)"
                if var g = map[key] {
                    if !g.coders.contains(r.coder) { g.coders.append(r.coder) }
                    if let m = r.memo, !g.memos.contains(m) { g.memos.append(m) }
                    map[key] = g
                } else {
                    order.append(key)
                    map[key] = GroupedQuote(row: r, coders: [r.coder], memos: r.memo.map { [$0] } ?? [])
                }
            }
            let quotes = order.compactMap { map[$0] }.map { q -> GroupedQuote in
                var q = q
                q.coders.sort()
                return q
            }
            return CodeQuotes(
                codeId: id, name: name, path: path, description: description, depth: depth, quotes: quotes,
                codings: rows.count,
                segments: Set(rows.map { "\($0.document)\u{1}\($0.segment)" }).count,
                documents: Set(rows.map(\.document)).count)
        }
        var result: [CategoryQuotes] = []
        var known: Set<String> = []
        for category in codebook.codes {
            let entries = Codebook(name: "", codes: [category]).entries
            known.formUnion(entries.map(\.code.id))
            let codes = entries.compactMap { e in
                codeQuotes(
                    id: e.code.id, name: e.code.name, path: e.pathString, description: e.code.description,
                    depth: e.depth)
            }
            let ids = Set(entries.map(\.code.id))
            let rowsIn = rows.filter { ids.contains($0.codeId) }
            if codes.isEmpty && !includeEmpty { continue }
            result.append(
                CategoryQuotes(
                    categoryId: category.id, name: category.name, description: category.description, codes: codes,
                    segments: Set(rowsIn.map { "\($0.document)\u{1}\($0.segment)" }).count, codings: rowsIn.count))
        }
        let unknown = Array(Set(rows.map(\.codeId)).subtracting(known)).sorted()
        if !unknown.isEmpty {
            let codes = unknown.compactMap { codeQuotes(id: $0, name: $0, path: $0, description: nil, depth: 1) }
            let rowsIn = rows.filter { unknown.contains($0.codeId) }
            result.append(
                CategoryQuotes(
                    categoryId: "", name: "Other codes (not in the codebook)", description: nil, codes: codes,
                    segments: Set(rowsIn.map { "\($0.document)\u{1}\($0.segment)" }).count, codings: rowsIn.count))
        }
        return result
    }
}
