import Foundation
import Testing

@testable import KaderCore

@Suite("Loading: plain-text speaker labels")
struct LoadingPlainTextLabelTests {
    func speakers(_ doc: Document) -> [String?] { doc.segments.map(\.speaker) }

    @Test(arguments: [
        ("Interviewer: Hoe lang al?\n\nR1: Tien jaar.\n\nInterviewer: Goed.", SpeakerLabelPattern.colon),
        ("@Leerkracht4: Ik volg niet.\n\n@Moderator: Geen probleem.\n\n@Leerkracht4: Oké.", .atColon),
        ("[id1] hallo\n\n[id2] dag\n\n[id1] ja", .bracket),
        ("{Moderator} Dank je.\n\n{Els} Graag.\n\n{Moderator} Verder.", .brace),
        ("Interviewer\tDat is duidelijk.\nRespondent\tJa.\nInterviewer\tGoed.", .tab),
        (
            "Interviewer\n\nWat verstaat u onder geletterdheid?\n\nPedagogisch directeur\n\nVeel breder.\n\nInterviewer\n\nDank u.\n\nPedagogisch directeur\n\nGraag.",
            .ownLine
        ),
        ("### Interviewer\n\nWat is dat?\n\n### Leerkracht\n\nDit.\n\n### Interviewer \n\nOké.", .ownLine),
        (
            "Moderator  0:02\nGoed, dan beginnen we.\n\nSpeaker 2  0:09\nIk wel.\n\nModerator  1:02:05\nDank jullie.",
            .nameTime
        ),
        (
            "00:00:03 Speaker 1\nGoedemorgen.\n\n00:00:09 Speaker 2\nHallo.\n\n00:00:15 Speaker 1\nWe starten.",
            .timeName
        ),
    ])
    func detectsAndNamesPattern(text: String, pattern: SpeakerLabelPattern) throws {
        let doc = try LoadingSupport.load(text, format: text.hasPrefix("###") ? .markdown : .plainText)
        #expect(doc.diagnostics.labelPattern == pattern.displayName)
        #expect(doc.segments.count == 3 || doc.segments.count == 4)
        #expect(doc.segments.allSatisfy { $0.speaker != nil })
        LoadingSupport.checkInvariants(doc)
    }

    @Test func aHeaderOfKeyValueLinesDoesNotDecideTheStyle() throws {
        let header = [
            "Project: Digitalisering", "Interviewer: Jan", "Respondent: R3", "Transcribent: Sofie", "Datum: 12 maart",
            "Plaats: Brugge", "Duur: 54 minuten", "Opname: dictafoon", "Kwaliteit: goed", "Taal: Nederlands",
            "Versie: 2", "Dialect: West-Vlaams",
        ].joined(separator: "\n")
        let answer = String(repeating: "Dat was een hele omschakeling voor ons team en de leerlingen. ", count: 40)
        let turns = (0..<30).map { $0 % 2 == 0 ? "[Jan] Hoe verliep week \($0)?" : "[R3] \(answer)" }.joined(
            separator: "\n\n")
        let doc = try LoadingSupport.load(header + "\n\n" + turns)
        #expect(doc.diagnostics.labelPattern == SpeakerLabelPattern.bracket.displayName)
        #expect(doc.speakers.map(\.name) == ["Jan", "R3"])
        #expect(doc.speakers.map(\.turns) == [15, 15])
        LoadingSupport.checkInvariants(doc)
    }

    @Test func oneOffHeaderLabelsLoseToRecurringSpeakersEvenAfterALongPreamble() throws {
        let header = (1...30).map { "Veld\($0): waarde \($0)" }.joined(separator: "\n")
        let preamble = String(repeating: "Een lange samenvatting van het gesprek zonder sprekers. ", count: 600)
        let turns = (0..<30).map { $0 % 2 == 0 ? "[Jan] Vraag \($0)?" : "[R3] Antwoord \($0)." }.joined(
            separator: "\n\n")
        for text in [
            header + "\n\n" + turns, header + "\n\n" + preamble + "\n\n" + turns,
            "Samenvatting: " + preamble + "\n\n" + turns,
        ] {
            let doc = try LoadingSupport.load(text)
            #expect(doc.diagnostics.labelPattern == SpeakerLabelPattern.bracket.displayName)
            #expect(doc.speakers.map(\.name) == ["Jan", "R3"])
            LoadingSupport.checkInvariants(doc)
        }
    }

    @Test func labelsAfterAPreambleLongerThanTheSampleAreFound() throws {
        let preamble = (0..<400).map {
            "Dit is regel \($0) van een lange inleiding zonder sprekers, over de school en het project."
        }.joined(separator: "\n")
        let turns = (0..<40).map { "\($0 % 2 == 0 ? "Interviewer" : "Els"): Beurt \($0) over de werkdruk." }.joined(
            separator: "\n\n")
        let doc = try LoadingSupport.load(preamble + "\n\n" + turns)
        #expect(preamble.utf8.count > PlainTextSegmenter.detectionBytes)
        #expect(doc.diagnostics.labelPattern == SpeakerLabelPattern.colon.displayName)
        #expect(doc.speakers.map(\.name) == ["Interviewer", "Els"])
        #expect(doc.segments.first?.speaker == nil)
        LoadingSupport.checkInvariants(doc)
    }

    @Test func declaredSpeakersAreLabelsEvenWhenTheyLookLikeWordsOrNumbers() throws {
        let numbered = try LoadingSupport.load(
            "---\nspeakers:\n  1: interviewer\n  2: leerkracht\n---\n1: Hoe begon het?\n\n2: Met één laptop.\n\n1: En nu?\n",
            format: .markdown)
        #expect(numbered.segments.map(\.speaker) == ["1", "2", "1"])
        #expect(numbered.segments.map(\.codable) == [false, true, false])
        let bracket = try LoadingSupport.load(
            "[Naam] Wie ben jij?\n\n[Els] Els.\n\n[Naam] Dank je.\n",
            sidecar: DocumentMetadata(speakers: ["Naam": SpeakerSetting(role: "interviewer")]))
        #expect(bracket.segments.map(\.speaker) == ["Naam", "Els", "Naam"])
        // Undeclared, a number before a colon is no label.
        let list = try LoadingSupport.load(
            "Interviewer: Drie punten.\n1: eerst\n2: dan\n\nEls: Ja.\n\nInterviewer: Goed.\n")
        #expect(list.segments.map(\.speaker) == ["Interviewer", "Els", "Interviewer"])
    }

    @Test func colonVariantsRolesAndTimestamps() throws {
        let text = """
            [00:03:12] Moderator: Wie begint?
            Deelnemer 3 (leerkracht): Ik.
            Leerkracht 2: Ik ook.
            Max Peeters:         Gepadde tekst.
            00:03:40.5Moderator: Aan elkaar geplakt.
            I: Initiaal.
            **Interviewer:** Vet in Markdown.
            """
        let doc = try LoadingSupport.load(text)
        #expect(
            speakers(doc) == [
                "Moderator", "Deelnemer 3", "Leerkracht 2", "Max Peeters", "Moderator", "I", "Interviewer",
            ])
        #expect(doc.segments[0].timestamp == "00:03:12")
        #expect(doc.segments[4].timestamp == "00:03:40.5")
        #expect(doc.segments[1].role == "leerkracht")
        #expect(doc.segments[2].role == "leerkracht")
        #expect(doc.segments[3].text == "Gepadde tekst.")
        #expect(doc.segments[6].text == "Vet in Markdown.")
        #expect(doc.segments[0].codable == false)
        LoadingSupport.checkInvariants(doc)
    }

    @Test func falsePositivesStayInsideTheTurn() throws {
        let text = """
            Interviewer: Hoe organiseren jullie dat?

            Respondent: Bijvoorbeeld: we starten om 10:30 met de werkgroep.
            Vraag 3: daar kom ik nog op terug.
            Zie https://www.smartschool.be/info voor meer.
            Let op: dat is niet altijd zo.

            Interviewer: Oké.
            """
        let doc = try LoadingSupport.load(text)
        #expect(speakers(doc) == ["Interviewer", "Respondent", "Interviewer"])
        #expect(doc.segments[1].text.hasSuffix("Let op: dat is niet altijd zo."))
        #expect(doc.segments[1].text.contains("Vraag 3:"))
    }

    @Test func hardWrappedLinesJoinAndWrappedTimestampIsNoSpeaker() throws {
        let text = """
            I: Hoe lang werkt u al als ICT-coördinator op deze school, en hoe is dat
            begonnen? [onverstaanbaar
            00:00:52] en daarna
            [onverstaanbaar 00:05:15] nog iets.

            R: Eerlijk gezegd (lacht) waren ze eerst sceptisch. [...] Dat was het. #00:01:23-4#

            I: Dank u.
            """
        let doc = try LoadingSupport.load(text)
        #expect(speakers(doc) == ["I", "R", "I"])
        #expect(doc.segments[0].text.contains("00:00:52] en daarna\n[onverstaanbaar 00:05:15] nog iets."))
        #expect(doc.segments[1].text.contains("(lacht)") && doc.segments[1].text.hasSuffix("#00:01:23-4#"))
        #expect(doc.segments[1].endTimestamp == "00:01:23-4")
        LoadingSupport.checkInvariants(doc)
    }

    @Test func forcedAndCustomPatterns() throws {
        let text = "[Els] Interviewer: ja\n\n[Jan] Respondent: nee\n\n[Els] Interviewer: goed"
        var options = LoadOptions()
        options.speakerPattern = .colon
        #expect(try LoadingSupport.load(text, options: options).segments.isEmpty == false)
        options.speakerPattern = .bracket
        #expect(speakers(try LoadingSupport.load(text, options: options)) == ["Els", "Jan", "Els"])
        options.customLabelRegex = #"^(?<speaker>[A-Z]+) \((?<role>[a-z]+)\) >"#
        let custom = try LoadingSupport.load("ELS (moderator) > Welkom.\nJAN (leerkracht) > Dag.", options: options)
        #expect(speakers(custom) == ["ELS", "JAN"])
        #expect(custom.segments.map(\.text) == ["Welkom.", "Dag."])
        #expect(custom.segments[0].codable == false)
        #expect(custom.diagnostics.labelPattern.hasPrefix("custom regex"))
        options.customLabelRegex = "([unclosed"
        #expect(throws: LoaderError.self) { try LoadingSupport.load(text, options: options) }
    }

    @Test func warningsForOpeningTextVariantsAndRejectedLabels() throws {
        let text = """
            Interview 4 – 12/03/2024 – duur 52 min

            Interviewer: Hoe gaat het?

            interviewer : Echt?

            Respondent: Goed.

            Bijvoorbeeld: dit is geen spreker.

            Interviewer: Oké.
            """
        let doc = try LoadingSupport.load(text)
        #expect(doc.segments.first?.speaker == nil)
        let w = doc.diagnostics.warnings.joined(separator: "\n")
        #expect(w.contains("text before the first speaker label"))
        #expect(w.contains("\"Interviewer\", \"interviewer\""))
        #expect(w.contains("\"Bijvoorbeeld\""))
    }

    @Test func frontMatterAndSidecarRoles() throws {
        let text = """
            ---
            title: Focusgroep 3
            type: focusgroep
            speakers:
              Els: {role: moderator}
              Jan: leerkracht
            ---
            Els: Welkom.

            Jan: Dank je.
            """
        let doc = try LoadingSupport.load(text, format: .markdown)
        #expect(doc.metadata.title == "Focusgroep 3")
        #expect(doc.segments.map(\.codable) == [false, true])
        #expect(doc.speakers.map(\.role) == ["moderator", "leerkracht"])
        #expect(doc.segments[0].start == text.unicodeScalars.count - "Welkom.\n\nJan: Dank je.".unicodeScalars.count)
        LoadingSupport.checkInvariants(doc)
    }

    @Test func otterExportWithFooter() throws {
        let text =
            "Moderator  0:02\nGoed, dan beginnen we.\n\nUnknown Speaker  0:15\n[onverstaanbaar]\n\nModerator  1:02:05\nDank jullie wel.\n\nTranscribed by https://otter.ai\n"
        let doc = try LoadingSupport.load(text)
        #expect(doc.diagnostics.format.rawValue == "otter")
        #expect(doc.segments.map(\.timestamp) == ["0:02", "0:15", "1:02:05"])
        #expect(doc.segments.last?.text == "Dank jullie wel.")
        #expect(doc.diagnostics.warnings.contains { $0.contains("footer") })
    }

    @Test func longTurnsSplitAtParagraphs() throws {
        let para = String(repeating: "Dit is een lange zin over digitale geletterdheid. ", count: 12)
        let text = "Respondent: " + para + "\n\n" + para + "\n\n" + para + "\n\nInterviewer: Dank u."
        var options = LoadOptions()
        options.segmentation.maxSegmentLength = 800
        let doc = try LoadingSupport.load(text, options: options)
        #expect(doc.segments.count == 4)
        #expect(Set(doc.segments.prefix(3).map(\.speaker)) == ["Respondent"])
        #expect(Set(doc.segments.map(\.id)).count == 4)
        LoadingSupport.checkInvariants(doc)
    }

    @Test func unlabelledTextBecomesParagraphs() throws {
        let doc = try LoadingSupport.load("Eerste alinea\nmet twee regels.\n\nTweede alinea.")
        #expect(doc.segments.map(\.text) == ["Eerste alinea\nmet twee regels.", "Tweede alinea."])
        #expect(doc.diagnostics.labelPattern == "none")
    }
}
