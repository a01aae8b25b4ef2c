import KaderCore

/// Draws the query prompt (an overlay with the saved queries) and the query results (a list
/// like the coded-segments view).
enum QueryView {
    static func drawPrompt(_ state: AppState, _ p: QueryPrompt, into buf: inout ScreenBuffer) {
        let height = min(max(10, p.saved.count + 7), buf.height - 6)
        let (top, left, width, inner) = Renderer.box(
            "Query your codings — Enter runs · ↓/↑ saved queries · Esc closes", width: 90, height: height, into: &buf)
        let end = buf.put("> " + p.editor.text, row: top, column: left, maxWidth: width - 1, style: Theme.heading)
        buf.put("▏", row: top, column: end, style: Theme.heading)
        buf.put(
            "e.g. digitalisering and role=leerkracht · A or B · A and not B · A near/2 B · code==ID (no sub-codes)",
            row: top + 1, column: left, maxWidth: width, style: Theme.muted)
        guard !p.saved.isEmpty else {
            buf.put(
                "No saved queries in kader.yaml (kader query EXPRESSION --save NAME saves one).", row: top + 3,
                column: left, maxWidth: width, style: Theme.muted)
            return
        }
        buf.put("Saved queries (kader.yaml):", row: top + 3, column: left, maxWidth: width, style: Theme.heading)
        let listHeight = max(1, inner - 4)
        let first = max(0, (p.selected ?? 0) - listHeight + 1)
        let nameWidth = min(24, p.saved.map { DisplayWidth.of($0.name) }.max() ?? 0)
        for (k, q) in p.saved.enumerated().dropFirst(first).prefix(listHeight) {
            let row = top + 4 + k - first
            let selected = k == p.selected
            if selected { buf.fill(row: row, column: left, count: width, style: Theme.selected) }
            buf.put(
                OverviewView.pad(q.name, nameWidth) + "  " + q.expression, row: row, column: left, maxWidth: width,
                style: selected ? Theme.selected : .plain)
        }
    }

    static func drawResults(_ state: AppState, _ r: QueryResults, into buf: inout ScreenBuffer) {
        let documents = Set(r.rows.map(\.documentId)).count
        let what = r.name.map { "\($0): \(r.expression)" } ?? r.expression
        Renderer.bar(
            " Query · \(what) · your codings · \(r.segments) segment\(r.segments == 1 ? "" : "s"), \(documents) document\(documents == 1 ? "" : "s") · Enter opens · Q edits · Esc",
            row: 0, style: Theme.titleBar, into: &buf)
        RetrievalView.drawRows(r.rows, selected: r.selected, into: &buf)
        if r.rows.isEmpty {
            buf.put(
                "  No segment matches in your codings (other coders' codings are not searched: blind coding).",
                row: 2, column: 0, style: Theme.muted)
        }
    }
}
