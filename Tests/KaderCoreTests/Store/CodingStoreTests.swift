import Foundation
import Testing

@testable import KaderCore

@Suite struct CodingStoreTests {
    static func tempProject() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("kader-store-\(UUID().uuidString)")
        try Project.initialize(at: root)
        return root
    }

    static func document() throws -> Document {
        try TranscriptLoader().load(
            data: Data(TranscriptLoaderTests.focusGroup.utf8), path: "fg.md", id: "fg", format: .markdown)
    }

    @Test func savedCodingsReloadAndNameCoderDocumentSegmentsAndCodes() throws {
        let root = try Self.tempProject()
        defer { try? FileManager.default.removeItem(at: root) }
        let doc = try Self.document()
        do {
            let store = try CodingStore(projectRoot: root, coder: "ann")
            var file = try store.load(document: doc)
            file = file.toggling(code: "werkdruk", on: doc.segments[1], at: "2026-11-29T10:00:00Z")
            file = file.toggling(code: "didactiek", on: doc.segments[3], at: "2026-11-29T10:00:01Z")
            file = file.toggling(code: "digitale-kloof", on: doc.segments[1], at: "2026-11-29T10:00:02Z")
            try store.save(file)
        }
        let reopened = try CodingStore(projectRoot: root, coder: "ann")
        let file = try reopened.load(document: doc)
        #expect(file.codes(forSegment: doc.segments[1].id) == ["digitale-kloof", "werkdruk"])
        #expect(file.codes(forSegment: doc.segments[3].id) == ["didactiek"])
        #expect(file.status == .inProgress)
        let json = try String(contentsOf: root.appendingPathComponent("Codings/ann/fg.json"), encoding: .utf8)
        #expect(json.contains("\"coder\" : \"ann\""))
        #expect(json.contains("\"document\" : \"fg\""))
        #expect(json.contains("\"segment\" : \"\(doc.segments[1].id)\""))
        #expect(json.contains("\"schema\" : 2"))
    }

    @Test func encodingIsCanonical() throws {
        let doc = try Self.document()
        var a = CodingFile(coder: "ann", document: "fg", contentHash: doc.contentHash)
        a = a.toggling(code: "x", on: doc.segments[3], at: "t").toggling(code: "y", on: doc.segments[1], at: "t")
        var b = CodingFile(coder: "ann", document: "fg", contentHash: doc.contentHash)
        b = b.toggling(code: "y", on: doc.segments[1], at: "t").toggling(code: "x", on: doc.segments[3], at: "t")
        let ea = try a.encoded()
        let eb = try b.encoded()
        #expect(ea == eb)
        #expect(a.codings.map(\.ordinal) == [2, 4])
    }

    @Test func damagedFileIsReportedWithPositionAndNeverTouched() throws {
        let root = try Self.tempProject()
        defer { try? FileManager.default.removeItem(at: root) }
        let doc = try Self.document()
        let url = CodingStore.fileURL(projectRoot: root, coder: "ann", documentId: "fg")
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let broken = Data("{\n  \"schema\" : 1,\n  \"coder\" : \"ann\",,\n}\n".utf8)
        try broken.write(to: url)
        let store = try CodingStore(projectRoot: root, coder: "ann")
        do {
            _ = try store.load(document: doc)
            Issue.record("a damaged file loaded")
        } catch let StoreError.damaged(path, line, _, _) {
            #expect(path == url.path)
            #expect(line == 3)
        }
        #expect(try Data(contentsOf: url) == broken)
    }

    @Test func unknownSchemaIsRefused() throws {
        #expect(throws: StoreError.unknownSchema(path: "f.json", version: 9)) {
            try CodingFile.decode(Data("{\"schema\": 9}".utf8), path: "f.json")
        }
    }

    @Test func secondWriterForTheSameCoderIsRefusedOthersAreNot() throws {
        let root = try Self.tempProject()
        defer { try? FileManager.default.removeItem(at: root) }
        let first = try CodingStore(projectRoot: root, coder: "ann")
        // flock locks belong to the open file description, so a second open in this process conflicts too.
        #expect(throws: StoreError.self) { try CodingStore(projectRoot: root, coder: "ann") }
        _ = try CodingStore(projectRoot: root, coder: "bart")
        let readOnly = try CodingStore(projectRoot: root, coder: "ann", readOnly: true)
        #expect(readOnly.readOnly)
        _ = first
    }

    @Test func unsafeCoderNamesAreRefused() {
        for bad in ["", "../x", "a/b", ".hidden", "-x", "naïve", String(repeating: "a", count: 65)] {
            #expect(throws: StoreError.unsafeCoderName(bad)) { try CoderName.validated(bad) }
        }
        #expect((try? CoderName.validated("ann.b_c-1")) == "ann.b_c-1")
        #expect((try? CoderName.resolve(explicit: nil, environment: ["KADER_CODER": "eva", "USER": "root"])) == "eva")
        #expect((try? CoderName.resolve(explicit: nil, environment: ["USER": "root"])) == "root")
    }
}

@Suite struct TimestampTests {
    @Test func formatsLikeISO8601DateFormatter() {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        for seconds in [0.0, 1_795_000_000.7, 951_782_400, 1_234_567_890] {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(Timestamp.string(from: date) == f.string(from: date))
        }
    }
}
