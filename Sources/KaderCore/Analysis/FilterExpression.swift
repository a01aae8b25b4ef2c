import Foundation

/// The one filter and query language of Kader's analysis commands (`--where`, `kader query`).
///
/// ```
/// digitalisering and welbevinden and role=leerkracht
/// schooltype=secundair and role!=moderator
/// code==digitaal-vaardigheden or (welbevinden and not coder=demo-bart)
/// digitalisering near/2 welbevinden        within 2 codable segments of the document
/// digitalisering near/1/speaker werkdruk   within 1 segment of the same speaker
/// jaren-ervaring>=10 and date<2026-03-01
/// ```
///
/// A bare word is a code (its id, else its name) with its sub-codes; `code=ID` is the same,
/// `code==ID` the code alone. Fields: `coder`, `document`, `speaker`, `role`, and any attribute
/// of the document or the speaker (the speaker's wins). Operators `=`, `!=`, `<`, `<=`, `>`,
/// `>=`; values compare as numbers, dates or text (case and accents ignored; `*` is a wildcard in
/// `=` and `!=`); quote values with spaces (`site='school A'`). `not` binds tightest, then
/// `near`, then `and`, then `or`; parentheses group.
public indirect enum FilterExpression: Sendable, Hashable {
    case code(String, exact: Bool)
    case compare(field: String, op: ComparisonOperator, value: String)
    case not(FilterExpression)
    case and(FilterExpression, FilterExpression)
    case or(FilterExpression, FilterExpression)
    /// `left` holds and `right` holds within `distance` codable segments of the same document
    /// (or, `bySpeaker`, among the same speaker's codable segments); distance 0 is the same segment.
    case near(FilterExpression, FilterExpression, distance: Int, bySpeaker: Bool)

    public enum ComparisonOperator: String, Sendable, Hashable, CaseIterable {
        case equal = "=", exactly = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">",
            greaterOrEqual = ">="
    }

    /// Parses `text`.
    /// - Throws: ``AnalysisError/badExpression(expression:position:detail:)``.
    public static func parse(_ text: String) throws -> FilterExpression {
        var parser = Parser(text: text, tokens: try Lexer.tokens(text))
        let expr = try parser.orExpr()
        if parser.index < parser.tokens.count {
            throw parser.error("expected and, or, near or the end, found \(parser.tokens[parser.index].token.describe)")
        }
        return expr
    }

    /// The codes this expression asks for outside a `not`, with their sub-codes unless exact
    /// (`tree` expands them); empty when it names none.
    public func positiveCodes(_ tree: CodeTree) -> Set<String> {
        switch self {
        case .code(let id, let exact): return exact ? [id] : (tree.subtree[id] ?? [id])
        case .compare(let f, let op, let v) where f == "code":
            return op == .notEqual ? [] : FilterExpression.code(v, exact: op == .exactly).positiveCodes(tree)
        case .compare, .not: return []
        case .and(let a, let b), .or(let a, let b), .near(let a, let b, _, _):
            return a.positiveCodes(tree).union(b.positiveCodes(tree))
        }
    }
}

enum Token: Equatable {
    case word(String), quoted(String), op(FilterExpression.ComparisonOperator), open, close

    var describe: String {
        switch self {
        case .word(let w): return "\"\(w)\""
        case .quoted(let q): return "'\(q)'"
        case .op(let o): return "\"\(o.rawValue)\""
        case .open: return "\"(\""
        case .close: return "\")\""
        }
    }
}

enum Lexer {
    /// Tokens with their 1-based character positions.
    static func tokens(_ text: String) throws -> [(token: Token, position: Int)] {
        let chars = Array(text)
        var out: [(Token, Int)] = []
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c.isWhitespace {
                i += 1
                continue
            }
            let pos = i + 1
            switch c {
            case "(":
                out.append((.open, pos))
                i += 1
            case ")":
                out.append((.close, pos))
                i += 1
            case "'", "\"":
                var j = i + 1
                while j < chars.count && chars[j] != c { j += 1 }
                guard j < chars.count else {
                    throw AnalysisError.badExpression(
                        expression: text, position: pos, detail: "the quote \(c) is not closed")
                }
                out.append((.quoted(String(chars[(i + 1)..<j])), pos))
                i = j + 1
            case "=", "!", "<", ">":
                let two = i + 1 < chars.count ? String(chars[i...(i + 1)]) : ""
                if let op = FilterExpression.ComparisonOperator(rawValue: two) {
                    out.append((.op(op), pos))
                    i += 2
                } else if let op = FilterExpression.ComparisonOperator(rawValue: String(c)) {
                    out.append((.op(op), pos))
                    i += 1
                } else {
                    throw AnalysisError.badExpression(
                        expression: text, position: pos, detail: "\"!\" must be followed by \"=\"")
                }
            default:
                var j = i
                while j < chars.count && !chars[j].isWhitespace && !"()=!<>'\"".contains(chars[j]) { j += 1 }
                out.append((.word(String(chars[i..<j])), pos))
                i = j
            }
        }
        return out
    }
}

struct Parser {
    let text: String
    let tokens: [(token: Token, position: Int)]
    var index = 0

    init(text: String, tokens: [(token: Token, position: Int)]) {
        self.text = text
        self.tokens = tokens
    }

    func error(_ detail: String) -> AnalysisError {
        let pos = index < tokens.count ? tokens[index].position : text.count + 1
        return .badExpression(expression: text, position: pos, detail: detail)
    }

    func keyword(_ k: String) -> Bool {
        guard index < tokens.count, case .word(let w) = tokens[index].token else { return false }
        return w.lowercased() == k
    }

    mutating func orExpr() throws -> FilterExpression {
        var left = try andExpr()
        while keyword("or") {
            index += 1
            left = .or(left, try andExpr())
        }
        return left
    }

    mutating func andExpr() throws -> FilterExpression {
        var left = try nearExpr()
        while keyword("and") {
            index += 1
            left = .and(left, try nearExpr())
        }
        return left
    }

    mutating func nearExpr() throws -> FilterExpression {
        var left = try unary()
        while index < tokens.count, case .word(let w) = tokens[index].token,
            w.lowercased() == "near" || w.lowercased().hasPrefix("near/")
        {
            let parts = w.lowercased().split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            var distance = 1
            var bySpeaker = false
            if parts.count >= 2 {
                guard let k = Int(parts[1]), k >= 0, k <= 1000 else {
                    throw error("near/K needs a number of segments K from 0 to 1000")
                }
                distance = k
            }
            if parts.count == 3 {
                guard parts[2] == "speaker" || parts[2] == "document" else {
                    throw error("near/K/… is near/K/speaker or near/K/document")
                }
                bySpeaker = parts[2] == "speaker"
            }
            guard parts.count <= 3 else { throw error("near is written near, near/K or near/K/speaker") }
            index += 1
            left = .near(left, try unary(), distance: distance, bySpeaker: bySpeaker)
        }
        return left
    }

    mutating func unary() throws -> FilterExpression {
        if keyword("not") {
            index += 1
            return .not(try unary())
        }
        return try primary()
    }

    mutating func primary() throws -> FilterExpression {
        guard index < tokens.count else { throw error("the expression ends where a code or a condition is expected") }
        switch tokens[index].token {
        case .open:
            index += 1
            let inner = try orExpr()
            guard index < tokens.count, tokens[index].token == .close else { throw error("a \"(\" is not closed") }
            index += 1
            return inner
        case .word(let name), .quoted(let name):
            if ["and", "or", "near"].contains(name.lowercased()) {
                throw error("\"\(name)\" needs a code or a condition before it")
            }
            index += 1
            guard index < tokens.count, case .op(let op) = tokens[index].token else { return .code(name, exact: false) }
            index += 1
            guard index < tokens.count else { throw error("a value is missing after \(op.rawValue)") }
            switch tokens[index].token {
            case .word(let v), .quoted(let v):
                index += 1
                return .compare(field: name.lowercased(), op: op, value: v)
            default:
                throw error("a value is expected after \(op.rawValue)")
            }
        case .close: throw error("there is a \")\" without a \"(\"")
        case .op(let op): throw error("\"\(op.rawValue)\" needs a name before it")
        }
    }
}
