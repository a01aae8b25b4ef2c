import Foundation
import KaderCore

/// Text and JSON renderings of a segmented document for `kader segments`, written to standard
/// output as bytes in chunks (see ``KaderCore/DocumentJSON`` and ``KaderCore/SegmentTableRows``),
/// never as one large string.
enum SegmentsReport {
    /// Writes the table to standard output (not a terminal: the caller sends terminal output
    /// through ``TerminalSafe``).
    static func writeTable(_ doc: Document) {
        writeTable(doc, to: writeStandardOutput)
    }

    /// The table as one string (lines joined by newlines, not cleaned).
    static func table(_ doc: Document) -> String {
        var all: [UInt8] = []
        writeTable(doc) { all.append(contentsOf: $0) }
        if all.last == 0x0A { all.removeLast() }
        return String(decoding: all, as: UTF8.self)
    }

    /// The table, each line followed by a newline, to `sink` in chunks: the header lines, then
    /// the segment rows in blocks formatted on every core (``KaderCore/ParallelBlocks``), in order.
    static func writeTable(_ doc: Document, to sink: (UnsafeBufferPointer<UInt8>) -> Void) {
        var out = JSONBytes(capacity: 1 << 16)
        for line in headerLines(doc) {
            out.raw(line)
            out.byte(0x0A)
        }
        out.flush(to: sink)
        let segments = doc.segments
        ParallelBlocks.write(
            count: segments.count,
            format: { range, out in
                var cache = SegmentTableRows.CellCache()
                for i in range {
                    SegmentTableRows.append(segments[i], into: &out, cache: &cache)
                    out.byte(0x0A)
                }
            }, to: sink)
        if segments.contains(where: { !$0.codable }) {
            out.raw("(* not codable)\n")
            out.flush(to: sink)
        }
    }

    /// The lines above the segment rows, the column header last.
    static func headerLines(_ doc: Document) -> [String] {
        var lines: [String] = []
        let d = doc.diagnostics
        lines.append("file:        \(doc.sourcePath)")
        lines.append("document:    \(doc.id)\(doc.metadata.title.map { " — \($0)" } ?? "")")
        lines.append(
            "format:      \(d.format.rawValue); encoding \(d.encoding.rawValue); line endings \(d.lineEndings.rawValue)"
        )
        lines.append("labels:      \(d.labelPattern)")
        let attributes = AttributeSummary.describe(doc.metadata.attributes, skipping: ["title"])
        if !attributes.isEmpty { lines.append("attributes:  \(attributes)") }
        let speakers = doc.speakers.map { s in
            let extra = AttributeSummary.describe(doc.metadata.speakers[s.name]?.attributes ?? [:], skipping: [])
            return
                "\(s.name)\(s.role.map { " (\($0))" } ?? "") \(s.turns)\(s.codable ? "" : ", not coded")\(extra.isEmpty ? "" : " [\(extra)]")"
        }
        lines.append("speakers:    \(doc.speakers.count): " + speakers.joined(separator: "; "))
        let turns = doc.speakers.reduce(0) { $0 + $1.turns }
        lines.append("segments:    \(doc.segments.count) (\(turns) turns, \(doc.codableSegmentCount) codable)")
        for w in d.warnings { lines.append("warning:     \(w)") }
        lines.append("")
        lines.append(SegmentTableRows.header)
        return lines
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
