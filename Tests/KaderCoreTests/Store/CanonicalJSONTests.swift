import Foundation
import KaderTestSupport
import Testing

@testable import KaderCore

/// The hand-written canonical writer must give exactly what JSONEncoder gives.
@Suite struct CanonicalJSONTests {
    static func viaJSONEncoder(_ file: CodingFile) throws -> Data {
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try enc.encode(file.canonical())
        data.append(0x0A)
        return data
    }

    static func tricky() -> CodingFile {
        let weird =
            "quote \" backslash \\ slash / tab \t nl \n cr \r bs \u{08} ff \u{0C} nul \u{00} us \u{1F} del \u{7F} é 😀 \u{2028} end"
        var file = CodingFile(coder: "ann", document: "doc-1", contentHash: "abc", status: .done, memo: weird)
        file.demo = true
        file.codings = [
            SegmentCoding(
                segment: "s2", ordinal: 2, fingerprint: "f2", codes: [], memo: "only a memo", created: "t",
                modified: "t"),
            SegmentCoding(
                segment: "s1", ordinal: 1, fingerprint: "f1",
                applied: [
                    AppliedCode(
                        code: "a", spans: [QuoteSpan(start: 3, end: 9, text: weird), QuoteSpan(start: 1, end: 2)],
                        memo: weird), AppliedCode(code: "b/c"),
                ],
                memo: weird, segmentStart: 0, created: "t0", modified: "t1", review: true),
        ]
        file.orphans = [
            SegmentCoding(segment: "s9", ordinal: 9, fingerprint: "f9", codes: ["x"], created: "t", modified: "t")
        ]
        return file
    }

    @Test func matchesJSONEncoderByteForByte() throws {
        let segs = SyntheticCodings.segments(count: 300)
        let files = [
            Self.tricky(),
            CodingFile(coder: "bart", document: "empty", contentHash: "h"),
            SyntheticCodings.file(segments: segs, codings: 1000),
        ]
        for file in files {
            let mine = try file.encoded()
            let reference = try Self.viaJSONEncoder(file)
            #expect(
                mine == reference,
                "differs for \(file.document):\n\(String(decoding: mine.prefix(600), as: UTF8.self))\n---\n\(String(decoding: reference.prefix(600), as: UTF8.self))"
            )
        }
    }

    @Test func reusingUnchangedCodingsGivesTheSameBytes() throws {
        let segs = SyntheticCodings.segments(count: 200)
        var file = SyntheticCodings.file(segments: segs, codings: 300)
        var cache: CanonicalJSONWriter.Cache? = nil
        #expect(file.encodedBytes(cache: &cache) == file.encodedBytes())
        var rng = SplitMix64(seed: 7)
        for step in 0..<200 {
            let s = segs[Int(rng.next() % UInt64(segs.count))]
            switch step % 4 {
            case 0: file = file.toggling(code: "werkdruk", on: s, at: "t\(step)")
            case 1: file = file.settingMemo(step % 8 == 1 ? nil : "memo \"\(step)\"", on: s, at: "t\(step)")
            case 2: file = file.settingCodes([], on: s, at: "t\(step)")
            default:
                file = file.settingSpans(
                    [QuoteSpan(start: s.start, end: s.start + 5)], code: "didactiek", on: s, at: "t\(step)")
            }
            #expect(file.encodedBytes(cache: &cache) == file.encodedBytes(), "step \(step)")
        }
    }

    @Test func roundTripsAndIsStable() throws {
        let file = Self.tricky()
        let data = try file.encoded()
        let back = try CodingFile.decode(data, path: "x.json")
        #expect(back == file.canonical())
        #expect(try back.encoded() == data)
    }

    @Test func largeFileEncodes() throws {
        let file = SyntheticCodings.file(segments: SyntheticCodings.segments(count: 5000), codings: 20000)
        let bytes = file.encodedBytes()
        #expect(bytes.count > 500_000)
        #expect(try CodingFile.decode(Data(bytes), path: "large.json") == file.canonical())
    }

    /// Speed belongs to `make bench`; this check runs only with KADER_PERF=1 (release build).
    @Test(.enabled(if: ProcessInfo.processInfo.environment["KADER_PERF"] == "1"))
    func largeFileEncodesQuickly() throws {
        let file = SyntheticCodings.file(segments: SyntheticCodings.segments(count: 5000), codings: 20000)
        let elapsed = ContinuousClock().measure { _ = file.encodedBytes() }
        #expect(elapsed < .milliseconds(100), "encoding took \(elapsed)")
    }
}
