import KaderCore

/// A one-line prompt on the message line.
public struct Prompt: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case search
        case jump
        case renameCode(id: String)
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
        }
    }
}

/// Selecting an exact quote inside the current segment, word by word.
public struct SpanSelection: Hashable, Sendable {
    public var segmentId: String
    /// Word ranges as document scalar offsets.
    public var words: [Range<Int>]
    public var cursor: Int
    public var anchor: Int?
    /// The code the quote is for (the segment's only code), or nil to ask on Enter.
    public var code: String? = nil

    /// Words `min(anchor, cursor)…max(anchor, cursor)` (or just the cursor word) as one span.
    public var span: QuoteSpan? {
        guard !words.isEmpty else { return nil }
        let a = anchor ?? cursor
        let lo = min(a, cursor), hi = max(a, cursor)
        return QuoteSpan(start: words[lo].lowerBound, end: words[hi].upperBound)
    }

    /// Splits a segment into words (runs of non-whitespace scalars).
    public static func words(of segment: Segment) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var start: Int?
        var offset = segment.start
        for s in segment.text.unicodeScalars {
            if s.properties.isWhitespace {
                if let b = start { result.append(b..<offset) }
                start = nil
            } else if start == nil {
                start = offset
            }
            offset += 1
        }
        if let b = start { result.append(b..<offset) }
        return result
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
    public init(documentIndex: Int, documentId: String, segmentId: String, ordinal: Int, speaker: String?, role: String?, text: String) {
        self.documentIndex = documentIndex
        self.documentId = documentId
        self.segmentId = segmentId
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

    public var name: String {
        switch self {
        case .normal: return ""
        case .picker: return "PICK CODE"
        case .prompt(let p): return p.kind == .search ? "SEARCH" : "INPUT"
        case .memo: return "MEMO"
        case .span: return "QUOTE"
        case .filterMenu: return "FILTER"
        case .retrieval: return "CODED SEGMENTS"
        }
    }
}
