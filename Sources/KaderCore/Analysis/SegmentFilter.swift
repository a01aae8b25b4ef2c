import Foundation

/// One coder's coding of one codable segment — the unit a ``SegmentFilter`` decides on: a
/// segment counts as coded with a code when that coder applied it. A document nobody (of the
/// selected coders) coded has one unit per segment with no coder and no codes.
public struct AnalysisUnit: Sendable, Hashable {
    /// Index into ``AnalysisCorpus/documents``.
    public var document: Int
    /// Index into ``Document/segments``.
    public var segment: Int
    public var coder: String?
}

/// A ``FilterExpression`` checked against a corpus (codes, fields and attributes exist) and
/// ready to evaluate. Evaluation is linear in the segments: each node gives one truth value per
/// codable segment of a document for one coder.
public struct SegmentFilter: Sendable {
    public let expression: FilterExpression
    let tree: CodeTree

    /// Resolves code names to ids and checks every name.
    /// - Throws: ``AnalysisError/unknownName(_:detail:)``, ``AnalysisError/unknownAttribute(_:known:)``.
    public init(_ expression: FilterExpression, corpus: AnalysisCorpus) throws {
        try self.init(expression, tree: corpus.tree, attributes: Set(corpus.attributeNames))
    }

    /// Resolves code names to ids with `tree` and checks every name; attribute names against
    /// `attributes`, or not at all when it is nil (for a corpus walked document by document,
    /// whose attribute names are known only at the end: check them then with a second filter).
    /// - Throws: ``AnalysisError/unknownName(_:detail:)``, ``AnalysisError/unknownAttribute(_:known:)``.
    public init(_ expression: FilterExpression, tree: CodeTree, attributes: Set<String>?) throws {
        self.tree = tree
        self.expression = try Self.resolve(expression, tree: tree, attributes: attributes)
    }

    /// Parses and resolves `text`.
    public init(parsing text: String, corpus: AnalysisCorpus) throws {
        try self.init(FilterExpression.parse(text), corpus: corpus)
    }

    static let fields: Set<String> = ["code", "coder", "document", "speaker", "role"]

    static func resolve(_ e: FilterExpression, tree: CodeTree, attributes: Set<String>?) throws -> FilterExpression {
        switch e {
        case .code(let name, let exact): return .code(try codeId(name, tree), exact: exact)
        case .compare(let field, let op, let value):
            if field == "code" {
                guard [.equal, .exactly, .notEqual].contains(op) else {
                    throw AnalysisError.unknownName(op.rawValue, detail: "not an operator for codes (use =, == or !=)")
                }
                return .compare(field: field, op: op, value: try codeId(value, tree))
            }
            if let attributes, !fields.contains(field) && !attributes.contains(field) {
                throw AnalysisError.unknownAttribute(
                    field, known: ["coder", "document", "speaker", "role"] + attributes.sorted())
            }
            return e
        case .not(let a): return .not(try resolve(a, tree: tree, attributes: attributes))
        case .and(let a, let b):
            return .and(
                try resolve(a, tree: tree, attributes: attributes), try resolve(b, tree: tree, attributes: attributes))
        case .or(let a, let b):
            return .or(
                try resolve(a, tree: tree, attributes: attributes), try resolve(b, tree: tree, attributes: attributes))
        case .near(let a, let b, let k, let s):
            return .near(
                try resolve(a, tree: tree, attributes: attributes), try resolve(b, tree: tree, attributes: attributes),
                distance: k, bySpeaker: s)
        }
    }

    /// A code id from an id or a (unique, case- and accent-insensitive) code name.
    static func codeId(_ name: String, _ tree: CodeTree) throws -> String {
        if tree.contains(name) { return name }
        let folded = TextSearch.fold(name)
        let byName = tree.order.filter {
            TextSearch.fold(tree.name[$0] ?? "") == folded || TextSearch.fold($0) == folded
        }
        if byName.count == 1 { return byName[0] }
        if byName.count > 1 {
            throw AnalysisError.unknownName(
                name, detail: "the name of several codes (\(byName.joined(separator: ", "))); use the code id")
        }
        throw AnalysisError.unknownName(
            name,
            detail:
                "neither a code id nor a code name in the codebook (for an attribute write name=value; `kader codebook show` lists the codes)"
        )
    }

    /// The units of `corpus` for which the expression holds, in document and segment order.
    public func matches(in corpus: AnalysisCorpus) -> [AnalysisUnit] {
        var out: [AnalysisUnit] = []
        for (d, doc) in corpus.documents.enumerated() {
            out += matches(in: doc).map { AnalysisUnit(document: d, segment: $0.segment, coder: $0.coder) }
        }
        return out.sorted { ($0.document, $0.segment, $0.coder ?? "") < ($1.document, $1.segment, $1.coder ?? "") }
    }

    /// The units of one document for which the expression holds (segment index and coder), by
    /// coder view, then segment.
    public func matches(in doc: AnalysisDocument) -> [(segment: Int, coder: String?)] {
        var out: [(segment: Int, coder: String?)] = []
        for view in Self.views(doc) {
            for (k, ok) in evaluate(doc, view: view).enumerated() where ok { out.append((doc.units[k], view?.coder)) }
        }
        return out
    }

    /// Every unit of one document: each coder view's codable segments.
    public static func units(of doc: AnalysisDocument) -> [(segment: Int, coder: String?)] {
        views(doc).flatMap { view in doc.units.map { (segment: $0, coder: view?.coder) } }
    }

    /// The coder views of a document: each selected coder with a file, else one without a coder.
    public static func views(_ doc: AnalysisDocument) -> [CoderCodes?] {
        doc.coders.isEmpty ? [nil] : doc.coders.map { $0 }
    }

    /// One truth value per codable segment (``AnalysisDocument/units``) of `doc` as coded by `view`.
    public func evaluate(_ doc: AnalysisDocument, view: CoderCodes?) -> [Bool] {
        eval(expression, doc, view)
    }

    private func eval(_ e: FilterExpression, _ doc: AnalysisDocument, _ view: CoderCodes?) -> [Bool] {
        let units = doc.units
        switch e {
        case .code(let id, let exact):
            let wanted = exact ? [id] : (tree.subtree[id] ?? [id])
            guard let codes = view?.codes else { return Array(repeating: false, count: units.count) }
            return units.map { i in codes[i]?.contains(where: wanted.contains) ?? false }
        case .compare(let field, let op, let value):
            if field == "code" {
                let hit = eval(.code(value, exact: op == .exactly), doc, view)
                return op == .notEqual ? hit.map { !$0 } : hit
            }
            let target = AttributeValue(value)
            if field == "coder" || field == "document" {
                let v = field == "coder" ? view?.coder : doc.document.id
                let ok = Self.compare(v.map(AttributeValue.init), op, target)
                return Array(repeating: ok, count: units.count)
            }
            // A document has few distinct speakers, roles and values: each is typed and compared
            // once (folding text per segment took most of a query's time on a large corpus).
            let missing = Self.compare(nil, op, target)
            var byText: [String: Bool] = [:]
            var byValue: [AttributeValue: Bool] = [:]
            return units.map { i in
                switch field {
                case "speaker", "role":
                    guard let text = field == "speaker" ? doc.document.segments[i].speaker : doc.role(segment: i)
                    else { return missing }
                    if let known = byText[text] { return known }
                    let ok = Self.compare(AttributeValue(text), op, target)
                    byText[text] = ok
                    return ok
                default:
                    guard let v = doc.attribute(field, segment: i) else { return missing }
                    if let known = byValue[v] { return known }
                    let ok = Self.compare(v, op, target)
                    byValue[v] = ok
                    return ok
                }
            }
        case .not(let a): return eval(a, doc, view).map { !$0 }
        case .and(let a, let b): return zip(eval(a, doc, view), eval(b, doc, view)).map { $0 && $1 }
        case .or(let a, let b): return zip(eval(a, doc, view), eval(b, doc, view)).map { $0 || $1 }
        case .near(let a, let b, let k, let bySpeaker):
            let left = eval(a, doc, view)
            let right = eval(b, doc, view)
            var groups: [[Int]] = []
            if bySpeaker {
                var bySpeakerIndex: [String: Int] = [:]
                for (k, i) in units.enumerated() {
                    let key = doc.document.segments[i].speaker ?? ""
                    if let g = bySpeakerIndex[key] {
                        groups[g].append(k)
                    } else {
                        bySpeakerIndex[key] = groups.count
                        groups.append([k])
                    }
                }
            } else {
                groups = [Array(units.indices)]
            }
            var out = Array(repeating: false, count: units.count)
            for g in groups {
                // prefix[j] = number of right-hand hits among the group's first j units.
                var prefix = [0]
                prefix.reserveCapacity(g.count + 1)
                var hits = 0
                for u in g {
                    if right[u] { hits += 1 }
                    prefix.append(hits)
                }
                for (j, u) in g.enumerated() where left[u] {
                    let lo = max(0, j - k)
                    let hi = min(g.count, j + k + 1)
                    out[u] = prefix[hi] - prefix[lo] > 0
                }
            }
            return out
        }
    }

    /// `value op target`; a missing value satisfies only `!=`.
    static func compare(_ value: AttributeValue?, _ op: FilterExpression.ComparisonOperator, _ target: AttributeValue)
        -> Bool
    {
        guard let value else { return op == .notEqual }
        switch op {
        case .equal, .exactly: return equal(value, target)
        case .notEqual: return !equal(value, target)
        case .less: return value.compare(target) == .orderedAscending
        case .lessOrEqual: return value.compare(target) != .orderedDescending
        case .greater: return value.compare(target) == .orderedDescending
        case .greaterOrEqual: return value.compare(target) != .orderedAscending
        }
    }

    static func equal(_ value: AttributeValue, _ target: AttributeValue) -> Bool {
        guard target.text.contains("*") else { return value.matches(target) }
        return Glob(target.folded).matches(value.folded)
    }
}

/// A `*` wildcard pattern over folded text (whole-string match).
struct Glob {
    let parts: [Substring]

    init(_ pattern: String) { parts = pattern.split(separator: "*", omittingEmptySubsequences: false) }

    func matches(_ text: String) -> Bool {
        guard parts.count > 1, let first = parts.first, let last = parts.last else {
            return text == parts.first.map(String.init) ?? ""
        }
        var rest = Substring(text)
        guard rest.hasPrefix(first) else { return false }
        rest = rest.dropFirst(first.count)
        for p in parts.dropFirst().dropLast() where !p.isEmpty {
            guard let r = rest.range(of: p) else { return false }
            rest = rest[r.upperBound...]
        }
        return rest.hasSuffix(last)
    }
}
