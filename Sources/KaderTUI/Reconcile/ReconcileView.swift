import KaderCore

/// Renders `kader reconcile` into a cell grid. Pure: the same state and size give the same cells.
///
/// Layout: title bar; the segment (document, ordinal, speaker, role, wrapped text); the two
/// coders' codes side by side (`*` marks a code the other coder did not apply); the consensus
/// line and memo; then the definitions of the codes involved (or, while editing, every code
/// with its shortcut and a check mark); the key hints and a status line at the bottom.
public enum ReconcileView {
    public static func render(_ state: ReconcileState, width: Int, height: Int) -> ScreenBuffer {
        var buf = ScreenBuffer(width: width, height: height)
        guard width >= Renderer.minimumWidth, height >= Renderer.minimumHeight else {
            Renderer.drawTooSmall(&buf)
            return buf
        }
        let title = " Kader · reconcile \(state.firstCoder) (A) ↔ \(state.secondCoder) (B) → \(state.consensusCoder)"
        Renderer.bar(title, row: 0, style: Theme.titleBar, into: &buf)
        var row = 2
        let bottom = height - 3
        if let item = state.current {
            row = drawSegment(item, state, into: &buf, row: row, bottom: bottom)
            row = drawCodings(item, state, into: &buf, row: row + 1)
            row = drawConsensus(state, into: &buf, row: row + 1)
            if case .edit(let working) = state.mode {
                drawCodePicker(state, working: working, into: &buf, row: row + 1, bottom: bottom)
            } else if case .pick(let index) = state.mode {
                drawPick(state, index: index, into: &buf, row: row + 1, bottom: bottom)
            } else {
                drawDefinitions(
                    Array(Set(item.first).union(item.second)), state, into: &buf, row: row + 1, bottom: bottom)
            }
        } else {
            buf.put(
                "No disagreements: \(state.firstCoder) and \(state.secondCoder) code every segment of the documents both marked done alike.",
                row: row, column: 1, style: Theme.heading)
        }
        drawBottom(state, into: &buf)
        if state.showHelp { drawHelp(state, into: &buf) }
        return buf
    }

    /// One dimmed context turn (the previous or next one): speaker and the first line(s).
    static func drawContext(_ s: Segment?, _ label: String, into buf: inout ScreenBuffer, row: Int, lines: Int) -> Int {
        guard let s, lines > 0 else { return row }
        let head = "\(label) #\(s.ordinal) \(s.speaker ?? "(no speaker)"): "
        let text = TextWrap.lines(head + s.text, width: buf.width - 4)
        for (i, line) in text.prefix(lines).enumerated() {
            buf.put(
                i == lines - 1 && text.count > lines ? line + " …" : line, row: row + i, column: 3,
                maxWidth: buf.width - 4, style: Theme.muted)
        }
        return row + min(lines, text.count)
    }

    static func drawSegment(
        _ item: ReconcileItem, _ state: ReconcileState, into buf: inout ScreenBuffer, row: Int, bottom: Int
    ) -> Int {
        let s = item.segment
        let contextLines = buf.height >= 30 ? 2 : 1
        let row = drawContext(item.previous, "before", into: &buf, row: row - 1, lines: contextLines)
        var header = "\(item.documentTitle) · #\(s.ordinal) \(s.speaker ?? "(no speaker)")"
        if let role = s.role, role != s.speaker { header += " · \(role)" }
        if let t = s.timestamp { header += "  \(t)" }
        buf.put(header, row: row, column: 1, style: Theme.speaker(s.role, s.speaker))
        // At most 8 lines are shown: wrap only a prefix that surely fills them (any segment length).
        let lines = TextWrap.lines(
            String(String.UnicodeScalarView(s.text.unicodeScalars.prefix(16 * max(buf.width, 10)))),
            width: buf.width - 4)
        let room = max(2, min(8, (bottom - row) / 3))
        var r = row + 1
        for (i, line) in lines.prefix(room).enumerated() {
            let text = i == room - 1 && lines.count > room ? line + " …" : line
            buf.put(text, row: r, column: 3, maxWidth: buf.width - 4)
            r += 1
        }
        return drawContext(item.next, "after", into: &buf, row: r, lines: contextLines)
    }

    static func label(_ id: String, _ codebook: Codebook) -> String {
        guard let e = codebook.entry(id: id) else { return "?\(id)" }
        return "[\(e.code.shortcut ?? " ")] " + e.code.name
    }

    static func drawCodings(_ item: ReconcileItem, _ state: ReconcileState, into buf: inout ScreenBuffer, row: Int)
        -> Int
    {
        let half = (buf.width - 2) / 2
        buf.put("A · \(state.firstCoder)", row: row, column: 1, maxWidth: half - 1, style: Theme.heading)
        buf.put("B · \(state.secondCoder)", row: row, column: 1 + half, maxWidth: half - 1, style: Theme.heading)
        // One row per code either coder applied, in codebook order, so differences line up.
        let order = state.codebook.entries.map(\.code.id)
        let union = Set(item.first).union(item.second).sorted {
            (order.firstIndex(of: $0) ?? .max, $0) < (order.firstIndex(of: $1) ?? .max, $1)
        }
        if item.first.isEmpty { buf.put("(no code)", row: row + 1, column: 1, style: Theme.muted) }
        if item.second.isEmpty { buf.put("(no code)", row: row + 1, column: 1 + half, style: Theme.muted) }
        var r = row + ((item.first.isEmpty || item.second.isEmpty) ? 2 : 1)
        for id in union {
            let inA = item.first.contains(id)
            let inB = item.second.contains(id)
            let style = inA && inB ? CellStyle.plain : Theme.chip
            let mark = inA && inB ? "  " : "* "
            if inA { buf.put(mark + label(id, state.codebook), row: r, column: 1, maxWidth: half - 1, style: style) }
            if inB {
                buf.put(mark + label(id, state.codebook), row: r, column: 1 + half, maxWidth: half - 1, style: style)
            }
            r += 1
            // Each coder's quote for this code, under it.
            let qa = inA ? item.firstQuotes[id] : nil
            let qb = inB ? item.secondQuotes[id] : nil
            if qa != nil || qb != nil {
                var underline = CellStyle.plain
                underline.underline = true
                if let qa { buf.put("    “" + qa + "”", row: r, column: 1, maxWidth: half - 1, style: underline) }
                if let qb {
                    buf.put("    “" + qb + "”", row: r, column: 1 + half, maxWidth: half - 1, style: underline)
                }
                r += 1
            }
            // Each coder's memo on this code.
            let ma = inA ? item.firstCoding?.applied(id)?.memo : nil
            let mb = inB ? item.secondCoding?.applied(id)?.memo : nil
            if ma != nil || mb != nil {
                if let ma {
                    buf.put(
                        "    ✎ " + ma.replacingOccurrences(of: "\n", with: " "), row: r, column: 1, maxWidth: half - 1,
                        style: Theme.muted)
                }
                if let mb {
                    buf.put(
                        "    ✎ " + mb.replacingOccurrences(of: "\n", with: " "), row: r, column: 1 + half,
                        maxWidth: half - 1, style: Theme.muted)
                }
                r += 1
            }
        }
        if item.firstMemo != nil || item.secondMemo != nil {
            if let m = item.firstMemo {
                buf.put(
                    "✎ " + m.replacingOccurrences(of: "\n", with: " "), row: r, column: 1, maxWidth: half - 1,
                    style: Theme.muted)
            }
            if let m = item.secondMemo {
                buf.put(
                    "✎ " + m.replacingOccurrences(of: "\n", with: " "), row: r, column: 1 + half, maxWidth: half - 1,
                    style: Theme.muted)
            }
            r += 1
        }
        return r
    }

    static func drawConsensus(_ state: ReconcileState, into buf: inout ScreenBuffer, row: Int) -> Int {
        let codes: String
        let style: CellStyle
        switch state.mode {
        case .edit(let working):
            codes =
                "editing: "
                + (working.isEmpty
                    ? "(no code)"
                    : working.sorted().map { state.codebook.entry(id: $0)?.code.name ?? $0 }.joined(separator: ", "))
            style = Theme.chip
        default:
            if let r = state.resolutions[state.cursor] {
                codes =
                    r.codes.isEmpty
                    ? "(no code)"
                    : r.codes.map { state.codebook.entry(id: $0)?.code.name ?? $0 }.joined(separator: ", ")
                style = Theme.good
            } else {
                codes = "open — a, b, u, i or e decides"
                style = Theme.muted
            }
        }
        buf.put("Consensus (\(state.consensusCoder)): ", row: row, column: 1, style: Theme.heading)
        let end = buf.put(codes, row: row, column: 15 + state.consensusCoder.count, style: style)
        if let picks = state.resolutions[state.cursor]?.picks, !picks.isEmpty {
            let text = picks.keys.sorted().map {
                (state.codebook.entry(id: $0)?.code.name ?? $0) + ": "
                    + (picks[$0] == .wholeSegment ? "whole segment" : state.pickName(picks[$0]) + " quotes")
            }
            buf.put("  (" + text.joined(separator: ", ") + ")", row: row, column: end, style: Theme.muted)
        }
        var memo = state.resolutions[state.cursor]?.memo ?? state.pendingMemos[state.cursor]
        if case .memo(let text) = state.mode { memo = text + "▏" }
        if let memo {
            buf.put("Memo: ", row: row + 1, column: 1, style: Theme.heading)
            buf.put(memo, row: row + 1, column: 7)
            return row + 2
        }
        return row + 1
    }

    static func drawDefinitions(
        _ ids: [String], _ state: ReconcileState, into buf: inout ScreenBuffer, row: Int, bottom: Int
    ) {
        var r = row
        buf.put("Definitions", row: r, column: 1, style: Theme.heading)
        r += 1
        let ordered = state.codebook.entries.filter { ids.contains($0.code.id) }
        for e in ordered {
            guard r < bottom else { return }
            buf.put(e.pathString, row: r, column: 1, style: Theme.heading)
            r += 1
            var text = e.code.description ?? "(no definition)"
            if let en = text.range(of: " EN: ") { text = String(text[..<en.lowerBound]) }
            if let ex = e.code.exclusion { text += " Exclude: " + ex }
            for line in TextWrap.lines(text, width: buf.width - 4) {
                guard r < bottom else { return }
                buf.put(line, row: r, column: 3, style: Theme.muted)
                r += 1
            }
        }
    }

    static func drawCodePicker(
        _ state: ReconcileState, working: Set<String>, into buf: inout ScreenBuffer, row: Int, bottom: Int
    ) {
        buf.put("Toggle codes with their shortcut; Enter saves, Esc cancels", row: row, column: 1, style: Theme.heading)
        let entries = state.codebook.entries
        let columns = max(1, (buf.width - 2) / 36)
        let perColumn = max(1, (entries.count + columns - 1) / columns)
        let colWidth = (buf.width - 2) / columns
        for (i, e) in entries.enumerated() {
            let r = row + 1 + i % perColumn
            let c = 1 + (i / perColumn) * colWidth
            guard r < bottom else { continue }
            let mark = working.contains(e.code.id) ? "[x]" : "[ ]"
            let text = "\(mark) \(e.code.shortcut ?? " ") " + String(repeating: " ", count: e.depth) + e.code.name
            buf.put(
                text, row: r, column: c, maxWidth: colWidth - 1,
                style: working.contains(e.code.id) ? Theme.chip : .plain)
        }
    }

    static func drawBottom(_ state: ReconcileState, into buf: inout ScreenBuffer) {
        let hintRow = buf.height - 2
        if let m = state.message {
            let style = state.lastSaveFailed ? Theme.error : Theme.heading
            buf.fill(row: hintRow, style: style)
            buf.put(" " + m, row: hintRow, column: 0, style: style)
        } else {
            buf.fill(row: hintRow, style: Theme.hints)
            buf.put(" " + state.keymap.hints(for: state.bindingMode), row: hintRow, column: 0, style: Theme.hints)
        }
        var parts = [" \(state.consensusCoder)"]
        if let item = state.current { parts.append(item.documentId) }
        parts.append(state.items.isEmpty ? "0/0" : "\(state.cursor + 1)/\(state.items.count)")
        parts.append("\(state.resolvedCount) of \(state.items.count) resolved")
        let unsavedMemo: Bool
        if case .memo(let text) = state.mode {
            unsavedMemo = text.trimmingCharacters(in: .whitespaces) != state.memoOriginal
        } else {
            unsavedMemo = false
        }
        parts.append(
            state.lastSaveFailed
                ? "NOT SAVED" : (unsavedMemo || !state.pendingMemos.isEmpty) ? "memo not saved" : "saved")
        switch state.mode {
        case .browse: parts.append(state.showHelp ? "HELP" : "RECONCILE")
        case .edit: parts.append("EDIT")
        case .memo: parts.append("MEMO")
        case .pick: parts.append("PICK QUOTES")
        }
        Renderer.bar(parts.joined(separator: " │ "), row: buf.height - 1, style: Theme.statusBar, into: &buf)
    }

    static func drawHelp(_ state: ReconcileState, into buf: inout ScreenBuffer) {
        var content = state.keymap.helpLines()
        content.append(("  (code keys)  In edit mode, a code's shortcut toggles it (see the list).", false))
        let width = min(buf.width - 4, 96)
        let height = min(buf.height - 2, content.count + 2)
        let left = (buf.width - width) / 2
        let top = max(0, (buf.height - height) / 2)
        for r in top..<(top + height) { buf.fill(row: r, column: left, count: width, style: .plain) }
        buf.put("┌" + String(repeating: "─", count: width - 2) + "┐", row: top, column: left, style: Theme.heading)
        buf.put(
            "└" + String(repeating: "─", count: width - 2) + "┘", row: top + height - 1, column: left,
            style: Theme.heading)
        for r in (top + 1)..<(top + height - 1) {
            buf.put("│", row: r, column: left, style: Theme.heading)
            buf.put("│", row: r, column: left + width - 1, style: Theme.heading)
        }
        let room = height - 2
        let first = min(state.helpScroll, max(0, content.count - room))
        if content.count > room {
            let more = " \(first + 1)–\(first + room) of \(content.count) lines · j/k scroll "
            buf.put(more, row: top + height - 1, column: left + 2, style: Theme.heading)
        }
        for (i, line) in content.dropFirst(first).prefix(room).enumerated() {
            buf.put(
                line.text, row: top + 1 + i, column: left + 2, maxWidth: width - 4,
                style: line.heading ? Theme.heading : .plain)
        }
    }
}
