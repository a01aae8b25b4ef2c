import KaderCore

/// Key handling of the analysis views: the overview screen, the query prompt and the query
/// results.
extension AppState {
    /// True when `key` is bound to `action` here (so a rebound overview or query key also closes
    /// or reopens its view).
    func isBound(_ key: Key, to action: Action) -> Bool { keymap.action(for: key, in: keyContext) == action }

    mutating func overviewKey(_ o: inout Overview, _ key: Key) -> [Effect] {
        let page = max(1, viewHeight - 1)
        let last = max(0, o.lineCount - viewHeight)
        switch key {
        case .down, .char("j"): o.scroll += 1
        case .up, .char("k"): o.scroll -= 1
        case .pageDown, .char(" "), .ctrl("f"): o.scroll += page
        case .pageUp, .ctrl("b"): o.scroll -= page
        case .home, .char("g"): o.scroll = 0
        case .end, .char("G"): o.scroll = last
        case .escape, .char("q"), .char("o"), .char("O"):
            mode = .normal
            message = nil
            return []
        default:
            if isBound(key, to: .overview) || isBound(key, to: .cancel) {
                mode = .normal
                message = nil
                return []
            }
            message = StatusMessage("The overview: j/k or PgDn/PgUp scroll, Esc closes.")
        }
        o.scroll = max(0, min(o.scroll, last))
        mode = .overview(o)
        return []
    }

    mutating func queryPromptKey(_ p: inout QueryPrompt, _ key: Key) -> [Effect] {
        switch key {
        case .down, .ctrl("j"), .up, .ctrl("k"):
            guard !p.saved.isEmpty else {
                message = StatusMessage("No saved queries in kader.yaml (kader query --save NAME saves one).")
                break
            }
            let down = key == .down || key == .ctrl("j")
            let i = down ? min((p.selected ?? -1) + 1, p.saved.count - 1) : max((p.selected ?? p.saved.count) - 1, 0)
            p.selected = i
            p.editor = LineEditor(p.saved[i].expression)
        default:
            switch p.editor.handle(key) {
            case .cancel:
                mode = .normal
                message = nil
                return []
            case .submit:
                let request = p.request
                mode = .queryPrompt(p)
                guard !request.expression.isEmpty else {
                    message = StatusMessage(
                        "Type a query (e.g. digitalisering and role=leerkracht) or choose a saved one with ↓.",
                        isError: true)
                    return []
                }
                do {
                    _ = try FilterExpression.parse(request.expression)
                } catch {
                    message = StatusMessage("Query: " + error.localizedDescription, isError: true)
                    return []
                }
                message = nil
                return [.runQuery(expression: request.expression, name: request.name)]
            case .editing:
                if let i = p.selected, p.saved[i].expression != p.editor.text { p.selected = nil }
            case .unhandled: break
            }
        }
        mode = .queryPrompt(p)
        return []
    }

    mutating func queryResultsKey(_ r: inout QueryResults, _ key: Key) -> [Effect] {
        let last = max(0, r.rows.count - 1)
        switch key {
        case .down, .char("j"): r.selected = min(r.selected + 1, last)
        case .up, .char("k"): r.selected = max(r.selected - 1, 0)
        case .pageDown, .ctrl("f"): r.selected = min(r.selected + 10, last)
        case .pageUp, .ctrl("b"): r.selected = max(r.selected - 10, 0)
        case .home, .char("g"): r.selected = 0
        case .end, .char("G"): r.selected = last
        case .escape, .char("q"):
            mode = .normal
            message = nil
            lastQuery = r
            return []
        case .enter:
            mode = .normal
            message = nil
            lastQuery = r
            guard r.rows.indices.contains(r.selected) else { return [] }
            let row = r.rows[r.selected]
            return [.openDocument(row.documentIndex, segmentId: row.segmentId)]
        default:
            if isBound(key, to: .query) { return [.openQuery(text: r.expression)] }
        }
        mode = .queryResults(r)
        return []
    }
}
