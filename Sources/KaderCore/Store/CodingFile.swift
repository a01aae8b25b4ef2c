import Foundation

/// Progress of one coder on one document.
public enum CodingStatus: String, Sendable, Codable, CaseIterable {
    case notStarted = "not started"
    case inProgress = "in progress"
    case done
}

/// An exact quote inside a segment: Unicode scalar offsets into the document text (`start`
/// inclusive, `end` exclusive, `start < end`, inside the segment), with the quoted words.
public struct QuoteSpan: Sendable, Hashable, Codable, Comparable {
    public var start: Int
    public var end: Int
    /// The quoted text as it was when the span was set (or last re-anchored): re-anchoring finds
    /// these words again after the transcript changes. Nil only in memory before
    /// ``CodingFile/settingSpans(_:code:on:at:)`` or re-anchoring fills it in.
    public var text: String?

    public init(start: Int, end: Int, text: String? = nil) {
        self.start = start
        self.end = end
        self.text = text
    }

    /// This span with ``text`` taken from `segment` (offsets clamped to it).
    public func quoting(_ segment: Segment) -> QuoteSpan {
        var copy = self
        copy.text = segment.scalarText(from: max(start, segment.start), to: min(end, segment.end))
        return copy
    }

    public static func < (a: QuoteSpan, b: QuoteSpan) -> Bool { (a.start, a.end) < (b.start, b.end) }
}

/// One code applied to one segment: its quote spans (none means the whole segment) and the
/// coder's memo on this application.
public struct AppliedCode: Sendable, Hashable, Encodable {
    /// The code id (``Code/id``).
    public var code: String
    /// Sorted by start, no duplicates.
    public var spans: [QuoteSpan]
    public var memo: String?

    public init(code: String, spans: [QuoteSpan] = [], memo: String? = nil) {
        self.code = code
        self.spans = Array(Set(spans)).sorted()
        self.memo = (memo?.isEmpty ?? true) ? nil : memo
    }

    enum CodingKeys: String, CodingKey { case code, memo, spans }

    /// The canonical shape: `spans` left out when empty.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(code, forKey: .code)
        try c.encodeIfPresent(memo, forKey: .memo)
        if !spans.isEmpty { try c.encode(spans, forKey: .spans) }
    }
}

/// One coder's coding of one segment: the codes applied, each with its own quote spans and
/// memo, and the memo on the segment.
public struct SegmentCoding: Sendable, Hashable, Encodable {
    /// The segment id (``Segment/id``).
    public var segment: String
    public var ordinal: Int
    /// The segment's fingerprint when it was coded, for re-anchoring.
    public var fingerprint: String
    /// The applied codes, sorted by code id, each at most once.
    public var applied: [AppliedCode]
    /// The memo on the segment.
    public var memo: String?
    /// The segment's start offset when its spans were last placed: re-anchoring looks for each
    /// span's words near its old place relative to the segment. Absent without spans.
    public var segmentStart: Int?
    /// ISO 8601 UTC times.
    public var created: String
    public var modified: String
    /// True when re-anchoring attached this coding to a segment whose text changed, or could not
    /// find a quote's words again (see ``CodingFile/reanchored(to:)``); cleared by the next edit.
    public var review: Bool?

    public init(
        segment: SegmentID, ordinal: Int, fingerprint: String, codes: [String], memo: String? = nil,
        created: String, modified: String, review: Bool? = nil
    ) {
        self.init(
            segment: segment, ordinal: ordinal, fingerprint: fingerprint, applied: codes.map { AppliedCode(code: $0) },
            memo: memo, created: created, modified: modified, review: review)
    }

    public init(
        segment: SegmentID, ordinal: Int, fingerprint: String, applied: [AppliedCode], memo: String? = nil,
        segmentStart: Int? = nil,
        created: String, modified: String, review: Bool? = nil
    ) {
        self.segment = segment.rawValue
        self.ordinal = ordinal
        self.fingerprint = fingerprint
        self.applied = Self.normalized(applied)
        self.memo = memo
        self.created = created
        self.modified = modified
        self.review = review
        self.segmentStart = self.applied.contains { !$0.spans.isEmpty } ? segmentStart : nil
    }

    enum CodingKeys: String, CodingKey {
        case segment, ordinal, fingerprint, applied = "codes", memo, segmentStart, created, modified, review
    }

    /// Code ids, sorted. Setting it keeps the spans and memos of codes that stay.
    public var codes: [String] {
        get { applied.map(\.code) }
        set {
            let old = Dictionary(applied.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
            applied = Set(newValue).sorted().map { old[$0] ?? AppliedCode(code: $0) }
            if !hasSpans { segmentStart = nil }
        }
    }

    /// The application of `code`, if applied.
    public func applied(_ code: String) -> AppliedCode? { applied.first { $0.code == code } }

    /// Every quote span of every code, sorted, without duplicates.
    public var allSpans: [QuoteSpan] { Array(Set(applied.flatMap(\.spans))).sorted() }

    public var hasSpans: Bool { applied.contains { !$0.spans.isEmpty } }

    /// True when nothing is left worth keeping (no codes and no memo).
    public var isEmpty: Bool { applied.isEmpty && (memo ?? "").isEmpty }

    /// Sorted by code, one entry per code (spans and memos of duplicates merged).
    static func normalized(_ list: [AppliedCode]) -> [AppliedCode] {
        if list.count < 2 { return list }
        var byCode: [String: AppliedCode] = [:]
        for a in list {
            if var existing = byCode[a.code] {
                existing.spans = Array(Set(existing.spans + a.spans)).sorted()
                if let m = a.memo, existing.memo != m { existing.memo = existing.memo.map { $0 + "\n\n" + m } ?? m }
                byCode[a.code] = existing
            } else {
                byCode[a.code] = a
            }
        }
        return byCode.values.sorted { $0.code < $1.code }
    }
}

/// The on-disk content of `Codings/<coder>/<document-id>.json` (schema 2; schema 1 is read and
/// migrated, see ``decode(_:path:)``).
public struct CodingFile: Sendable, Hashable, Encodable {
    public static let currentSchema = 2

    /// The schema of the file as read (1 for a file not yet migrated); always written as
    /// ``currentSchema``.
    public var schema: Int
    public var coder: String
    public var document: String
    /// SHA-256 of the document text the codings were made on.
    public var contentHash: String
    public var status: CodingStatus
    /// The memo on the document.
    public var memo: String?
    /// True for shipped demonstration codings.
    public var demo: Bool?
    /// In segment order.
    public var codings: [SegmentCoding]
    /// Codings whose segment is gone from the transcript (re-anchoring found no match): kept as
    /// they were, never dropped, never attached to other text. Absent when there are none.
    public var orphans: [SegmentCoding]?
    /// Number of segments of the document text of ``contentHash``, recorded when the file is
    /// re-anchored: after the transcript changes it anchors the end of the old document, so a
    /// changed segment after the last unchanged coding is still found. Absent in older files.
    public var segmentCount: Int?
    /// The ids of the codable segments, in document order, present when the coder marked the
    /// document done (set by ``settingStatus(_:document:)``; absent while not done and in files
    /// older than this field). A segment of a done document that is neither here nor coded
    /// appeared after the coder finished (the transcript was edited): it is missing data for this
    /// coder, not "no code applies" (docs/statistics.md §1). Absent: every segment counts as seen.
    public var doneSegments: [String]?

    public init(
        coder: CoderName, document: DocumentID, contentHash: String, status: CodingStatus = .notStarted,
        memo: String? = nil,
        codings: [SegmentCoding] = [],
        segmentCount: Int? = nil
    ) {
        self.schema = Self.currentSchema
        self.segmentCount = segmentCount
        self.coder = coder.rawValue
        self.document = document.rawValue
        self.contentHash = contentHash
        self.status = status
        self.memo = memo
        self.codings = codings
    }

    /// Canonical bytes: sorted keys, pretty-printed with two-space indentation, codings (and
    /// orphans) in ordinal order, trailing newline — the format of ``CanonicalJSONWriter``, equal to
    /// `JSONEncoder` with `.prettyPrinted, .sortedKeys, .withoutEscapingSlashes`. Unchanged data
    /// gives identical bytes. Always schema 2. About 1 ms for 5,000 segments.
    public func encoded() throws -> Data {
        Data(canonical().encodedBytes())
    }

    /// The canonical bytes as an array (no copy into `Data`).
    public func encodedBytes() -> [UInt8] {
        CanonicalJSONWriter.encode(canonical())
    }

    /// The canonical bytes, copying unchanged codings from the previous encoding in `cache`.
    func encodedBytes(cache: inout CanonicalJSONWriter.Cache?) -> [UInt8] {
        CanonicalJSONWriter.encode(canonical(), cache: &cache)
    }

    /// This file with codings and orphans in canonical order, an empty orphan list removed and
    /// the current schema.
    func canonical() -> CodingFile {
        var copy = self
        copy.schema = Self.currentSchema
        let inOrder: (SegmentCoding, SegmentCoding) -> Bool = { ($0.ordinal, $0.segment) < ($1.ordinal, $1.segment) }
        if !copy.codings.isSorted(by: inOrder) { copy.codings.sort(by: inOrder) }
        if let o = copy.orphans { copy.orphans = o.isEmpty ? nil : o.sorted(by: inOrder) }
        return copy
    }

    /// This file with `status`; marking it done records the codable segments of `document` in
    /// ``doneSegments``, any other status removes the record.
    public func settingStatus(_ status: CodingStatus, document: Document) -> CodingFile {
        var copy = self
        copy.status = status
        copy.doneSegments = status == .done ? document.segments.filter(\.codable).map(\.id) : nil
        return copy
    }

    /// The codable segments of `document` this coder never saw as done: the file is done and
    /// has ``doneSegments``, and the segment is neither listed there nor coded (after
    /// ``reanchored(to:)`` when the transcript changed). Empty otherwise. These are missing data
    /// for agreement and are listed by `kader status` and `kader check`.
    public func segmentsAddedAfterDone(in document: Document) -> [Segment] {
        guard status == .done, let seen = doneSegments else { return [] }
        let known = Set(seen).union(codings.map(\.segment))
        return document.segments.filter { $0.codable && !known.contains($0.id) }
    }

    /// Every code application: pairs of segment id and code id, orphans included.
    public var codeApplicationCount: Int {
        codings.reduce(0) { $0 + $1.applied.count } + (orphans ?? []).reduce(0) { $0 + $1.applied.count }
    }
}

extension Segment {
    /// The text of scalars `from..<to` (document offsets) of this segment; empty when outside it.
    public func scalarText(from: Int, to: Int) -> String {
        let lo = max(from, start) - start
        let hi = min(to, end) - start
        guard lo < hi else { return "" }
        let scalars = textSlice.unicodeScalars
        guard let a = scalars.index(scalars.startIndex, offsetBy: lo, limitedBy: scalars.endIndex) else { return "" }
        let b = scalars.index(a, offsetBy: hi - lo, limitedBy: scalars.endIndex) ?? scalars.endIndex
        return String(String.UnicodeScalarView(scalars[a..<b]))
    }
}

extension Array {
    func isSorted(by inOrder: (Element, Element) -> Bool) -> Bool {
        var i = 1
        while i < count {
            if inOrder(self[i], self[i - 1]) { return false }
            i += 1
        }
        return true
    }
}
