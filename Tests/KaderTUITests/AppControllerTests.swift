import Foundation
import KaderCore
import Testing

@testable import KaderTUI

/// The controller against a real project folder: saving, new codes, rename and merge.
@Suite struct AppControllerTests {
    static func project() throws -> URL { try Fixtures.projectRoot() }

    @Test func codingsAreOnDiskWhenTheScreenSaysSaved() throws {
        let root = try Self.project()
        defer { try? FileManager.default.removeItem(at: root) }
        let store = try CodingStore(projectRoot: root, coder: "ann", journal: true)
        let app = AppController(project: try Project(root: root), store: store)
        try app.open(documentNamed: "focusgroep-een")
        app.handle(.char("i"))
        #expect(app.state.saveState == .saved)
        let doc = app.state.document!
        let onDisk = try CodingStore.read(projectRoot: root, coder: "ann", document: doc)
        #expect(onDisk.codes(forSegment: app.state.currentSegment!.id) == ["werkdruk"])
        #expect(app.frame(width: 80, height: 24).text.contains("saved"))
    }

    @Test func newCodeStaysWithItsCoderUntilAdopted() throws {
        let root = try Self.project()
        defer { try? FileManager.default.removeItem(at: root) }
        let codebookURL = root.appendingPathComponent("Codebooks/analysekader.yaml")
        let teamBefore = try Data(contentsOf: codebookURL)
        let app = AppController(
            project: try Project(root: root), store: try CodingStore(projectRoot: root, coder: "ann", journal: true))
        try app.open(documentNamed: "focusgroep-een")
        app.handle(.char("c"))
        for c in "avondwerk" { app.handle(.char(c)) }
        app.handle(.ctrl("n"))
        app.handle(.enter)  // first category in the list
        // The team codebook is untouched; the proposal is in ann's folder and applied.
        #expect(try Data(contentsOf: codebookURL) == teamBefore)
        let proposals = try ProposedCodes.load(projectRoot: root, coder: "ann")
        let entry = try #require(proposals.entries.first { $0.code.name == "avondwerk" })
        #expect(entry.depth == 1)
        #expect(app.state.proposedCodes == [entry.code.id])
        #expect(app.state.codes(for: app.state.currentSegment!.id) == [entry.code.id])
        // Another coder coding blind does not see it.
        let bart = AppController(
            project: try Project(root: root), store: try CodingStore(projectRoot: root, coder: "bart", journal: true))
        #expect(bart.state.codebook.entry(id: entry.code.id) == nil)
        // Meanwhile someone else changes the team codebook on disk: adopting keeps their change.
        var team = try CodebookFile.load(codebookURL)
        team.codes[0].description = "Changed elsewhere."
        try CodebookFile.save(team, to: codebookURL)
        app.handle(.char("c"))
        for c in "avondwerk" { app.handle(.char(c)) }
        app.handle(.ctrl("a"))
        let adopted = try CodebookFile.load(codebookURL)
        #expect(adopted.entry(id: entry.code.id)?.depth == 1)
        #expect(adopted.codes[0].description == "Changed elsewhere.")
        #expect(app.state.proposedCodes.isEmpty)
        #expect(try ProposedCodes.load(projectRoot: root, coder: "ann").entries.isEmpty)
    }

    @Test func newCategoryDialogNamesTheCategoryAfterWhatWasTyped() throws {
        let root = try Self.project()
        defer { try? FileManager.default.removeItem(at: root) }
        let app = AppController(
            project: try Project(root: root), store: try CodingStore(projectRoot: root, coder: "ann", journal: true))
        try app.open(documentNamed: "focusgroep-een")
        app.handle(.char("c"))
        for c in "avondwerk" { app.handle(.char(c)) }
        app.handle(.ctrl("n"))
        for c in "Tijd" { app.handle(.char(c)) }
        app.handle(.ctrl("n"))
        let proposals = try ProposedCodes.load(projectRoot: root, coder: "ann")
        let code = try #require(proposals.entries.first { $0.code.name == "avondwerk" })
        #expect(code.path == ["Tijd", "avondwerk"])
        #expect(app.state.entry(id: code.code.id)?.path == ["Tijd", "avondwerk"])
    }

    @Test func renameAndMergeKeepEveryCodingAndMergeAsksAndUndoes() throws {
        let root = try Self.project()
        defer { try? FileManager.default.removeItem(at: root) }
        let codebookURL = root.appendingPathComponent("Codebooks/analysekader.yaml")
        let app = AppController(
            project: try Project(root: root), store: try CodingStore(projectRoot: root, coder: "ann", journal: true))
        try app.open(documentNamed: "focusgroep-een")
        app.handle(.char("i"))  // werkdruk on segment 2
        app.handle(.char("c"))
        for c in "werkdruk" { app.handle(.char(c)) }
        app.handle(.ctrl("r"))
        app.handle(.ctrl("u"))
        for c in "Werkdruk en planlast" { app.handle(.char(c)) }
        app.handle(.enter)
        #expect(app.state.codebook.entry(id: "werkdruk")?.code.name == "Werkdruk en planlast")
        let renamed = try Data(contentsOf: codebookURL)
        app.handle(.char("c"))
        for c in "planlast" { app.handle(.char(c)) }
        app.handle(.ctrl("g"))
        for c in "didactiek" { app.handle(.char(c)) }
        app.handle(.enter)
        // Not merged yet: it asks; any key but y cancels.
        #expect(app.state.codebook.entry(id: "werkdruk") != nil)
        app.handle(.char("n"))
        #expect(app.state.codebook.entry(id: "werkdruk") != nil)
        #expect(app.state.message?.text == "Not merged.")
        app.handle(.char("c"))
        for c in "planlast" { app.handle(.char(c)) }
        app.handle(.ctrl("g"))
        for c in "didactiek" { app.handle(.char(c)) }
        app.handle(.enter)
        app.handle(.char("y"))
        #expect(app.state.codebook.entry(id: "werkdruk") == nil)
        let doc = app.state.document!
        var onDisk = try CodingStore.read(projectRoot: root, coder: "ann", document: doc)
        #expect(onDisk.codes(forSegment: doc.segments[1].id) == ["didactiek"])
        #expect(app.state.codes(for: doc.segments[1].id) == ["didactiek"])
        // u undoes the merge: codebook and codings as before.
        app.handle(.char("u"))
        #expect(try Data(contentsOf: codebookURL) == renamed)
        onDisk = try CodingStore.read(projectRoot: root, coder: "ann", document: doc)
        #expect(onDisk.codes(forSegment: doc.segments[1].id) == ["werkdruk"])
        #expect(app.state.codes(for: doc.segments[1].id) == ["werkdruk"])
        #expect(app.state.codebook.entry(id: "werkdruk") != nil)
    }
}

@Suite struct FailedSaveTests {
    @Test func aFailedSaveIsRolledBackWithItsHistory() throws {
        let root = try AppControllerTests.project()
        defer { try? FileManager.default.removeItem(at: root) }
        let app = AppController(
            project: try Project(root: root), store: try CodingStore(projectRoot: root, coder: "ann", journal: true))
        try app.open(documentNamed: "focusgroep-een")
        app.handle(.char("i"))
        #expect(app.state.undoStack.count == 1)
        // A folder where the codings file should be makes the next save fail.
        let file = root.appendingPathComponent("Codings/ann/focusgroep-een.json")
        try FileManager.default.removeItem(at: file)
        try FileManager.default.createDirectory(at: file, withIntermediateDirectories: false)
        app.handle(.char("e"))
        #expect(app.state.saveState == .failed)
        #expect(app.state.codes(for: app.state.currentSegment!.id) == ["werkdruk"])
        #expect(app.state.undoStack.count == 1)
        #expect(app.state.message?.isError == true)
    }
}

@Suite struct QuitAfterFailedSaveTests {
    @Test func quitAsksOnceWhenTheLastSaveFailed() throws {
        var state = try Fixtures.codingState()
        state.saveState = .failed
        state.lastSaveError = "disk full"
        #expect(state.handle(key: .char("q")).isEmpty)
        #expect(state.message?.text.contains("NOT saved (disk full)") == true)
        #expect(state.mode == .normal)
        #expect(state.handle(key: .char("q")) == [.quit])
        var again = try Fixtures.codingState()
        again.saveState = .failed
        _ = again.handle(key: .char("q"))
        _ = again.handle(key: .char("j"))
        #expect(again.handle(key: .char("q")).isEmpty, "a key in between cancels the confirmation")
    }
}
