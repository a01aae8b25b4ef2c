import Foundation

/// One quote with full provenance: one coder's application of one code to one segment, one row
/// per quote span of that code (or one row for the whole segment when the code has no span).
/// The unit of every quote export. `memo` is the coder's memo on the code there, then the
/// segment memo.
///
/// `start` and `end` are Unicode scalar offsets into the document's normalised text: the span
/// when the coder selected one, else the whole segment. `text` is exactly that slice.
public struct QuoteRow: Sendable, Hashable, Codable {
    public var document: String
    public var documentTitle: String
    /// `focusgroep`, `interview`, … from the document metadata, or nil.
    public var documentType: String?
    public var site: String?
    public var segment: String
    /// 1-based position of the segment in its document.
    public var ordinal: Int
    public var speaker: String?
    public var role: String?
    public var start: Int
    public var end: Int
    /// True when `start..<end` is a span the coder selected inside the segment.
    public var isSpan: Bool
    public var timestamp: String?
    /// Id and name of the top-level category (`""` for a code missing from the codebook).
    public var categoryId: String
    public var category: String
    public var codeId: String
    /// `Category/Sub-code`; the bare id for a code missing from the codebook.
    public var codePath: String
    public var coder: String
    public var memo: String?
    public var text: String
    /// True when re-anchoring attached the coding to a segment whose text changed: the quote
    /// may need a look before it is cited (``SegmentCoding/review``).
    public var review: Bool = false

    /// Column names for tabular exports, in column order.
    public static let columns = [
        "document", "document_type", "site", "segment_id", "ordinal", "speaker", "role", "start", "end",
        "timestamp", "category", "code_id", "code_path", "coder", "memo", "text", "review",
    ]

    /// The row as strings in ``columns`` order (empty for nil).
    public var cells: [String] {
        [
            document, documentType ?? "", site ?? "", segment, String(ordinal), speaker ?? "", role ?? "",
            String(start), String(end), timestamp ?? "", category, codeId, codePath, coder, memo ?? "", text,
            review ? "yes" : "",
        ]
    }

    /// Attribution for a quote, e.g. `(leerkracht, focusgroep school B, 00:12:40)`: the role
    /// (else the speaker), the source (document type and site, else the title), the timestamp.
    public var attribution: String {
        var parts: [String] = []
        if let who = role ?? speaker, !who.isEmpty { parts.append(who) }
        let source = [documentType, site].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
        parts.append(source.isEmpty ? documentTitle : source)
        if let t = timestamp, !t.isEmpty { parts.append(t) }
        if review { parts.append("to review: the transcript changed under this coding") }
        return "(" + parts.joined(separator: ", ") + ")"
    }
}

/// Which codings an export includes. Every nil or empty field lets everything through.
public struct QuoteFilter: Sendable, Hashable {
    /// Code ids; a code includes its sub-codes unless ``exactCodes``.
    public var codes: [String] = []
    public var exactCodes = false
    /// Coder names (`consensus` is the reconciled coder); empty means all coders.
    public var coders: [String] = []
    /// Roles, speakers and document ids, compared case-insensitively.
    public var roles: [String] = []
    public var speakers: [String] = []
    public var documents: [String] = []

    public init() {}

    func matchesText(_ value: String?, _ allowed: [String]) -> Bool {
        guard !allowed.isEmpty else { return true }
        guard let v = value?.lowercased() else { return false }
        return allowed.contains { $0.lowercased() == v }
    }
}
