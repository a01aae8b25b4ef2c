import Foundation
import Testing

@testable import KaderCore

/// The property every loader keeps (issue 13): the text of all segments plus their speaker labels,
/// roles and timestamps (and what warnings report as left out) covers every word of the source,
/// as a multiset. Checked on generated documents of every format; every generated document must
/// load, so a run where loads fail cannot pass.
@Suite struct CoveragePropertyTests {
    private typealias S = LoadingSupport

    static let vocabulary = [
        "school", "leerkracht", "tablet", "café", "digitalisering", "welbevinden", "kansen", "ja", "ok",
        "waarom", "niet", "zeker", "lacht", "onverstaanbaar", "ICT", "coördinator", "één", "budget", "Brussel",
        "daarna",
    ]
    static let speakers = ["Anna", "Bert", "Moderator", "Leerkracht 2", "Directeur Peeters", "Jan de Vries"]

    static func words(_ s: String) -> [String] {
        s.lowercased().split { !($0.isLetter || $0.isNumber) }.map(String.init)
    }

    static func sentence(_ rng: inout SplitMix64) -> String {
        let n = 1 + Int(rng.next() % 12)
        var w = (0..<n).map { _ in vocabulary[Int(rng.next() % UInt64(vocabulary.count))] }
        w[0] = w[0].prefix(1).uppercased() + w[0].dropFirst()
        return w.joined(separator: " ") + [".", "?", "!", "…", ""][Int(rng.next() % 5)]
    }

    /// A generated transcript: (speaker, role, paragraphs) turns.
    static func turns(_ rng: inout SplitMix64) -> [(String, String?, [String])] {
        (0..<(1 + Int(rng.next() % 14))).map { _ in
            let speaker = speakers[Int(rng.next() % UInt64(speakers.count))]
            let role: String? = rng.next() % 4 == 0 ? "leerkracht" : nil
            return (speaker, role, (0..<(1 + Int(rng.next() % 3))).map { _ in sentence(&rng) })
        }
    }

    static func render(_ turns: [(String, String?, [String])], format: Int) throws -> (Data, TranscriptFormat) {
        func label(_ t: (String, String?, [String])) -> String { t.0 + (t.1.map { " (\($0))" } ?? "") }
        func time(_ i: Int) -> String { String(format: "00:%02d:%02d", i / 60, i % 60) }
        switch format {
        case 0:
            return (
                Data(turns.map { "\(label($0)): " + $0.2.joined(separator: "\n") }.joined(separator: "\n\n").utf8),
                .plainText
            )
        case 1:
            return (
                Data(turns.map { "[\(label($0))] " + $0.2.joined(separator: "\n\n") }.joined(separator: "\n\n").utf8),
                .plainText
            )
        case 2:
            return (
                Data(turns.map { "\(label($0))\n" + $0.2.joined(separator: "\n") }.joined(separator: "\n\n").utf8),
                .plainText
            )
        case 3:
            return (
                Data(turns.map { "### \(label($0))\n" + $0.2.joined(separator: "\n") }.joined(separator: "\n").utf8),
                .markdown
            )
        case 4:
            let body = turns.map { t in
                S.boldParagraph(label(t) + ":", " " + t.2[0]) + t.2.dropFirst().map(S.paragraph).joined()
            }.joined()
            return (try S.docx(body: body), .docx)
        case 5:
            let rows = turns.enumerated().map { i, t in
                "<w:tr><w:tc>\(S.paragraph(time(i)))</w:tc><w:tc>\(S.paragraph(label(t)))</w:tc><w:tc>"
                    + t.2.map(S.paragraph).joined() + "</w:tc></w:tr>"
            }.joined()
            return (try S.docx(body: "<w:tbl>\(rows)</w:tbl>"), .docx)
        case 6:
            let cues = turns.enumerated().map { i, t in
                "\(time(i)).000 --> \(time(i)).900\n<v \(t.0)>" + t.2.joined(separator: "\n") + "</v>"
            }
            return (Data(("WEBVTT\n\n" + cues.joined(separator: "\n\n")).utf8), .webVTT)
        case 7:
            let cues = turns.enumerated().map { i, t in
                "\(i + 1)\n\(time(i)),000 --> \(time(i)),900\n\(label(t)): " + t.2.joined(separator: "\n")
            }
            return (Data(cues.joined(separator: "\n\n").utf8), .srt)
        default:
            let us = turns.map { t in
                "<u who=\"#\(t.0.replacingOccurrences(of: " ", with: "_"))\">" + t.2.map { "<seg>\($0)</seg>" }.joined()
                    + "</u>"
            }
            return (
                Data(
                    ("<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><text><body>" + us.joined() + "</body></text></TEI>")
                        .utf8), .tei
            )
        }
    }

    @Test func segmentsAndLabelsCoverEveryWordOfTheSource() throws {
        var rng = SplitMix64(seed: 13)
        var loaded = 0
        var attempted = 0
        for format in 0...8 {
            for _ in 0..<40 {
                let turns = Self.turns(&rng)
                let (data, kind) = try Self.render(turns, format: format)
                attempted += 1
                let doc: Document
                do {
                    doc = try S.load(data, format: kind)
                } catch {
                    Issue.record("format \(format): generated document failed to load: \(error)")
                    continue
                }
                loaded += 1
                S.checkInvariants(doc)
                var covered: [String: Int] = [:]
                var parts = doc.segments.flatMap {
                    [$0.text, $0.speaker ?? "", $0.role ?? "", $0.timestamp ?? "", $0.endTimestamp ?? ""]
                }
                parts += doc.diagnostics.warnings
                for w in parts.flatMap(Self.words) { covered[w, default: 0] += 1 }
                // Every word of the turns' text, as a multiset; label words (a speaker's consecutive
                // turns may merge into one) at least once.
                var source: [String: Int] = [:]
                var labelWords: Set<String> = []
                for t in turns {
                    for w in Self.words(t.2.joined(separator: " ")) { source[w, default: 0] += 1 }
                    labelWords.formUnion(Self.words(t.0 + " " + (format == 8 || format == 6 ? "" : t.1 ?? "")))
                }
                let missing = source.filter { covered[$0.key, default: 0] < $0.value }
                let missingLabels = labelWords.filter { covered[$0, default: 0] == 0 }
                #expect(
                    missing.isEmpty && missingLabels.isEmpty,
                    "format \(format) lost \(missing) \(missingLabels) in \(String(decoding: data.prefix(600), as: UTF8.self))"
                )
            }
        }
        #expect(loaded == attempted && attempted == 9 * 40)
    }
}
