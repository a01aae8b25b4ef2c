import Foundation

/// Errors of the analysis commands (attributes, filters, queries, co-occurrence, search,
/// autocoding). Descriptions are one sentence.
public enum AnalysisError: Error, Equatable, LocalizedError {
    /// `Attributes.csv` (or another table) cannot be used; `detail` names the problem.
    case badAttributesTable(path: String, detail: String)
    /// A `--where` or query expression does not parse; `position` is the 1-based character.
    case badExpression(expression: String, position: Int, detail: String)
    /// A name in an expression that is neither a code, a field nor a known attribute.
    case unknownName(String, detail: String)
    case unknownAttribute(String, known: [String])
    case unknownQuery(String, known: [String])
    case badSearch(term: String, detail: String)
    case nothingToUndo(coder: String)
    case io(path: String, detail: String)

    public var errorDescription: String? {
        switch self {
        case .badAttributesTable(let p, let d): return "\(p): \(d)."
        case .badExpression(let e, let pos, let d):
            return "the expression \"\(e)\" cannot be read at character \(pos): \(d)."
        case .unknownName(let n, let d): return "\"\(n)\" is \(d)."
        case .unknownAttribute(let n, let known):
            let list =
                known.isEmpty
                ? "none yet; add keys to the front matter or Attributes.csv" : known.joined(separator: ", ")
            return "no attribute \"\(n)\" in this project (attributes: \(list))."
        case .unknownQuery(let n, let known):
            let list = known.isEmpty ? "none saved in kader.yaml" : known.joined(separator: ", ")
            return "no saved query \"\(n)\" (queries: \(list))."
        case .badSearch(let t, let d): return "the search \"\(t)\" cannot be used: \(d)."
        case .nothingToUndo(let c): return "coder \(c) has no autocode run to undo."
        case .io(let p, let d): return "\(p): \(d)."
        }
    }
}
