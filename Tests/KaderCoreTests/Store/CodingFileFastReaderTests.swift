import Foundation
import Testing

@testable import KaderCore

/// The one-pass reader of codings files agrees with the full reader wherever it accepts a file,
/// and gives up on everything else (so damage is still worded by the full reader).
@Suite struct CodingFileFastReaderTests {
    static func files() throws -> [CodingFile] {
        var done = CanonicalJSONTests.tricky()
        done.doneSegments = ["s1", "s2", "é\u{1F600}"]
        done.segmentCount = 12
        let doc = try CodingStoreTests.document()
        var edited = CodingFile(coder: "ann", document: DocumentID(doc.id), contentHash: doc.contentHash)
        for step in 0..<40 { edited = CodingJournalTests.edit(edited, doc, step: step) }
        return [CanonicalJSONTests.tricky(), done, edited, CodingFile(coder: "b", document: "d", contentHash: "")]
    }

    @Test func acceptsWhatKaderWritesWithTheFullReadersResult() throws {
        for file in try Self.files() {
            let data = Data(file.encodedBytes())
            let fast = try #require(CodingFileFastReader.decode(data), "gave up on a canonical file")
            #expect(fast == (try CodingFile.decodeFully(data, path: "x.json")))
            #expect(fast == file.canonical())
        }
    }

    @Test func handWrittenJSONWithEscapesAndNullsReadsTheSame() throws {
        let text = """
            {"schema":2,"coder":"ann","document":"d","contentHash":"h","status":"in progress","memo":null,
             "codings":[{"segment":"s\\u00e9","ordinal":1,"fingerprint":"f","codes":[{"code":"a","memo":"\\ud83d\\ude00\\n\\/","spans":[{"start":0,"end":5,"text":null}]}],
             "created":"t","modified":"t","review":false,"segmentStart":0}],"orphans":null,"demo":false}
            """
        let data = Data(text.utf8)
        let fast = try #require(CodingFileFastReader.decode(data))
        #expect(fast == (try CodingFile.decodeFully(data, path: "x.json")))
        #expect(fast.codings.first?.segment == "sé")
        #expect(fast.codings.first?.applied.first?.memo == "😀\n/")
    }

    @Test func givesUpOnAnythingElse() throws {
        let base = String(decoding: CanonicalJSONTests.tricky().encodedBytes(), as: UTF8.self)
        let variants = [
            base.replacingOccurrences(of: "\"schema\" : 2", with: "\"schema\" : 1"),
            base.replacingOccurrences(of: "\"schema\" : 2", with: "\"schema\" : 2.0"),
            base.replacingOccurrences(of: "\"coder\" : \"ann\"", with: "\"coder\" : \"ann\", \"coder\" : \"bob\""),
            base.replacingOccurrences(of: "\"ordinal\" : 1", with: "\"ordinal\" : 01"),
            base.replacingOccurrences(of: "\"ordinal\" : 1", with: "\"ordinal\" : 1e0"),
            base.replacingOccurrences(of: "\"ordinal\" : 1", with: "\"ordinal\" : 99999999999999999999"),
            base.replacingOccurrences(of: "\"start\" : 3", with: "\"start\" : 9"),
            base.replacingOccurrences(of: "\"demo\" : true", with: "\"demo\" : true, \"extra\" : 1"),
            base.replacingOccurrences(of: "\"status\" : \"done\"", with: "\"status\" : \"finished\""),
            base + "x",
            String(base.dropLast(3)),
            "{\"schema\":2,\"coder\":\"\\ud800\",\"document\":\"d\",\"contentHash\":\"h\",\"status\":\"done\",\"codings\":[]}",
        ]
        for v in variants {
            #expect(CodingFileFastReader.decode(Data(v.utf8)) == nil, "accepted: \(v.prefix(120))")
        }
        var invalid = Array(base.utf8)
        invalid[invalid.firstIndex(of: 0xC3) ?? 0] = 0xFF
        #expect(CodingFileFastReader.decode(Data(invalid)) == nil, "invalid UTF-8")
    }

    /// Random byte damage: whatever the one-pass reader still accepts, the full reader accepts
    /// with the same result.
    @Test func neverAcceptsWhatTheFullReaderRefusesOrReadsDifferently() throws {
        var rng = SystemRandomNumberGenerator()
        let sources = try Self.files().map { Array($0.encodedBytes()) }
        let alphabet = Array("{}[]\":,0123456789-.etrufalsn \\u".utf8) + [0x0A, 0xC3, 0xA9]
        var accepted = 0
        for round in 0..<3000 {
            var bytes = sources[round % sources.count]
            for _ in 0..<Int.random(in: 1...3, using: &rng) {
                let at = Int.random(in: 0..<bytes.count, using: &rng)
                switch Int.random(in: 0..<3, using: &rng) {
                case 0: bytes[at] = alphabet.randomElement(using: &rng) ?? 0
                case 1: bytes.remove(at: at)
                default: bytes.insert(alphabet.randomElement(using: &rng) ?? 0, at: at)
                }
            }
            let data = Data(bytes)
            guard let fast = CodingFileFastReader.decode(data) else { continue }
            accepted += 1
            let full = try? CodingFile.decodeFully(data, path: "x.json")
            #expect(full == fast, "differs on: \(String(decoding: bytes, as: UTF8.self).prefix(300))")
        }
        #expect(accepted > 0)
    }
}
