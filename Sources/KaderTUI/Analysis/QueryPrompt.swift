import KaderCore

/// A query saved in `kader.yaml` (`queries: {name: expression}`).
public struct SavedQuery: Hashable, Sendable {
    public var name: String
    public var expression: String

    public init(name: String, expression: String) {
        self.name = name
        self.expression = expression
    }
}

/// The query prompt (`Q`): a line for an expression in the filter language, and the saved
/// queries to choose from with ↑/↓ (choosing one puts its expression on the line).
public struct QueryPrompt: Hashable, Sendable {
    public var editor: LineEditor
    /// Saved queries, sorted by name.
    public var saved: [SavedQuery]
    /// The saved query chosen with ↑/↓, if any.
    public var selected: Int?

    public init(saved: [SavedQuery], text: String = "") {
        self.saved = saved
        editor = LineEditor(text)
        selected = saved.firstIndex { $0.expression == text && !text.isEmpty }
    }

    /// The expression to run and the saved query's name: a saved query's name typed on the line
    /// runs that query.
    public var request: (expression: String, name: String?) {
        let text = editor.text.trimmingCharacters(in: .whitespaces)
        if let q = saved.first(where: { $0.name == text }) { return (q.expression, q.name) }
        if let i = selected, saved.indices.contains(i), saved[i].expression == text { return (text, saved[i].name) }
        return (text, nil)
    }
}

/// The query results view: the segments matching a query over this coder's own codings, one
/// row per quote of the codes the query names (else the segment), like the coded-segments view.
public struct QueryResults: Hashable, Sendable {
    public var expression: String
    /// The saved query's name, when one was run.
    public var name: String?
    public var rows: [RetrievalRow]
    /// Distinct segments matched (rows can be more: one per quote).
    public var segments: Int
    public var selected = 0

    public init(expression: String, name: String?, rows: [RetrievalRow], segments: Int) {
        self.expression = expression
        self.name = name
        self.rows = rows
        self.segments = segments
    }
}

extension Mode {
    /// Key hints for the status bar in the analysis views (nil in other modes): their keys are
    /// not the screen's.
    var analysisHints: [String]? {
        switch self {
        case .overview: return ["j/k scroll", "PgDn/PgUp page", "g/G top/bottom", "Esc close"]
        case .queryPrompt: return ["Enter run", "↓/↑ saved queries", "Ctrl-U clear", "Esc close"]
        case .queryResults: return ["j/k move", "Enter open", "Q edit query", "Esc back"]
        default: return nil
        }
    }
}
