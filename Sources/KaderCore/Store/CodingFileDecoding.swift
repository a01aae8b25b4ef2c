import Foundation

/// Reading codings files: schema 2, and schema 1 migrated in memory (written back as schema 2 on
/// the next save).
extension CodingFile {
    /// Parses `data` read from `path`.
    ///
    /// Checks, in this order: valid JSON; an object; no key given twice in any object (damage,
    /// since JSON readers disagree on which one counts); a known `"schema"`; the shape of the
    /// schema; every quote span with `0 <= start < end`. A schema-1 file (one code list and one
    /// shared quote span per segment) is migrated: the span goes to each of the segment's codes;
    /// a span on a segment without codes is noted in the segment memo with its offsets.
    /// - Throws: ``StoreError/damaged(path:line:column:detail:)`` with the 1-based position of the
    ///   problem, or ``StoreError/unknownSchema(path:version:)``.
    public static func decode(_ data: Data, path: String) throws -> CodingFile {
        if let file = CodingFileFastReader.decode(data) { return file }
        return try decodeFully(data, path: path)
    }

    /// ``decode(_:path:)`` without the one-pass reader (``CodingFileFastReader``): what decides
    /// every file that reader gives up on.
    static func decodeFully(_ data: Data, path: String) throws -> CodingFile {
        let object = try JSONDuplicateKeys.parse(data, path: path) { key in
            "\"\(key)\" is given more than once in one object"
        }
        guard let dict = object as? [String: Any] else {
            throw StoreError.damaged(path: path, line: 1, column: 1, detail: "expected a JSON object")
        }
        guard let schema = dict["schema"] as? Int else {
            throw StoreError.damaged(path: path, line: 1, column: 1, detail: "missing \"schema\"")
        }
        guard schema == 1 || schema == currentSchema else {
            throw StoreError.unknownSchema(path: path, version: schema)
        }
        do {
            var file: CodingFile
            if schema == 1 {
                let v1 = try JSONDecoder().decode(FileV1.self, from: data)
                if let bad = v1.badSpan() {
                    let (line, column) = JSONPosition.lineAndColumn(of: bad.path, in: data)
                    throw StoreError.damaged(
                        path: path, line: line, column: column,
                        detail: "a quote span with start \(bad.start) and end \(bad.end); a span needs 0 <= start < end"
                    )
                }
                file = v1.migrated()
            } else {
                let v2 = try JSONDecoder().decode(FileV2.self, from: data)
                if let bad = v2.badSpan() {
                    let (line, column) = JSONPosition.lineAndColumn(of: bad.path, in: data)
                    throw StoreError.damaged(
                        path: path, line: line, column: column,
                        detail:
                            "a quote span with start \(bad.span.start) and end \(bad.span.end); a span needs 0 <= start < end"
                    )
                }
                file = v2.model()
            }
            file.schema = schema
            return file
        } catch let error as DecodingError {
            let codingPath: [CodingKey]
            switch error {
            case .keyNotFound(_, let ctx), .typeMismatch(_, let ctx), .valueNotFound(_, let ctx),
                .dataCorrupted(let ctx):
                codingPath = ctx.codingPath
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

/// A key of a JSON path, for error positions.
private struct PathKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(_ s: String) {
        stringValue = s
        intValue = nil
    }
    init(_ i: Int) {
        stringValue = "\(i)"
        intValue = i
    }
    init?(stringValue: String) { self.init(stringValue) }
    init?(intValue: Int) { self.init(intValue) }
}

private struct SpanDTO: Decodable {
    var start: Int
    var end: Int
    var text: String?
}

private struct AppliedDTO: Decodable {
    var code: String
    var spans: [SpanDTO]?
    var memo: String?
}

private struct CodingV2: Decodable {
    var segment: String
    var ordinal: Int
    var fingerprint: String
    var codes: [AppliedDTO]
    var memo: String?
    var segmentStart: Int?
    var created: String
    var modified: String
    var review: Bool?

    var model: SegmentCoding {
        SegmentCoding(
            segment: SegmentID(segment), ordinal: ordinal, fingerprint: fingerprint,
            applied: codes.map { a in
                AppliedCode(
                    code: a.code, spans: (a.spans ?? []).map { QuoteSpan(start: $0.start, end: $0.end, text: $0.text) },
                    memo: a.memo)
            },
            memo: memo, segmentStart: segmentStart, created: created, modified: modified, review: review)
    }
}

private struct FileV2: Decodable {
    var coder: String
    var document: String
    var contentHash: String
    var status: CodingStatus
    var memo: String?
    var demo: Bool?
    var codings: [CodingV2]
    var orphans: [CodingV2]?
    var segmentCount: Int?
    var doneSegments: [String]?

    /// The path of the first span that is not `0 <= start < end`.
    func badSpan() -> (path: [CodingKey], span: SpanDTO)? {
        for (list, name) in [(codings, "codings"), (orphans ?? [], "orphans")] {
            for (i, c) in list.enumerated() {
                for (j, a) in c.codes.enumerated() {
                    for (k, s) in (a.spans ?? []).enumerated() where s.start < 0 || s.start >= s.end {
                        return (
                            [PathKey(name), PathKey(i), PathKey("codes"), PathKey(j), PathKey("spans"), PathKey(k)], s
                        )
                    }
                }
            }
        }
        return nil
    }

    func model() -> CodingFile {
        var file = CodingFile(
            coder: CoderName(coder), document: DocumentID(document), contentHash: contentHash, status: status,
            memo: memo,
            codings: codings.map(\.model), segmentCount: segmentCount)
        file.demo = demo
        file.doneSegments = doneSegments
        file.orphans = orphans.map { $0.map(\.model) }
        return file
    }
}

private struct CodingV1: Decodable {
    struct Span: Decodable {
        var start: Int
        var end: Int
    }
    var segment: String
    var ordinal: Int
    var fingerprint: String
    var codes: [String]
    var span: Span?
    var spanSegmentStart: Int?
    var memo: String?
    var created: String
    var modified: String
    var review: Bool?

    /// The shared span goes to every code; a span without codes is noted in the memo.
    var migrated: SegmentCoding {
        var spans: [QuoteSpan] = []
        var memo = self.memo
        if let s = span {
            spans = [QuoteSpan(start: s.start, end: s.end)]
            if codes.isEmpty {
                let note = "Quote selected without a code (scalars \(s.start)–\(s.end)), kept from a schema-1 file."
                memo = memo.map { $0 + "\n\n" + note } ?? note
            }
        }
        return SegmentCoding(
            segment: SegmentID(segment), ordinal: ordinal, fingerprint: fingerprint,
            applied: codes.map { AppliedCode(code: $0, spans: spans) }, memo: memo,
            segmentStart: spans.isEmpty ? nil : spanSegmentStart, created: created, modified: modified,
            review: review)
    }
}

private struct FileV1: Decodable {
    var coder: String
    var document: String
    var contentHash: String
    var status: CodingStatus
    var memo: String?
    var demo: Bool?
    var codings: [CodingV1]
    var orphans: [CodingV1]?
    var segmentCount: Int?
    var doneSegments: [String]?

    func badSpan() -> (path: [CodingKey], start: Int, end: Int)? {
        for (list, name) in [(codings, "codings"), (orphans ?? [], "orphans")] {
            for (i, c) in list.enumerated() {
                if let s = c.span, s.start < 0 || s.start >= s.end {
                    return ([PathKey(name), PathKey(i), PathKey("span")], s.start, s.end)
                }
            }
        }
        return nil
    }

    func migrated() -> CodingFile {
        var file = CodingFile(
            coder: CoderName(coder), document: DocumentID(document), contentHash: contentHash, status: status,
            memo: memo,
            codings: codings.map(\.migrated), segmentCount: segmentCount)
        file.demo = demo
        file.doneSegments = doneSegments
        file.orphans = orphans.map { $0.map(\.migrated) }
        return file
    }
}
