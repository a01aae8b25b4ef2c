import KaderCore

/// The code picker (`c`): incremental fuzzy search over code names, paths and definitions,
/// recent codes first when the query is empty.
public struct CodePicker: Hashable, Sendable {
    /// What choosing a code does.
    public enum Purpose: Hashable, Sendable {
        case toggle
        case filter
        case retrieval
        case nextWithCode
        case mergeInto(from: String)
        case newCodeParent(name: String)
        /// Which code a selected quote is for (the segment's codes; all codes when it has none).
        case quote(span: QuoteSpan)
        /// Which of the segment's codes the coding memo is for.
        case codingMemo
        /// Which code every listed hit of the search across documents gets.
        case codeHits
    }

    public var purpose: Purpose
    public var query = LineEditor()
    /// Code ids matching the query, best first.
    public var results: [String] = []
    public var selected = 0

    public init(purpose: Purpose) {
        self.purpose = purpose
    }

    public var selectedCode: String? { results.indices.contains(selected) ? results[selected] : nil }

    /// Recomputes ``results`` for the current query.
    public mutating func refresh(entries: [CodeEntry], recent: [String]) {
        let raw = query.text.trimmingCharacters(in: .whitespaces)
        let q = TextSearch.fold(raw)
        if q.isEmpty {
            let recentSet = Set(recent)
            results =
                recent.filter { id in entries.contains { $0.code.id == id } }
                + entries.map(\.code.id).filter { !recentSet.contains($0) }
        } else {
            results = entries.compactMap { e in
                // An exact shortcut (case as typed) or an exact name ranks first.
                if e.code.shortcut == raw { return (e.code.id, 3000) }
                if TextSearch.fold(e.code.name) == q || e.code.id.lowercased() == q { return (e.code.id, 2000) }
                return FuzzyMatch.score(query: q, entry: e).map { (e.code.id, $0) }
            }
            .enumerated().sorted { ($0.element.1, -$0.offset) > ($1.element.1, -$1.offset) }.map(\.element.0)
        }
        selected = min(selected, max(0, results.count - 1))
    }
}

/// Scores how well a folded query matches a code: prefix of the name beats a substring of the
/// name, which beats a substring of the path, a subsequence of the name, then the definition.
public enum FuzzyMatch {
    public static func score(query q: String, entry: CodeEntry) -> Int? {
        let name = TextSearch.fold(entry.code.name)
        let path = TextSearch.fold(entry.pathString)
        let id = entry.code.id.lowercased()
        if name.hasPrefix(q) { return 1000 - name.count }
        if name.contains(q) || id.contains(q) { return 800 - name.count }
        if path.contains(q) { return 600 - path.count }
        if isSubsequence(q, of: name) { return 400 - name.count }
        if isSubsequence(q, of: path) { return 300 - path.count }
        let definition = TextSearch.fold(
            [entry.code.description, entry.code.inclusion, entry.code.example].compactMap { $0 }.joined(separator: " "))
        if definition.contains(q) { return 200 }
        return nil
    }

    static func isSubsequence(_ q: String, of s: String) -> Bool {
        var it = s.makeIterator()
        for c in q where c != " " {
            var found = false
            while let d = it.next() {
                if d == c {
                    found = true
                    break
                }
            }
            if !found { return false }
        }
        return true
    }
}
