import Foundation
import Testing

@testable import KaderCore

@Suite("Loading: decoding")
struct LoadingDecodingTests {
    static let dutch = """
        Moderator: Welkom allemaal. Wie wil beginnen over de ICT-coördinator?

        Deelnemer 3 (leerkracht): Bij ons is dat “geïnterviewde” werk… eerlijk gezegd – zo’n taak voor ideeën.
        Het loopt via Smartschool, café-stijl.

        DIRECTEUR: Wij hebben daar een werkgroep voor in België.

        Moderator: Dank je.
        """

    static func cp1252(_ s: String) -> Data {
        let table: [Unicode.Scalar: UInt8] = [
            "€": 0x80, "‚": 0x82, "„": 0x84, "…": 0x85, "‘": 0x91, "’": 0x92, "“": 0x93, "”": 0x94, "–": 0x96,
            "—": 0x97,
        ]
        return Data(s.unicodeScalars.map { table[$0] ?? UInt8($0.value) })
    }

    static func utf16LE(_ s: String, bom: Bool = true) -> Data {
        var d = Data(bom ? [0xFF, 0xFE] : [])
        for u in s.utf16 {
            d.append(UInt8(u & 0xFF))
            d.append(UInt8(u >> 8))
        }
        return d
    }

    static func utf16BE(_ s: String) -> Data {
        var d = Data([0xFE, 0xFF])
        for u in s.utf16 {
            d.append(UInt8(u >> 8))
            d.append(UInt8(u & 0xFF))
        }
        return d
    }

    static func utf32LE(_ s: String) -> Data {
        var d = Data([0xFF, 0xFE, 0, 0])
        for u in s.unicodeScalars { withUnsafeBytes(of: u.value.littleEndian) { d.append(contentsOf: $0) } }
        return d
    }

    @Test func sameSegmentsInEveryEncoding() throws {
        let crlf = Self.dutch.replacingOccurrences(of: "\n", with: "\r\n")
        let variants: [(Data, String, String)] = [
            (Data(Self.dutch.utf8), "UTF-8", "LF"),
            (Data(crlf.utf8), "UTF-8", "CRLF"),
            (Data([0xEF, 0xBB, 0xBF]) + Data(Self.dutch.utf8), "UTF-8 with BOM", "LF"),
            (Self.utf16LE(crlf), "UTF-16LE with BOM", "CRLF"),
            (Self.utf16BE(Self.dutch), "UTF-16BE with BOM", "LF"),
            (Self.utf32LE(Self.dutch), "UTF-32LE with BOM", "LF"),
            (Self.cp1252(crlf), "Windows-1252", "CRLF"),
            (Data(Self.dutch.replacingOccurrences(of: "\n", with: "\r").utf8), "UTF-8", "CR"),
        ]
        let reference = try LoadingSupport.load(Self.dutch)
        #expect(reference.segments.count == 4)
        #expect(reference.text == Self.dutch)
        for (data, encoding, endings) in variants {
            let doc = try LoadingSupport.load(data, format: .plainText)
            #expect(doc.diagnostics.encoding.rawValue == encoding)
            #expect(doc.diagnostics.lineEndings.rawValue == endings)
            #expect(doc.text == reference.text)
            #expect(doc.segments == reference.segments)
            LoadingSupport.checkInvariants(doc)
        }
    }

    @Test func mixedLineEndingsAreReported() throws {
        let doc = try LoadingSupport.load(Data("A: een\r\nB: twee\nA: drie\rB: vier".utf8), format: .plainText)
        #expect(doc.diagnostics.lineEndings.rawValue == "mixed")
        #expect(doc.text == "A: een\nB: twee\nA: drie\nB: vier")
        #expect(doc.segments.map(\.text) == ["een", "twee", "drie", "vier"])
    }

    @Test func windows1252IsNotLatin1() throws {
        let doc = try LoadingSupport.load(Data([0x49, 0x3A, 0x20, 0x93, 0x6A, 0x61, 0x94, 0x85]), format: .plainText)
        #expect(doc.text == "I: “ja”…")
        #expect(doc.diagnostics.encoding.rawValue == "Windows-1252")
    }

    @Test func undefinedWindows1252BytesAreRefused() {
        // 0x81 is undefined in Windows-1252 and invalid as UTF-8: no silent replacement.
        #expect(throws: LoaderError.self) {
            try LoadingSupport.load(Data([0x41, 0x3A, 0x20, 0x81, 0x42]), format: .plainText)
        }
    }

    @Test func emptyBinaryAndNulInputsThrowOneSentence() {
        let cases: [Data] = [
            Data(), Data([0xEF, 0xBB, 0xBF]), Data("  \n\n \t".utf8), Data("A: een\0twee".utf8),
            Data([0x25, 0x50, 0x44, 0x46, 0x2D, 0x31]), Data([0x89, 0x50, 0x4E, 0x47, 0, 0]), Self.utf16LE("A: x\0y"),
            Data([0xFF, 0xFE, 0x41]),
        ]
        for data in cases {
            do {
                _ = try LoadingSupport.load(data, format: .plainText)
                Issue.record("expected an error for \(Array(data))")
            } catch let error as LoaderError {
                let message = error.errorDescription ?? ""
                #expect(message.hasPrefix("test.plainText: "))
                #expect(message.hasSuffix("."))
            } catch {
                Issue.record("unexpected error type \(error)")
            }
        }
    }

    @Test func unsupportedExtensionsNameTheFormatAndAdvise() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kader-loader-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for (name, format) in [("a.pdf", "PDF"), ("b.doc", ".doc"), ("c.odt", ".odt")] {
            let url = dir.appendingPathComponent(name)
            try Data("x".utf8).write(to: url)
            #expect {
                try TranscriptLoader().load(url: url, displayPath: name)
            } throws: { error in
                let m = (error as? LoaderError)?.errorDescription ?? ""
                return m.hasPrefix(name) && m.contains(format) && m.contains(".docx or .txt")
            }
        }
    }
}
