import Foundation
import Testing
import ZIPFoundation

@testable import KaderCore

@Suite("Loading: docx")
struct LoadingDocxFormatTests {
    typealias S = LoadingSupport

    @Test func boldLabelsRunsTrackedChangesAndBreaks() throws {
        let body = """
            \(S.paragraph("Interview 4 – 12/03/2024"))
            <w:p><w:pPr><w:rPr><w:b/></w:rPr></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t>Interviewer:</w:t></w:r>\
            <w:r><w:t xml:space="preserve"> Hoe </w:t></w:r><w:proofErr w:type="spellStart"/><w:r><w:t>lang</w:t></w:r>\
            <w:proofErr w:type="spellEnd"/><w:bookmarkStart w:id="0" w:name="_GoBack"/><w:r><w:t xml:space="preserve"> werkt u al</w:t></w:r>\
            <w:ins w:id="1"><w:r><w:t xml:space="preserve"> hier</w:t></w:r></w:ins><w:del w:id="2"><w:r><w:delText> daar</w:delText></w:r></w:del>\
            <w:r><w:t>?</w:t></w:r></w:p>
            <w:p><w:r><w:rPr><w:b/></w:rPr><w:t>Respondent</w:t></w:r><w:r><w:t xml:space="preserve"> Zie </w:t></w:r>\
            <w:hyperlink r:id="rId5"><w:r><w:t>de site</w:t></w:r></w:hyperlink><w:r><w:tab/><w:t>en</w:t><w:br/><w:t>tat</w:t><w:noBreakHyphen/><w:t>ta</w:t><w:softHyphen/></w:r>\
            <w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>HYPERLINK "x"</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>!</w:t></w:r></w:p>
            \(S.paragraph("Tweede alinea van de respondent."))
            \(S.boldParagraph("Interviewer:", " Dank u."))
            <w:p><w:r><w:rPr><w:b w:val="0"/></w:rPr><w:t>Respondent: niet vet gelabeld</w:t></w:r></w:p>
            """
        let doc = try S.load(try S.docx(body: body), format: .docx)
        #expect(doc.segments.map(\.speaker) == [nil, "Interviewer", "Respondent", "Interviewer"])
        #expect(doc.segments[1].text == "Hoe lang werkt u al hier?")
        #expect(doc.segments[2].text == "Zie de site\ten\ntat-ta!\nTweede alinea van de respondent.")
        #expect(doc.segments[3].text == "Dank u.\nRespondent: niet vet gelabeld")
        #expect(doc.diagnostics.labelPattern == "bold labels")
        #expect(doc.diagnostics.format.rawValue == "docx")
        S.checkInvariants(doc)
    }

    @Test func turnTableWithMetadataTableAndHeader() throws {
        func cell(_ ps: String...) -> String { "<w:tc>" + ps.map { S.paragraph($0) }.joined() + "</w:tc>" }
        func row(_ cells: String...) -> String { "<w:tr>" + cells.joined() + "</w:tr>" }
        let body = """
            <w:tbl>\(row(cell("Code"), cell("FG3")))\(row(cell("Datum"), cell("12/03/2024")))</w:tbl>
            <w:tbl>\(row(cell("Tijd"), cell("Spreker"), cell("Tekst")))\
            \(row(cell("00:00:03"), cell("Moderator"), cell("Welkom.")))\
            \(row(cell("00:00:09"), cell("Deelnemer 2 (leerkracht)"), cell("Bij ons via Smartschool.", "Niet voor de lessen zelf.")))\
            \(row(cell("00:01:10"), cell("Moderator"), cell("Dank je.")))</w:tbl>
            """
        let doc = try S.load(try S.docx(body: body), format: .docx)
        #expect(doc.segments.map(\.speaker) == [nil, "Moderator", "Deelnemer 2", "Moderator"])
        #expect(doc.segments[2].text == "Bij ons via Smartschool.\nNiet voor de lessen zelf.")
        #expect(doc.segments[2].role == "leerkracht")
        #expect(doc.segments[2].timestamp == "00:00:09")
        #expect(doc.text.contains("[00:00:09] Deelnemer 2 (leerkracht): Bij ons"))
        S.checkInvariants(doc)
    }

    @Test func plainColonLabelsInParagraphs() throws {
        let body = ["Interviewer: Hoe gaat het?", "Respondent: Goed.", "Interviewer: Fijn."].map(S.paragraph).joined()
        let doc = try S.load(try S.docx(body: body), format: .docx)
        #expect(doc.segments.map(\.speaker) == ["Interviewer", "Respondent", "Interviewer"])
        #expect(doc.diagnostics.labelPattern == "Name:")
        S.checkInvariants(doc)
    }

    @Test func zipBombTruncatedAndWrongContainers() throws {
        var options = LoadOptions()
        options.maxDecompressedSize = 10_000
        let big = S.paragraph(String(repeating: "a", count: 50_000))
        #expect { try S.load(try S.docx(body: big), format: .docx, options: options) } throws: { error in
            (error as? LoaderError)?.errorDescription?.contains("zip bomb") == true
        }
        let good = try S.docx(body: S.paragraph("A: b"))
        for cut in [10, good.count / 2, good.count - 10] {
            #expect(throws: LoaderError.self) { try S.load(good.prefix(cut), format: .docx) }
        }
        let odt = try S.zip([
            "mimetype": Data("application/vnd.oasis.opendocument.text".utf8), "content.xml": Data("<x/>".utf8),
        ])
        #expect { try S.load(odt, format: .docx) } throws: {
            ($0 as? LoaderError)?.errorDescription?.contains(".odt") == true
        }
        #expect { try S.load(Data([0xD0, 0xCF, 0x11, 0xE0, 1, 2]), format: .docx) } throws: {
            ($0 as? LoaderError)?.errorDescription?.contains(".doc") == true
        }
        let broken = try S.zip(["word/document.xml": Data("<w:document><w:body><w:p>".utf8)])
        #expect(throws: LoaderError.self) { try S.load(broken, format: .docx) }
        let entities = try S.zip(["word/document.xml": Data("<!DOCTYPE d [<!ENTITY a \"x\">]><d>&a;</d>".utf8)])
        #expect(throws: LoaderError.self) { try S.load(entities, format: .docx) }
    }
}
