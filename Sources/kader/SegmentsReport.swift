import Foundation
import KaderCore

/// Text and JSON renderings of a segmented document for `kader segments`.
enum SegmentsReport {
    static func table(_ doc: Document) -> String {
        let d = doc.diagnostics
        var out: [String] = []
        out.append("file:        \(doc.sourcePath)")
        out.append("document:    \(doc.id)\(doc.metadata.title.map { " — \($0)" } ?? "")")
        out.append("format:      \(d.format); encoding \(d.encoding); line endings \(d.lineEndings)")
        out.append("labels:      \(d.labelPattern)")
        let attributes = AttributeSummary.describe(doc.metadata.attributes, skipping: ["title"])
        if !attributes.isEmpty { out.append("attributes:  \(attributes)") }
        let speakers = doc.speakers.map { s in
            let extra = AttributeSummary.describe(doc.metadata.speakers[s.name]?.attributes ?? [:], skipping: [])
            return "\(s.name)\(s.role.map { " (\($0))" } ?? "") \(s.turns)\(s.codable ? "" : ", not coded")\(extra.isEmpty ? "" : " [\(extra)]")"
        }
        out.append("speakers:    \(doc.speakers.count): " + speakers.joined(separator: "; "))
        let turns = doc.speakers.reduce(0) { $0 + $1.turns }
        out.append("segments:    \(doc.segments.count) (\(turns) turns, \(doc.codableSegmentCount) codable)")
        for w in d.warnings { out.append("warning:     \(w)") }
        out.append("")
        out.append(row(["#", "id", "speaker", "role", "start", "end", "time", "text"]))
        for s in doc.segments {
            let preview = Fingerprint.collapseWhitespace(s.text)
            let short = preview.count > 60 ? String(preview.prefix(59)) + "…" : preview
            out.append(row([
                String(s.ordinal), s.id, s.speaker ?? "—", (s.role ?? "—") + (s.codable ? "" : "*"), String(s.start), String(s.end),
                s.timestamp ?? "", short,
            ]))
        }
        if doc.segments.contains(where: { !$0.codable }) { out.append("(* not codable)") }
        return out.joined(separator: "\n")
    }

    private static let widths = [4, 16, 18, 18, 7, 7, 10, 0]

    private static func row(_ cells: [String]) -> String {
        zip(cells, widths).map { cell, w in
            w == 0 ? cell : cell.padding(toLength: max(w, cell.count + 1), withPad: " ", startingAt: 0)
        }.joined()
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

    static func json(_ doc: Document) throws -> String {
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let out = Output(id: doc.id, source: doc.sourcePath, metadata: doc.metadata, contentHash: doc.contentHash, diagnostics: doc.diagnostics, speakers: doc.speakers, segments: doc.segments)
        return String(decoding: try enc.encode(out), as: UTF8.self)
    }
}
