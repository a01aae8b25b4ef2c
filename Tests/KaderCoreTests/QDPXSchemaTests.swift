import Foundation
import Testing

@testable import KaderCore

/// Exports with emoji and empty codebooks, imports without usable sources, qc source names.
@Suite struct QDPXSchemaTests {
    static let date = Date(timeIntervalSince1970: 1_780_000_000)

    /// The REFI-QDA schema folder (`shared/reference/refi-qda` beside an ancestor of this file), if any.
    static let schemas: URL? = {
        var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while dir.path != "/" {
            let candidate = dir.appendingPathComponent("shared/reference/refi-qda")
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("Project-mrt2019.xsd").path) {
                return candidate
            }
            dir = dir.deletingLastPathComponent()
        }
        return nil
    }()

    static let xmllint: String? = ["/usr/bin/xmllint", "/usr/local/bin/xmllint"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    static var canValidate: Bool { schemas != nil && xmllint != nil }

    /// xmllint's verdict on `xml` against `schema`: nil when valid, else its output.
    static func validate(_ xml: Data, schema: String) throws -> String? {
        guard let lint = xmllint, let dir = schemas else { return "no xmllint or schemas" }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("kader-xsd-\(UUID().uuidString).xml")
        try xml.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: lint)
        p.arguments = ["--noout", "--schema", dir.appendingPathComponent(schema).path, file.path]
        let pipe = Pipe()
        p.standardError = pipe
        p.standardOutput = pipe
        try p.run()
        let out = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return p.terminationStatus == 0 ? nil : String(decoding: out, as: UTF8.self)
    }

    static func folder(_ tag: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("kader-\(tag)-\(UUID().uuidString.prefix(8))")
    }

    static let emoji = "Anna: Love this 😀😀 so much!\n\nBram: Terrible service 😡 never again.\n\nCarla: Okay 👍 fine 🍕.\n"

    /// A project with the emoji transcript, coded by ann with quotes after the emoji.
    static func emojiProject(codings: Bool = true) throws -> URL {
        let root = folder("emoji")
        try Project.initialize(at: root)
        try emoji.write(to: root.appendingPathComponent("Transcripts/comments.txt"), atomically: true, encoding: .utf8)
        guard codings else { return root }
        let doc = try Project(root: root).loadDocument(path: "Transcripts/comments.txt")
        let store = try CodingStore(projectRoot: root, coder: "ann")
        var f = try store.load(document: doc)
        let t = "2026-03-01T10:00:00Z"
        let scalars = Array(doc.text.unicodeScalars)
        func span(_ needle: String) -> QuoteSpan {
            let n = Array(needle.unicodeScalars)
            let i = (0...(scalars.count - n.count)).first { Array(scalars[$0..<$0 + n.count]) == n } ?? 0
            return QuoteSpan(start: i, end: i + n.count)
        }
        for (k, (code, needle)) in [("werkdruk", "never again"), ("welbevinden", "fine 🍕")].enumerated() {
            let seg = doc.segments[k + 1]
            f = f.settingCodes([code], on: seg, at: t).settingSpans([span(needle)], code: CodeID(code), on: seg, at: t)
        }
        f = f.settingCodes(["stroomlijning"], on: doc.segments[0], at: t)
        try store.save(f)
        return root
    }

    @Test func kaderExportWithEmojiWritesUTF16AndReimportsIdentically() throws {
        let root = try Self.emojiProject()
        defer { try? FileManager.default.removeItem(at: root) }
        let url = root.appendingPathComponent("out.qdpx")
        _ = try QDPXExporter.export(project: try Project(root: root), to: url, date: Self.date)
        let reader = try QDPXArchiveReader(url: url)
        let xml = try XMLTree.parse(try reader.data("project.qde"), path: "project.qde")
        #expect(xml["origin"]?.contains("UTF-16") == true)
        let starts = xml.first("Sources")?.first("TextSource")?.all("PlainTextSelection").compactMap {
            $0["startPosition"].flatMap { Int($0) }
        }
        let text = Self.emoji
        let u16 = text.utf16.distance(
            from: text.startIndex, to: try #require(text.range(of: "never again")).lowerBound)
        #expect(starts?.contains(u16) == true)
        for fresh in [true, false] {
            let copy = fresh ? Self.folder("emoji-copy") : try Self.emojiProject(codings: false)
            defer { try? FileManager.default.removeItem(at: copy) }
            let report = try QDPXImporter.importArchive(url, into: copy)
            #expect(report.unmatched.isEmpty && report.outside.isEmpty && report.warnings.isEmpty)
            #expect(report.counting.first?.contains("UTF-16 code units (this Kader export") == true)
            // Code ids may differ in a new project's codebook: compare segments and quotes.
            func shape(_ all: [String: [SegmentCoding]]) -> [String] {
                all.sorted { $0.key < $1.key }.flatMap { key, list in
                    list.map { c in "\(key) \(c.segment) \(c.applied.map { $0.spans.map { "\($0.start)-\($0.end)" } })"
                    }
                }
            }
            #expect(try shape(ExportFixture.codings(copy)) == shape(ExportFixture.codings(root)))
            if !fresh { #expect(try ExportFixture.codings(copy) == ExportFixture.codings(root)) }
        }
    }

    @Test func emptyCodebookExportsNoCodesElement() throws {
        let root = Self.folder("empty-book")
        try Project.initialize(at: root, codebook: .empty)
        defer { try? FileManager.default.removeItem(at: root) }
        try "Ann: Hallo.\n".write(
            to: root.appendingPathComponent("Transcripts/a.txt"), atomically: true, encoding: .utf8)
        let url = root.appendingPathComponent("out.qdpx")
        _ = try QDPXExporter.export(project: try Project(root: root), to: url, date: Self.date)
        let qde = try QDPXArchiveReader(url: url).data("project.qde")
        let text = String(decoding: qde, as: UTF8.self)
        #expect(!text.contains("<Codes") && !text.contains("<CodeBook"))
        // A .qdc needs at least one Code: refused with one sentence, nothing written.
        #expect(throws: ExchangeError.emptyCodebook(name: try Project(root: root).codebook.name)) {
            _ = try CodebookExchange.export(try Project(root: root).codebook, format: .qdc)
        }
    }

    @Test(.enabled(if: canValidate, "needs xmllint (libxml2-utils) and shared/reference/refi-qda"))
    func exportsValidateAgainstTheREFIQDASchemas() throws {
        let empty = Self.folder("xsd-empty")
        try Project.initialize(at: empty, codebook: .empty)
        defer { try? FileManager.default.removeItem(at: empty) }
        let coded = try Self.emojiProject()
        defer { try? FileManager.default.removeItem(at: coded) }
        for root in [empty, coded] {
            let url = root.appendingPathComponent("out.qdpx")
            _ = try QDPXExporter.export(project: try Project(root: root), to: url, date: Self.date)
            let qde = try QDPXArchiveReader(url: url).data("project.qde")
            let verdict = try Self.validate(qde, schema: "Project-mrt2019.xsd")
            #expect(verdict == nil, "\(verdict ?? "")")
        }
        let qdc = try CodebookExchange.export(try Project(root: coded).codebook, format: .qdc)
        let verdict = try Self.validate(qdc, schema: "Codebook-mrt2019.xsd")
        #expect(verdict == nil, "\(verdict ?? "")")
    }

    @Test func noUsableSourceStillLeavesAWorkingProject() throws {
        let dir = Self.folder("no-sources")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let archive = dir.appendingPathComponent("in.qdpx")
        let xml = """
            <Project name="Leeg" origin="NVivo 14" xmlns="urn:QDA-XML:project:1.0"><Sources>
            <TextSource guid="CCCCCCCC-0000-4000-8000-000000000001" name="weg.docx" plainTextPath="internal://nope.txt"/>
            </Sources></Project>
            """
        try QDPXArchiveWriter.write(projectXML: xml, files: [], to: archive)
        let target = dir.appendingPathComponent("project")
        let report = try QDPXImporter.importArchive(archive, into: target)
        #expect(report.skipped.count == 1)
        #expect(report.warnings.contains { $0.contains("no transcript was imported") })
        let project = try Project(root: target)
        #expect(project.transcriptPaths.isEmpty)
    }

    @Test func qcSourcesWithoutNamesTakeTheirFileName() throws {
        #expect(QDAProjectXML.sourceName(nil, plainTextPath: "interviews/alice.txt", guid: "x") == "alice.txt")
        #expect(
            QDAProjectXML.sourceName(
                "3d2f8a8e-1c1b-4f3e-9a51-0c6d8e7f1a2b", plainTextPath: "internal://bob.txt", guid: nil) == "bob.txt")
        #expect(
            QDAProjectXML.sourceName("Interview Carla", plainTextPath: "internal://c.txt", guid: nil)
                == "Interview Carla")
        let g = "3D2F8A8E-1C1B-4F3E-9A51-0C6D8E7F1A2B"
        #expect(QDAProjectXML.sourceName(nil, plainTextPath: "internal://\(g).txt", guid: g) == "\(g).txt")
        let dir = Self.folder("qc")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let archive = dir.appendingPathComponent("in.qdpx")
        let xml = """
            <Project xmlns="urn:QDA-XML:project:1.0" origin="qc 1.6.0" name="qc project"><Sources>
            <TextSource plainTextPath="interviews/alice.txt" guid="\(g)">
            <PlainTextSelection guid="DDDDDDDD-0000-4000-8000-000000000001" name="line:0" startPosition="0" endPosition="12"/>
            </TextSource></Sources></Project>
            """
        try QDPXArchiveWriter.write(
            projectXML: xml, files: [("sources/interviews/alice.txt", Data("Alice: Ja.\n".utf8))], to: archive)
        let report = try QDPXImporter.importArchive(archive, into: dir.appendingPathComponent("p"))
        #expect(report.documentsAdded == ["alice"])
    }
}
