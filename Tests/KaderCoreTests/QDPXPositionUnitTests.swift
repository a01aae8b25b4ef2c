import Foundation
import Testing

@testable import KaderCore

/// Selection positions in UTF-16 code units (NVivo) against Unicode scalars, per source.
@Suite struct QDPXPositionUnitTests {
    /// Social-media comments with emoji (characters outside the BMP: two UTF-16 units each).
    static let comments =
        "Anna: Love this 😀😀 so much!\n\nBram: Terrible service 😡 never again.\n\n"
        + "Carla: Okay 👍 I guess, the food was fine.\n\nDaan: Best pizza 🍕 in town, really.\n"

    /// UTF-16 offsets of `needle` in `text` (CRLF line ends when `crlf`).
    static func utf16(_ needle: String, in text: String = comments, crlf: Bool = false) -> (Int, Int) {
        let t = crlf ? text.replacingOccurrences(of: "\n", with: "\r\n") : text
        guard let range = t.range(of: needle) else {
            Issue.record("\(needle) not in the text")
            return (0, 0)
        }
        let a = t.utf16.distance(from: t.startIndex, to: range.lowerBound)
        return (a, a + needle.utf16.count)
    }

    static let code = "BBBBBBBB-0000-4000-8000-00000000000A"
    static let user = "AAAAAAAA-0000-4000-8000-00000000000A"
    static let src = "CCCCCCCC-0000-4000-8000-00000000000A"

    /// A project.qde with one source holding `selections` (guid suffix, start, end, name).
    static func projectXML(origin: String, selections: [(Int, Int, Int, String?)]) -> String {
        let sels = selections.map { s in
            let name = s.3.map { " name=\"\($0)\"" } ?? ""
            return """
                <PlainTextSelection guid="DDDDDDDD-0000-4000-8000-\(String(format: "%012d", s.0))"\(name) \
                startPosition="\(s.1)" endPosition="\(s.2)" creatingUser="\(user)">\
                <Coding guid="EEEEEEEE-0000-4000-8000-\(String(format: "%012d", s.0))" creatingUser="\(user)">\
                <CodeRef targetGUID="\(code)"/></Coding></PlainTextSelection>
                """
        }
        return """
            <?xml version="1.0" encoding="utf-8"?>
            <Project name="Comments" origin="\(origin)" xmlns="urn:QDA-XML:project:1.0">
            <Users><User guid="\(user)" name="Ann"/></Users>
            <CodeBook><Codes><Code guid="\(code)" name="Sentiment" isCodable="true"/></Codes></CodeBook>
            <Sources><TextSource guid="\(src)" name="comments.txt" plainTextPath="internal://\(src).txt">
            \(sels.joined(separator: "\n"))
            </TextSource></Sources></Project>
            """
    }

    func run(_ xml: String, text: String) throws -> (QDPXImportReport, URL) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
            "kader-u16-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let archive = dir.appendingPathComponent("in.qdpx")
        try QDPXArchiveWriter.write(projectXML: xml, files: [("sources/\(Self.src).txt", Data(text.utf8))], to: archive)
        let target = dir.appendingPathComponent("project")
        return (try QDPXImporter.importArchive(archive, into: target), target)
    }

    /// Every quoted text of the imported codings, in document order.
    func quotes(_ root: URL) throws -> [String] {
        let doc = try Project(root: root).loadDocument(path: "Transcripts/comments.txt")
        let file = try CodingStore.read(projectRoot: root, coder: "Ann", document: doc)
        let scalars = Array(doc.text.unicodeScalars)
        return file.codings.flatMap { c in
            c.allSpans.map { String(String.UnicodeScalarView(scalars[$0.start..<$0.end])) }
        }
    }

    static let targets = ["never again", "the food was fine", "in town"]

    @Test(arguments: [false, true])
    func nvivoUTF16PositionsLandOnTheExactWords(crlf: Bool) throws {
        let sels = Self.targets.enumerated().map { i, t in
            let (a, b) = Self.utf16(t, crlf: crlf)
            return (i + 1, a, b, String?.none)
        }
        let text = crlf ? Self.comments.replacingOccurrences(of: "\n", with: "\r\n") : Self.comments
        let (report, root) = try run(Self.projectXML(origin: "NVivo 14 (Windows)", selections: sels), text: text)
        defer { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }
        let got = try quotes(root)
        #expect(got == Self.targets, "\(got) \(report.lines)")
        let line = try #require(report.counting.first)
        #expect(line.contains("UTF-16 code units"))
        #expect(line.contains("CRLF counted as 2") == crlf)
        #expect(!report.warnings.contains { $0.contains("weak evidence") })
        #expect(report.outside.isEmpty && report.unmatched.isEmpty && report.refused.isEmpty)
    }

    @Test func scalarPositionsOfQualCoderStayScalars() throws {
        let scalarsOf: (String) -> (Int, Int) = { needle in
            let s = Array(Self.comments.unicodeScalars)
            let n = Array(needle.unicodeScalars)
            let i = (0...(s.count - n.count)).first { Array(s[$0..<$0 + n.count]) == n } ?? 0
            return (i, i + n.count)
        }
        let sels = Self.targets.enumerated().map { i, t in (i + 1, scalarsOf(t).0, scalarsOf(t).1, String?.none) }
        let (report, root) = try run(Self.projectXML(origin: "QualCoder 3.5", selections: sels), text: Self.comments)
        defer { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }
        #expect(try quotes(root) == Self.targets)
        #expect(report.counting.first?.contains("Unicode scalars") == true)
    }

    @Test func aSourceWithoutAstralCharactersIsUnaffected() throws {
        let plain = Self.comments.unicodeScalars.filter { $0.value <= 0xFFFF }.map(String.init).joined()
        let sels = Self.targets.enumerated().map { i, t in
            let (a, b) = Self.utf16(t, in: plain)
            return (i + 1, a, b, String?.none)
        }
        let (report, root) = try run(Self.projectXML(origin: "NVivo 14", selections: sels), text: plain)
        defer { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }
        #expect(try quotes(root) == Self.targets)
        #expect(report.counting.isEmpty)
        let t = SourceText(raw: plain)
        #expect(!t.hasAstral && t.detectReading([QDASelection(start: 1, end: 4)], origin: "NVivo").unit == .scalar)
    }

    @Test func tiedWordBoundaryScoresWarn() throws {
        // Read as UTF-16, 4..<6 is "b "; as scalars " c": one selection end on a word boundary either way.
        let text = "😀 ab cd\n"
        let t = SourceText(raw: text)
        let r = t.detectReading([QDASelection(start: 4, end: 6)], origin: nil)
        #expect(r.weak && r.unit == .scalar && r.unitReason.contains("tie"))
        let (report, root) = try run(Self.projectXML(origin: "SomeTool 2", selections: [(1, 4, 6, nil)]), text: text)
        defer { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }
        #expect(report.warnings.contains { $0.contains("weak evidence") && $0.contains("comments.txt") })
        // Selection names holding the quoted text settle it, whatever the origin.
        let named = t.detectReading([QDASelection(name: "b", start: 4, end: 5)], origin: "QualCoder")
        #expect(named.unit == .utf16 && !named.weak && named.unitReason.contains("names"))
    }

    @Test func wordBoundariesDecideForAnUnknownTool() {
        let sels = Self.targets.map { t in
            let (a, b) = Self.utf16(t)
            return QDASelection(start: a, end: b)
        }
        let r = SourceText(raw: Self.comments).detectReading(sels, origin: "SomeTool 2")
        #expect(r.unit == .utf16 && !r.weak && r.unitReason.contains("word boundaries"))
        // Word boundaries against what the origin is known to write: they win, with a warning.
        let scalarSels = Self.targets.map { t in
            let (a, b) = Self.utf16(t)
            let prefix = String(Self.comments.utf16.prefix(a)) ?? ""
            let shift = prefix.unicodeScalars.filter { $0.value > 0xFFFF }.count
            return QDASelection(start: a - shift, end: b - shift)
        }
        let against = SourceText(raw: Self.comments).detectReading(scalarSels, origin: "NVivo 14")
        #expect(against.unit == .scalar && against.weak && against.unitReason.contains("against"))
        // Positions past the scalar text prove UTF-16.
        let n = Self.comments.utf16.count
        let end = SourceText(raw: Self.comments).detectReading([QDASelection(start: n - 3, end: n)], origin: nil)
        #expect(end.unit == .utf16 && end.unitReason.contains("past the text"))
        // Selections before the first emoji map the same either way: nothing to decide, no warning.
        let early = SourceText(raw: Self.comments).detectReading([QDASelection(start: 0, end: 4)], origin: nil)
        #expect(!early.weak)
    }

    /// Every boundary of a text with emoji and CRLF, written in each of the four readings, maps back
    /// to its scalar offset in the LF text; Kader's own UTF-16 conversion is the inverse.
    @Test func everyReadingMapsEveryOffsetBack() {
        let raw = "😀a\r\n𝔘b🍕\r\n\r\nc d👍🏽e\r\n"
        let t = SourceText(raw: raw)
        let lf = raw.replacingOccurrences(of: "\r\n", with: "\n")
        let lfScalars = Array(lf.unicodeScalars)
        let offsets = UTF16Offsets(lf)
        for i in 0...lfScalars.count {
            let prefix = String(String.UnicodeScalarView(lfScalars[0..<i]))
            let rawPrefix = prefix.replacingOccurrences(of: "\n", with: "\r\n")
            let written: [(Int, OffsetCounting, OffsetUnit)] = [
                (prefix.unicodeScalars.count, .lineEndAsOne, .scalar), (prefix.utf16.count, .lineEndAsOne, .utf16),
                (rawPrefix.unicodeScalars.count, .crlfAsTwo, .scalar), (rawPrefix.utf16.count, .crlfAsTwo, .utf16),
            ]
            for (offset, counting, unit) in written {
                #expect(t.normalised(offset, counting, unit) == i, "\(offset) as \(counting), \(unit)")
            }
            #expect(offsets.utf16(i) == prefix.utf16.count)
        }
        #expect(t.length(.crlfAsTwo, .utf16) == raw.utf16.count)
    }

    @Test func startAfterEndIsRefusedNamingItsGUID() throws {
        let (a, b) = Self.utf16("never again")
        let (report, root) = try run(
            Self.projectXML(origin: "NVivo 14", selections: [(1, a, b, nil), (2, b, a, nil), (3, b, b + 900, nil)]),
            text: Self.comments)
        defer { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }
        #expect(report.refused.count == 1)
        #expect(report.refused.first?.contains("DDDDDDDD-0000-4000-8000-000000000002") == true)
        #expect(report.refused.first?.contains("comments.txt") == true)
        #expect(report.lines.contains { $0.hasPrefix("Refused: selection DDDDDDDD-0000-4000-8000-000000000002") })
        #expect(report.outside.count == 1 && report.outside.first?.contains("000000000003") == true)
        #expect(try quotes(root).first == "never again")
    }
}
