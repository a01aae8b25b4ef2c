import Foundation
import KaderCore
import Testing

@testable import KaderTUI

/// The overview screen (`o` on the document list, `O` anywhere): keys, line count, and the
/// controller computing it from a real project with two coders (blind: only one's own codings).
@Suite struct OverviewTests {
    /// An overview of the fixture codebook with hand-made numbers.
    static func sample(coder: String = "ann") -> Overview {
        Overview(
            coder: coder, documents: 2,
            progress: [
                .init(document: "focusgroep-een", coder: "ann", coded: 2, codable: 3, status: .inProgress),
                .init(document: "focusgroep-een", coder: "bart", coded: 3, codable: 3, status: .done),
                .init(document: "interview", coder: "ann", coded: 40, codable: 40, status: .done),
            ],
            frequencies: [
                .init(code: "welbevinden", depth: 0, segments: 5),
                .init(code: "digitalisering", depth: 0, segments: 12),
                .init(code: "werkdruk", depth: 1, segments: 7),
                .init(code: "didactiek", depth: 1, segments: 0),
            ],
            categories: ["welbevinden", "digitalisering"], grid: [[5, 3], [3, 12]])
    }

    @Test func keysOpenTheOverviewOnBothScreensAndLeaveCodeShortcutsAlone() throws {
        var state = try Fixtures.codingState()
        #expect(state.handle(key: .char("O")) == [.loadOverview])
        #expect(state.handle(key: .char("Q")) == [.openQuery(text: "")])
        // `o` belongs to the document list only: on the coding screen it is free for a code.
        #expect(state.handle(key: .char("o")).isEmpty)
        #expect(state.message?.text.contains("No command on key o") == true)
        state.codebook = Codebook(
            name: "T", codes: [Code(id: "contact", name: "Contact", description: "", shortcut: "o")])
        _ = state.handle(key: .char("o"))
        #expect(state.codes(for: state.currentSegment?.id ?? "") == ["contact"])
        state.screen = .documents
        #expect(state.handle(key: .char("o")) == [.loadOverview])
        #expect(state.handle(key: .char("O")) == [.loadOverview])
        #expect(!Keymap().reservedCharacters.contains("o"))
        #expect(Keymap().reservedCharacters.isSuperset(of: ["O", "Q"]))
    }

    @Test func scrollsWithinItsLinesAndClosesWithoutQuitting() throws {
        var state = try Fixtures.codingState()
        state.viewHeight = 5
        let o = Self.sample()
        state.mode = .overview(o)
        func scroll() -> Int? { if case .overview(let o) = state.mode { return o.scroll } else { return nil } }
        _ = state.handle(key: .char("j"))
        #expect(scroll() == 1)
        _ = state.handle(key: .char("k"))
        _ = state.handle(key: .char("k"))
        #expect(scroll() == 0)
        _ = state.handle(key: .char("G"))
        #expect(scroll() == o.lineCount - 5)
        _ = state.handle(key: .pageDown)
        #expect(scroll() == o.lineCount - 5)
        _ = state.handle(key: .char("g"))
        _ = state.handle(key: .pageDown)
        #expect(scroll() == 4)
        _ = state.handle(key: .char("x"))
        #expect(state.message?.text.contains("Esc closes") == true)
        for key in [Key.escape, .char("q"), .char("o"), .char("O")] {
            state.mode = .overview(o)
            #expect(state.handle(key: key).isEmpty)
            #expect(state.mode == .normal)
        }
    }

    @Test func lineCountMatchesTheLinesAtAnyWidth() throws {
        let state = try Fixtures.codingState()
        let empty = Overview(coder: "ann", documents: 0, progress: [], frequencies: [], categories: [], grid: [])
        for o in [Self.sample(), empty] {
            for width in [20, 58, 78, 200] {
                #expect(OverviewView.lines(state, o, width: width).count == o.lineCount)
            }
        }
    }

    @Test func controllerCountsOnlyTheCodersOwnCodingsAndRereadsThem() throws {
        let root = try Fixtures.projectRoot()
        defer { try? FileManager.default.removeItem(at: root) }
        let project = try Project(root: root)
        let doc = try project.loadDocument(path: "Transcripts/focusgroep-een.md")
        let segs = doc.segments.filter(\.codable)
        let plan: [(String, [[String]], CodingStatus)] = [
            ("ann", [["werkdruk", "welbevinden"], ["stroomlijning"], []], .inProgress),
            ("bart", [["veranderingsprocessen"], ["veranderingsprocessen"], ["veranderingsprocessen"]], .done),
        ]
        for (coder, sets, status) in plan {
            let store = try CodingStore(projectRoot: root, coder: coder)
            var f = try store.load(document: doc)
            for (seg, c) in zip(segs, sets) { f = f.settingCodes(c, on: seg, at: "t") }
            f.status = status
            try store.save(f)
        }
        let app = AppController(project: project, store: try CodingStore(projectRoot: root, coder: "ann"))
        app.handle(.char("o"))
        guard case .overview(let o) = app.state.mode else {
            Issue.record("no overview: \(String(describing: app.state.message))")
            return
        }
        #expect(
            o.progress == [
                .init(document: "focusgroep-een", coder: "ann", coded: 2, codable: 3, status: .inProgress),
                .init(document: "focusgroep-een", coder: "bart", coded: 3, codable: 3, status: .done),
            ])
        #expect(o.totals == [.init(coder: "ann", done: 0, coded: 2), .init(coder: "bart", done: 1, coded: 3)])
        #expect(o.codable == 3)
        let counts = Dictionary(uniqueKeysWithValues: o.frequencies.map { ($0.code, $0.segments) })
        #expect(counts["digitalisering"] == 2)
        #expect(counts["werkdruk"] == 1)
        #expect(counts["welbevinden"] == 1)
        // Bart's codings stay hidden (blind coding).
        #expect(counts["veranderingsprocessen"] == 0)
        #expect(o.categories == ["veranderingsprocessen", "welbevinden", "gelijke-onderwijskansen", "digitalisering"])
        #expect(o.grid[1][3] == 1 && o.grid[3][1] == 1)
        #expect(o.grid[3][3] == 2 && o.grid[0][0] == 0)
        let text = app.frame(width: 80, height: 24).text
        #expect(text.contains("Overview — your codings (ann)"))
        #expect(text.contains("2/3"))
        app.handle(.escape)
        #expect(app.state.mode == .normal)

        // Coding more shows on the next opening (the open file from memory), and so does a file
        // another coder changed on disk meanwhile (read again as its size or time changed).
        do {
            let bart = try CodingStore(projectRoot: root, coder: "bart")
            var bartFile = try bart.load(document: doc)
            bartFile.status = .inProgress
            try bart.save(bartFile)
        }
        try app.open(documentNamed: "focusgroep-een")
        app.state.cursor = try #require(doc.segments.firstIndex { $0.id == segs[2].id })
        app.perform(app.state.update(.toggleCode("didactiek")))
        app.handle(.char("O"))
        guard case .overview(let again) = app.state.mode else {
            Issue.record("no overview the second time")
            return
        }
        #expect(again.frequencies.first { $0.code == "digitalisering" }?.segments == 3)
        #expect(again.progress.first?.coded == 3)
        #expect(again.progress.last?.status == .inProgress)
        app.handle(.escape)

        // Bart codes on in his coding screen: the change is in his journal, the file unchanged;
        // the next opening sees it all the same.
        let live = try CodingStore(projectRoot: root, coder: "bart", journal: true)
        var liveFile = try live.load(document: doc)
        let before = try Data(contentsOf: live.fileURL(documentId: doc.id))
        liveFile = liveFile.settingCodes([], on: segs[2], at: "t2")
        try live.save(liveFile)
        #expect(try Data(contentsOf: live.fileURL(documentId: doc.id)) == before, "saved to the journal")
        app.handle(.char("O"))
        guard case .overview(let third) = app.state.mode else {
            Issue.record("no overview the third time")
            return
        }
        #expect(third.progress.last?.coded == 2)
    }
}
