import KaderCore

/// Renders the whole screen for a state. Pure: the same state and size give the same cells.
public enum Renderer {
    public static let minimumWidth = 60
    public static let minimumHeight = 16

    /// Draws `state` into a `width` × `height` buffer. Also returns the first segment shown,
    /// which the controller stores back into ``AppState/scrollTop``.
    public static func render(_ state: AppState, width: Int, height: Int) -> (screen: ScreenBuffer, scrollTop: Int) {
        var buf = ScreenBuffer(width: width, height: height)
        guard width >= minimumWidth, height >= minimumHeight else {
            drawTooSmall(&buf)
            return (buf, state.scrollTop)
        }
        var top = state.scrollTop
        switch state.screen {
        case .documents: DocumentListView.draw(state, into: &buf)
        case .coding: top = CodingView.draw(state, into: &buf)
        }
        StatusBar.draw(state, into: &buf)
        if state.showHelp { HelpOverlay.draw(state, into: &buf) }
        return (buf, top)
    }

    /// Rows available for the body between the title bar and the two bottom lines.
    public static func bodyHeight(forTerminalHeight h: Int) -> Int { max(1, h - 3) }

    static func drawTooSmall(_ buf: inout ScreenBuffer) {
        let lines = ["Terminal too small", "Kader needs \(minimumWidth)×\(minimumHeight);", "this is \(buf.width)×\(buf.height).", "Enlarge it, or press q to quit."]
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
}
