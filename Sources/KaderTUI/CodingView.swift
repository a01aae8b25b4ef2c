import KaderCore

/// The coding screen: title bar, the document list on wide terminals, the segments, and the
/// codebook panel.
enum CodingView {
    /// Width of the codebook panel for a terminal `width` cells wide.
    static func panelWidth(_ width: Int) -> Int {
        width >= 160 ? 56 : width >= 120 ? 40 : (width >= 100 ? 36 : (width >= 90 ? 32 : 28))
    }

    /// The columns of the segment list for a terminal `width` cells wide (a document pane of 28
    /// cells and a separator on the left from 150 columns).
    static func listColumns(width: Int) -> Range<Int> {
        let left = width >= 150 ? 29 : 0
        return left..<(width - panelWidth(width) - 1)
    }

    /// Draws the screen; returns the first segment shown and the row → segment map.
    static func draw(_ state: AppState, into buf: inout ScreenBuffer) -> SegmentListView.Layout {
        guard let doc = state.document else { return SegmentListView.Layout(first: 0, rows: [:], overflow: 0) }
        var title = " Kader · \(doc.title)"
        if let type = doc.metadata.type { title += " · \(type)" }
        if let site = doc.metadata.site { title += " · \(site)" }
        var right: [String] = []
        if state.filter.isActive { right.append("[filter: \(state.filter.summary(state.codebook))]") }
        if let s = state.search { right.append("[/\(s.query)]") }
        if right.isEmpty {
            Renderer.bar(title, row: 0, style: Theme.titleBar, into: &buf)
        } else {
            Renderer.bar(title, right: right.joined(separator: " ") + " ", row: 0, style: Theme.titleBar, into: &buf)
        }
        let bodyTop = 1
        let bodyHeight = Renderer.bodyHeight(forTerminalHeight: buf.height)
        let columns = listColumns(width: buf.width)
        let left = columns.lowerBound
        if left > 0 {
            DocumentPane.draw(state, into: &buf, top: bodyTop, height: bodyHeight, width: 28)
            for r in bodyTop..<(bodyTop + bodyHeight) { buf.put("│", row: r, column: 28, style: Theme.muted) }
        }
        let panelWidth = Self.panelWidth(buf.width)
        let listWidth = columns.count
        for r in bodyTop..<(bodyTop + bodyHeight) { buf.put("│", row: r, column: left + listWidth, style: Theme.muted) }
        let result = SegmentListView.draw(
            state, doc, into: &buf, top: bodyTop, height: bodyHeight, left: left, width: listWidth)
        CodebookPanel.draw(
            state, into: &buf, top: bodyTop, height: bodyHeight, left: left + listWidth + 1, width: panelWidth)
        return result
    }
}

/// The narrow list of documents beside the segments on wide terminals.
enum DocumentPane {
    static func draw(_ state: AppState, into buf: inout ScreenBuffer, top: Int, height: Int, width: Int) {
        buf.put(" Documents", row: top, column: 0, maxWidth: width, style: Theme.heading)
        for (i, entry) in state.documents.enumerated().prefix(height - 1) {
            let current = entry.id == state.document?.id
            let mark = entry.status == .done ? "✓" : (entry.status == .inProgress ? "…" : " ")
            let style = current ? Theme.selected : (entry.status == .done ? Theme.good : .plain)
            buf.put("\(mark) \(entry.id)", row: top + 1 + i, column: 1, maxWidth: width - 1, style: style)
        }
    }
}
