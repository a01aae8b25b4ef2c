import KaderCore

/// A `where` expression in the coding screen's filter (`f`, then `w`): the language of
/// `kader query` and `--where` (`role=leerkracht and not werkdruk`, `schooltype=secundair`),
/// evaluated against this coder's own codings of the open document only (blind coding: no other
/// coder's codings are read for it). Like `kader query`, it passes codable segments only.
public struct ExpressionFilter: Sendable, Hashable {
    /// The expression as typed.
    public let text: String
    /// The parsed expression, its code names resolved against the codebook.
    let filter: KaderCore.SegmentFilter
    /// The open document with its attributes and no coder's codes (this coder's come from the state).
    let document: AnalysisDocument

    /// `document` must be the open document (segment indices are taken from it).
    public init(text: String, filter: KaderCore.SegmentFilter, document: AnalysisDocument) {
        self.text = text
        self.filter = filter
        self.document = document
    }

    /// Indices into ``Document/segments`` of the codable segments the expression accepts, given
    /// this coder's codings.
    public func passing(codings: CodingFile?, coder: String) -> Set<Int> {
        let codes = codings.map { CodingAccess.codes(of: $0, segmentIndex: document.segmentIndex) } ?? [:]
        let truth = filter.evaluate(document, view: CoderCodes(coder: coder, codes: codes))
        var out: Set<Int> = []
        for (k, ok) in truth.enumerated() where ok { out.insert(document.units[k]) }
        return out
    }

    /// `base` (an entry of an ``AnalysisCorpus`` loaded without codings) for the open document
    /// `doc`: the attributes of `base`, the segments of `doc`.
    public static func analysisDocument(_ base: AnalysisDocument, for doc: Document) -> AnalysisDocument {
        var out = base
        out.document = doc
        out.units = doc.segments.indices.filter { doc.segments[$0].codable }
        var index: [String: Int] = [:]
        for (i, s) in doc.segments.enumerated() where index[s.id] == nil { index[s.id] = i }
        out.segmentIndex = index
        out.coders = []
        out.files = []
        return out
    }

    public static func == (a: ExpressionFilter, b: ExpressionFilter) -> Bool {
        a.text == b.text && a.document.document.id == b.document.document.id
            && a.document.document.contentHash == b.document.document.contentHash
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(text)
        hasher.combine(document.document.id)
    }
}

extension FilterExpression {
    /// True when the expression compares the `coder` field anywhere.
    var mentionsCoder: Bool {
        switch self {
        case .code: return false
        case .compare(let field, _, _): return field.lowercased() == "coder"
        case .not(let e): return e.mentionsCoder
        case .and(let a, let b), .or(let a, let b), .near(let a, let b, _, _): return a.mentionsCoder || b.mentionsCoder
        }
    }

    /// The coding screen's filter and query view count only the coder's own codings, so `coder=`
    /// could only mean "all" or "nothing": refused with the reason.
    /// - Throws: ``AnalysisError/unknownName(_:detail:)``.
    func refusingCoderField() throws -> FilterExpression {
        guard !mentionsCoder else {
            throw AnalysisError.unknownName(
                "coder",
                detail:
                    "not used here: the coding screen counts only your own codings (kader query --coder compares coders)"
            )
        }
        return self
    }
}
