import Foundation
import Testing

@testable import KaderCore

/// Imports of .qdpx files shaped like NVivo, MAXQDA and QualCoder exports.
@Suite struct QDPXImportTests {
    /// CRLF text with three turns; the second and third are what the selections aim at.
    static let raw =
        "Moderator: Hoe ging het afstandsonderwijs?\r\n\r\nAnn: De laptops kwamen te laat. Wij moesten alles op papier doen.\r\n\r\nBen: Wij hadden geen wifi thuis. Dat was zwaar voor het gezin.\r\n"

    /// Offset of `needle` in `raw`: scalars of the raw text (CRLF = 2) or of the LF text (CRLF = 1).
    static func offset(_ needle: String, crlfAsTwo: Bool, in text: String = raw) -> (Int, Int) {
        let t = crlfAsTwo ? text : text.replacingOccurrences(of: "\r\n", with: "\n")
        let s = Array(t.unicodeScalars)
        let n = Array(needle.unicodeScalars)
        for i in 0...(s.count - n.count) where Array(s[i..<i + n.count]) == n { return (i, i + n.count) }
        fatalError("needle not found")
    }

    static let g = (
        u1: "AAAAAAAA-0000-4000-8000-000000000001", u2: "AAAAAAAA-0000-4000-8000-000000000002",
        cat: "BBBBBBBB-0000-4000-8000-000000000001", code: "BBBBBBBB-0000-4000-8000-000000000002",
        src: "CCCCCCCC-0000-4000-8000-000000000001"
    )

    static func codebook(categoryCodable: Bool) -> String {
        """
        <CodeBook><Codes><Code guid="\(g.cat)" name="Digitalisering" isCodable="\(categoryCodable)">
        <Code guid="\(g.code)" name="Digitale kloof" isCodable="true" color="#E15759"><Description>Geen toegang.</Description></Code>
        </Code></Codes></CodeBook>
        """
    }

    func run(_ xml: String, files: [(String, Data)], project: URL? = nil) throws -> (QDPXImportReport, URL) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
            "kader-imp-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let archive = dir.appendingPathComponent("in.qdpx")
        try QDPXArchiveWriter.write(projectXML: xml, files: files, to: archive)
        let target = project ?? dir.appendingPathComponent("project")
        return (try QDPXImporter.importArchive(archive, into: target), target)
    }

    func codings(_ root: URL, _ coder: String, _ doc: String) throws -> (Document, CodingFile) {
        let d = try Project(root: root).loadDocument(path: "Transcripts/\(doc).txt")
        return (d, try CodingStore.read(projectRoot: root, coder: coder, document: d))
    }

    func text(_ d: Document, _ span: QuoteSpan?) -> String? {
        span.map { String(String.UnicodeScalarView(Array(d.text.unicodeScalars)[$0.start..<$0.end])) }
    }

    @Test func nvivoShapeCountsCRLFAsTwoAndKeepsBothUsers() throws {
        let (a1, a2) = Self.offset("De laptops kwamen te laat.", crlfAsTwo: true)
        let (b1, b2) = Self.offset("Dat was zwaar voor het gezin.", crlfAsTwo: true)
        let (x1, _) = Self.offset("Wij moesten", crlfAsTwo: true)
        let (_, x2) = Self.offset("geen wifi", crlfAsTwo: true)
        let xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <Project name="Focusgroepen" origin="NVivo 14" xmlns="urn:QDA-XML:project:1.0">
            <Users><User guid="\(Self.g.u1)" name="Ann Peeters"/><User guid="\(Self.g.u2)" name="Bénédicte"/></Users>
            \(Self.codebook(categoryCodable: false))
            <Sources><TextSource guid="\(Self.g.src)" name="FG3 leerkrachten.docx" richTextPath="internal://\(Self.g.src).docx" plainTextPath="internal://\(Self.g.src).txt">
            <PlainTextSelection guid="DDDDDDDD-0000-4000-8000-000000000001" startPosition="\(a1)" endPosition="\(a2)" creatingUser="\(Self.g.u1)">
            <Coding guid="EEEEEEEE-0000-4000-8000-000000000001" creatingUser="\(Self.g.u1)"><CodeRef targetGUID="\(Self.g.code)"/></Coding></PlainTextSelection>
            <PlainTextSelection guid="DDDDDDDD-0000-4000-8000-000000000002" startPosition="\(b1)" endPosition="\(b2)" creatingUser="\(Self.g.u2)">
            <Coding guid="EEEEEEEE-0000-4000-8000-000000000002" creatingUser="\(Self.g.u2)"><CodeRef targetGUID="\(Self.g.code)"/></Coding>
            <Coding guid="EEEEEEEE-0000-4000-8000-000000000003" creatingUser="\(Self.g.u1)"><CodeRef targetGUID="\(Self.g.cat)"/></Coding></PlainTextSelection>
            <PlainTextSelection guid="DDDDDDDD-0000-4000-8000-000000000003" startPosition="\(x1)" endPosition="\(x2)" creatingUser="\(Self.g.u2)">
            <Coding guid="EEEEEEEE-0000-4000-8000-000000000004" creatingUser="\(Self.g.u2)"><CodeRef targetGUID="\(Self.g.cat)"/></Coding></PlainTextSelection>
            </TextSource></Sources></Project>
            """
        let (report, root) = try run(
            xml,
            files: [("sources/\(Self.g.src).txt", Data(Self.raw.utf8)), ("sources/\(Self.g.src).docx", Data([1, 2]))])
        defer { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }
        #expect(report.documentsAdded == ["fg3-leerkrachten"])
        #expect(report.counting.first?.contains("CRLF counted as 2") == true)
        #expect(Set(report.codings.keys) == ["ann-peeters", "benedicte"])
        #expect(report.unmatched.isEmpty)
        let (doc, ann) = try codings(root, "ann-peeters", "fg3-leerkrachten")
        #expect(!doc.text.contains("\r"))
        let annSeg = try #require(ann.codings.first { $0.codes == ["digitale-kloof"] })
        #expect(text(doc, annSeg.allSpans.first) == "De laptops kwamen te laat.")
        let (_, ben) = try codings(root, "benedicte", "fg3-leerkrachten")
        // The selection across the border of two turns codes both, each with the part it covers.
        let across = ben.codings.filter { $0.codes.contains("digitalisering") }
        #expect(across.count == 2)
        #expect(text(doc, across.first?.allSpans.first)?.hasPrefix("Wij moesten alles op papier doen.") == true)
        // In Ben's turn it meets Ben's other selection: one segment coding, each code with its own quote.
        #expect(across.last?.codes == ["digitale-kloof", "digitalisering"])
        for a in across.last?.applied ?? [] {
            for s in a.spans { #expect(text(doc, s) == s.text) }
        }
        // Ann's coding of the category on Ben's selection goes to Ann.
        #expect(ann.codings.contains { $0.codes == ["digitalisering"] })
        // A pure category (isCodable=false) is still a code in Kader.
        #expect(try Project(root: root).codebook.entry(id: "digitalisering") != nil)
    }

    @Test func maxqdaShapeWithoutCodingsOrOptionalAttributes() throws {
        let bomText = "\u{FEFF}" + Self.raw
        let (a1, a2) = Self.offset("De laptops kwamen te laat.", crlfAsTwo: false)
        let (m1, m2) = Self.offset("Dat was zwaar", crlfAsTwo: false)
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Project name="MX" origin="MAXQDA 2022 Release 22.4.1" xmlns="urn:QDA-XML:project:1.0">
            <Users><User guid="\(Self.g.u1)" name="MAXQDA-user"/></Users>
            \(Self.codebook(categoryCodable: true))
            <Sources><TextSource guid="\(Self.g.src)" name="Interview 1" plainTextPath="internal://interview1.txt">
            <PlainTextSelection startPosition="\(a1)" endPosition="\(a2)"><Coding><CodeRef targetGUID="\(Self.g.code)"/></Coding></PlainTextSelection>
            <PlainTextSelection guid="DDDDDDDD-0000-4000-8000-000000000009" startPosition="\(m1)" endPosition="\(m2)" creatingUser="\(Self.g.u1)">
            <Description>Opmerking: zwaar voor het gezin.</Description></PlainTextSelection>
            <PlainTextSelection guid="DDDDDDDD-0000-4000-8000-00000000000A" startPosition="5000" endPosition="5010" creatingUser="\(Self.g.u1)">
            <Coding creatingUser="\(Self.g.u1)"><CodeRef targetGUID="\(Self.g.code)"/></Coding></PlainTextSelection>
            <PlainTextSelection startPosition="\(a1)" endPosition="\(a2)" creatingUser="\(Self.g.u1)"><Coding><CodeRef targetGUID="FFFFFFFF-0000-4000-8000-000000000000"/></Coding></PlainTextSelection>
            </TextSource></Sources></Project>
            """
        let (report, root) = try run(xml, files: [("Sources/interview1.txt", Data(bomText.utf8))])
        defer { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }
        #expect(report.documentsAdded == ["interview-1"])
        #expect(report.counting.first?.contains("each line end counted as 1") == true)
        #expect(report.unmatched.count == 1 && report.unmatched[0].contains("5000"))
        #expect(report.warnings.contains { $0.contains("FFFFFFFF-0000-4000-8000-000000000000") })
        let (doc, imported) = try codings(root, "imported", "interview-1")
        #expect(!doc.text.hasPrefix("\u{FEFF}"))
        #expect(text(doc, imported.codings.first?.allSpans.first) == "De laptops kwamen te laat.")
        let (_, memos) = try codings(root, "MAXQDA-user", "interview-1")
        let memo = try #require(memos.codings.first)
        #expect(memo.codes.isEmpty && memo.memo == "Opmerking: zwaar voor het gezin.")
    }

    @Test func qualcoderShapeIsDetectedFromSelectionNames() throws {
        let (a1, a2) = Self.offset("Wij hadden geen wifi thuis.", crlfAsTwo: false)
        let xml = """
            <Project xmlns="urn:QDA-XML:project:1.0" name="qc" origin="QualCoder 3.5" creationDateTime="2024-05-01T10:00:00Z">
            <Users><User guid="\(Self.g.u1)" name="default"/></Users>
            \(Self.codebook(categoryCodable: false))
            <Sources><TextSource guid="\(Self.g.src)" name="fg.txt" plainTextPath="internal://\(Self.g.src).txt" creatingUser="\(Self.g.u1)">
            <PlainTextSelection guid="DDDDDDDD-0000-4000-8000-000000000001" name="Wij hadden geen wifi thuis." startPosition="\(a1)" endPosition="\(a2)" creatingUser="\(Self.g.u1)" creationDateTime="2024-05-01T10:00:00Z">
            <Coding guid="EEEEEEEE-0000-4000-8000-000000000001" creatingUser="\(Self.g.u1)" creationDateTime="2024-05-01T10:00:00Z"><CodeRef targetGUID="\(Self.g.code)"/></Coding>
            </PlainTextSelection></TextSource></Sources></Project>
            """
        let (report, root) = try run(
            xml, files: [("sources/\(Self.g.src).txt", Data(([0xEF, 0xBB, 0xBF] + Array(Self.raw.utf8))))])
        defer { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }
        #expect(report.counting.first?.contains("selection names match") == true)
        let (doc, file) = try codings(root, "default", "fg")
        let c = try #require(file.codings.first)
        #expect(text(doc, c.allSpans.first) == "Wij hadden geen wifi thuis." && c.created == "2024-05-01T10:00:00Z")
    }

    @Test func crlfCountingDetection() {
        let t = SourceText(raw: Self.raw)
        #expect(t.hasCRLF && t.rawCount == Self.raw.unicodeScalars.count)
        let (a, b) = Self.offset("zwaar voor het gezin.", crlfAsTwo: true)
        #expect(t.normalised(a, .crlfAsTwo) == Self.offset("zwaar voor het gezin.", crlfAsTwo: false).0)
        // Past the LF text's end: must be CRLF-as-2.
        let late = QDASelection(start: a, end: t.rawCount, creatingUser: nil)
        #expect(t.detectCounting([late], origin: nil).0 == .crlfAsTwo)
        let (c, d) = Self.offset("Dat was zwaar", crlfAsTwo: false)
        #expect(t.detectCounting([QDASelection(start: c, end: d)], origin: "ATLAS.ti").0 == .lineEndAsOne)
        #expect(t.detectCounting([QDASelection(start: c, end: d)], origin: "NVivo 12").0 == .crlfAsTwo)
        #expect(b > t.scalars.count)
        #expect(SourceText(raw: "a\nb").detectCounting([], origin: "NVivo").0 == .lineEndAsOne)
    }
}
