import KaderCore

/// The document list: status and progress per transcript for this coder.
enum DocumentListView {
    static func draw(_ state: AppState, into buf: inout ScreenBuffer) {
        Renderer.bar(
            " Kader · \(state.projectName) · choose a transcript and press Enter", row: 0, style: Theme.titleBar,
            into: &buf)
        buf.put("  status        coded     document", row: 2, column: 0, style: Theme.heading)
        let height = Renderer.bodyHeight(forTerminalHeight: buf.height) - 3
        guard !state.documents.isEmpty else {
            buf.put(
                "  No transcripts in Transcripts/. Copy .txt or .md files there and start Kader again.", row: 4,
                column: 0, style: Theme.muted)
            return
        }
        let first = max(0, state.documentCursor - height + 1)
        for (offset, entry) in state.documents.enumerated().dropFirst(first).prefix(height) {
            let row = 3 + offset - first
            let progress =
                entry.pending
                ? "…" : entry.codable.map { "\(entry.coded ?? 0)/\($0)" } ?? (entry.coded.map { "\($0)" } ?? "—")
            let status = (entry.damaged ? "DAMAGED" : entry.pending ? "…" : entry.status.rawValue).padding(
                toLength: 12, withPad: " ", startingAt: 0)
            let line = "  \(status)  \(progress.padding(toLength: 8, withPad: " ", startingAt: 0))  \(entry.path)"
            let selected = offset == state.documentCursor
            if selected { buf.fill(row: row, style: Theme.selected) }
            buf.put(
                line, row: row, column: 0,
                style: selected ? Theme.selected : (entry.status == .done ? Theme.good : .plain))
        }
    }
}
