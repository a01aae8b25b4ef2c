import Foundation

/// Progress of one coder on one document.
public enum CodingStatus: String, Sendable, Codable, CaseIterable {
    case notStarted = "not started"
    case inProgress = "in progress"
    case done
}

/// An exact quote inside a segment: Unicode scalar offsets into the document text.
public struct QuoteSpan: Sendable, Hashable, Codable {
    public var start: Int
    public var end: Int
    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }
}

/// One coder's coding of one segment: the codes applied, an optional quote span and memo.
public struct SegmentCoding: Sendable, Hashable, Codable {
    /// The segment id (``Segment/id``).
    public var segment: String
    public var ordinal: Int
    /// The segment's fingerprint when it was coded, for re-anchoring.
    public var fingerprint: String
    /// Code ids, sorted.
    public var codes: [String]
    public var span: QuoteSpan?
    /// The segment's start offset when ``span`` was set: re-anchoring shifts the span by as much
    /// as the segment moved. Absent without a span (and in files written before it existed).
    public var spanSegmentStart: Int?
    public var memo: String?
    /// ISO 8601 UTC times.
    public var created: String
    public var modified: String
    /// True when re-anchoring attached this coding to a segment whose text changed
    /// (see ``CodingFile/reanchored(to:)``); cleared by the next edit of the segment.
    public var review: Bool?

    public init(segment: String, ordinal: Int, fingerprint: String, codes: [String], span: QuoteSpan? = nil, spanSegmentStart: Int? = nil,
                memo: String? = nil, created: String, modified: String, review: Bool? = nil) {
        self.segment = segment
        self.ordinal = ordinal
        self.fingerprint = fingerprint
        self.codes = codes
        self.span = span
        self.spanSegmentStart = span == nil ? nil : spanSegmentStart
        self.memo = memo
        self.created = created
        self.modified = modified
        self.review = review
    }

    /// True when nothing is left worth keeping (no codes, memo or quote span).
    public var isEmpty: Bool { codes.isEmpty && (memo ?? "").isEmpty && span == nil }
}

/// The on-disk content of `Codings/<coder>/<document-id>.json` (schema 1).
public struct CodingFile: Sendable, Hashable, Codable {
    public static let currentSchema = 1

    public var schema: Int
    public var coder: String
    public var document: String
    /// SHA-256 of the document text the codings were made on.
    public var contentHash: String
    public var status: CodingStatus
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

    public init(coder: String, document: String, contentHash: String, status: CodingStatus = .notStarted, memo: String? = nil, codings: [SegmentCoding] = [],
                segmentCount: Int? = nil) {
        self.schema = Self.currentSchema
        self.segmentCount = segmentCount
        self.coder = coder
        self.document = document
        self.contentHash = contentHash
        self.status = status
        self.memo = memo
        self.codings = codings
    }

    /// Canonical bytes: sorted keys, pretty-printed with two-space indentation, codings (and
    /// orphans) in ordinal order, trailing newline — the format of ``CanonicalJSONWriter``, equal to
    /// `JSONEncoder` with `.prettyPrinted, .sortedKeys, .withoutEscapingSlashes`. Unchanged data
    /// gives identical bytes. About 1 ms for 5,000 segments.
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

    /// This file with codings and orphans in canonical order and an empty orphan list removed.
    func canonical() -> CodingFile {
        var copy = self
        let inOrder: (SegmentCoding, SegmentCoding) -> Bool = { ($0.ordinal, $0.segment) < ($1.ordinal, $1.segment) }
        if !copy.codings.isSorted(by: inOrder) { copy.codings.sort(by: inOrder) }
        if let o = copy.orphans { copy.orphans = o.isEmpty ? nil : o.sorted(by: inOrder) }
        return copy
    }

    /// Every code application: pairs of segment id and code id, orphans included.
    public var codeApplicationCount: Int {
        codings.reduce(0) { $0 + $1.codes.count } + (orphans ?? []).reduce(0) { $0 + $1.codes.count }
    }

    /// Parses `data` read from `path`.
    /// - Throws: ``StoreError/damaged(path:line:column:detail:)`` with the 1-based position of the
    ///   problem, or ``StoreError/unknownSchema(path:version:)``.
    public static func decode(_ data: Data, path: String) throws -> CodingFile {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            let (line, column) = JSONPosition.locate(in: data, error: error)
            throw StoreError.damaged(path: path, line: line, column: column, detail: "not valid JSON")
        }
        guard let dict = object as? [String: Any] else {
            // A JSON value that is not an object.
            throw StoreError.damaged(path: path, line: 1, column: 1, detail: "expected a JSON object")
        }
        guard let schema = dict["schema"] as? Int else {
            throw StoreError.damaged(path: path, line: 1, column: 1, detail: "missing \"schema\"")
        }
        guard schema == currentSchema else { throw StoreError.unknownSchema(path: path, version: schema) }
        do {
            let file = try JSONDecoder().decode(CodingFile.self, from: data)
            // JSONSerialization keeps the last of duplicate keys, JSONDecoder the first: a file
            // saying "schema" twice must not pass as one schema and be written as another.
            guard file.schema == currentSchema else {
                throw StoreError.damaged(path: path, line: 1, column: 1, detail: "\"schema\" is given more than once with different values")
            }
            return file
        } catch let error as DecodingError {
            let codingPath: [CodingKey]
            switch error {
            case .keyNotFound(_, let ctx), .typeMismatch(_, let ctx), .valueNotFound(_, let ctx), .dataCorrupted(let ctx): codingPath = ctx.codingPath
            @unknown default: codingPath = []
            }
            let (line, column) = JSONPosition.lineAndColumn(of: codingPath, in: data)
            throw StoreError.damaged(path: path, line: line, column: column, detail: CodebookFile.describe(error))
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.damaged(path: path, line: 1, column: 1, detail: "unexpected content")
        }
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
