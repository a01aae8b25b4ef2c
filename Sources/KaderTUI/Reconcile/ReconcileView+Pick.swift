import KaderCore

extension ReconcileView {
    /// The quote pick: one row per consensus code (the cursor on one), what each coder quoted
    /// for it side by side, and the quotes the consensus keeps with the current pick.
    static func drawPick(_ state: ReconcileState, index: Int, into buf: inout ScreenBuffer, row: Int, bottom: Int) {
        guard let item = state.current, let r = state.resolutions[state.cursor] else { return }
        buf.put(
            "Whose quotes does the consensus keep? a A's, b B's, u both, w whole segment; j/k code, Esc done",
            row: row, column: 1, style: Theme.heading)
        let half = (buf.width - 2) / 2
        var underline = CellStyle.plain
        underline.underline = true
        var line = row + 1
        for (i, code) in r.codes.enumerated() {
            guard line + 2 < bottom else { return }
            let selected = i == index
            let head =
                (selected ? "› " : "  ") + label(code, state.codebook) + " — keeps " + state.pickName(r.picks[code])
            buf.put(head, row: line, column: 1, maxWidth: buf.width - 2, style: selected ? Theme.chip : .plain)
            line += 1
            let each = ConsensusCoding.spans(of: code, coders: state.currentCoders, segment: item.segment)
            for (side, name) in [state.firstCoder, state.secondCoder].enumerated() {
                let column = 1 + side * half
                guard let spans = each.first(where: { $0.coder == name })?.spans else {
                    buf.put("    (did not apply)", row: line, column: column, maxWidth: half - 1, style: Theme.muted)
                    continue
                }
                let text =
                    spans.isEmpty
                    ? "(whole segment)"
                    : spans.map { "“" + item.segment.scalarText(from: $0.start, to: $0.end) + "”" }
                        .joined(separator: " … ")
                buf.put(
                    "    " + text, row: line, column: column, maxWidth: half - 1,
                    style: spans.isEmpty ? Theme.muted : underline)
            }
            line += 1
            let kept = state.keptQuote(code: code).map { "“" + $0 + "”" } ?? "(whole segment)"
            buf.put("    → consensus: " + kept, row: line, column: 1, maxWidth: buf.width - 2, style: Theme.good)
            line += 1
        }
    }
}
