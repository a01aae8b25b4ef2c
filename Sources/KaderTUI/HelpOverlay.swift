import KaderCore

/// The help screen, generated from the keymap table and the codebook shortcuts.
enum HelpOverlay {
    /// The help text as lines (also used by `kader --help`-style docs and tests).
    static func lines(_ state: AppState, width: Int = 92) -> [(String, CellStyle)] {
        var out: [(String, CellStyle)] = [("Kader keys (Esc or ? closes)", Theme.heading)]
        for context in KeyBinding.Context.allCases {
            let rows = state.keymap.bindings.filter { $0.context == context }
            guard !rows.isEmpty else { continue }
            out.append(("", .plain))
            out.append((context.rawValue, Theme.heading))
            var seen: [String: Int] = [:]
            var merged: [(String, String)] = []
            for b in rows {
                if let i = seen[b.help] {
                    merged[i].0 += "/" + b.key.displayName
                } else {
                    seen[b.help] = merged.count
                    merged.append((b.key.displayName, b.help))
                }
            }
            for (keys, help) in merged { out.append(("  " + keys.padding(toLength: 14, withPad: " ", startingAt: 0) + help, .plain)) }
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
        let width = min(buf.width - 4, 96)
        let content = lines(state, width: width - 4)
        let height = min(buf.height - 2, content.count + 2)
        let left = (buf.width - width) / 2
        let top = max(0, (buf.height - height) / 2)
        for r in top..<(top + height) { buf.fill(row: r, column: left, count: width, style: .plain) }
        buf.put("┌" + String(repeating: "─", count: width - 2) + "┐", row: top, column: left, style: Theme.heading)
        buf.put("└" + String(repeating: "─", count: width - 2) + "┘", row: top + height - 1, column: left, style: Theme.heading)
        for r in (top + 1)..<(top + height - 1) {
            buf.put("│", row: r, column: left, style: Theme.heading)
            buf.put("│", row: r, column: left + width - 1, style: Theme.heading)
        }
        for (i, (text, style)) in content.prefix(height - 2).enumerated() {
            buf.put(text, row: top + 1 + i, column: left + 2, maxWidth: width - 4, style: style)
        }
    }
}
