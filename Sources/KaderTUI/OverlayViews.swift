import KaderCore

/// The code picker overlay: query, ranked codes with key and path, the selected definition.
enum PickerView {
    static func draw(_ state: AppState, _ p: CodePicker, into buf: inout ScreenBuffer) {
        let title: String
        switch p.purpose {
        case .toggle:
            title =
                "Codes — Enter toggles, closes · Tab toggles · Ctrl-N new · Ctrl-A adopt + · Ctrl-R rename · Ctrl-G merge · Ctrl-E memo"
        case .filter: title = "Filter by code"
        case .retrieval: title = "Coded segments of which code?"
        case .nextWithCode: title = "Go to the next segment with which code?"
        case .mergeInto: title = "Merge into which code?"
        case .newCodeParent(let name):
            title = "Category for \"\(name)\" — Enter puts it there · type a name + Ctrl-N: new category · Esc"
        case .quote: title = "The quote is for which code? — Enter · Esc cancels"
        case .codingMemo: title = "Memo on which code of this segment? — Enter writes it · Esc cancels"
        case .codeHits: title = "Code every listed segment with which code? — Enter, then y confirms · Esc cancels"
        }
        let (top, left, width, height) = Renderer.box(title, width: 90, height: max(12, buf.height - 6), into: &buf)
        buf.put("> " + p.query.text + "▏", row: top, column: left, maxWidth: width, style: Theme.heading)
        let listHeight = max(1, height - 6)
        let applied = p.purpose == .toggle ? Set(state.currentSegment.map { state.codes(for: $0.id) } ?? []) : []
        let first = max(0, p.selected - listHeight + 1)
        for (k, id) in p.results.enumerated().dropFirst(first).prefix(listHeight) {
            guard let e = state.entry(id: id) else { continue }
            let recent = state.recentCodes.contains(id) && p.query.text.isEmpty ? "  (recent)" : ""
            let proposed = state.proposedCodes.contains(id) ? "  + proposed (only you see it; Ctrl-A adopts)" : ""
            let line =
                "\(applied.contains(id) ? "●" : " ")\(e.code.shortcut ?? " ")  \(e.pathString)\(recent)\(proposed)"
            var style =
                k == p.selected ? Theme.selected : Theme.code(e, in: state, bold: e.depth == 0 || applied.contains(id))
            if k == p.selected { style.color = Theme.code(e, in: state).color }
            if k == p.selected { buf.fill(row: top + 1 + k - first, column: left, count: width, style: style) }
            buf.put(line, row: top + 1 + k - first, column: left, maxWidth: width, style: style)
        }
        if p.results.isEmpty {
            buf.put(
                "No code matches. Ctrl-N proposes a code named \"\(p.query.text)\" (only you see it until adopted).",
                row: top + 1, column: left, maxWidth: width, style: Theme.muted)
        }
        if let id = p.selectedCode, let e = state.entry(id: id) {
            let text = [
                e.code.description, e.code.inclusion.map { "Include: " + $0 },
                e.code.exclusion.map { "Exclude: " + $0 },
            ].compactMap { $0 }.joined(separator: " ")
            for (i, line) in TextWrap.lines(text, width: width).prefix(4).enumerated() {
                buf.put(line, row: top + height - 4 + i, column: left, maxWidth: width, style: Theme.muted)
            }
        }
    }
}

/// The multi-line memo editor overlay.
enum MemoView {
    static func draw(_ state: AppState, _ m: MemoEditor, into buf: inout ScreenBuffer) {
        let what: String
        switch m.target {
        case .segment(_, let ordinal): what = "segment #\(ordinal)"
        case .document(let id): what = "document \(id)"
        case .code(let id): what = "code " + (state.entry(id: id)?.code.name ?? id)
        case .coding(_, let ordinal, let code):
            what = (state.entry(id: code)?.code.name ?? code) + " on segment #\(ordinal)"
        case .project: what = "the project (\(state.coder))"
        }
        let title = "Memo on \(what) — Ctrl-S saves · Esc " + (m.isDirty ? "asks, then discards" : "closes")
        let (top, left, width, height) = Renderer.box(title, width: 84, height: 16, into: &buf)
        let rows = m.visualRows(width: width)
        let cursor = m.cursorPosition(width: width)
        let first = max(0, cursor.row - height + 1)
        for (i, r) in rows.enumerated().dropFirst(first).prefix(height) {
            buf.put(String(m.lines[r.line][r.range]), row: top + i - first, column: left, maxWidth: width)
        }
        let under = m.column < m.lines[m.row].count ? String(m.lines[m.row][m.column]) : " "
        var style = CellStyle.plain
        style.reverse = true
        buf.put(
            under == " " && m.column >= m.lines[m.row].count ? "▏" : under, row: top + cursor.row - first,
            column: left + cursor.column,
            style: under == " " && m.column >= m.lines[m.row].count ? Theme.heading : style)
    }
}

/// The filter menu overlay: one key per filter.
enum FilterMenuView {
    static func draw(_ state: AppState, into buf: inout ScreenBuffer) {
        let f = state.filter
        let lines = [
            "c  by code … " + (f.code.flatMap { state.entry(id: $0)?.pathString } ?? "(any)"),
            "s  by speaker (cycles) … " + (f.speaker ?? "(any)"),
            "r  by role (cycles) … " + (f.role ?? "(any)"),
            "u  uncoded only … " + (f.uncodedOnly ? "on" : "off"),
            "m  coded by me … " + (f.codedByMe ? "on" : "off"),
            "w  where … " + (f.expression?.text ?? "(none; e.g. role=leerkracht and not werkdruk)"),
            "x  clear all filters",
            "",
            "Enter or Esc closes; \(CorpusHitsView.count(state.visibleIndices.count, "segment")) shown.",
        ]
        let (top, left, width, _) = Renderer.box("Filter segments", width: 60, height: lines.count + 2, into: &buf)
        for (i, line) in lines.enumerated() { buf.put(line, row: top + i, column: left, maxWidth: width) }
    }
}

/// The coded-segments view: every segment of one code across documents.
enum RetrievalView {
    /// Segments listed under the title bar, three lines each (document, number, speaker and role;
    /// two lines of text), scrolled so that `selected` shows: the `r` view and the query results.
    static func drawRows(_ rows: [RetrievalRow], selected: Int, into buf: inout ScreenBuffer) {
        let height = Renderer.bodyHeight(forTerminalHeight: buf.height)
        let perRow = 3
        let visibleRows = max(1, height / perRow)
        let first = max(0, selected - visibleRows + 1)
        for (k, row) in rows.enumerated().dropFirst(first).prefix(visibleRows) {
            let y = 1 + (k - first) * perRow
            let isSelected = k == selected
            let head = "\(row.documentId) #\(row.ordinal) \(row.speaker ?? "")\(row.role.map { " · \($0)" } ?? "")"
            if isSelected { buf.fill(row: y, style: Theme.selected) }
            buf.put(" " + head, row: y, column: 0, style: isSelected ? Theme.selected : Theme.heading)
            for (i, line) in TextWrap.lines(row.text, width: buf.width - 4).prefix(perRow - 1).enumerated() {
                buf.put(line, row: y + 1 + i, column: 3)
            }
        }
    }

    static func draw(_ state: AppState, _ r: Retrieval, into buf: inout ScreenBuffer) {
        let name = state.entry(id: r.codeId)?.pathString ?? r.codeId
        let documents = Set(r.rows.map(\.documentId)).count
        Renderer.bar(
            " Coded segments · \(name) · \(CorpusHitsView.count(r.rows.count, "segment")) in \(CorpusHitsView.count(documents, "document")) · Enter opens · Esc returns",
            row: 0, style: Theme.titleBar, into: &buf)
        drawRows(r.rows, selected: r.selected, into: &buf)
        if r.rows.isEmpty {
            buf.put(
                "  You have not coded a segment with this code yet (other coders' codings are not shown: blind coding).",
                row: 2, column: 0, style: Theme.muted)
        }
    }
}
