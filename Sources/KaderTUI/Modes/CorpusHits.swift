import KaderCore

/// One hit of the search across documents (`*`): where it is and its keyword in context.
public struct CorpusHitRow: Hashable, Sendable {
    /// Index into ``AppState/documents``.
    public var documentIndex: Int
    public var documentId: String
    public var segmentId: String
    public var ordinal: Int
    public var speaker: String?
    public var role: String?
    /// Context before the match, the match as written, context after (whitespace collapsed).
    public var left: String
    public var match: String
    public var right: String
    /// The whole segment text (for the preview under the list).
    public var text: String
    /// Unicode scalar offset of the match in ``text``.
    public var matchOffset: Int

    public init(
        documentIndex: Int, documentId: DocumentID, segmentId: SegmentID, ordinal: Int, speaker: String?,
        role: String?,
        left: String, match: String, right: String, text: String, matchOffset: Int = 0
    ) {
        self.documentIndex = documentIndex
        self.documentId = documentId.rawValue
        self.segmentId = segmentId.rawValue
        self.ordinal = ordinal
        self.speaker = speaker
        self.role = role
        self.left = left
        self.match = match
        self.right = right
        self.text = text
        self.matchOffset = matchOffset
    }
}

/// A segment to code from the hit list: its document (index into ``AppState/documents``) and id.
public struct HitSegment: Hashable, Sendable {
    public var documentIndex: Int
    public var segmentId: String
    public init(documentIndex: Int, segmentId: String) {
        self.documentIndex = documentIndex
        self.segmentId = segmentId
    }
}

/// The hit list of the last search across documents: the term, the hits in document and
/// segment order, and the selected row.
public struct CorpusHits: Hashable, Sendable {
    public var term: String
    public var rows: [CorpusHitRow]
    public var selected = 0

    public init(term: String, rows: [CorpusHitRow]) {
        self.term = term
        self.rows = rows
    }

    /// The distinct segments of the hits, in list order (a segment with several hits once).
    public var segments: [HitSegment] {
        var seen: Set<HitSegment> = []
        return rows.map { HitSegment(documentIndex: $0.documentIndex, segmentId: $0.segmentId) }.filter {
            seen.insert($0).inserted
        }
    }

    /// How many documents the hits are in.
    public var documentCount: Int { Set(rows.map(\.documentIndex)).count }
}
