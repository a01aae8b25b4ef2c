import Foundation

/// ``QuoteTable``'s CSV and JSON written document by document from a ``QuoteStream``: the same
/// bytes as `QuoteTable.csv(collection.rows)` and `QuoteTable.json(collection.rows)` for the
/// ``QuoteCollection`` loaded with the same filter, without holding every row.
extension QuoteStream {
    /// Writes the CSV (header, then one row per quote; `excel` as in ``QuoteTable/csv(_:excel:)``)
    /// to `out` and returns the number of quote rows. `out` is not committed.
    /// - Throws: the errors of ``forEachDocument(render:_:)`` and ``ExportFileWriter/write(_:)-([UInt8])``.
    public func writeCSV(to out: ExportFileWriter, excel: Bool = false) throws -> Int {
        let delimiter = UInt8(ascii: excel ? ";" : ",")
        var header = CSVBytes(delimiter: delimiter, bom: excel, capacity: 256)
        header.row(QuoteRow.columns)
        try out.write(header.bytes)
        var rows = 0
        try forEachDocument(
            render: { _, docRows in
                var csv = CSVBytes(delimiter: delimiter, capacity: 1 << 16)
                for r in docRows { csv.row(r.cells) }
                return (docRows.count, csv.bytes)
            },
            { chunk in
                rows += chunk.0
                try out.write(chunk.1)
            })
        return rows
    }

    /// Writes the JSON array of ``QuoteTable/json(_:)`` to `out` and returns the number of rows.
    /// `out` is not committed. - Throws: as ``writeCSV(to:excel:)``.
    public func writeJSON(to out: ExportFileWriter) throws -> Int {
        var rows = 0
        try forEachDocument(
            render: { _, docRows in
                var json = JSONBytes(capacity: 1 << 16)
                for (i, r) in docRows.enumerated() {
                    if i > 0 { json.raw(",\n") }
                    QuoteTableStream.object(r, into: &json)
                }
                return (docRows.count, json.bytes)
            },
            { chunk in
                guard chunk.0 > 0 else { return }
                try out.write(rows == 0 ? "[\n" : ",\n")
                rows += chunk.0
                try out.write(chunk.1)
            })
        if rows == 0 {
            let empty = try QuoteTable.json([])
            try empty.withUnsafeBytes { try out.write(Array($0.bindMemory(to: UInt8.self))) }
        } else {
            try out.write("\n]\n")
        }
        return rows
    }
}

/// The pretty-printed, key-sorted JSON object of one row, as `JSONEncoder` writes it inside an array.
enum QuoteTableStream {
    static func object(_ r: QuoteRow, into j: inout JSONBytes) {
        j.raw("  {\n")
        field("category", &j) { $0.string(r.category) }
        field("category_id", &j) { $0.string(r.categoryId) }
        field("code_id", &j) { $0.string(r.codeId) }
        field("code_path", &j) { $0.string(r.codePath) }
        field("coder", &j) { $0.string(r.coder) }
        field("document", &j) { $0.string(r.document) }
        field("document_title", &j) { $0.string(r.documentTitle) }
        field("document_type", &j) { optional(r.documentType, &$0) }
        field("end", &j) { $0.int(r.end) }
        field("memo", &j) { optional(r.memo, &$0) }
        field("ordinal", &j) { $0.int(r.ordinal) }
        field("review", &j) { $0.bool(r.review) }
        field("role", &j) { optional(r.role, &$0) }
        field("segment_id", &j) { $0.string(r.segment) }
        field("site", &j) { optional(r.site, &$0) }
        field("span", &j) { $0.bool(r.isSpan) }
        field("speaker", &j) { optional(r.speaker, &$0) }
        field("start", &j) { $0.int(r.start) }
        field("text", &j) { $0.string(r.text) }
        field("timestamp", &j, last: true) { optional(r.timestamp, &$0) }
        j.raw("  }")
    }

    private static func field(
        _ key: StaticString, _ j: inout JSONBytes, last: Bool = false, _ value: (inout JSONBytes) -> Void
    ) {
        j.raw("    \"")
        j.raw(key)
        j.raw("\" : ")
        value(&j)
        j.raw(last ? "\n" : ",\n")
    }

    private static func optional(_ s: String?, _ j: inout JSONBytes) {
        if let s { j.string(s) } else { j.raw("null") }
    }
}
