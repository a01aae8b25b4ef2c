import KaderCore

/// The codebook beside the segments: shortcut, name and count per code, a mark on the codes of
/// the current segment, and the definition of the code in focus. When the tree does not fit,
/// categories other than the one in focus are folded to one line.
enum CodebookPanel {
    static func draw(_ state: AppState, into buf: inout ScreenBuffer, top: Int, height: Int, left: Int, width: Int) {
        let counts = state.codeCounts
        let applied = Set(state.currentSegment.map { state.codes(for: $0.id) } ?? [])
        let focus = focusCode(state, applied)
        buf.put(" Codebook", row: top, column: left, maxWidth: width, style: Theme.heading)
        let all = state.codeEntries
        // Room for the list: keep at least 4 rows for the definition when the list is short.
        let room = height - 2
        var row = top + 1
        if all.count <= room {
            for entry in all {
                drawEntry(
                    state, entry, applied, counts, row: row, left: left + 1, width: width - 1, showCount: true,
                    into: &buf)
                row += 1
            }
        } else {
            // A compact grid, column by column in codebook order, so every shortcut shows.
            let columns = (all.count + room - 1) / room
            let colWidth = (width - 1) / max(1, columns)
            if colWidth >= 8 {
                let perColumn = (all.count + columns - 1) / columns
                for (i, entry) in all.enumerated() {
                    let c = i / perColumn
                    let r = i % perColumn
                    drawEntry(
                        state, entry, applied, counts, row: top + 1 + r, left: left + 1 + c * colWidth,
                        width: colWidth - 1, showCount: false, into: &buf)
                }
                row = top + 1 + perColumn
            } else {
                // Too many codes even for a grid: categories folded, the one in focus open.
                let open = Set(
                    applied.compactMap { state.entry(id: $0)?.categoryId }
                        + [focus?.categoryId ?? all.first?.code.id].compactMap { $0 })
                for entry in all.filter({ $0.depth == 0 || open.contains($0.categoryId) }).prefix(room) {
                    drawEntry(
                        state, entry, applied, counts, row: row, left: left + 1, width: width - 1, showCount: true,
                        into: &buf)
                    row += 1
                }
            }
        }
        guard let focus, row + 3 < top + height else { return }
        row += 1
        buf.put(" " + focus.pathString, row: row, column: left, maxWidth: width, style: Theme.heading)
        row += 1
        var text = focus.code.description ?? "(no definition)"
        if let memo = state.codeMemos[focus.code.id] { text += "\nMemo: " + memo }
        for line in TextWrap.lines(text, width: width - 2) {
            guard row < top + height else { break }
            buf.put(line, row: row, column: left + 1, maxWidth: width - 1, style: Theme.muted)
            row += 1
        }
    }

    /// One code: applied mark, shortcut, indented name in the codebook colour, count.
    static func drawEntry(
        _ state: AppState, _ entry: CodeEntry, _ applied: Set<String>, _ counts: [String: Int],
        row: Int, left: Int, width: Int, showCount: Bool, into buf: inout ScreenBuffer
    ) {
        let on = applied.contains(entry.code.id)
        let mark = on ? "●" : " "
        let key = entry.code.shortcut ?? " "
        let indent = showCount ? String(repeating: " ", count: entry.depth * 2) : ""
        let memo =
            (state.codeMemos[entry.code.id] != nil ? "✎" : "")
            + (state.proposedCodes.contains(entry.code.id) ? "+" : "")
        let count = showCount ? (counts[entry.code.id].map { String($0) } ?? "") : ""
        var style = Theme.code(entry, in: state, bold: entry.depth == 0 || on)
        if on { style.reverse = true }
        let end = buf.put(mark + key + " ", row: row, column: left, maxWidth: width, style: on ? Theme.good : .plain)
        buf.put(
            indent + entry.code.name + memo, row: row, column: end,
            maxWidth: max(0, width - (end - left) - (count.isEmpty ? 0 : count.count + 1)), style: style)
        if !count.isEmpty { buf.put(count, row: row, column: left + width - count.count, style: Theme.muted) }
    }

    /// The code whose definition is shown: the first applied to the current segment, else the last used.
    static func focusCode(_ state: AppState, _ applied: Set<String>) -> CodeEntry? {
        if let e = state.codeEntries.first(where: { applied.contains($0.code.id) }) { return e }
        return state.lastCode.flatMap { state.entry(id: $0) }
    }
}
