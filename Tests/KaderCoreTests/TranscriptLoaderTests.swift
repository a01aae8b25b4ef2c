import Foundation
import Testing

@testable import KaderCore

/// First-cut loader behaviour: front matter, `Name:` and `[Name]` labels, offsets, errors.
@Suite struct TranscriptLoaderTests {
    static let focusGroup = """
        ---
        title: Focusgroep test
        type: focusgroep
        site: school T
        speakers:
          Moderator:
            role: moderator
            codable: false
          Els:
            role: leerkracht
        ---

        [00:00:05] Moderator: Welkom allemaal. Vraag 3: hoe ging dat bij jullie?

        [00:00:20] Els: Bij ons ging dat moeizaam, om 10:30 viel het netwerk uit.
        Bijvoorbeeld: de laptops van het tweede leerjaar (lacht) [onverstaanbaar].

        [00:01:02] Koen (ict-coördinator): Zie https://www.example.be/digitaal voor de afspraken.

        [00:01:30] Els: Dat klopt… maar de werkdruk is hoog.
        """

    func load(_ text: String, name: String = "test.md") throws -> Document {
        try TranscriptLoader().load(
            data: Data(text.utf8), path: name, id: TranscriptLoader.documentId(forFileName: name), format: .markdown)
    }

    @Test func segmentsTurnsWithRolesTimestampsAndFalsePositivesInside() throws {
        let doc = try load(Self.focusGroup)
        #expect(doc.metadata.title == "Focusgroep test")
        #expect(doc.diagnostics.labelPattern == "Name:")
        #expect(doc.segments.map(\.speaker) == ["Moderator", "Els", "Koen", "Els"])
        #expect(doc.segments.map(\.role) == ["moderator", "leerkracht", "ict-coördinator", "leerkracht"])
        #expect(doc.segments.map(\.codable) == [false, true, true, true])
        #expect(doc.segments.map(\.timestamp) == ["00:00:05", "00:00:20", "00:01:02", "00:01:30"])
        #expect(doc.segments[0].text == "Welkom allemaal. Vraag 3: hoe ging dat bij jullie?")
        #expect(
            doc.segments[1].text.hasSuffix("Bijvoorbeeld: de laptops van het tweede leerjaar (lacht) [onverstaanbaar].")
        )
        #expect(doc.segments[2].text.contains("https://www.example.be/digitaal"))
        #expect(doc.speakers.map(\.turns) == [1, 2, 1])
    }

    @Test func frontMatterValuesAreReadAsWritten() throws {
        let meta = try FrontMatter.parseMetadata(
            """
            title: ~
            date: 2026-02-11
            site: 1.50
            speakers:
              No:
                role: leerkracht
                codable: no
              1: expert
              "Yes":
                codable: "false"
            """, path: "t.meta.yaml")
        #expect(meta.title == nil)
        #expect(meta.date == "2026-02-11")
        #expect(meta.site == "1.50")
        #expect(meta.speakers["No"] == SpeakerSetting(role: "leerkracht", codable: false))
        #expect(meta.speakers["1"] == SpeakerSetting(role: "expert"))
        #expect(meta.speakers["Yes"] == SpeakerSetting(codable: nil))
        let merged = try FrontMatter.parseMetadata(
            """
            base: &obs {role: observator, codable: false}
            speakers:
              <<: {Ann: leerling}
              Piet:
                <<: *obs
                role: gast
              Jan: *obs
              null: {role: leerling}
            """, path: "t.meta.yaml")
        #expect(
            merged.speakers == [
                "Piet": SpeakerSetting(role: "gast", codable: false),
                "Jan": SpeakerSetting(role: "observator", codable: false),
                "null": SpeakerSetting(role: "leerling"), "Ann": SpeakerSetting(role: "leerling"),
            ])
        #expect(
            try FrontMatter.parseMetadata("speakers:\n  - name: null\n  - ~\n", path: "t").speakers.keys.sorted() == [
                "null", "~",
            ])
        #expect(
            try FrontMatter.parseMetadata("speakers:\n  Els: {codable: nee}\n  Jan: {codable: Ja}\n", path: "t")
                .speakers
                == ["Els": SpeakerSetting(codable: false), "Jan": SpeakerSetting(codable: true)])
        #expect(throws: LoaderError.self) { try FrontMatter.parseMetadata("- a\n- b", path: "t.meta.yaml") }
        #expect(try FrontMatter.parseMetadata("", path: "t.meta.yaml") == DocumentMetadata())
    }

    @Test func sidecarsAreDecodedLikeTranscriptsAndTheirErrorsNamed() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kader-sidecar-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let transcript = dir.appendingPathComponent("gesprek.txt")
        try Data("Interviewer: Hoe gaat het?\n\nMarie: Goed.\n\nInterviewer: Fijn.\n".utf8).write(to: transcript)
        // Windows-1252 (ö is 0xF6), with --- fences, under the .yml extension.
        var cp1252 = Data("---\nspeakers:\n  Marie: {role: co".utf8)
        cp1252.append(0xF6)
        cp1252.append(contentsOf: Data("rdinator}\n  Interviewer: {role: interviewer, codable: off}\n---\n".utf8))
        try cp1252.write(to: dir.appendingPathComponent("gesprek.meta.yml"))
        let doc = try TranscriptLoader().load(url: transcript, displayPath: "Transcripts/gesprek.txt")
        #expect(doc.speakers.map(\.role) == ["interviewer", "coördinator"])
        #expect(doc.segments.map(\.codable) == [false, true, false])
        try Data([0xFF, 0xFE, 0x00]).write(to: dir.appendingPathComponent("gesprek.meta.yml"))
        #expect {
            _ = try TranscriptLoader().load(url: transcript, displayPath: "Transcripts/gesprek.txt")
        } throws: { error in
            (error as? LoaderError)?.errorDescription?.hasPrefix("Transcripts/gesprek.meta.yml: ") == true
        }
    }

    @Test func offsetsAreUnicodeScalarOffsetsIntoTheNormalisedText() throws {
        let doc = try load(Self.focusGroup)
        let scalars = Array(doc.text.unicodeScalars)
        var previousEnd = 0
        for s in doc.segments {
            #expect(s.start >= previousEnd && s.end > s.start)
            #expect(String(String.UnicodeScalarView(scalars[s.start..<s.end])) == s.text)
            previousEnd = s.end
        }
        #expect(doc.segments.last?.text == "Dat klopt… maar de werkdruk is hoog.")
    }

    @Test func idsAreStableWhenATurnIsInserted() throws {
        let before = try load(Self.focusGroup)
        let edited = Self.focusGroup.replacingOccurrences(
            of: "\n\n[00:01:02]", with: "\n\n[00:00:50] Moderator: Iemand anders?\n\n[00:01:02]")
        let after = try load(edited)
        #expect(after.segments.count == before.segments.count + 1)
        #expect(Set(before.segments.map(\.id)).isSubset(of: Set(after.segments.map(\.id))))
        #expect(after.contentHash != before.contentHash)
    }

    @Test func crlfAndBomGiveTheSameSegments() throws {
        let lf = try load(Self.focusGroup)
        var bytes: [UInt8] = [0xEF, 0xBB, 0xBF]
        bytes += Array(Self.focusGroup.replacingOccurrences(of: "\n", with: "\r\n").utf8)
        let crlf = try TranscriptLoader().load(data: Data(bytes), path: "crlf.md", id: "test", format: .markdown)
        #expect(crlf.diagnostics.encoding.rawValue == "UTF-8 with BOM")
        #expect(crlf.diagnostics.lineEndings.rawValue == "CRLF")
        #expect(crlf.segments == lf.segments)
    }

    @Test func bracketLabelsLikeQualCoder() throws {
        let doc = try load("[id1] hallo daar.\n\n[id2] Goeiedag.\nNog een regel.\n\n[id1] Tot later.\n", name: "q.txt")
        #expect(doc.diagnostics.labelPattern == "[Name]")
        #expect(doc.segments.map(\.speaker) == ["id1", "id2", "id1"])
        #expect(doc.segments[1].text == "Goeiedag.\nNog een regel.")
    }

    @Test func binaryAndEmptyFilesGiveOneClearError() throws {
        let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13])
        #expect(throws: LoaderError.binary(path: "x.txt", detail: "it looks like a PNG image")) {
            try TranscriptLoader().load(data: png, path: "x.txt", id: "x", format: .plainText)
        }
        #expect(throws: LoaderError.empty(path: "e.txt")) {
            try TranscriptLoader().load(data: Data(), path: "e.txt", id: "e", format: .plainText)
        }
        let message = LoaderError.binary(path: "x.txt", detail: "it looks like a PNG image").localizedDescription
        #expect(message == "x.txt: this is not a text transcript (it looks like a PNG image).")
    }

    @Test func documentIdsAreSafeFileNames() {
        #expect(TranscriptLoader.documentId(forFileName: "Focusgroep School Ä (v2).txt") == "focusgroep-school-a-v2")
        #expect(TranscriptLoader.documentId(forFileName: "../../etc.md") == "etc")
    }

    @Test func realQualCoderTranscript() throws {
        let url = RealInputs.url("qualcoder_transcript.txt")
        guard let url else {
            print("skipped: ../shared/real-inputs is not here")
            return
        }
        let doc = try TranscriptLoader().load(url: url)
        #expect(doc.segments.count == 7)
        #expect(doc.speakers.map(\.name) == ["id1", "id2", "id3"])
        #expect(doc.speakers.map(\.turns) == [3, 2, 2])
    }
}

/// Locates `../shared/real-inputs` next to the repository, if present.
enum RealInputs {
    static func url(_ name: String) -> URL? {
        var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        for _ in 0..<6 {
            let candidate = dir.appendingPathComponent("shared/real-inputs").appendingPathComponent(name)
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return nil
    }
}
