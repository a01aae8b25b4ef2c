import Foundation
import Testing

@testable import KaderCore

@Suite struct QuoteExportTests {
    func collection(_ filter: QuoteFilter = QuoteFilter()) throws -> (QuoteCollection, URL) {
        let root = try ExportFixture.make()
        return (try QuoteCollection.load(project: try Project(root: root), filter: filter), root)
    }

    @Test func oneRowPerCodingWithProvenanceAndSpanText() throws {
        let (c, root) = try collection()
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(c.rows.count == 8)
        #expect(c.coders == ["ann", "ben"])
        let span = try #require(c.rows.first { $0.coder == "ann" && $0.codeId == "digitale-kloof" })
        #expect(span.isSpan)
        #expect(span.text == "Voor kinderen zonder laptop was het drama.")
        #expect(span.end - span.start == 42)
        #expect(span.role == "leerkracht" && span.speaker == "Mieke" && span.timestamp == "00:13:50")
        #expect(span.codePath == "Digitalisering/Digitale kloof" && span.category == "Digitalisering")
        #expect(span.memo == "Sterk citaat over \"toegang\" & gezin")
        #expect(span.attribution == "(leerkracht, focusgroep school B, 00:13:50)")
        let whole = try #require(c.rows.first { $0.coder == "ben" && $0.codeId == "digitale-kloof" })
        #expect(!whole.isSpan && whole.text.hasSuffix("één toestel."))
    }

    @Test func filtersByCodeWithSubCodesCoderRoleDocumentSpeaker() throws {
        var f = QuoteFilter()
        f.codes = ["digitalisering"]
        let (all, root) = try collection(f)
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(Set(all.rows.map(\.codeId)) == ["stroomlijning", "werkdruk", "digitale-kloof"])
        let project = try Project(root: root)
        f.exactCodes = true
        #expect(try QuoteCollection.load(project: project, filter: f).rows.isEmpty)
        var g = QuoteFilter()
        g.coders = ["ben"]
        g.roles = ["Directeur"]
        #expect(
            try QuoteCollection.load(project: project, filter: g).rows.map(\.codeId) == ["welbevinden", "werkdruk"])
        var h = QuoteFilter()
        h.documents = ["interview-expert"]
        h.speakers = ["expert"]
        #expect(try QuoteCollection.load(project: project, filter: h).rows.map(\.coder) == ["ann"])
        var bad = QuoteFilter()
        bad.coders = ["consensus"]
        #expect(throws: ExportError.unknownCoder(name: "consensus", available: ["ann", "ben"])) {
            try QuoteCollection.load(project: project, filter: bad)
        }
        bad = QuoteFilter()
        bad.codes = ["nope"]
        #expect(throws: ExportError.unknownCode(id: "nope")) { try QuoteCollection.load(project: project, filter: bad) }
    }

    @Test func markdownReadsLikeAResultsSection() throws {
        let (c, root) = try collection()
        defer { try? FileManager.default.removeItem(at: root) }
        let md = QuoteMarkdown.render(c, definitions: true)
        #expect(md.hasPrefix("# Coded quotes: Analysekader\n"))
        #expect(md.contains("8 codings of 4 segments in 2 documents, by coders ann and ben."))
        #expect(md.contains("| **Digitalisering** | 3 | 5 | |"))
        #expect(md.contains("| Werkdruk | 1 | 2 | 1 |"))
        #expect(md.contains("## Codebook"))
        #expect(md.contains("## 4. Digitalisering"))
        #expect(md.contains("### Werkdruk"))
        // Two coders on the same text: one quote.
        // Werkdruk (ann, ben) and Welbevinden (ben)
        #expect(md.components(separatedBy: "> Als directeur zag ik vooral").count == 3)
        #expect(md.contains("> Voor kinderen zonder laptop was het drama. (leerkracht, focusgroep school B, 00:13:50)"))
        #expect(
            md.contains("> Thuis leren mag nooit hetzelfde worden als uit beeld verdwijnen. (expert, interview online)")
        )
        // Categories in codebook order.
        let order = [
            "## 1. Veranderingsprocessen", "## 2. Welbevinden", "## 3. Gelijke onderwijskansen", "## 4. Digitalisering",
        ].map {
            md.range(of: $0)?.lowerBound
        }
        #expect(order.allSatisfy { $0 != nil } && order.map { $0! } == order.map { $0! }.sorted())
    }

    @Test func csvIsRFC4180AndExcelVariantHasBOMAndSemicolons() throws {
        let (c, root) = try collection()
        defer { try? FileManager.default.removeItem(at: root) }
        let csv = String(decoding: try QuoteTable.csv(c.rows), as: UTF8.self)
        let lines = csv.components(separatedBy: "\r\n")
        #expect(lines[0] == QuoteRow.columns.joined(separator: ","))
        #expect(csv.contains("\"Sterk citaat over \"\"toegang\"\" & gezin\""))
        #expect(csv.contains("Café-uitbaters"))
        #expect(csv.hasSuffix("\r\n"))
        let excel = try QuoteTable.csv(c.rows, excel: true)
        #expect(Array(excel.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(String(decoding: excel.dropFirst(3), as: UTF8.self).hasPrefix("document;document_type;site;"))
    }

    @Test func jsonHasTheSameFields() throws {
        let (c, root) = try collection()
        defer { try? FileManager.default.removeItem(at: root) }
        let array = try #require(
            try JSONSerialization.jsonObject(with: try QuoteTable.json(c.rows)) as? [[String: Any]])
        #expect(array.count == 8)
        let keys = Set(array[0].keys)
        for column in QuoteRow.columns { #expect(keys.contains(column == "segment_id" ? "segment_id" : column)) }
        #expect(
            array.contains {
                ($0["text"] as? String) == "Voor kinderen zonder laptop was het drama." && ($0["span"] as? Bool) == true
            })
    }

    @Test func htmlIsEscapedAndSelfContained() throws {
        let (c, root) = try collection()
        defer { try? FileManager.default.removeItem(at: root) }
        let html = QuoteHTML.render(c)
        #expect(html.contains("memo: Sterk citaat over &quot;toegang&quot; &amp; gezin"))
        #expect(!html.contains("<script") && !html.contains("http"))
        #expect(QuoteHTML.escape("<b>'x'&") == "&lt;b&gt;&#39;x&#39;&amp;")
    }

    @Test func matrixCountsSegmentsAndCodingsPerDocumentAndRole() throws {
        let (c, root) = try collection()
        defer { try? FileManager.default.removeItem(at: root) }
        let byDoc = CodeMatrix.build(c, by: .document)
        #expect(byDoc.columns == ["focusgroep-school-b", "interview-expert"])
        let digital = try #require(byDoc.rows.first { $0.codeId == "digitalisering" })
        #expect(digital.segments == [3, 0] && digital.codings == [5, 0])
        let werkdruk = try #require(byDoc.rows.first { $0.codeId == "werkdruk" })
        #expect(werkdruk.totalSegments == 1 && werkdruk.totalCodings == 2)
        let byRole = CodeMatrix.build(c, by: .role)
        #expect(byRole.columns == ["directeur", "expert", "leerkracht"])
        let kansen = try #require(byRole.rows.first { $0.codeId == "gelijke-onderwijskansen" })
        #expect(kansen.segments == [0, 1, 0])
        let csv = String(decoding: try byRole.csv(), as: UTF8.self)
        #expect(csv.hasPrefix("code_id,code_path,directeur segments,directeur codings,expert segments"))
        #expect(byRole.markdown().contains("| **Digitalisering** | 1 (2) | 0 (0) | 2 (3) | 3 (5) |"))
    }
}
