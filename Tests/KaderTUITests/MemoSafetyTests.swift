import Foundation
import KaderCore
import Testing

@testable import KaderTUI

/// Defect 3 of issue 15: memos wrap, Esc with unsaved text asks, Ctrl-S saves everywhere.
@Suite struct MemoSafetyTests {
    @Test func escWithTypedTextAsksThenDiscards() throws {
        var state = try Fixtures.codingState()
        _ = state.handle(key: .char("m"))
        for c in "belangrijk" { _ = state.handle(key: .char(c)) }
        _ = state.handle(key: .escape)
        guard case .memo(let m) = state.mode else {
            Issue.record("the first Esc closed the memo editor")
            return
        }
        #expect(m.text == "belangrijk")
        #expect(state.message?.text.contains("Esc again throws it away") == true)
        _ = state.handle(key: .char("!"))  // any other key goes on editing
        _ = state.handle(key: .escape)
        #expect(state.mode != .normal)
        _ = state.handle(key: .escape)
        #expect(state.mode == .normal)
        #expect(state.codings?.codings.isEmpty == true)
    }

    @Test func escOnAnUnchangedMemoClosesAtOnceAndCtrlSSaves() throws {
        var state = try Fixtures.codingState()
        _ = state.handle(key: .char("m"))
        _ = state.handle(key: .escape)
        #expect(state.mode == .normal)
        _ = state.handle(key: .char("m"))
        _ = state.handle(key: .paste("twee\nregels"))
        let effects = state.handle(key: .ctrl("s"))
        #expect(effects.count == 1)
        #expect(state.coding(forSegment: state.currentSegment!.id)?.memo == "twee\nregels")
    }

    @Test func endKeyInTheMemoEditorMovesTheCursorAndKeepsTheText() throws {
        var state = try Fixtures.codingState()
        _ = state.handle(key: .char("m"))
        for c in "abc" { _ = state.handle(key: .char(c)) }
        _ = state.handle(key: .home)
        _ = state.handle(key: .end)
        _ = state.handle(key: .char("d"))
        guard case .memo(let m) = state.mode else {
            Issue.record("End closed the memo editor")
            return
        }
        #expect(m.text == "abcd")
    }

    @Test func memoEditorWrapsLongLines() throws {
        DisplayWidth.prepareLocale()
        var state = try Fixtures.codingState()
        _ = state.handle(key: .char("m"))
        let long =
            "de werkdruk was enorm en elke avond kwamen er nog berichten binnen op het platform van de school zodat niemand nog rust had"
        _ = state.handle(key: .paste(long))
        let screen = Renderer.render(state, width: 80, height: 24).screen
        let text = screen.rows.map { String($0.map(\.character)) }.joined(separator: "\n")
        #expect(text.contains("niemand nog rust"))  // the end of the line is on screen
        #expect(text.contains("de werkdruk was enorm"))
        guard case .memo(let m) = state.mode else { return }
        let rows = m.visualRows(width: 76)
        #expect(rows.count == 2)
        #expect(rows.map { String(m.lines[0][$0.range]) }.joined() == long)
        #expect(m.cursorPosition(width: 76).row == 1)
    }

    @Test func reconcileMemoEscAsksAndQuitWithAPendingMemoAsks() throws {
        var s = try ReconcileTests.state()
        _ = s.handle(key: .char("m"))
        for c in "twijfel" { _ = s.handle(key: .char(c)) }
        #expect(s.handle(key: .escape).isEmpty)
        #expect(s.mode == .memo(text: "twijfel"))
        #expect(s.message?.contains("Esc again") == true)
        #expect(s.handle(key: .ctrl("s")).isEmpty)  // saved as pending (item open)
        #expect(s.pendingMemos[0] == "twijfel")
        #expect(s.handle(key: .char("q")).isEmpty)
        #expect(!s.quitRequested)
        #expect(s.message?.contains("NOT saved") == true)
        let frame = ReconcileView.render(s, width: 100, height: 30)
        let status = String(frame.rows[29].map(\.character))
        #expect(status.contains("memo not saved"))
        #expect(s.handle(key: .char("q")) == [.quit])
    }
}
