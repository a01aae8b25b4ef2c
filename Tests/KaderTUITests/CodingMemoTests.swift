import Foundation
import KaderCore
import Testing

@testable import KaderTUI

/// Ctrl-E on the coding screen writes one code's memo on the current segment (the coding memo);
/// Ctrl-P writes the coder's project memo. Same memo editor as `m`; the coding memo is undoable.
@Suite struct CodingMemoTests {
    @Test func oneCodeOpensItsMemoAtOnceAndUndoRemovesIt() throws {
        var state = try Fixtures.codingState()
        let seg = try #require(state.currentSegment)
        _ = state.handle(key: .ctrl("e"))
        #expect(state.mode == .normal)
        #expect(state.message?.text.contains("has no code yet") == true)
        _ = state.handle(key: .char("i"))  // werkdruk
        _ = state.handle(key: .ctrl("e"))
        guard case .memo(let m) = state.mode else {
            Issue.record("Ctrl-E did not open the memo editor")
            return
        }
        #expect(m.target == .coding(segmentId: seg.id, ordinal: seg.ordinal, code: "werkdruk"))
        for c in "avondwerk" { _ = state.handle(key: .char(c)) }
        let effects = state.handle(key: .ctrl("s"))
        #expect(effects.count == 1)
        #expect(state.coding(forSegment: seg.id)?.applied("werkdruk")?.memo == "avondwerk")
        #expect(state.coding(forSegment: seg.id)?.memo == nil)  // not the segment memo
        #expect(state.message?.text.contains("Memo on Werkdruk saved") == true)
        #expect(Renderer.render(state, width: 100, height: 30).screen.text.contains("[Werkdruk ✎]"))
        _ = state.handle(key: .char("u"))
        #expect(state.coding(forSegment: seg.id)?.applied("werkdruk")?.memo == nil)
        #expect(state.codes(for: seg.id) == ["werkdruk"])
    }

    @Test func severalCodesAskWhichThenEscAsksBeforeDiscarding() throws {
        DisplayWidth.prepareLocale()
        var state = try Fixtures.codingState()
        let seg = try #require(state.currentSegment)
        _ = state.handle(key: .char("i"))
        _ = state.handle(key: .char("2"))
        _ = state.handle(key: .ctrl("e"))
        guard case .picker(let p) = state.mode else {
            Issue.record("Ctrl-E with two codes did not ask which code")
            return
        }
        #expect(p.purpose == .codingMemo)
        #expect(Set(p.results) == ["werkdruk", "welbevinden"])  // only the segment's codes
        for c in "welb" { _ = state.handle(key: .char(c)) }
        _ = state.handle(key: .enter)
        guard case .memo(let m) = state.mode else {
            Issue.record("Enter in the picker did not open the memo editor")
            return
        }
        #expect(m.target == .coding(segmentId: seg.id, ordinal: seg.ordinal, code: "welbevinden"))
        _ = state.handle(key: .paste("rust"))
        let screen = Renderer.render(state, width: 100, height: 30).screen
        #expect(screen.text.contains("Memo on Welbevinden on segment #\(seg.ordinal)"))
        _ = state.handle(key: .escape)
        #expect(state.mode != .normal)  // asks first
        _ = state.handle(key: .escape)
        #expect(state.mode == .normal)
        #expect(state.coding(forSegment: seg.id)?.applied("welbevinden")?.memo == nil)
    }

    @Test func projectMemoFromTheDocumentListAndTheCodingScreen() throws {
        var state = try Fixtures.codingState()
        state.screen = .documents
        _ = state.handle(key: .ctrl("p"))
        guard case .memo(let m) = state.mode else {
            Issue.record("Ctrl-P did not open the memo editor")
            return
        }
        #expect(m.target == .project)
        _ = state.handle(key: .paste("analyseplan"))
        #expect(state.handle(key: .ctrl("s")) == [.saveProjectMemo("analyseplan")])
        #expect(state.projectMemo == "analyseplan")
        state.screen = .coding
        _ = state.handle(key: .ctrl("p"))
        guard case .memo(let again) = state.mode else {
            Issue.record("Ctrl-P on the coding screen did not open the memo editor")
            return
        }
        #expect(again.text == "analyseplan")
    }

    @Test func helpListsBothMemoKeys() throws {
        var state = try Fixtures.codingState()
        _ = state.handle(key: .char("?"))
        let text = Renderer.render(state, width: 120, height: 60).screen.text
        #expect(text.contains("Write the memo of one code on this segment"))
        #expect(text.contains("Write your memo on the whole project."))
    }

    @Test func controllerWritesTheProjectMemoFile() throws {
        let root = try Fixtures.projectRoot()
        defer { try? FileManager.default.removeItem(at: root) }
        let project = try Project(root: root)
        do {
            let c = AppController(
                project: project, store: try CodingStore(projectRoot: root, coder: "ann", journal: true))
            c.handle(.ctrl("p"))
            c.handle(.paste("eerst thema's"))
            c.handle(.ctrl("s"))
        }
        #expect(try ProjectMemoFile.load(projectRoot: root, coder: "ann")?.memo == "eerst thema's")
        let again = AppController(
            project: project, store: try CodingStore(projectRoot: root, coder: "ann", journal: true))
        #expect(again.state.projectMemo == "eerst thema's")
    }
}
