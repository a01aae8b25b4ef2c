import Foundation
import Testing

@testable import KaderCore

/// The shared XML layer (issue 13 item 2, issue 14 item 5): documents over libxml2's 10 MB
/// single-chunk limit are read, and DTDs and entities are refused inside the parser whatever the
/// encoding and wherever they stand.
@Suite struct SafeXMLParserTests {
    private typealias S = LoadingSupport

    /// Counts elements and collects text, for parser-level checks.
    final class Collector: SafeXMLHandler {
        var elements = 0
        var text = ""
        func start(_ tag: XMLTag) -> String? {
            elements += 1
            return nil
        }
        func end(localName: String, qualifiedName: String) {}
        func characters(_ t: String) { text += t }
    }

    static let elevenMB = 11 * 1024 * 1024

    @Test func elevenMegabyteDocxDocumentXMLLoads() throws {
        var body = ""
        var n = 0
        while body.utf8.count < Self.elevenMB {
            n += 1
            body += S.boldParagraph(
                "Spreker \(n % 3 + 1):",
                " Dit is beurt \(n) met wat tekst over digitalisering en gelijke kansen op school.")
        }
        let docx = try S.docx(body: body)
        let doc = try S.load(docx, format: .docx)
        #expect(doc.segments.count == n)
        #expect(
            doc.segments.last?.text.hasSuffix(
                "Dit is beurt \(n) met wat tekst over digitalisering en gelijke kansen op school.") == true)
    }

    @Test func elevenMegabyteTEILoads() throws {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><text><body>"
        var n = 0
        while xml.utf8.count < Self.elevenMB {
            n += 1
            xml +=
                "<u who=\"#s\(n % 4)\"><seg>Utterance \(n): een zin met genoeg woorden om de tekst groot te maken &amp; te houden.</seg></u>"
        }
        xml += "</body></text></TEI>"
        let doc = try S.load(Data(xml.utf8), format: .tei)
        #expect(doc.segments.count == n)
        #expect(
            doc.segments.last?.text
                == "Utterance \(n): een zin met genoeg woorden om de tekst groot te maken & te houden.")
    }

    @Test func elevenMegabyteProjectQDEThroughXMLTree() throws {
        var xml =
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"big\"><Sources>"
        var n = 0
        let content = String(repeating: "Een regel tekst van een bron. ", count: 5_000)
        while xml.utf8.count < Self.elevenMB {
            n += 1
            xml +=
                "<TextSource guid=\"\(n)\" name=\"doc \(n)\"><PlainTextContent>\(content)</PlainTextContent>"
                + "<PlainTextSelection guid=\"s\(n)\" startPosition=\"0\" endPosition=\"10\"/></TextSource>"
        }
        xml += "</Sources></Project>"
        let root = try XMLTree.parse(Data(xml.utf8), path: "project.qde")
        let sources = root.first("Sources")?.all("TextSource") ?? []
        #expect(sources.count == n)
        #expect(sources.last?.first("PlainTextContent")?.text == content)
        #expect(sources.last?["name"] == "doc \(n)")
    }

    /// The same document in UTF-16 (either byte order, with a BOM) is refused for its DTD.
    @Test func dtdRefusedInUTF16() throws {
        let xml = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><!DOCTYPE d [<!ENTITY a \"x\">]><d>t &a; u</d>"
        for bigEndian in [false, true] {
            var data = Data(bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE])
            for unit in xml.utf16 {
                let bytes =
                    bigEndian ? [UInt8(unit >> 8), UInt8(unit & 0xFF)] : [UInt8(unit & 0xFF), UInt8(unit >> 8)]
                data.append(contentsOf: bytes)
            }
            #expect(throws: XMLReadFailure.self) { try SafeXMLParser.parse(data, handler: Collector()) }
            #expect(throws: ExchangeError.self) { try XMLTree.parse(data, path: "codebook.qdc") }
            #expect(throws: LoaderError.self) { try S.load(data, format: .tei) }
        }
        // Without the DTD the UTF-16 document reads.
        var plain = Data([0xFF, 0xFE])
        for unit in "<d>t &amp; u</d>".utf16 { plain.append(contentsOf: [UInt8(unit & 0xFF), UInt8(unit >> 8)]) }
        let c = Collector()
        let encoding = try SafeXMLParser.parse(plain, handler: c)
        #expect(c.text == "t & u")
        #expect(encoding.hasPrefix("UTF-16"))
    }

    /// A DTD after more than 64 KiB of leading comment (past the old text scan) is refused.
    @Test func dtdAfterLongCommentRefused() throws {
        let comment = "<!--" + String(repeating: "x", count: 70_000) + "-->"
        let tei =
            comment + "<!DOCTYPE TEI [<!ENTITY a \"geheim\">]><TEI><text><u who=\"#a\">voor &a; na</u></text></TEI>"
        #expect(throws: LoaderError.self) { try S.load(Data(tei.utf8), format: .tei) }
        let qdc =
            comment + "<!DOCTYPE CodeBook [<!ENTITY a \"x\">]><CodeBook><Codes><Code name=\"&a;\"/></Codes></CodeBook>"
        #expect(throws: ExchangeError.self) { try XMLTree.parse(Data(qdc.utf8), path: "codebook.qdc") }
        let docx = try S.zip([
            "word/document.xml": Data(
                (comment
                    + "<!DOCTYPE d [<!ENTITY a \"x\">]><w:document xmlns:w=\"w\"><w:body><w:p><w:r><w:t>a &a; b</w:t></w:r></w:p></w:body></w:document>")
                    .utf8)
        ])
        #expect(throws: LoaderError.self) { try S.load(docx, format: .docx) }
    }

    /// An entity reference without a DTD, or a DTD without entities, stops the parse: text after
    /// the reference is never silently dropped.
    @Test func undeclaredEntityAndExternalDTDRefused() throws {
        let tei = "<TEI><text><u who=\"#a\">voor &onbekend; na</u></text></TEI>"
        #expect(throws: LoaderError.self) { try S.load(Data(tei.utf8), format: .tei) }
        let external = "<!DOCTYPE TEI SYSTEM \"tei.dtd\"><TEI><text><u who=\"#a\">tekst</u></text></TEI>"
        #expect(throws: LoaderError.self) { try S.load(Data(external.utf8), format: .tei) }
        let parameter = "<!DOCTYPE d [<!ENTITY % p \"x\"> %p;]><d/>"
        #expect(throws: XMLReadFailure.self) { try SafeXMLParser.parse(Data(parameter.utf8), handler: Collector()) }
        // Predefined and character references are fine, in text and attributes.
        let c = Collector()
        try SafeXMLParser.parse(Data("<d a=\"x &amp; &#233;\">&lt;b&gt; &#x263A; &quot;</d>".utf8), handler: c)
        #expect(c.text == "<b> ☺ \"")
        let tree = try XMLTree.parse(Data("<d a=\"x &amp; &#233;\"/>".utf8), path: "p.qde")
        #expect(tree["a"] == "x & é")
    }

    @Test func malformedAndTruncatedAreErrorsWithPosition() throws {
        do {
            try SafeXMLParser.parse(Data("<a>\n<b></a>".utf8), handler: Collector())
            Issue.record("mismatched tags were accepted")
        } catch {
            #expect(error.detail.contains("line 2"))
        }
        #expect(throws: XMLReadFailure.self) { try SafeXMLParser.parse(Data("<a><b>".utf8), handler: Collector()) }
        #expect(throws: XMLReadFailure.self) { try SafeXMLParser.parse(Data(), handler: Collector()) }
        #expect(throws: XMLReadFailure.self) { try SafeXMLParser.parse(Data("<a".utf8), handler: Collector()) }
        // Documents of four bytes or fewer (all of them go to the context on creation) still read.
        let tiny = Collector()
        try SafeXMLParser.parse(Data("<a/>".utf8), handler: tiny)
        #expect(tiny.elements == 1)
        #expect(throws: XMLReadFailure.self) {
            try SafeXMLParser.parse(Data([0x3C, 0x61, 0x3E, 0xC3, 0x28, 0x3C, 0x2F, 0x61, 0x3E]), handler: Collector())
        }
    }
}
