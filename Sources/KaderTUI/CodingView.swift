import KaderCore

/// The coding screen: title bar, the segment list on the left, the codebook panel on the right.
enum CodingView {
    /// Draws the screen and returns the first segment shown.
    static func draw(_ state: AppState, into buf: inout ScreenBuffer) -> Int {
        guard let doc = state.document else { return 0 }
        var title = " Kader · \(doc.title)"
        if let type = doc.metadata.type { title += " · \(type)" }
        if let site = doc.metadata.site { title += " · \(site)" }
        Renderer.bar(title, row: 0, style: Theme.titleBar, into: &buf)
        let panelWidth = buf.width >= 120 ? 40 : (buf.width >= 90 ? 32 : 26)
        let listWidth = buf.width - panelWidth - 1
        let bodyTop = 1
        let bodyHeight = Renderer.bodyHeight(forTerminalHeight: buf.height)
        for r in bodyTop..<(bodyTop + bodyHeight) { buf.put("│", row: r, column: listWidth, style: Theme.muted) }
        let top = SegmentListView.draw(state, doc, into: &buf, top: bodyTop, height: bodyHeight, width: listWidth)
        CodebookPanel.draw(state, into: &buf, top: bodyTop, height: bodyHeight, left: listWidth + 1, width: panelWidth)
        return top
    }
}

/// The segments of the open document, the current one marked, with speaker, role, timestamp,
/// wrapped text and the applied codes as chips.
enum SegmentListView {
    static func block(_ state: AppState, _ s: Segment, width: Int) -> [(String, CellStyle, Int)] {
        var rows: [(String, CellStyle, Int)] = []
        var header = "#\(s.ordinal) \(s.speaker ?? "(no speaker)")"
        if let role = s.role, role != s.speaker { header += " · \(role)" }
        if let t = s.timestamp { header += "  \(t)" }
        if !s.codable { header += "  (not coded)" }
        if state.codings?.coding(forSegment: s.id)?.review == true { header += "  (text changed: check the codes)" }
        rows.append((header, s.codable ? Theme.speaker(s.role, s.speaker) : Theme.muted, 0))
        let textStyle = s.codable ? CellStyle.plain : Theme.muted
        for line in TextWrap.lines(s.text, width: max(10, width - 3)) { rows.append((line, textStyle, 2)) }
        let codes = state.codes(for: s.id)
        if !codes.isEmpty {
            let chips = codes.map { id in "[" + (state.codebook.entry(id: id)?.code.name ?? "?\(id)") + "]" }.joined(separator: " ")
            for line in TextWrap.lines(chips, width: max(10, width - 3)) { rows.append((line, Theme.chip, 2)) }
        }
        rows.append(("", .plain, 0))
        return rows
    }

    static func draw(_ state: AppState, _ doc: Document, into buf: inout ScreenBuffer, top: Int, height: Int, width: Int) -> Int {
        guard !doc.segments.isEmpty else {
            buf.put("This document has no segments.", row: top, column: 1, style: Theme.muted)
            return 0
        }
        let cursor = min(state.cursor, doc.segments.count - 1)
        var first = min(state.scrollTop, cursor)
        // Scroll down until the whole current block fits (or it is the first shown).
        while first < cursor {
            var used = 0
            for i in first...cursor { used += block(state, doc.segments[i], width: width).count }
            if used <= height { break }
            first += 1
        }
        var row = top
        var i = first
        while row < top + height && i < doc.segments.count {
            let s = doc.segments[i]
            let current = i == cursor
            for (text, style, indent) in block(state, s, width: width) {
                guard row < top + height else { break }
                if current && !text.isEmpty { buf.put("▌", row: row, column: 0, style: Theme.cursorMarker) }
                var st = style
                if current && indent == 0 && !text.isEmpty { st.reverse = true }
                buf.put(text, row: row, column: 1 + indent, maxWidth: width - 1 - indent, style: st)
                row += 1
            }
            i += 1
        }
        return first
    }
}
