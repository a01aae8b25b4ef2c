import Foundation
import Testing

@testable import KaderCore

/// Third-party files in `../shared/real-inputs/` (not part of the project; skipped when absent).
@Suite("Loading: real inputs", .enabled(if: LoadingSupport.realInputs() != nil, "needs ../shared/real-inputs"))
struct LoadingRealInputTests {
    static let dir = LoadingSupport.realInputs()

    func load(_ name: String) throws -> Document? {
        guard let dir = Self.dir else {
            print("⚠︎ SKIPPED \(name): ../shared/real-inputs not found next to the repository")
            return nil
        }
        let doc = try TranscriptLoader().load(url: dir.appendingPathComponent(name), displayPath: name)
        LoadingSupport.checkInvariants(doc)
        return doc
    }

    @Test func qualcoderTranscript() throws {
        guard let doc = try load("qualcoder_transcript.txt") else { return }
        #expect(doc.segments.count == 7)
        #expect(doc.speakers.map(\.name) == ["id1", "id2", "id3"])
        #expect(doc.diagnostics.labelPattern == "[Name]")
        #expect(doc.segments[1].text.contains("fould"))  // typos are data
    }

    @Test func parlaMintTEI() throws {
        guard let doc = try load("ParlaMint-BE_2020-06-17-55-commissie-ic210x.xml") else { return }
        #expect(doc.segments.count == 4)
        #expect(
            doc.segments.map(\.speaker) == ["Annick Ponthier", "Sammy Mahdi", "BombledChristophe", "De voorzitter"])
        #expect(doc.segments.last?.codable == false)
        #expect(doc.segments[0].text.hasPrefix("Mijnheer de minister"))
        #expect(doc.diagnostics.format.rawValue == "tei")
    }

    @Test func teamsVTT() throws {
        guard let doc = try load("webvtt-py_teams_timeframe.vtt") else { return }
        #expect(doc.speakers.map(\.name) == ["Yuri Bakulin", "Adrian Petrescu"])
        #expect(doc.segments.map(\.text) == ["There you go.", "Why hello there, Yuri."])
        #expect(doc.segments[1].timestamp == "0:0:0.210")
    }

    @Test func emptyCueVTT() throws {
        guard let doc = try load("webvtt-py_missing_caption_text.vtt") else { return }
        #expect(doc.segments.count == 4)
        #expect(doc.segments.map(\.text).last == "Caption text #5")
    }

    @Test func commentsAndHeaderVTT() throws {
        guard let comments = try load("webvtt-py_comments.vtt") else { return }
        #expect(comments.segments.count == 3)
        #expect(!comments.text.contains("Kyle"))
        #expect(comments.segments[0].text.contains("Det är inte varmt."))
        guard let header = try load("webvtt-py_metadata_headers_multiline.vtt") else { return }
        #expect(header.segments.map(\.text) == ["Caption text #1", "Caption text #2"])
    }

    @Test func parlaMintPlainText() throws {
        guard let doc = try load("ParlaMint-BE_2020-06-17-55-commissie-ic210x.txt") else { return }
        #expect(!doc.segments.isEmpty)
    }
}
