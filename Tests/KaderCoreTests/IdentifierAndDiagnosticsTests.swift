import Foundation
import Testing

@testable import KaderCore

/// The typed ids and the diagnostics enums write exactly the strings they replaced.
@Suite struct IdentifierAndDiagnosticsTests {
    func json<T: Encodable>(_ value: T) throws -> String {
        let enc = JSONEncoder()
        enc.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try enc.encode(value), as: UTF8.self)
    }

    @Test func diagnosticsRawValuesAreTheOldStrings() {
        #expect(
            TranscriptFormat.allCases.map(\.rawValue) == [
                "plain text", "markdown", "docx", "webvtt", "srt", "tei", "otter",
            ])
        #expect(
            LineEndings.allCases.map(\.rawValue) == ["LF", "CRLF", "CR", "mixed", "none", "n/a (XML)", "n/a (docx)"])
        let encodings: [(SourceEncoding, String)] = [
            (.utf8, "UTF-8"), (.utf8WithBOM, "UTF-8 with BOM"), (.utf16LEWithBOM, "UTF-16LE with BOM"),
            (.utf16BEWithBOM, "UTF-16BE with BOM"), (.utf32LEWithBOM, "UTF-32LE with BOM"),
            (.utf32BEWithBOM, "UTF-32BE with BOM"), (.windows1252, "Windows-1252"),
            (.mixedUTF8Windows1252(firstLine: 12), "UTF-8 mixed with Windows-1252 (first non-UTF-8 byte on line 12)"),
            (.docxPart("word/document2.xml"), "UTF-8 (docx part word/document2.xml)"),
            (.other("ISO-8859-1"), "ISO-8859-1"),
        ]
        for (encoding, name) in encodings {
            #expect(encoding.rawValue == name)
            #expect("\(encoding)" == name)
            #expect(SourceEncoding(rawValue: name) == encoding)
        }
    }

    @Test func diagnosticsJSONIsUnchanged() throws {
        let d = LoadDiagnostics(
            format: .plainText, encoding: .mixedUTF8Windows1252(firstLine: 3), lineEndings: .crlf,
            labelPattern: "Name:", warnings: ["w"])
        let text = try json(d)
        #expect(
            text == #"{"encoding":"UTF-8 mixed with Windows-1252 (first non-UTF-8 byte on line 3)","#
                + #""format":"plain text","labelPattern":"Name:","lineEndings":"CRLF","warnings":["w"]}"#)
        #expect(try JSONDecoder().decode(LoadDiagnostics.self, from: Data(text.utf8)) == d)
    }

    @Test func loadedDiagnosticsUseTheCases() throws {
        let doc = try TranscriptLoader().load(
            data: Data("\u{FEFF}Anna: Hallo.\r\nBram: Dag.\r\n".utf8), path: "x.txt", id: "x", format: .plainText)
        #expect(doc.diagnostics.format == .plainText)
        #expect(doc.diagnostics.encoding == .utf8WithBOM)
        #expect(doc.diagnostics.lineEndings == .crlf)
    }

    @Test func identifiersEncodeAsBareStrings() throws {
        let ids: [String: [CodeID]] = ["a": ["c-1", CodeID("c-0")]]
        #expect(try json(ids) == #"{"a":["c-1","c-0"]}"#)
        #expect(
            try JSONDecoder().decode([SegmentID].self, from: Data(#"["s-2","s-1"]"#.utf8)).sorted() == ["s-1", "s-2"])
        #expect(try json(DocumentID("fg/één")) == #""fg/één""#)
        let coder: CoderName = "ann"
        #expect("\(coder)" == "ann" && coder.rawValue == "ann")
        #expect(try CoderName.validated("bob") == "bob")
    }
}
