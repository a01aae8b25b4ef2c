import KaderCore

/// A one-line prompt on the message line.
public struct Prompt: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case search
        case jump
        case renameCode(id: String)
        /// y confirms merging `from` into `into` (every coder's codings move); any other key cancels.
        case confirmMerge(from: String, into: String)
        /// The `where` expression of the filter (`f`, `w`).
        case whereFilter
        /// A search across documents (`*`).
        case corpusSearch
        /// y confirms coding every listed hit's segment with `code`; any other key cancels.
        case confirmCodeHits(code: String)
    }

    public var kind: Kind
    public var editor: LineEditor

    public init(kind: Kind, text: String = "") {
        self.kind = kind
        editor = LineEditor(text)
    }

    public var label: String {
        switch kind {
        case .search: return "Search (Ctrl-T: exact case and accents): /"
        case .jump: return "Go to segment number: "
        case .renameCode: return "Rename code to: "
        case .confirmMerge: return "Merge? y merges (u undoes it), any other key cancels: "
        case .whereFilter: return "Where: "
        case .corpusSearch: return "Search all documents: "
        case .confirmCodeHits: return "Code them? y codes (u undoes it), any other key cancels: "
        }
    }
}

/// One row of the coded-segments view.
public struct RetrievalRow: Hashable, Sendable {
    public var documentIndex: Int
    public var documentId: String
    public var segmentId: String
    public var ordinal: Int
    public var speaker: String?
    public var role: String?
    public var text: String
    public init(
        documentIndex: Int, documentId: DocumentID, segmentId: SegmentID, ordinal: Int, speaker: String?,
        role: String?,
        text: String
    ) {
        self.documentIndex = documentIndex
        self.documentId = documentId.rawValue
        self.segmentId = segmentId.rawValue
        self.ordinal = ordinal
        self.speaker = speaker
        self.role = role
        self.text = text
    }
}

/// The coded-segments view: every segment of one code (and its sub-codes) across documents.
public struct Retrieval: Hashable, Sendable {
    public var codeId: String
    public var rows: [RetrievalRow]
    public var selected = 0
    public init(codeId: String, rows: [RetrievalRow]) {
        self.codeId = codeId
        self.rows = rows
    }
}

/// What has the keyboard besides normal navigation.
public enum Mode: Hashable, Sendable {
    case normal
    case picker(CodePicker)
    case prompt(Prompt)
    case memo(MemoEditor)
    case span(SpanSelection)
    case filterMenu
    case retrieval(Retrieval)
    /// The hit list of the search across documents (``AppState/corpusHits``).
    case corpusHits
    /// The overview screen (`o`, `O`).
    case overview(Overview)
    /// The query prompt (`Q`) and the query results.
    case queryPrompt(QueryPrompt)
    case queryResults(QueryResults)

    public var name: String {
        switch self {
        case .normal: return ""
        case .picker: return "PICK CODE"
        case .prompt(let p): return p.kind == .search ? "SEARCH" : "INPUT"
        case .memo: return "MEMO"
        case .span: return "QUOTE"
        case .filterMenu: return "FILTER"
        case .retrieval: return "CODED SEGMENTS"
        case .corpusHits: return "SEARCH ALL"
        case .overview: return "OVERVIEW"
        case .queryPrompt: return "QUERY"
        case .queryResults: return "QUERY RESULTS"
        }
    }
}
