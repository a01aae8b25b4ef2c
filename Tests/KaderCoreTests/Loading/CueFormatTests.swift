import Foundation
import Testing

@testable import KaderCore

@Suite("Loading: WebVTT and SRT")
struct LoadingCueFormatTests {
    static let teams = """
        WEBVTT

        3f1c9a2e-5b7d-4e21-9c0a-7d1e2f3a4b5c/12-0
        00:00:03.120 --> 00:00:06.480
        <v Janssens, Els (GO! scholengroep)>Goedemorgen allemaal.</v>

        3f1c9a2e-5b7d-4e21-9c0a-7d1e2f3a4b5c/12-1
        0:0:6.48 --> 0:0:9.9
        <v Janssens, Els (GO! scholengroep)>Hoe gebruiken jullie laptops?

        NOTE een opmerking
        over twee regels

        STYLE
        ::cue { color: white }

        3f1c9a2e-5b7d-4e21-9c0a-7d1e2f3a4b5c/13-0
        00:09.100 --> 00:11.000 align:start
        <v Pieter Van D&#233;sir&#233;>
        Bij ons vooral
        in de derde graad &amp; --> soms.</v>

        14
        00:00:11.000 --> 00:00:12.000

        15
        00:00:12.000 --> 00:00:13.000
        Onbekende stem.
        """

    @Test func teamsShape() throws {
        let doc = try LoadingSupport.load(Self.teams, format: .webVTT)
        #expect(doc.segments.map(\.speaker) == ["Janssens, Els (GO! scholengroep)", "Pieter Van Désiré", nil])
        #expect(doc.segments[0].text == "Goedemorgen allemaal.\nHoe gebruiken jullie laptops?")
        #expect(doc.segments[0].timestamp == "00:00:03.120")
        #expect(doc.segments[0].endTimestamp == "0:0:9.9")
        #expect(doc.segments[1].text == "Bij ons vooral\nin de derde graad & --> soms.")
        #expect(doc.diagnostics.format.rawValue == "webvtt")
        #expect(doc.diagnostics.labelPattern == "voice tags <v Name>")
        #expect(doc.diagnostics.warnings.contains { $0.contains("empty cue") })
        #expect(doc.text.hasPrefix("Janssens, Els (GO! scholengroep): Goedemorgen allemaal.\nHoe gebruiken"))
        LoadingSupport.checkInvariants(doc)
    }

    @Test func zoomShapeMergesSameSpeaker() throws {
        let zoom =
            "\u{FEFF}WEBVTT\r\n\r\n1\r\n00:00:05.790 --> 00:00:13.514\r\nModerator: Welkom iedereen.\r\n\r\n2\r\n00:00:13.600 --> 00:00:19.020\r\nModerator: Eerst een rondje.\r\n\r\n3\r\n00:00:19.500 --> 00:00:22.100\r\nAn De Smet: Ik ben An.\r\n\r\n4\r\n00:00:22.500 --> 00:00:23.100\r\n(gelach)\r\n"
        let doc = try LoadingSupport.load(Data(zoom.utf8), format: .webVTT)
        #expect(doc.diagnostics.encoding.rawValue == "UTF-8 with BOM")
        #expect(doc.diagnostics.lineEndings.rawValue == "CRLF")
        #expect(doc.segments.map(\.speaker) == ["Moderator", "An De Smet", nil])
        #expect(doc.segments[0].text == "Welkom iedereen.\nEerst een rondje.")
        #expect(doc.segments[0].endTimestamp == "00:00:19.020")
        #expect(doc.segments[0].codable == false)
        LoadingSupport.checkInvariants(doc)
    }

    @Test func srtWithSpeakerOnChangeOnly() throws {
        let srt = """
            1
            00:00:02,340 --> 00:00:05,120
            Interviewer: Kan je iets vertellen over je school?

            2
            00:00:05,450 --> 00:00:08,230
            Respondent: Ja, wij zijn een kleine basisschool
            in de Kempen.

            3
            0:00:08,300 --> 0:00:09,000
            <i>Echt waar.</i>
            """
        let doc = try LoadingSupport.load(srt, format: .srt)
        #expect(doc.segments.map(\.speaker) == ["Interviewer", "Respondent"])
        #expect(doc.segments[1].text == "Ja, wij zijn een kleine basisschool\nin de Kempen.\nEcht waar.")
        #expect(doc.segments[1].endTimestamp == "0:00:09,000")
        // A .txt that is really SRT is read as SRT.
        #expect(try LoadingSupport.load(srt).diagnostics.format.rawValue == "srt")
        LoadingSupport.checkInvariants(doc)
    }

    @Test func voiceTagOnItsOwnLineAndNoHeader() throws {
        let doc = try LoadingSupport.load(
            "00:01.000 --> 00:02.000\n<v Spreker 1>\nHallo daar\n\n00:02.000 --> 00:03.000\n<v.loud Spreker 2>Dag",
            format: .webVTT)
        #expect(doc.segments.map(\.speaker) == ["Spreker 1", "Spreker 2"])
        #expect(doc.segments[0].text == "Hallo daar")
        #expect(doc.diagnostics.warnings.contains { $0.contains("WEBVTT") })
    }
}
