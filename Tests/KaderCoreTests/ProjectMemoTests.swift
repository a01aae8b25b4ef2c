import Foundation
import Testing

@testable import KaderCore

/// Project memos: `Codings/<coder>/project-memo.json`, known to check and status, carried by
/// `kader export memos` and through `.qdpx`.
@Suite struct ProjectMemoTests {
    @Test func storedCanonicallyAndNotACodingsFile() throws {
        let (project, _) = try CodebookEditsTests.project()
        defer { try? FileManager.default.removeItem(at: project.root) }
        let memo = ProjectMemo(
            memo: "Onderzoeksvraag: \"hoe\" verandert het werk?\n\nTweede alinea.", modified: "2026-11-30T09:00:00Z")
        try ProjectMemoFile.save(memo, projectRoot: project.root, coder: "ann")
        let url = ProjectMemoFile.url(projectRoot: project.root, coder: "ann")
        #expect(
            String(decoding: try Data(contentsOf: url), as: UTF8.self)
                == "{\n  \"memo\" : \"Onderzoeksvraag: \\\"hoe\\\" verandert het werk?\\n\\nTweede alinea.\",\n  \"modified\" : \"2026-11-30T09:00:00Z\"\n}\n"
        )
        #expect(try ProjectMemoFile.load(projectRoot: project.root, coder: "ann") == memo)
        #expect(CodingStore.documentIds(projectRoot: project.root, coder: "ann") == ["fg"])
        #expect(ProjectCheck.run(project: project).findings.isEmpty)
        #expect("\(ProjectStatus.gather(project: project))".contains("project-memo") == false)
        // A hand-damaged file is reported by check, naming it.
        try Data(#"{"memo": 3}"#.utf8).write(to: url)
        #expect(ProjectCheck.run(project: project).findings.map(\.path) == ["Codings/ann/project-memo.json"])
        #expect(throws: StoreError.self) { try MemoExport.load(project: project) }
        // An empty memo removes the file.
        try ProjectMemoFile.save(ProjectMemo(memo: ""), projectRoot: project.root, coder: "ann")
        #expect(!FileManager.default.fileExists(atPath: url.path))
    }

    @Test func exportedAsMemosAndThroughQDPX() throws {
        let root = try ExportFixture.make()
        defer { try? FileManager.default.removeItem(at: root) }
        let ann = ProjectMemo(
            memo: "Memo van ann over het hele project.\nTweede regel.", modified: "2026-11-30T09:00:00Z")
        let bob = ProjectMemo(memo: "Bob: eerst de focusgroepen.", modified: "2026-11-30T10:30:00Z")
        try ProjectMemoFile.save(ann, projectRoot: root, coder: "ann")
        try ProjectMemoFile.save(bob, projectRoot: root, coder: "bob")

        let rows = try MemoExport.load(project: try Project(root: root))
        let project = rows.filter { $0.kind == "project" }
        #expect(project.map(\.coder) == ["ann", "bob"] && project.map(\.memo) == [ann.memo, bob.memo])
        #expect(project.map(\.modified) == [ann.modified, bob.modified])
        #expect(rows.prefix(2).allSatisfy { $0.kind == "project" })
        let md = MemoExport.markdown(rows, title: "t")
        #expect(
            md.contains(
                "## Project memos\n\n**ann** on the project, 2026-11-30T09:00:00Z:\n\nMemo van ann over het hele project.\nTweede regel.\n"
            ))
        let only = try MemoExport.load(project: try Project(root: root), coders: ["bob"]).filter {
            $0.kind == "project"
        }
        #expect(only.map(\.coder) == ["bob"])

        let archive = root.appendingPathComponent("out.qdpx")
        _ = try QDPXExporter.export(project: try Project(root: root), to: archive)
        let reader = try QDPXArchiveReader(url: archive, limits: ArchiveLimits())
        let model = try QDAProjectXML.read(try reader.data("project.qde"), path: archive.path)
        #expect(model.noteRefs.count == 2)
        #expect(
            model.noteRefs.compactMap { ref in model.notes.first { $0.guid == ref }?.text } == [ann.memo, bob.memo])
        #expect(model.users.map(\.name).contains("bob"))

        let fresh = FileManager.default.temporaryDirectory.appendingPathComponent(
            "kader-pm-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: fresh) }
        let report = try QDPXImporter.importArchive(archive, into: fresh)
        #expect(report.projectMemos == ["ann", "bob"])
        for coder in ["ann", "bob"] {
            let a = try Data(contentsOf: ProjectMemoFile.url(projectRoot: root, coder: coder))
            let b = try Data(contentsOf: ProjectMemoFile.url(projectRoot: fresh, coder: coder))
            #expect(a == b, "the project memo of \(coder) changed on the round trip")
        }
        // Imported again into a project whose coders have memos: nothing is replaced.
        try ProjectMemoFile.save(ProjectMemo(memo: "Eigen."), projectRoot: fresh, coder: "ann")
        let again = try QDPXImporter.importArchive(archive, into: fresh)
        #expect(again.projectMemos.isEmpty)
        #expect(try ProjectMemoFile.load(projectRoot: fresh, coder: "ann")?.memo == "Eigen.")
    }
}
