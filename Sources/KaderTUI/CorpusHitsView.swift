import KaderCore

/// The hit list of the search across documents (`*`): one keyword-in-context line per hit
/// (document, segment number and speaker, then the match centred in its context), and the
/// selected hit's whole segment underneath. Shows behind the picker and the confirmation of
/// coding the hits too.
enum CorpusHitsView {
    /// The hint line while the list has the keyboard.
    static let hints = ["j/k move", "Enter open", "c code all listed", "/ search again", "Esc back"]

    /// Rows of the segment preview under the list (a rule and the text).
    static let previewRows = 5

    /// True when the hit list is on screen: its own mode, or coding the hits (picker, question).
    static func isShowing(_ state: AppState) -> Bool {
        guard state.corpusHits != nil else { return false }
        switch state.mode {
        case .corpusHits: return true
        case .picker(let p): return p.purpose == .codeHits
        case .prompt(let p): if case .confirmCodeHits = p.kind { return true } else { return false }
        default: return false
        }
    }

    static func draw(_ state: AppState, into buf: inout ScreenBuffer) {
        guard let h = state.corpusHits else { return }
        let segments = h.segments.count
        Renderer.bar(
            " \"\(h.term)\" · \(count(h.rows.count, "hit")) in \(count(segments, "segment")), \(count(h.documentCount, "document")) · Enter open · c code all · Esc",
            row: 0, style: Theme.titleBar, into: &buf)
        let height = Renderer.bodyHeight(forTerminalHeight: buf.height)
        guard !h.rows.isEmpty else {
            buf.put(
                "  No codable segment has \"\(h.term)\". Words match whole: use * as a wildcard (werk*, *druk).",
                row: 2, column: 0, style: Theme.muted)
            return
        }
        let listHeight = max(1, height - previewRows)
        let first = max(0, h.selected - listHeight + 1)
        let widest = h.rows.map { DisplayWidth.of(Self.who($0)) }.max() ?? 0
        let whoWidth = min(widest + 2, buf.width / 3)
        for (k, row) in h.rows.enumerated().dropFirst(first).prefix(listHeight) {
            drawRow(row, at: 1 + k - first, selected: k == h.selected, whoWidth: whoWidth, into: &buf)
        }
        let sel = h.rows[min(h.selected, h.rows.count - 1)]
        let top = 1 + listHeight
        let who = [sel.speaker, sel.role.map { "(\($0))" }].compactMap { $0 }.joined(separator: " ")
        buf.put(
            "── \(sel.documentId) #\(sel.ordinal) \(who) " + String(repeating: "─", count: buf.width), row: top,
            column: 0, style: Theme.muted, ellipsis: false)
        // The lines around the match: from the line before the one it starts on.
        let before = String(String.UnicodeScalarView(sel.text.unicodeScalars.prefix(max(0, sel.matchOffset))))
        let skip = max(0, TextWrap.lines(before + "x", width: buf.width - 4).count - 2)
        let lines = TextWrap.lines(sel.text, width: buf.width - 4).dropFirst(skip)
        for (i, line) in lines.prefix(previewRows - 1).enumerated() {
            buf.put(line, row: top + 1 + i, column: 2)
        }
    }

    /// One hit: `document #n speaker` in a column of `whoWidth`, then the match with its context.
    static func drawRow(_ row: CorpusHitRow, at y: Int, selected: Bool, whoWidth: Int, into buf: inout ScreenBuffer) {
        let base = selected ? Theme.selected : CellStyle.plain
        if selected { buf.fill(row: y, style: base) }
        buf.put(
            " " + Self.who(row, width: whoWidth - 2), row: y, column: 0, maxWidth: whoWidth,
            style: selected ? base : Theme.heading)
        let kwicLeft = whoWidth + 1
        let kwicWidth = buf.width - kwicLeft
        guard kwicWidth > 10 else { return }
        let leftWidth = kwicWidth * 2 / 5
        let left = tail(row.left, width: leftWidth)
        buf.put(left, row: y, column: kwicLeft + leftWidth - DisplayWidth.of(left), style: base)
        var matchStyle = Theme.match
        if selected { matchStyle.reverse = false }
        let end = buf.put(row.match, row: y, column: kwicLeft + leftWidth, style: matchStyle)
        buf.put(row.right, row: y, column: end, maxWidth: max(0, buf.width - end), style: base)
    }

    /// `1 hit`, `3 hits`.
    static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

    static func who(_ row: CorpusHitRow) -> String { "\(row.documentId) #\(row.ordinal) \(row.speaker ?? "")" }

    /// ``who(_:)`` in at most `width` cells: a long document id is cut first (`focusgroep-sch… #12
    /// Els`), so the segment number stays in sight; then the speaker.
    static func who(_ row: CorpusHitRow, width: Int) -> String {
        let full = who(row)
        guard DisplayWidth.of(full) > width else { return full }
        let number = " #\(row.ordinal)"
        let speaker = row.speaker.map { " " + $0 } ?? ""
        let documentWidth = width - DisplayWidth.of(number + speaker)
        if documentWidth >= 6 { return head(row.documentId, width: documentWidth) + number + speaker }
        let shortDocument = head(row.documentId, width: 6)
        return head(shortDocument + number + speaker, width: width)
    }

    /// The start of `text` that fits in `width` cells, ending with `…` when cut.
    static func head(_ text: String, width: Int) -> String {
        guard DisplayWidth.of(text) > width else { return text }
        var out = ""
        var w = 1
        for c in text {
            let cw = DisplayWidth.of(c)
            if w + cw > width { break }
            out.append(c)
            w += cw
        }
        return out + "…"
    }

    /// The end of `text` that fits in `width` cells, starting with `…` when cut.
    static func tail(_ text: String, width: Int) -> String {
        guard DisplayWidth.of(text) > width else { return text }
        var chars = Array(text)
        var w = DisplayWidth.of(text) + 1
        while !chars.isEmpty && w > width {
            w -= DisplayWidth.of(chars.removeFirst())
        }
        return "…" + String(chars)
    }
}
