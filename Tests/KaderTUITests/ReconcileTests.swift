import Foundation
import KaderCore
import Testing

@testable import KaderTUI

/// `kader reconcile`: state transitions, the rendered screen, and the controller writing only
/// the consensus coder.
@Suite struct ReconcileTests {
    static func state() throws -> ReconcileState {
        let doc = try Fixtures.document()
        let segs = doc.segments.filter(\.codable)
        let items = [
            ReconcileItem(
                documentId: doc.id, documentTitle: doc.title, segment: segs[0], first: ["werkdruk", "welbevinden"],
                second: ["werkdruk"]),
            ReconcileItem(
                documentId: doc.id, documentTitle: doc.title, segment: segs[1], first: ["didactiek"],
                second: ["werkdruk"]),
            ReconcileItem(
                documentId: doc.id, documentTitle: doc.title, segment: segs[2], first: [], second: ["welbevinden"]),
        ]
        return ReconcileState(
            firstCoder: "ann", secondCoder: "bart", consensusCoder: "consensus", codebook: Fixtures.codebook,
            items: items)
    }

    @Test func acceptUnionIntersectionEditAndMemo() throws {
        var s = try Self.state()
        #expect(s.handle(key: .char("b")) == [.save(item: 0, Resolution(codes: ["werkdruk"]))])
        #expect(s.cursor == 1)  // moves on to the next open one
        #expect(s.handle(key: .char("u")) == [.save(item: 1, Resolution(codes: ["didactiek", "werkdruk"]))])
        _ = s.handle(key: .char("k"))
        // "no code applies" is a resolution
        #expect(s.handle(key: .char("i")) == [.save(item: 1, Resolution(codes: []))])
        #expect(s.resolutions[1] == Resolution(codes: []))
        #expect(s.cursor == 2)
        _ = s.handle(key: .char("k"))
        // Edit: starts from the current consensus, shortcuts toggle, Enter saves.
        _ = s.handle(key: .char("e"))
        _ = s.handle(key: .char("e"))  // shortcut of didactiek
        _ = s.handle(key: .char("2"))  // welbevinden
        _ = s.handle(key: .char("2"))  // and off again
        #expect(s.mode == .edit(working: ["didactiek"]))
        #expect(s.handle(key: .enter) == [.save(item: 1, Resolution(codes: ["didactiek"]))])
        // Memo on an open item waits for the resolution, then is saved with it.
        #expect(s.cursor == 2)
        _ = s.handle(key: .char("m"))
        for c in "twijfel" { _ = s.handle(key: .char(c)) }
        _ = s.handle(key: .backspace)
        #expect(s.handle(key: .enter).isEmpty)
        #expect(s.pendingMemos[2] == "twijfe")
        #expect(s.handle(key: .char("a")) == [.save(item: 2, Resolution(codes: [], memo: "twijfe"))])
        #expect(s.resolvedCount == 3)
        #expect(s.message?.contains("All 3 disagreements are resolved") == true)
        // Esc leaves edit mode without saving.
        _ = s.handle(key: .char("e"))
        _ = s.handle(key: .char("4"))
        #expect(s.handle(key: .escape).isEmpty)
        #expect(s.mode == .browse && s.resolutions[2] == Resolution(codes: [], memo: "twijfe"))
        #expect(s.handle(key: .char("q")) == [.quit])
    }

    @Test func reopeningStartsAtTheFirstOpenItem() throws {
        var s = try Self.state()
        s = ReconcileState(
            firstCoder: "ann", secondCoder: "bart", consensusCoder: "consensus", codebook: Fixtures.codebook,
            items: s.items, resolutions: [0: Resolution(codes: ["werkdruk"])])
        #expect(s.cursor == 1)
        _ = s.handle(key: .char("n"))
        #expect(s.cursor == 2)
    }

    @Test func screen100x30() throws {
        var s = try Self.state()
        _ = s.handle(key: .char("m"))
        for c in "te bespreken" { _ = s.handle(key: .char(c)) }
        _ = s.handle(key: .enter)
        let screen = ReconcileView.render(s, width: 100, height: 30)
        try SnapshotTests().assertSnapshot(screen, "reconcile-100x30")
        #expect(screen.text.contains("A · ann"))
        #expect(screen.text.contains("* [2] Welbevinden"))
        #expect(
            screen.lines[29].contains("consensus │ focusgroep-een │ 1/3 │ 0 of 3 resolved │ memo not saved │ RECONCILE")
        )
        var editing = s
        _ = editing.handle(key: .char("e"))
        let edit = ReconcileView.render(editing, width: 100, height: 30)
        try SnapshotTests().assertSnapshot(edit, "reconcile-edit-100x30")
        #expect(edit.text.contains("[x] i  Werkdruk"))
    }

    @Test func helpIsGeneratedFromTheKeymap() throws {
        var s = try Self.state()
        _ = s.handle(key: .char("?"))
        let screen = ReconcileView.render(s, width: 100, height: 40)
        for help in Set(ReconcileKeymap.defaultBindings.map(\.help)) {
            #expect(screen.text.contains(help), "help misses: \(help)")
        }
    }

    @Test func controllerWritesOnlyTheConsensusAndKeepsProgress() throws {
        let root = try Fixtures.projectRoot()
        defer { try? FileManager.default.removeItem(at: root) }
        let project = try Project(root: root)
        let doc = try project.loadDocument(path: "Transcripts/focusgroep-een.md")
        let segs = doc.segments.filter(\.codable)
        for (coder, sets) in [("ann", [["x"], ["y"], ["z"]]), ("bart", [["x"], ["x", "y"], []])] {
            let store = try CodingStore(projectRoot: root, coder: coder)
            var f = try store.load(document: doc)
            for (seg, c) in zip(segs, sets) { f = f.settingCodes(c, on: seg, at: "t") }
            f.status = .done
            try store.save(f)
        }
        let originals = try ["ann", "bart"].map {
            try Data(contentsOf: CodingStore.fileURL(projectRoot: root, coder: $0, documentId: DocumentID(doc.id)))
        }
        do {
            let store = try CodingStore(projectRoot: root, coder: "consensus")
            let c = try ReconcileController(
                project: project, first: "ann", second: "bart", store: store, time: { "2026-01-01T00:00:00Z" })
            #expect(c.state.items.map(\.segment.ordinal) == [3, 4])
            c.handle(.char("u"))  // segment 3: x, y
        }
        var file = try CodingStore.read(projectRoot: root, coder: "consensus", document: doc)
        #expect(file.codes(forSegment: segs[0].id) == ["x"])  // agreed segment copied
        #expect(file.codes(forSegment: segs[1].id) == ["x", "y"])
        #expect(file.coding(forSegment: segs[2].id) == nil)
        #expect(file.status == .inProgress)
        let store = try CodingStore(projectRoot: root, coder: "consensus")
        let c = try ReconcileController(project: project, first: "ann", second: "bart", store: store)
        #expect(c.state.resolvedCount == 1 && c.state.cursor == 1)  // progress kept
        c.handle(.char("b"))  // segment 4: no code
        file = try CodingStore.read(projectRoot: root, coder: "consensus", document: doc)
        #expect(file.coding(forSegment: segs[2].id)?.codes == [])
        #expect(file.status == .done)
        let after = try ["ann", "bart"].map {
            try Data(contentsOf: CodingStore.fileURL(projectRoot: root, coder: $0, documentId: DocumentID(doc.id)))
        }
        #expect(after == originals)
    }
}
