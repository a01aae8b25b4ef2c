import Foundation
import Testing

@testable import KaderCore

/// The byte writer of `kader segments --json` gives exactly what `JSONEncoder` gives.
@Suite struct DocumentJSONTests {
    struct Reference: Encodable {
        var id: String
        var source: String
        var metadata: DocumentMetadata
        var contentHash: String
        var diagnostics: LoadDiagnostics
        var speakers: [Speaker]
        var segments: [Segment]
    }

    func reference(_ doc: Document) throws -> String {
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let r = Reference(
            id: doc.id, source: doc.sourcePath, metadata: doc.metadata, contentHash: doc.contentHash,
            diagnostics: doc.diagnostics, speakers: doc.speakers, segments: doc.segments)
        return String(decoding: try enc.encode(r), as: UTF8.self)
    }

    func load(_ text: String) throws -> Document {
        try TranscriptLoader().load(
            data: Data(text.utf8), path: "Transcripts/fg/één \"x\".txt", id: "fg-1", format: .plainText)
    }

    @Test func matchesTheEncoderOnAFocusGroup() throws {
        let doc = try load(
            """
            Gespreksleider: Welkom allemaal. Wat vinden jullie van de "nieuwe" regels / afspraken?
            Anna (deelnemer): Tja\\ het is lastig.\tMet een tab, en é en 😀 en \u{7F} en \u{2028}.
            [00:01:02] Bram: Een controle\u{01}teken en \u{1B}[31m kleur.

            Anna: Nog een keer.
            """)
        #expect(doc.segments.count >= 3)
        let fast = String(decoding: try DocumentJSON.bytes(doc), as: UTF8.self)
        #expect(fast == (try reference(doc)))
    }

    @Test func matchesTheEncoderWithoutSegments() throws {
        let doc = try load("---\ntitle: leeg\n---\n(geen tekst)\n")
        let fast = String(decoding: try DocumentJSON.bytes(doc), as: UTF8.self)
        #expect(fast == (try reference(doc)))
    }

    @Test func streamsInChunks() throws {
        let doc = try load((1...400).map { "Anna: zin nummer \($0) met wat tekst erbij." }.joined(separator: "\n"))
        var chunks = 0
        var all: [UInt8] = []
        try DocumentJSON.write(doc, chunk: 4096) {
            chunks += 1
            all.append(contentsOf: $0)
        }
        #expect(chunks > 1)
        #expect(String(decoding: all, as: UTF8.self) == (try reference(doc)))
    }

    @Test func escapesLikeTheEncoder() throws {
        var out = JSONBytes()
        out.string("a\"b\\c/d\u{08}\u{0C}\n\r\t\u{00}\u{1F}é")
        #expect(String(decoding: out.bytes, as: UTF8.self) == #""a\"b\\c/d\b\f\n\r\t\u0000\u001fé""#)
    }
}
