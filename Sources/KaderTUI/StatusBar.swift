import KaderCore

/// The two bottom lines: key hints from the keymap (or the current message), then coder, document, position, progress,
/// saved state and mode.
enum StatusBar {
    static func draw(_ state: AppState, into buf: inout ScreenBuffer) {
        let hintRow = buf.height - 2
        let statusRow = buf.height - 1
        var hints = state.keymap.hints(for: state.keyContext).map { "\($0.keys) \($0.title)" }
        if state.screen == .coding { hints.insert("1-4,a… code", at: 1) }
        if state.mode == .corpusHits { hints = CorpusHitsView.hints }
        if let own = state.mode.analysisHints { hints = own }
        if case .prompt(let p) = state.mode {
            if let m = state.message {
                // A message too long for one line (a parser's error) takes the line above too.
                let style = m.isError ? Theme.error : Theme.heading
                for (i, line) in TextWrap.lines(m.text, width: buf.width - 2).prefix(2).reversed().enumerated() {
                    buf.fill(row: hintRow - 1 - i, style: style)
                    buf.put(" " + line, row: hintRow - 1 - i, column: 0, style: style)
                }
            }
            buf.fill(row: hintRow, style: Theme.heading)
            // A long text shows its end, where the typing is.
            var text = p.editor.text
            let room = buf.width - 3 - DisplayWidth.of(p.label)
            if DisplayWidth.of(text) > room, room > 1 { text = CorpusHitsView.tail(text, width: room) }
            let end = buf.put(" " + p.label + text, row: hintRow, column: 0, style: Theme.heading)
            buf.put("▏", row: hintRow, column: end, style: Theme.heading)
        } else if case .span(let s) = state.mode, let q = s.query {
            buf.fill(row: hintRow, style: Theme.heading)
            let end = buf.put(" Quote starts with: " + q.text, row: hintRow, column: 0, style: Theme.heading)
            buf.put("▏", row: hintRow, column: end, style: Theme.heading)
        } else if case .span(let s) = state.mode, state.message == nil {
            buf.fill(row: hintRow, style: Theme.heading)
            let count = s.count.map { "\($0)… " } ?? ""
            buf.put(
                " Quote: \(count). sentence · , clause · )( next/prev sentence · }{ clause · ←→ word · / find · Space anchor · Enter keep · x clear · v in-vivo · Esc",
                row: hintRow, column: 0, style: Theme.heading)
        } else if let m = state.message {
            // A message too long for one line takes the line above the hints too.
            let style = m.isError ? Theme.error : Theme.heading
            let lines = TextWrap.lines(m.text, width: buf.width - 2).prefix(2)
            for (i, line) in lines.reversed().enumerated() {
                buf.fill(row: hintRow - i, style: style)
                buf.put(" " + line, row: hintRow - i, column: 0, style: style)
            }
        } else {
            buf.fill(row: hintRow, style: Theme.hints)
            buf.put(" " + hints.joined(separator: "  "), row: hintRow, column: 0, style: Theme.hints)
        }

        var parts = [" \(state.coder)"]
        if state.screen == .coding, let d = state.document {
            parts.append(d.id)
            parts.append("\(state.cursor + 1)/\(d.segments.count)")
            let p = state.progress
            let pct = p.codable == 0 ? 0 : Int((Double(p.coded) * 100 / Double(p.codable)).rounded())
            parts.append("\(pct)% coded")
            parts.append(state.codings?.status.rawValue ?? "not started")
        } else {
            parts.append(state.projectName)
            parts.append(CorpusHitsView.count(state.documents.count, "document"))
        }
        switch state.saveState {
        case .saved: parts.append("saved")
        case .readOnly: parts.append("READ-ONLY")
        case .failed: parts.append("NOT SAVED")
        }
        if state.filter.isActive && state.screen == .coding { parts.append("filtered \(state.visibleIndices.count)") }
        let mode = state.mode.name
        let shown =
            state.showHelp ? "HELP" : (!mode.isEmpty ? mode : (state.screen == .coding ? "CODING" : "DOCUMENTS"))
        Renderer.bar(parts.joined(separator: " │ "), right: shown, row: statusRow, style: Theme.statusBar, into: &buf)
    }
}
