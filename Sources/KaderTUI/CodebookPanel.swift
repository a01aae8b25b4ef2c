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
        var entries = state.codeEntries
        let room = height - 2
        if entries.count > room {
            let open = Set(applied.compactMap { state.entry(id: $0)?.categoryId } + [focus?.categoryId].compactMap { $0 })
            entries = entries.filter { $0.depth == 0 || open.contains($0.categoryId) }
        }
        var row = top + 1
        for entry in entries.prefix(room) {
            let mark = applied.contains(entry.code.id) ? "●" : " "
            let key = entry.code.shortcut ?? " "
            let count = counts[entry.code.id].map { String($0) } ?? ""
            let indent = String(repeating: " ", count: entry.depth * 2)
            let memo = state.codeMemos[entry.code.id] != nil ? "✎" : ""
            let folded = entry.depth == 0 && entries.count < state.codeEntries.count && !entry.code.children.isEmpty
                && !entries.contains { $0.depth > 0 && $0.categoryId == entry.code.id } ? " ▸" : ""
            let style = applied.contains(entry.code.id) ? Theme.good : (entry.depth == 0 ? Theme.heading : .plain)
            buf.put("\(mark)\(key) \(indent)\(entry.code.name)\(folded)\(memo)", row: row, column: left + 1, maxWidth: width - 5, style: style)
            buf.put(count, row: row, column: left + width - 1 - count.count, style: Theme.muted)
            row += 1
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

    /// The code whose definition is shown: the first applied to the current segment, else the last used.
    static func focusCode(_ state: AppState, _ applied: Set<String>) -> CodeEntry? {
        if let e = state.codeEntries.first(where: { applied.contains($0.code.id) }) { return e }
        return state.lastCode.flatMap { state.entry(id: $0) }
    }
}
