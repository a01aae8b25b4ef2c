import KaderCore

/// The help screen, generated from the keymap table and the codebook shortcuts. It covers the
/// whole screen and scrolls (j/k, PgDn/PgUp); any other key closes it.
enum HelpOverlay {
    /// The help text as lines for a given width.
    static func lines(_ state: AppState, width: Int) -> [(String, CellStyle)] {
        var out: [(String, CellStyle)] = [
            ("Kader keys — j/k or PgDn/PgUp scroll this help; any other key closes it", Theme.heading),
            ("Everything you do is saved at once; the status line says \"saved\" when it is on disk.", Theme.muted),
        ]
        let keyWidth = 16
        for context in KeyBinding.Context.allCases {
            let rows = state.keymap.bindings.filter { $0.context == context }
            guard !rows.isEmpty else { continue }
            out.append(("", .plain))
            out.append((context.rawValue, Theme.heading))
            var seen: [String: Int] = [:]
            var merged: [(String, String, Action)] = []
            for b in rows {
                if let i = seen[b.help] {
                    merged[i].0 += ", " + b.key.displayName
                } else {
                    seen[b.help] = merged.count
                    merged.append((b.key.displayName, b.help, b.action))
                }
            }
            for (keys, help, action) in merged {
                // An action that cannot be done now is greyed, with the reason.
                let reason = state.screen == .coding ? state.whyNot(action) : nil
                let wrapped = TextWrap.lines(
                    help + (reason.map { " — not now: " + $0 } ?? ""), width: max(20, width - keyWidth - 2))
                for (i, line) in wrapped.enumerated() {
                    let left =
                        i == 0
                        ? "  " + keys.padding(toLength: keyWidth, withPad: " ", startingAt: 0)
                        : String(repeating: " ", count: keyWidth + 2)
                    out.append((left + line, reason == nil ? .plain : Theme.muted))
                }
            }
        }
        out.append(("", .plain))
        let notes = [
            "In the code picker (c): type to search (an exact shortcut or name comes first); ↑/↓ choose; ● marks codes already applied; Enter toggles the code and closes; Tab toggles and stays open; Ctrl-N proposes a code named after what you typed (then choose its category, or type a new category's name and Ctrl-N); + marks your proposed codes, which only you see until Ctrl-A adopts them into the team codebook; Ctrl-R renames the selected code; Ctrl-G merges it into another code (asks; every coder's codings move; u undoes it); Ctrl-E writes a memo on it; Esc closes.",
            "Selecting a quote (s, or S for the sentence): . sentence, , clause under the cursor; ) ( next/previous sentence, } { clause, a count first (2)); ←/→ or h/l word by word; / type the first words of the quote; e extends to the end of the sentence; Space anchors; Enter or Ctrl-S keeps the words as the quote; x clears it; v makes an in-vivo code named after the words; Esc cancels.",
            "In the filter menu (f): c code, s speaker, r role, u uncoded, m coded by me, x clear; Enter or Esc closes.",
            "Memos (m segment, M document, Ctrl-E one code on the segment, Ctrl-P project, Ctrl-E in the picker a code): a small editor that wraps; Enter starts a new line; Ctrl-S (or F2) saves; Esc closes, and asks first when you typed something (Esc again discards).",
            "Mouse: click a segment to select it; drag over its words to quote them (one code on the segment: for that code; several: the picker asks which); the wheel scrolls. A segment longer than the screen scrolls with PgDn/PgUp.",
        ]
        for note in notes {
            for (i, line) in TextWrap.lines(note, width: max(20, width - 2)).enumerated() {
                out.append(((i == 0 ? "" : "  ") + line, .plain))
            }
        }
        out.append(("", .plain))
        out.append(("Code shortcuts (toggle the code on the current segment)", Theme.heading))
        let shortcuts = state.codeEntries.compactMap { e in e.code.shortcut.map { "\($0) \(e.code.name)" } }
        for line in TextWrap.lines(shortcuts.joined(separator: " · "), width: max(10, width - 2)) {
            out.append(("  " + line, .plain))
        }
        return out
    }

    static func draw(_ state: AppState, into buf: inout ScreenBuffer) {
        let width = buf.width - 4
        let content = lines(state, width: width)
        let height = buf.height - 2
        let maxScroll = max(0, content.count - height)
        let first = min(state.helpScroll, maxScroll)
        for r in 0..<(buf.height - 1) { buf.fill(row: r, style: .plain) }
        Renderer.bar(
            " Help — \(first + 1)–\(min(content.count, first + height)) of \(content.count) lines", row: 0,
            style: Theme.titleBar, into: &buf)
        for (i, (text, style)) in content.dropFirst(first).prefix(height).enumerated() {
            buf.put(text, row: 1 + i, column: 2, maxWidth: width, style: style)
        }
    }
}
