import KaderCore

/// One rendered frame and the layout facts the controller keeps.
public struct Frame: Sendable {
    public var screen: ScreenBuffer
    /// First segment shown (stored back into ``AppState/scrollTop``).
    public var scrollTop: Int
    /// Screen row → segment index, for mouse clicks.
    public var segmentRows: [Int: Int]
    /// Lines of the current segment hidden below the screen.
    public var segmentOverflow = 0
    /// Columns of the segment list (a click elsewhere, in the codebook panel, moves no cursor).
    public var segmentColumns: Range<Int> = 0..<0
    /// Screen row → the segment text cells drawn on it (mouse selection of a quote).
    public var textRows: [Int: TextRow] = [:]
}

/// Renders the whole screen for a state. Pure: the same state and size give the same cells.
public enum Renderer {
    public static let minimumWidth = 60
    public static let minimumHeight = 16

    /// Draws `state` into a `width` × `height` frame.
    public static func render(_ state: AppState, width: Int, height: Int) -> Frame {
        var buf = ScreenBuffer(width: width, height: height)
        guard width >= minimumWidth, height >= minimumHeight else {
            drawTooSmall(&buf)
            return Frame(screen: buf, scrollTop: state.scrollTop, segmentRows: [:])
        }
        var layout = SegmentListView.Layout(first: state.scrollTop, rows: [:], overflow: 0)
        var columns = 0..<0
        switch (state.screen, state.mode) {
        case (_, .retrieval(let r)): RetrievalView.draw(state, r, into: &buf)
        case (_, _) where CorpusHitsView.isShowing(state): CorpusHitsView.draw(state, into: &buf)
        case (_, .overview(let o)): OverviewView.draw(state, o, into: &buf)
        case (_, .queryResults(let r)): QueryView.drawResults(state, r, into: &buf)
        case (.documents, _): DocumentListView.draw(state, into: &buf)
        case (.coding, _):
            layout = CodingView.draw(state, into: &buf)
            columns = CodingView.listColumns(width: width)
        }
        StatusBar.draw(state, into: &buf)
        switch state.mode {
        case .picker(let p): PickerView.draw(state, p, into: &buf)
        case .memo(let m): MemoView.draw(state, m, into: &buf)
        case .filterMenu: FilterMenuView.draw(state, into: &buf)
        case .queryPrompt(let p): QueryView.drawPrompt(state, p, into: &buf)
        default: break
        }
        if state.showHelp { HelpOverlay.draw(state, into: &buf) }
        return Frame(
            screen: buf, scrollTop: layout.first, segmentRows: layout.rows, segmentOverflow: layout.overflow,
            segmentColumns: columns, textRows: layout.textRows)
    }

    /// Rows available for the body between the title bar and the two bottom lines.
    public static func bodyHeight(forTerminalHeight h: Int) -> Int { max(1, h - 3) }

    static func drawTooSmall(_ buf: inout ScreenBuffer) {
        let lines = [
            "Terminal too small", "Kader needs \(minimumWidth)×\(minimumHeight);",
            "this is \(buf.width)×\(buf.height).", "Enlarge it, or press q to quit.",
        ]
        let startRow = max(0, buf.height / 2 - 2)
        for (i, line) in lines.enumerated() {
            let col = max(0, (buf.width - DisplayWidth.of(line)) / 2)
            buf.put(line, row: startRow + i, column: col, style: i == 0 ? Theme.heading : .plain)
        }
    }

    /// Draws a full-width bar with `text` on `row`.
    static func bar(_ text: String, row: Int, style: CellStyle, into buf: inout ScreenBuffer) {
        buf.fill(row: row, style: style)
        buf.put(text, row: row, column: 0, style: style)
    }

    /// A full-width bar whose `right` part is always shown whole at the right edge (the mode,
    /// the filter); `text` is cut with `…` before it when the row is too narrow.
    static func bar(_ text: String, right: String, row: Int, style: CellStyle, into buf: inout ScreenBuffer) {
        buf.fill(row: row, style: style)
        let rightWidth = min(DisplayWidth.of(right), buf.width)
        let gap = " │ "
        if DisplayWidth.of(text) + 3 + rightWidth <= buf.width {
            buf.put(text + gap + right, row: row, column: 0, style: style)
        } else {
            buf.put(text, row: row, column: 0, maxWidth: max(0, buf.width - rightWidth - 1), style: style)
            buf.put(right, row: row, column: buf.width - rightWidth, style: style)
        }
    }

    /// Draws an empty framed box and returns its inner rectangle (top, left, width, height).
    static func box(_ title: String, width: Int, height: Int, into buf: inout ScreenBuffer) -> (
        top: Int, left: Int, width: Int, height: Int
    ) {
        let w = min(width, buf.width - 2)
        let h = min(height, buf.height - 2)
        let left = (buf.width - w) / 2
        let top = max(1, (buf.height - h) / 2)
        for r in top..<(top + h) { buf.fill(row: r, column: left, count: w, style: .plain) }
        buf.put("┌" + String(repeating: "─", count: w - 2) + "┐", row: top, column: left, style: Theme.heading)
        buf.put(" \(title) ", row: top, column: left + 2, maxWidth: w - 4, style: Theme.heading)
        buf.put("└" + String(repeating: "─", count: w - 2) + "┘", row: top + h - 1, column: left, style: Theme.heading)
        for r in (top + 1)..<(top + h - 1) {
            buf.put("│", row: r, column: left, style: Theme.heading)
            buf.put("│", row: r, column: left + w - 1, style: Theme.heading)
        }
        return (top + 1, left + 2, w - 4, h - 2)
    }
}
