import Foundation
import Testing

@testable import KaderCore

/// Shapes of real third-party transcripts that used to misplace or drop text (issue 13 items
/// 3–7). Every fixture is built here.
@Suite struct RealShapeTests {
    private typealias S = LoadingSupport

    // MARK: item 3, Word Transcribe

    /// A Word *Transcribe* export: the main part is `word/document2.xml`, named only by the
    /// package relationships; replies such as `OK.` stand alone in their paragraph.
    static func transcribeDocx(relationships: Bool = true) throws -> Data {
        var body = ""
        let turns: [(String, String, [String])] = [
            ("00:00:03", "Speaker 1", ["Hoe gebruikt u de laptops in de klas?"]),
            ("00:00:09", "Speaker 2", ["OK."]),
            ("00:00:11", "Speaker 1", ["En de leerlingen?"]),
            ("00:00:15", "Speaker 2", ["Ja.", "Ze werken vooral met de tablets."]),
            ("00:00:30", "Speaker 1", ["Dank u."]),
            ("00:00:32", "Speaker 2", ["OK."]),
        ]
        for (time, speaker, paragraphs) in turns {
            body += S.paragraph("\(time) \(speaker)")
            for p in paragraphs { body += S.paragraph(p) }
        }
        let xml =
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>\(body)</w:body></w:document>"
        let rels = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>\
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document2.xml"/>\
            </Relationships>
            """
        let types = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
            <Default Extension="xml" ContentType="application/xml"/>\
            <Override PartName="/word/document2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>\
            </Types>
            """
        var entries = ["word/document2.xml": Data(xml.utf8), "[Content_Types].xml": Data(types.utf8)]
        if relationships { entries["_rels/.rels"] = Data(rels.utf8) }
        return try S.zip(entries)
    }

    @Test func wordTranscribeMainPartFoundThroughRelationships() throws {
        for withRels in [true, false] {
            let doc = try S.load(try Self.transcribeDocx(relationships: withRels), format: .docx)
            S.checkInvariants(doc)
            #expect(doc.diagnostics.encoding.rawValue.contains("word/document2.xml"))
            #expect(
                doc.segments.map(\.speaker) == [
                    "Speaker 1", "Speaker 2", "Speaker 1", "Speaker 2", "Speaker 1", "Speaker 2",
                ])
            #expect(doc.segments.map(\.text).joined(separator: "|").contains("OK."))
            #expect(doc.segments[1].text == "OK.")
            #expect(doc.segments.last?.text == "OK.")
            #expect(!doc.diagnostics.warnings.contains { $0.contains("without text") })
        }
    }

    // MARK: item 4, labels without blank lines

    @Test func markdownHeadingsWithoutBlankLines() throws {
        let md = """
            # Interview
            ### Interviewer
            Wat doet u precies?
            ### Systems Developer
            Ik bouw de systemen voor de scholen.
            Vooral de koppelingen.
            ### Interviewer
            En wat vindt u daarvan?
            ### Systems Developer
            Het is boeiend werk.
            """
        let doc = try S.load(md, format: .markdown)
        S.checkInvariants(doc)
        #expect(
            doc.segments.map(\.speaker) == ["Interviewer", "Systems Developer", "Interviewer", "Systems Developer"])
        #expect(doc.segments[1].text == "Ik bouw de systemen voor de scholen.\nVooral de koppelingen.")
    }

    @Test func nameAloneOnItsLineWithoutBlankLines() throws {
        let txt = """
            Interviewer
            Hoe begon het project?
            Respondent
            Met een kleine groep leerkrachten.
            Interviewer
            En daarna?
            Respondent
            Daarna volgde de hele school.
            """
        let doc = try S.load(txt)
        #expect(doc.segments.map(\.speaker) == ["Interviewer", "Respondent", "Interviewer", "Respondent"])
        #expect(doc.segments[3].text == "Daarna volgde de hele school.")
    }

    /// A participant who speaks once, label alone on its line, keeps their own turn.
    @Test func oneOffSpeakerInLabelAloneStyle() throws {
        let txt = """
            Moderator
            Wie wil beginnen?

            Leerkracht An
            Ik begin wel.

            Moderator
            Dank je. Nog iemand?

            Directeur Peeters
            Ik wil kort iets zeggen over het budget.

            Leerkracht An
            Daar sluit ik mij bij aan.

            Moderator
            Goed, dan ronden we af.
            """
        let doc = try S.load(txt)
        #expect(
            doc.segments.map(\.speaker) == [
                "Moderator", "Leerkracht An", "Moderator", "Directeur Peeters", "Leerkracht An", "Moderator",
            ])
        #expect(doc.segments[3].text == "Ik wil kort iets zeggen over het budget.")
    }

    // MARK: item 5, tables

    static func cell(_ text: String) -> String { "<w:tc>\(S.paragraph(text))</w:tc>" }
    static func row(_ cells: [String]) -> String { "<w:tr>" + cells.map(cell).joined() + "</w:tr>" }

    @Test func tableKeepsExtraColumnsAndContinuationRows() throws {
        let rows = [
            ["Tijd", "Spreker", "Tekst", "Notitie"],
            ["00:00:01", "Interviewer", "Hoe was de dag?", ""],
            ["00:00:05", "Leerkracht", "Druk.", "lacht"],
            ["00:00:07", "", "Heel druk eigenlijk.", "onverstaanbaar"],
            ["00:00:12", "Interviewer", "Waarom?", ""],
            ["00:00:15", "Leerkracht", "Door de toetsen.", ""],
        ]
        let doc = try S.load(try S.docx(body: "<w:tbl>" + rows.map(Self.row).joined() + "</w:tbl>"), format: .docx)
        S.checkInvariants(doc)
        #expect(doc.segments.map(\.speaker) == ["Interviewer", "Leerkracht", "Interviewer", "Leerkracht"])
        let second = doc.segments[1].text
        for word in ["Druk.", "lacht", "Heel druk eigenlijk.", "onverstaanbaar", "00:00:07"] {
            #expect(second.contains(word), "\(word) missing from \(second)")
        }
        #expect(
            doc.diagnostics.warnings.contains {
                $0.contains("header row skipped") && $0.contains("1 row(s) without a speaker")
            })
    }

    /// NVivo-style 8 columns: the speaker column is the one the header names, never a notes column.
    @Test func wideTableUsesNamedSpeakerColumn() throws {
        let header = ["Timespan", "Content", "Speaker", "Code A", "Code B", "Opmerking", "Status", "Extra"]
        var rows = [header]
        for i in 0..<6 {
            rows.append([
                "0:00:\(10 + i).0 - 0:00:\(11 + i).0", "Zin nummer \(i) van het gesprek.", i % 2 == 0 ? "Anna" : "Bert",
                "Ja", "Nee", "Ja", "Klaar", "Notitie \(i)",
            ])
        }
        let doc = try S.load(try S.docx(body: "<w:tbl>" + rows.map(Self.row).joined() + "</w:tbl>"), format: .docx)
        #expect(doc.segments.map(\.speaker) == ["Anna", "Bert", "Anna", "Bert", "Anna", "Bert"])
        for i in 0..<6 {
            #expect(doc.segments[i].text.contains("Zin nummer \(i)"))
            #expect(doc.segments[i].text.contains("Notitie \(i)"))
            #expect(doc.segments[i].text.contains("Status: Klaar"))
        }
    }

    @Test func nonTurnTableReadAsTextWithWarning() throws {
        let meta = "<w:tbl>" + [["Datum", "12 maart"], ["Locatie", "School A"]].map(Self.row).joined() + "</w:tbl>"
        let turns =
            "<w:tbl>"
            + [["Anna", "Eerste beurt."], ["Bert", "Tweede beurt."], ["Anna", "Derde beurt."]].map(Self.row).joined()
            + "</w:tbl>"
        let doc = try S.load(try S.docx(body: meta + turns), format: .docx)
        S.checkInvariants(doc)
        #expect(doc.text.contains("12 maart") && doc.text.contains("School A"))
        #expect(doc.segments.contains { $0.text.contains("School A") })
        #expect(doc.diagnostics.warnings.contains { $0.contains("table 1") && $0.contains("not a turn table") })
        #expect(doc.segments.filter { $0.speaker != nil }.map(\.speaker) == ["Anna", "Bert", "Anna"])
    }

    // MARK: item 6, cue formats and false labels

    static func srt(_ payloads: [String]) -> String {
        payloads.enumerated().map { i, p in
            "\(i + 1)\n00:\(String(format: "%02d", i / 60)):\(String(format: "%02d", i % 60)),000 --> 00:\(String(format: "%02d", i / 60)):\(String(format: "%02d", i % 60)),900\n\(p)\n"
        }.joined(separator: "\n")
    }

    @Test func oneOffColonAmidUnlabelledCuesIsNotASpeaker() throws {
        var payloads = (0..<300).map { "Ondertitel nummer \($0) zonder spreker." }
        payloads[40] = "Une chose en sa faveur: il travaille beaucoup."
        for format in [TranscriptFormat.srt, .webVTT] {
            let text =
                (format == .webVTT ? "WEBVTT\n\n" : "")
                + Self.srt(payloads).replacingOccurrences(of: ",", with: format == .webVTT ? "." : ",")
            let doc = try S.load(text, format: format)
            #expect(doc.segments.allSatisfy { $0.speaker == nil }, "\(format)")
            #expect(doc.segments.contains { $0.text == "Une chose en sa faveur: il travaille beaucoup." })
            #expect(doc.diagnostics.warnings.contains { $0.contains("Une chose en sa faveur") })
        }
    }

    @Test func cueSpeakerContinuityIsTheSameForVTTAndSRTAndRolesAreKept() throws {
        let payloads = [
            "Anna (moderator): Welkom allemaal.", "Fijn dat jullie er zijn.", "Bert (leerkracht): Dank je.",
            "- Mag ik iets vragen?", "Anna (moderator): Natuurlijk.",
        ]
        var results: [[String?]] = []
        for format in [TranscriptFormat.srt, .webVTT] {
            let body = Self.srt(payloads)
            let text = format == .webVTT ? "WEBVTT\n\n" + body.replacingOccurrences(of: ",", with: ".") : body
            let doc = try S.load(text, format: format)
            S.checkInvariants(doc)
            results.append(doc.segments.map(\.speaker))
            #expect(doc.segments.first?.role == "moderator")
            #expect(doc.segments.first?.text == "Welkom allemaal.\nFijn dat jullie er zijn.")
            #expect(doc.text.hasPrefix("Anna (moderator): "))
            #expect(doc.segments.contains { $0.speaker == "Bert" && $0.role == "leerkracht" })
        }
        #expect(results[0] == results[1])
        #expect(results[0] == ["Anna", "Bert", nil, "Anna"])
    }

    @Test func docxOneOffSentenceEndingInColonIsNotASpeaker() throws {
        var body = ""
        for i in 0..<4 { body += S.paragraph("Anna: Vraag \(i)?") + S.paragraph("Bert: Antwoord \(i).") }
        body += S.paragraph("Wat we die dag allemaal zagen: veel tablets.")
        body += S.paragraph("Anna: Dank je.")
        let doc = try S.load(try S.docx(body: body), format: .docx)
        #expect(!doc.segments.contains { $0.speaker?.hasPrefix("Wat we") == true })
        #expect(doc.segments.contains { $0.text.contains("Wat we die dag allemaal zagen: veel tablets.") })
    }

    // MARK: item 7, smaller ones

    @Test func labelStyleChangingMidFileIsReported() throws {
        var txt = ""
        for i in 0..<60 {
            txt +=
                "Anna: Eerste deel, beurt \(i) met wat tekst erbij.\n\nBert: Antwoord \(i) met nog wat meer tekst erbij.\n\n"
        }
        for i in 0..<60 {
            txt +=
                "[Anna] Tweede deel, beurt \(i) met wat tekst erbij.\n\n[Bert] Antwoord \(i) met nog wat meer tekst erbij.\n\n"
        }
        let doc = try S.load(txt)
        #expect(doc.diagnostics.warnings.contains { $0.contains("style seems to change") })
    }

    @Test func mixedUTF8AndWindows1252IsDecodedPerByteWithAWarning() throws {
        var data = Data("Anna: café in UTF-8\n\nBert: ".utf8)
        data.append(contentsOf: [0x63, 0x61, 0x66, 0xE9])  // "café" in Windows-1252
        data.append(Data(" in Windows-1252\n".utf8))
        let doc = try S.load(data, format: .plainText)
        #expect(doc.segments.map(\.text) == ["café in UTF-8", "café in Windows-1252"])
        #expect(doc.diagnostics.encoding.rawValue.hasPrefix("UTF-8 mixed with Windows-1252"))
        #expect(
            doc.diagnostics.warnings.contains { $0.contains("mixes UTF-8 and Windows-1252") && $0.contains("line 3") })
    }

    @Test func unreadableFilesInTranscriptsAreListed() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent(
            "kader-unreadable-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try Project.initialize(at: root)
        let t = root.appendingPathComponent("Transcripts")
        for name in ["a.txt", "b.pdf", "c.doc", "d.odt", "e.tsv", ".hidden", "a.meta.yaml"] {
            try Data("Anna: hallo\n".utf8).write(to: t.appendingPathComponent(name))
        }
        let project = try Project(root: root)
        #expect(
            project.unreadableFiles.map(\.path) == [
                "Transcripts/b.pdf", "Transcripts/c.doc", "Transcripts/d.odt", "Transcripts/e.tsv",
            ])
        let check = ProjectCheck.run(project: project)
        #expect(check.findings.filter { $0.message.hasPrefix("is not read") }.count == 4)
    }
}
