import Foundation
import KaderCore
import Testing

@testable import KaderTUI

/// A large project shows its document list at once and fills in each coder's status and counts
/// between keys, saying so on the status line.
@Suite struct DocumentListFillTests {
    /// A project with `count` copies of the fixture transcript; coder ann coded the second
    /// segment of every third one and marked the first one done.
    static func project(count: Int) throws -> (URL, Project) {
        let root = try Fixtures.projectRoot()
        try FileManager.default.removeItem(at: root.appendingPathComponent("Transcripts/focusgroep-een.md"))
        for i in 0..<count {
            try Fixtures.transcript.write(
                to: root.appendingPathComponent("Transcripts/groep-\(1000 + i).md"), atomically: true, encoding: .utf8)
        }
        let project = try Project(root: root)
        let store = try CodingStore(projectRoot: root, coder: "ann")
        for (i, path) in project.transcriptPaths.enumerated() where i % 3 == 0 {
            let doc = try project.loadDocument(path: path)
            var file = try store.load(document: doc).toggling(code: "werkdruk", on: doc.segments[1], at: "t")
            if i == 0 { file.status = .done }
            try store.save(file)
        }
        return (root, project)
    }

    @Test func theListShowsAtOnceAndFillsInBetweenKeys() throws {
        let (root, project) = try Self.project(count: 30)
        defer { try? FileManager.default.removeItem(at: root) }
        let app = AppController(
            project: project, store: try CodingStore(projectRoot: root, coder: "ann"), listBudget: 0)
        // A budget of 0 reads one file: the rest is pending and shown as such.
        #expect(app.state.documents.filter(\.pending).count == 29)
        let first = app.frame(width: 100, height: 30).text
        #expect(first.contains("Reading your codings… 1 of 30 documents"))
        #expect(first.contains("…"))
        #expect(app.state.documents[0].status == .done)

        let terminal = BusyLineTests.RecordingTerminal([.char("q")])
        app.run(on: terminal)
        #expect(app.state.documents.allSatisfy { !$0.pending })
        for (i, entry) in app.state.documents.enumerated() {
            #expect(entry.coded == (i % 3 == 0 ? 1 : nil), "\(entry.id)")
            #expect(entry.status == (i == 0 ? .done : i % 3 == 0 ? .inProgress : .notStarted), "\(entry.id)")
        }
        #expect(terminal.frames.last?.contains("Reading your codings") == false, "the line goes when done")
    }

    @Test func aSmallProjectIsFilledBeforeTheFirstFrame() throws {
        let (root, project) = try Self.project(count: 3)
        defer { try? FileManager.default.removeItem(at: root) }
        let app = AppController(project: project, store: try CodingStore(projectRoot: root, coder: "ann"))
        #expect(app.state.documents.allSatisfy { !$0.pending })
        #expect(!app.frame(width: 100, height: 30).text.contains("Reading your codings"))
    }
}
