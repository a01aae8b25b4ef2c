import Foundation
import Testing

@testable import KaderCore

@Suite("Loading: offset property and fuzzing")
struct LoadingPropertyAndFuzzTests {
    typealias S = LoadingSupport

    static let pieces = [
        "Interviewer: ", "R1: ", "[id1] ", "{Els} ", "@Jan: ", "Deelnemer 3 (leerkracht): ", "### Moderator\n",
        "00:03:12 Spreker 1\n",
        "Speaker 2  0:09\n", "Bijvoorbeeld: ", "om 10:30 ", "https://x.be ", "(lacht) ", "[onverstaanbaar 00:05:15] ",
        "#00:01:23-4#",
        "coördinator ", "zo’n “ideeën”… ", "e\u{0301} ", "👩‍🏫 ", "\u{00A0}", "\t", "\n", "\n\n", "\r\n", "\r", "   ",
        "\u{2028}", "ja ",
        "Hoe lang werkt u al hier? ", "---\n", "title: x\n", "WEBVTT\n", "00:00:01.000 --> 00:00:02.000\n", "<v Els>",
        "</v>", "&amp;",
    ]

    static func randomTranscript(_ rng: inout SplitMix64, parts: Int) -> String {
        // As `randomElement(using:)` draws (same sequence), without its optional.
        (0..<parts).map { _ in pieces[Int.random(in: 0..<pieces.count, using: &rng)] }.joined()
    }

    @Test func segmentsAndGapsReproduceTheTextForEveryFormat() throws {
        var rng = SplitMix64(seed: 42)
        var loaded: [String: Int] = [:]  // successes per format: a test where every load fails proves nothing
        for _ in 0..<150 {
            let text = Self.randomTranscript(&rng, parts: Int.random(in: 5...80, using: &rng))
            for format in [TranscriptFormat.plainText, .markdown, .webVTT, .srt] {
                guard let doc = try? S.load(text, format: format) else { continue }
                S.checkInvariants(doc)
                loaded[format.rawValue, default: 0] += 1
            }
            let docxBody = text.split(separator: "\n").map { line -> String in
                let escaped = line.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(
                    of: "<", with: "&lt;")
                return Bool.random(using: &rng) ? S.boldParagraph("Els:", " " + escaped) : S.paragraph(escaped)
            }.joined()
            if let doc = try? S.load(try S.docx(body: docxBody), format: .docx) {
                S.checkInvariants(doc)
                loaded["docx", default: 0] += 1
            }
            let tei =
                "<TEI><text>"
                + text.split(separator: "\n").map { line in
                    "<u who=\"#A\"><seg>\(line.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;"))</seg></u>"
                }.joined() + "</text></TEI>"
            if let doc = try? S.load(tei, format: .tei) {
                S.checkInvariants(doc)
                loaded["tei", default: 0] += 1
            }
        }
        for format in ["plain text", "markdown", "webvtt", "srt", "docx", "tei"] {
            #expect(
                loaded[format, default: 0] >= 10,
                "only \(loaded[format, default: 0]) of 150 random \(format) inputs loaded")
        }
    }

    @Test func whitespaceTableMatchesUnicodeProperties() {
        for v in UInt32(0x80)...0x10FFFF {
            guard let s = Unicode.Scalar(v) else { continue }
            #expect(TextBuffer.isNonASCIIWhitespace(v) == s.properties.isWhitespace, "U+\(String(v, radix: 16))")
        }
    }

    @Test func fingerprintsCollapseEveryKindOfWhitespace() {
        let plain = Fingerprint.ofSegmentText("Ja, dat klopt – zo’n “idee”… écht")
        for space in ["  ", "\t", "\n\n", "\u{00A0}", "\u{2003}", "\u{3000}", " \u{2028} ", "\u{0085}"] {
            let text = "Ja,\(space)dat klopt – zo’n “idee”…\(space)écht\(space)"
            #expect(Fingerprint.ofSegmentText(text) == plain, "\(space.unicodeScalars.map { $0.value })")
        }
        #expect(Fingerprint.ofSegmentText("Ja, dat klopt — zo’n “idee”… écht") != plain)
    }

    @Test func fingerprintsEqualTheHashOfTheCollapsedText() {
        let words = [
            "woordenschat", "ik", "coördinatoren", "zo’n", "“ideeën”…", "👩‍🏫", "e\u{0301}", "Smartschool-platform,", "a",
        ]
        let spaces = [" ", " ", " ", "  ", "\n", "\n\n", "\t", "\u{00A0}", " \u{2028}", "\u{3000}", " \n "]
        var rng = SplitMix64(seed: 42)
        for _ in 0..<400 {
            var text = Bool.random(using: &rng) ? spaces.randomElement(using: &rng)! : ""
            for _ in 0..<Int.random(in: 1...40, using: &rng) {
                text +=
                    words.randomElement(using: &rng)!
                    + (Int.random(in: 0..<5, using: &rng) == 0 ? spaces.randomElement(using: &rng)! : " ")
            }
            let collapsed = text.unicodeScalars.split(whereSeparator: \.properties.isWhitespace)
                .map { String(String.UnicodeScalarView($0)) }.joined(separator: " ")
            #expect(
                Fingerprint.ofSegmentText(text) == String(Fingerprint.sha256Hex(collapsed).prefix(16)),
                "\(text.debugDescription)")
            #expect(Fingerprint.collapseWhitespace(text) == collapsed)
        }
    }

    /// Random byte mutations of valid inputs: loading either succeeds with the offset contract
    /// intact or throws a ``LoaderError``; never a crash, hang or other error. A fixed number of
    /// runs (`KADER_FUZZ_RUNS`, default 400), so the test does the same work on every machine.
    @Test func mutationFuzzNeverCrashes() throws {
        var rng = SplitMix64(seed: 20_240_312)
        let seeds: [(Data, TranscriptFormat)] = [
            (Data(LoadingDecodingTests.dutch.utf8), .plainText),
            (Data(LoadingCueFormatTests.teams.utf8), .webVTT),
            (Data(LoadingTEIFormatTests.tei.utf8), .tei),
            (
                try S.docx(
                    body: S.boldParagraph("Interviewer:", " Hoe gaat het?") + S.boldParagraph("Respondent:", " Goed.")),
                .docx
            ),
            (
                try S.zip(
                    [
                        "word/document.xml": Data(
                            ("<w:document xmlns:w=\"w\"><w:body>" + S.boldParagraph("A:", " b")
                                + "</w:body></w:document>").utf8)
                    ], compression: .none), .docx
            ),
        ]
        let total = Int(ProcessInfo.processInfo.environment["KADER_FUZZ_RUNS"] ?? "") ?? 400
        var runs = 0
        var loaded = 0
        while runs < total {
            let (seed, format) = seeds[runs % seeds.count]
            var bytes = [UInt8](seed)
            for _ in 0..<Int.random(in: 1...8, using: &rng) {
                guard !bytes.isEmpty else { break }
                let i = Int.random(in: 0..<bytes.count, using: &rng)
                switch Int.random(in: 0..<4, using: &rng) {
                case 0: bytes[i] = UInt8.random(in: 0...255, using: &rng)
                case 1: bytes.remove(at: i)
                case 2:
                    bytes.insert([0x0A, 0x0D, 0x3A, 0x5B, 0x3C, 0x00, 0xC3, 0xFF].randomElement(using: &rng)!, at: i)
                default: bytes.removeSubrange(i..<min(bytes.count, i + Int.random(in: 1...64, using: &rng)))
                }
            }
            if ProcessInfo.processInfo.environment["KADER_FUZZ_DUMP"] != nil {
                try? Data(bytes).write(to: URL(fileURLWithPath: "/tmp/kader-fuzz-last.\(format)"))
                try? "\(format) \(runs)".write(
                    toFile: "/tmp/kader-fuzz-last-format", atomically: false, encoding: .utf8)
            }
            do {
                S.checkInvariants(try S.load(Data(bytes), format: format))
                loaded += 1
            } catch is LoaderError {
            } catch {
                Issue.record("non-LoaderError \(error) for \(format) run \(runs)")
            }
            runs += 1
        }
        #expect(runs == total)
        #expect(loaded > 0, "no mutated input loaded in \(total) runs")
    }
}
