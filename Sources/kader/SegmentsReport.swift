import Foundation
import KaderCore

/// Text and JSON renderings of a segmented document for `kader segments`, written to standard
/// output as bytes in chunks (see ``KaderCore/DocumentJSON``), never as one large string.
enum SegmentsReport {
    /// Writes the table to standard output (not a terminal: the caller sends terminal output
    /// through ``TerminalSafe``).
    static func writeTable(_ doc: Document) {
        var out = JSONBytes()
        table(doc) { line in
            out.raw(line)
            out.byte(0x0A)
            if out.count >= 1 << 20 { out.flush(to: writeStandardOutput) }
        }
        out.flush(to: writeStandardOutput)
    }

    /// The table as one string (lines joined by newlines, not cleaned).
    static func table(_ doc: Document) -> String {
        var lines: [String] = []
        table(doc) { lines.append($0) }
        return lines.joined(separator: "\n")
    }

    /// Calls `line` with each line of the table, in order.
    static func table(_ doc: Document, line: (String) -> Void) {
        let d = doc.diagnostics
        line("file:        \(doc.sourcePath)")
        line("document:    \(doc.id)\(doc.metadata.title.map { " — \($0)" } ?? "")")
        line(
            "format:      \(d.format.rawValue); encoding \(d.encoding.rawValue); line endings \(d.lineEndings.rawValue)"
        )
        line("labels:      \(d.labelPattern)")
        let attributes = AttributeSummary.describe(doc.metadata.attributes, skipping: ["title"])
        if !attributes.isEmpty { line("attributes:  \(attributes)") }
        let speakers = doc.speakers.map { s in
            let extra = AttributeSummary.describe(doc.metadata.speakers[s.name]?.attributes ?? [:], skipping: [])
            return
                "\(s.name)\(s.role.map { " (\($0))" } ?? "") \(s.turns)\(s.codable ? "" : ", not coded")\(extra.isEmpty ? "" : " [\(extra)]")"
        }
        line("speakers:    \(doc.speakers.count): " + speakers.joined(separator: "; "))
        let turns = doc.speakers.reduce(0) { $0 + $1.turns }
        line("segments:    \(doc.segments.count) (\(turns) turns, \(doc.codableSegmentCount) codable)")
        for w in d.warnings { line("warning:     \(w)") }
        line("")
        line(row(["#", "id", "speaker", "role", "start", "end", "time", "text"]))
        var anyNotCodable = false
        for s in doc.segments {
            if !s.codable { anyNotCodable = true }
            line(
                row([
                    String(s.ordinal), s.id, s.speaker ?? "—", (s.role ?? "—") + (s.codable ? "" : "*"),
                    String(s.start), String(s.end),
                    s.timestamp ?? "", preview(s.textSlice),
                ]))
        }
        if anyNotCodable { line("(* not codable)") }
    }

    /// The text with whitespace collapsed, cut to 59 characters and `…` when longer than 60.
    /// Only a prefix of the text is collapsed when that already decides the result.
    static func preview(_ text: Substring) -> String {
        let prefixScalars = 256
        let scalars = text.unicodeScalars
        if let cut = scalars.index(scalars.startIndex, offsetBy: prefixScalars, limitedBy: scalars.endIndex),
            cut < scalars.endIndex
        {
            let head = Fingerprint.collapseWhitespace(String(text[..<cut]))
            if head.count > 60 { return String(head.prefix(59)) + "…" }
        }
        let all = Fingerprint.collapseWhitespace(String(text))
        return all.count > 60 ? String(all.prefix(59)) + "…" : all
    }

    private static let widths = [4, 16, 18, 18, 7, 7, 10, 0]

    private static func row(_ cells: [String]) -> String {
        var out = ""
        for (cell, w) in zip(cells, widths) {
            out += cell
            if w > 0 { out += String(repeating: " ", count: max(w - cell.count, 1)) }
        }
        return out
    }

    struct Output: Encodable {
        var id: String
        var source: String
        var metadata: DocumentMetadata
        var contentHash: String
        var diagnostics: LoadDiagnostics
        var speakers: [Speaker]
        var segments: [Segment]
    }

    /// The JSON through `JSONEncoder` (the reference shape ``KaderCore/DocumentJSON`` matches).
    static func json(_ doc: Document) throws -> String {
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let out = Output(
            id: doc.id, source: doc.sourcePath, metadata: doc.metadata, contentHash: doc.contentHash,
            diagnostics: doc.diagnostics, speakers: doc.speakers, segments: doc.segments)
        return String(decoding: try enc.encode(out), as: UTF8.self)
    }

    /// Writes the JSON and a newline to standard output, in chunks.
    static func writeJSON(_ doc: Document) throws {
        try DocumentJSON.write(doc, to: writeStandardOutput)
        writeStandardOutput(UnsafeBufferPointer(start: [UInt8(0x0A)], count: 1))
    }
}

/// Writes `bytes` to standard output (file descriptor 1), retrying short writes.
func writeStandardOutput(_ bytes: UnsafeBufferPointer<UInt8>) {
    guard var p = bytes.baseAddress else { return }
    var left = bytes.count
    while left > 0 {
        let n = write(1, p, left)
        if n <= 0 {
            if n < 0 && errno == EINTR { continue }
            return
        }
        p += n
        left -= n
    }
}
