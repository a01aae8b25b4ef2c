import Foundation

/// Tabular renderings of quote rows: CSV (RFC 4180, written as bytes by ``CSVBytes``) and JSON.
public enum QuoteTable {
    /// CSV with a header row (``QuoteRow/columns``) and one row per coding, CRLF line ends,
    /// UTF-8. `excel` prefixes a UTF-8 byte-order mark and uses `;` as the separator, which
    /// Excel in most European locales expects, so accents survive a double-click open.
    public static func csv(_ rows: [QuoteRow], excel: Bool = false) throws -> Data {
        try csv(header: QuoteRow.columns, rows: rows.map(\.cells), excel: excel)
    }

    /// CSV of any header and string rows (same conventions as ``csv(_:excel:)``).
    /// - Throws: ``ExportError/io(path:detail:)`` when the in-memory writer fails.
    public static func csv(header: [String], rows: [[String]], excel: Bool = false) throws -> Data {
        var out = CSVBytes(delimiter: UInt8(ascii: excel ? ";" : ","), bom: excel, capacity: 1 << 20)
        out.row(header)
        for r in rows { out.row(r) }
        return Data(out.bytes)
    }

    /// A JSON array of rows with the same fields as the CSV (snake_case keys, sorted), pretty-printed.
    public static func json(_ rows: [QuoteRow]) throws -> Data {
        let objects: [[String: JSONValue]] = rows.map { r in
            [
                "document": .string(r.document), "document_title": .string(r.documentTitle),
                "document_type": .optional(r.documentType),
                "site": .optional(r.site), "segment_id": .string(r.segment), "ordinal": .int(r.ordinal),
                "speaker": .optional(r.speaker),
                "role": .optional(r.role), "start": .int(r.start), "end": .int(r.end), "span": .bool(r.isSpan),
                "timestamp": .optional(r.timestamp), "category": .string(r.category),
                "category_id": .string(r.categoryId),
                "code_id": .string(r.codeId), "code_path": .string(r.codePath), "coder": .string(r.coder),
                "memo": .optional(r.memo),
                "text": .string(r.text), "review": .bool(r.review),
            ]
        }
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try enc.encode(objects)
        data.append(0x0A)
        return data
    }
}

/// A JSON scalar that encodes nil as `null`.
enum JSONValue: Encodable {
    case string(String), int(Int), bool(Bool), null

    static func optional(_ s: String?) -> JSONValue { s.map(JSONValue.string) ?? .null }

    func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .string(let s): try c.encode(s)
        case .int(let i): try c.encode(i)
        case .bool(let b): try c.encode(b)
        case .null: try c.encodeNil()
        }
    }
}
