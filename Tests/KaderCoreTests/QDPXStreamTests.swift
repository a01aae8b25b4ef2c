import Foundation
import Testing
import ZIPFoundation

@testable import KaderCore

/// The streamed `.qdpx` export (``QDPXExporter/export(project:to:date:)``) against the in-memory
/// export it replaced: the whole project model, ``QDAProjectXML/write(_:)`` and one in-memory
/// zip, on a generated project with many documents, coders, spans, memos and attributes.
@Suite struct QDPXStreamTests {
    static let date = Date(timeIntervalSince1970: 1_780_000_000)

    /// The fixture project plus `extra` generated transcripts (attributes, XML-special and
    /// non-BMP characters, tabs), coded by ann and carl with spans, memos on segments, codes and
    /// documents, code and project memos, and done documents.
    static func project(extra: Int) throws -> URL {
        let root = try ExportFixture.make()
        let t = "2026-03-02T09:30:00Z"
        for n in 0..<extra {
            var text = "---\ntitle: Gesprek \(n) <\"&\">\nschooltype: \(n % 2 == 0 ? "secundair" : "lager")\n"
            text += "leerlingen: \(100 + n * 7)\n---\n\n"
            for k in 0..<(3 + n % 5) {
                text += "\(k % 2 == 0 ? "Interviewer" : "Leerkracht \(n % 3)"): Zin \(k) van gesprek \(n): "
                text += "werk & druk <\(k)> \"quote\" 😀\tmet tab, é en ß.\n\n"
            }
            try text.write(
                to: root.appendingPathComponent("Transcripts/gesprek-\(String(format: "%02d", n)).md"),
                atomically: true, encoding: .utf8)
        }
        let project = try Project(root: root)
        let codes = project.codebook.entries.map(\.code.id)
        for (c, coder) in ["ann", "carl"].enumerated() {
            let store = try CodingStore(projectRoot: root, coder: coder)
            for n in stride(from: c, to: extra, by: 2 + c) {
                let doc = try project.loadDocument(
                    path: "Transcripts/gesprek-\(String(format: "%02d", n)).md")
                var f = try store.load(document: doc)
                for (i, seg) in doc.segments.enumerated() where i % 2 == 1 || n % 3 == 0 {
                    let (first, second) = (codes[(n + i) % codes.count], codes[(n * 3 + i + c) % codes.count])
                    let picked = first == second ? [first] : [first, second]
                    f = f.settingCodes(picked, on: seg, at: t)
                    if seg.end - seg.start > 12 {
                        f = f.settingSpans(
                            [QuoteSpan(start: seg.start + 2, end: seg.start + 9)], code: CodeID(picked[0]), on: seg,
                            at: t)
                    }
                    if i % 3 == 0 { f = f.settingMemo("Memo \(n)/\(i) <&>", on: seg, at: t) }
                    if i % 4 == 1 { f = f.settingCodeMemo("Codememo \(i)", code: CodeID(second), on: seg, at: t) }
                }
                if n % 4 == 0 { f.memo = "Document memo \(n) van \(coder)." }
                if n % 5 == 0 { f = f.settingStatus(.done, document: doc) }
                try store.save(f)
            }
        }
        try CodeMemoFile.save([codes[0]: "Over de code & zo", codes[1]: ""], projectRoot: root, coder: "carl")
        try ProjectMemoFile.save(
            ProjectMemo(memo: "Projectmemo van ann.", modified: t), projectRoot: root, coder: "ann")
        return root
    }

    /// The export before streaming: every document's source and notes kept in the model, the
    /// XML written whole, the zip built in memory and written at once.
    static func inMemoryExport(project: Project, to url: URL, date: Date) throws {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        let coders = CodingStore.coders(projectRoot: project.root).filter {
            !CodingStore.documentIds(projectRoot: project.root, coder: $0).isEmpty
        }
        var builder = QDPXExporter.Builder(
            name: project.root.lastPathComponent, codebook: project.codebook, coders: [], date: f.string(from: date))
        let archive = try Archive(data: Data(), accessMode: .create)
        func add(_ path: String, _ data: Data) throws {
            try archive.addEntry(
                with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: date,
                compressionMethod: .deflate
            ) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        var used: Set<String> = []
        var done: [String: [String]] = [:]
        let table = try AttributesTable.load(projectRoot: project.root)
        var attributes: [QDADocumentAttributes] = []
        try DocumentBatchLoader(project: project).forEach { _, result in
            let doc = try result.get()
            attributes.append(
                QDADocumentAttributes(
                    documentId: doc.id, attributes: table?.resolve(doc) ?? ResolvedAttributes(document: doc)))
            var files: [CodingFile] = []
            for coder in coders {
                let codingURL = CodingStore.fileURL(
                    projectRoot: project.root, coder: CoderName(coder), documentId: DocumentID(doc.id))
                guard FileManager.default.fileExists(atPath: codingURL.path) else { continue }
                let file = try CodingStore.read(projectRoot: project.root, coder: coder, document: doc)
                files.append(file)
                used.insert(coder)
                if file.status == .done { done[coder, default: []].append(doc.id) }
            }
            let (entry, data) = builder.add(doc, codings: files)
            try add(entry, data)
        }
        let memos = CodeMemoFile.loadAll(projectRoot: project.root).memos
        builder.addCodeMemos(memos)
        let projectMemos = ProjectMemoFile.loadAll(projectRoot: project.root).memos
        builder.addProjectMemos(projectMemos)
        builder.setUsers(Array(used.union(memos.keys).union(projectMemos.keys)))
        var model = builder.project
        model.documentAttributes = attributes
        model.notes.append(KaderProjectNote.of(project.codebook, done: done).note(date: builder.date))
        try add("project.qde", Data(QDAProjectXML.write(model).utf8))
        try #require(archive.data).write(to: url)
    }

    func compare(extra: Int) throws {
        let root = try Self.project(extra: extra)
        defer { try? FileManager.default.removeItem(at: root) }
        let streamed = root.appendingPathComponent("streamed.qdpx")
        let whole = root.appendingPathComponent("whole.qdpx")
        let summary = try QDPXExporter.export(project: try Project(root: root), to: streamed, date: Self.date)
        try Self.inMemoryExport(project: try Project(root: root), to: whole, date: Self.date)
        let a = try Data(contentsOf: streamed)
        let b = try Data(contentsOf: whole)
        let qde = { (url: URL) in String(decoding: try QDPXArchiveReader(url: url).data("project.qde"), as: UTF8.self) }
        #expect(try qde(streamed) == qde(whole))
        #expect(a == b, "the archives differ (\(a.count) and \(b.count) bytes)")
        #expect(summary.documents == extra + 2)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: root.path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty, "temporary files left: \(leftovers)")
    }

    @Test func streamedArchiveIsByteIdenticalToTheInMemoryExport() throws {
        try compare(extra: 40)
    }

    @Test func aProjectWithoutTranscriptsIsByteIdenticalToo() throws {
        let root = try ExportFixture.make(codings: false)
        defer { try? FileManager.default.removeItem(at: root) }
        for name in try FileManager.default.contentsOfDirectory(atPath: root.path + "/Transcripts") {
            try FileManager.default.removeItem(atPath: root.path + "/Transcripts/" + name)
        }
        let streamed = root.appendingPathComponent("streamed.qdpx")
        let whole = root.appendingPathComponent("whole.qdpx")
        _ = try QDPXExporter.export(project: try Project(root: root), to: streamed, date: Self.date)
        try Self.inMemoryExport(project: try Project(root: root), to: whole, date: Self.date)
        #expect(try Data(contentsOf: streamed) == Data(contentsOf: whole))
    }

    @Test func aFailedExportLeavesTheTargetAndNoTemporaryFile() throws {
        let root = try Self.project(extra: 3)
        defer { try? FileManager.default.removeItem(at: root) }
        let url = root.appendingPathComponent("out.qdpx")
        try Data("old".utf8).write(to: url)
        // A damaged codings file of a later document fails the export midway.
        let damaged = CodingStore.fileURL(
            projectRoot: root, coder: CoderName("ann"), documentId: DocumentID("gesprek-02"))
        try Data("{ not json".utf8).write(to: damaged)
        #expect(throws: (any Error).self) {
            _ = try QDPXExporter.export(project: try Project(root: root), to: url, date: Self.date)
        }
        #expect(try Data(contentsOf: url) == Data("old".utf8))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: root.path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty, "temporary files left: \(leftovers)")
    }
}
