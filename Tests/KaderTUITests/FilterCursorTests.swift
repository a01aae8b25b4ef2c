import Foundation
import KaderCore
import Testing

@testable import KaderTUI

/// Defect 1 of issue 15: with a filter on, every key acts on the segment the screen highlights.
@Suite struct FilterCursorTests {
    @Test func codeKeyUnderUncodedFilterMovesToTheHighlightedSegment() throws {
        var state = try Fixtures.codingState()
        let segs = state.document!.segments
        for key: Key in [.char("f"), .char("u"), .enter] { _ = state.handle(key: key) }
        #expect(state.filter.uncodedOnly)
        #expect(state.cursor == 1)
        _ = state.handle(key: .char("i"))  // codes #2; the filter hides it
        #expect(state.codes(for: segs[1].id) == ["werkdruk"])
        #expect(state.cursor == 2)  // the highlighted segment
        let frame = Renderer.render(state, width: 100, height: 30).screen
        let highlighted = frame.rows.firstIndex { $0.first?.character == "▌" }
        #expect(highlighted != nil)
        _ = state.handle(key: .char("e"))  // must code #3, not the hidden #2
        #expect(state.codes(for: segs[1].id) == ["werkdruk"])
        #expect(state.codes(for: segs[2].id) == ["didactiek"])
        #expect(state.cursor == 3)
    }

    @Test func codedByMeFilterRemovingTheLastCodeMovesOn() throws {
        var state = try Fixtures.codingState()
        let segs = state.document!.segments
        _ = state.handle(key: .char("i"))  // #2
        _ = state.handle(key: .char("j"))
        _ = state.handle(key: .char("e"))  // #3
        for key: Key in [.char("f"), .char("m"), .enter] { _ = state.handle(key: key) }
        #expect(state.cursor == 2)
        _ = state.handle(key: .char("e"))  // uncodes #3: hidden now
        #expect(state.codes(for: segs[2].id).isEmpty)
        #expect(state.cursor == 1)  // the only visible segment left
        _ = state.handle(key: .char("i"))  // acts on #2, which is shown
        #expect(state.codes(for: segs[1].id).isEmpty)
        #expect(state.codes(for: segs[2].id).isEmpty)
    }

    @Test func undoOnAHiddenSegmentSaysSo() throws {
        var state = try Fixtures.codingState()
        let segs = state.document!.segments
        _ = state.handle(key: .char("i"))  // codes #2 (Anaïs)
        state.filter.speaker = "王芳"
        _ = state.handle(key: .char("j"))
        #expect(state.cursor == 2)
        _ = state.handle(key: .char("u"))
        #expect(state.codes(for: segs[1].id).isEmpty)
        #expect(state.cursor == 2)
        #expect(state.message?.text == "Undone on segment #2, which the filter hides (F shows all segments).")
    }

    @Test func undoMovesToTheSegmentItChanged() throws {
        var state = try Fixtures.codingState()
        let segs = state.document!.segments
        _ = state.handle(key: .char("i"))
        _ = state.handle(key: .char("j"))
        _ = state.handle(key: .char("j"))
        #expect(state.cursor == 3)
        _ = state.handle(key: .char("u"))
        #expect(state.codes(for: segs[1].id).isEmpty)
        #expect(state.cursor == 1)
        #expect(state.message?.text == "Undone on segment #2.")
    }
}
