import Foundation
import KaderCore
import Testing

@testable import KaderTUI

/// Selecting a quote with the mouse: press, drag, release over the current segment's text, mapped
/// to scalar offsets through the layout the renderer drew (wide characters, wrapped lines).
@Suite struct DragSelectionTests {
    /// Renders `state` and keeps the layout, as the controller does after each frame.
    static func draw(_ state: inout AppState, width: Int = 80, height: Int = 24) -> Frame {
        let frame = Renderer.render(state, width: width, height: height)
        state.segmentRows = frame.segmentRows
        state.segmentColumns = frame.segmentColumns
        state.textRows = frame.textRows
        return frame
    }

    static func mouse(_ state: inout AppState, _ kind: MouseEvent.Kind, _ row: Int, _ column: Int) -> [Effect] {
        state.handle(key: .mouse(MouseEvent(kind: kind, row: row, column: column)))
    }

    /// The screen row and column of the character at scalar offset `offset` of segment `index`.
    static func cell(_ frame: Frame, segment index: Int, offset: Int) -> (row: Int, column: Int)? {
        for (row, r) in frame.textRows where r.segment == index {
            if let c = r.cells.first(where: { $0.start == offset }) { return (row, c.column) }
        }
        return nil
    }

    @Test func dragOverWordsKeepsThemAsTheQuoteOfTheOnlyCode() throws {
        var state = try Fixtures.codingState()
        _ = state.handle(key: .char("i"))  // werkdruk
        let seg = try #require(state.currentSegment)
        let frame = Self.draw(&state)
        let words = "Elke avond nog"
        let text = seg.text
        let r = try #require(text.range(of: words))
        let from = seg.start + text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: r.lowerBound)
        let to = from + words.unicodeScalars.count
        let a = try #require(Self.cell(frame, segment: state.cursor, offset: from))
        let b = try #require(Self.cell(frame, segment: state.cursor, offset: to - 1))
        #expect(Self.mouse(&state, .press, a.row, a.column).isEmpty)
        _ = Self.mouse(&state, .drag, b.row, b.column)
        #expect(state.drag?.range == from..<to)
        // While dragging, the words show as selected.
        let during = Self.draw(&state)
        #expect(during.screen.rows[a.row][a.column].style == Theme.selected)
        let effects = Self.mouse(&state, .release, b.row, b.column)
        #expect(effects.count == 1)
        #expect(state.coding(forSegment: seg.id)?.applied("werkdruk")?.spans.map { $0.start..<$0.end } == [from..<to])
        #expect(state.drag == nil)
        #expect(state.message?.text.contains("Quote kept for \"Werkdruk\"") == true)
        _ = state.handle(key: .char("u"))
        #expect(state.coding(forSegment: seg.id)?.applied("werkdruk")?.spans.isEmpty == true)
    }

    @Test func aPlainClickOnlyMovesTheCursor() throws {
        var state = try Fixtures.codingState()
        _ = state.handle(key: .char("i"))
        var frame = Self.draw(&state)
        // Only the current segment's text is laid out for selection.
        #expect(Set(frame.textRows.values.map(\.segment)) == [state.cursor])
        // The second text line of segment 3 (its first row is the header).
        let row = try #require(frame.segmentRows.filter { $0.value == 3 }.keys.sorted().dropFirst().first)
        let column = 6
        _ = Self.mouse(&state, .press, row, column)
        #expect(state.cursor == 3)
        #expect(state.drag == nil)  // a press on another segment only selects it
        // The controller draws between events; the screen may have scrolled under the pointer.
        frame = Self.draw(&state)
        #expect(Self.mouse(&state, .release, row, column).isEmpty)
        #expect(state.mode == .normal && state.drag == nil)
        #expect(state.codings?.codings.count == 1)  // only the code applied before
        // Press and release on one character of the current segment: a click, no quote.
        let here = try #require(frame.textRows.first { $0.value.segment == 3 })
        let cell = try #require(here.value.cells.dropFirst(4).first)
        _ = Self.mouse(&state, .press, here.key, cell.column)
        #expect(state.drag != nil)
        #expect(Self.mouse(&state, .release, here.key, cell.column).isEmpty)
        #expect(state.mode == .normal && state.drag == nil && state.codings?.codings.count == 1)
    }

    @Test func severalCodesAskWhichCodeLikeSelectQuote() throws {
        var state = try Fixtures.codingState()
        _ = state.handle(key: .char("i"))
        _ = state.handle(key: .char("2"))
        let seg = try #require(state.currentSegment)
        let frame = Self.draw(&state)
        let a = try #require(Self.cell(frame, segment: state.cursor, offset: seg.start))
        let b = try #require(Self.cell(frame, segment: state.cursor, offset: seg.start + 5))
        _ = Self.mouse(&state, .press, a.row, a.column)
        _ = Self.mouse(&state, .drag, b.row, b.column)
        #expect(Self.mouse(&state, .release, b.row, b.column).isEmpty)
        guard case .picker(let p) = state.mode, case .quote(let span) = p.purpose else {
            Issue.record("the release did not ask which code")
            return
        }
        #expect(span.start == seg.start && span.end == seg.start + 6)
        #expect(Set(p.results) == ["werkdruk", "welbevinden"])
        _ = state.handle(key: .enter)
        #expect(state.coding(forSegment: seg.id)?.hasSpans == true)
    }

    @Test func wideCharactersAndWrappedLinesMapToScalarOffsets() throws {
        DisplayWidth.prepareLocale()
        // 60 wide characters (120 cells) wrap at 80 columns; one combining sequence (2 scalars).
        let body = String(repeating: "漢字", count: 20) + " e\u{301}cole " + String(repeating: "日本", count: 20)
        let text = "Ann: \(body)\n\nBob: kort.\n"
        let doc = try TranscriptLoader().load(data: Data(text.utf8), path: "w.txt", id: "w", format: .plainText)
        var state = AppState(
            projectName: "p", coder: "ann", codebook: Fixtures.codebook,
            documents: [DocumentEntry(path: "w.txt", id: "w")])
        state.document = doc
        state.codings = CodingFile(coder: "ann", document: "w", contentHash: doc.contentHash)
        state.screen = .coding
        state.cursor = 0
        _ = state.handle(key: .char("i"))
        let seg = try #require(state.currentSegment)
        let frame = Self.draw(&state)
        let rows = frame.textRows.filter { $0.value.segment == 0 }.keys.sorted()
        #expect(rows.count >= 2)  // wrapped
        // Press on the right half of the 3rd wide character, release on a character of a later line.
        let first = try #require(frame.textRows[rows[0]]?.cells)
        #expect(first[2].width == 2)
        let last = try #require(frame.textRows[rows[rows.count - 1]]?.cells)
        let end = last[1]
        _ = Self.mouse(&state, .press, rows[0], first[2].column + 1)
        _ = Self.mouse(&state, .drag, rows[rows.count - 1], end.column + 1)
        _ = Self.mouse(&state, .release, rows[rows.count - 1], end.column + 1)
        let span = try #require(state.coding(forSegment: seg.id)?.applied("werkdruk")?.spans.first)
        #expect(span.start == first[2].start && span.end == end.end)
        let quoted = seg.scalarText(from: span.start, to: span.end)
        #expect(quoted.hasPrefix("漢字漢"))
        #expect(quoted.contains("e\u{301}cole"))
        // Dragging below the text clamps to its last character.
        _ = Self.mouse(&state, .press, rows[0], first[0].column)
        _ = Self.mouse(&state, .drag, rows[rows.count - 1] + 1, 0)
        _ = Self.mouse(&state, .release, rows[rows.count - 1] + 1, 0)
        let whole = try #require(state.coding(forSegment: seg.id)?.applied("werkdruk")?.spans.first)
        #expect(whole.start == seg.start && whole.end == last[last.count - 1].end)
    }
}
