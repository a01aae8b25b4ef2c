import KaderCore

/// Draws the overview screen: progress per document and coder, this coder's code frequencies as
/// horizontal bars in the codebook colours, and the category co-occurrence grid. It covers the
/// body and scrolls (j/k, PgDn/PgUp).
enum OverviewView {
    typealias Run = (text: String, style: CellStyle)

    static func draw(_ state: AppState, _ o: Overview, into buf: inout ScreenBuffer) {
        let height = Renderer.bodyHeight(forTerminalHeight: buf.height)
        let content = lines(state, o, width: buf.width - 2)
        let first = min(o.scroll, max(0, content.count - height))
        let last = min(content.count, first + height)
        Renderer.bar(
            " Overview — your codings (\(o.coder)) · \(first + 1)–\(last) of \(content.count) · j/k PgDn scroll · Esc closes",
            row: 0, style: Theme.titleBar, into: &buf)
        for (i, line) in content.dropFirst(first).prefix(height).enumerated() {
            var column = 1
            for run in line {
                column = buf.put(
                    run.text, row: 1 + i, column: column, maxWidth: buf.width - 1 - column, style: run.style)
            }
        }
    }

    /// The screen's lines at `width` cells; always ``Overview/lineCount`` of them.
    static func lines(_ state: AppState, _ o: Overview, width: Int) -> [[Run]] {
        // The per-document table comes last: on a large project it is long.
        var out: [[Run]] = []
        out += totalLines(state, o, width: width)
        out.append([])
        out += frequencyLines(state, o, width: width)
        out.append([])
        out += gridLines(state, o, width: width)
        out.append([])
        out += progressLines(state, o, width: width)
        return out
    }

    static func totalLines(_ state: AppState, _ o: Overview, width: Int) -> [[Run]] {
        let totals = o.totals
        var out: [[Run]] = [
            [
                (
                    "Progress — every coder over \(o.documents == 1 ? "the 1 document" : "all \(o.documents) documents") (details at the end)",
                    Theme.heading
                )
            ]
        ]
        let cw = min(max(5, totals.map { DisplayWidth.of($0.coder) }.max() ?? 0), 16)
        let dw = max(4, "\(o.documents)/\(o.documents)".count)
        let nw = max(5, "\(o.codable)/\(o.codable)".count)
        out.append([
            (
                pad("coder", cw) + "  " + pad("done", dw, right: true) + "  " + pad("coded", nw, right: true)
                    + "    %  progress",
                Theme.muted
            )
        ])
        if totals.isEmpty { out.append([("No transcripts in Transcripts/.", Theme.muted)]) }
        for t in totals {
            out.append(
                [
                    (pad(t.coder, cw), t.coder == o.coder ? Theme.heading : .plain),
                    ("  " + pad("\(t.done)/\(o.documents)", dw, right: true) + "  ", .plain),
                ] + share(t.coded, of: o.codable, width: nw))
        }
        return out
    }

    /// `coded/codable  pct% ██████░░░░` as runs, the count right-aligned in `width` cells (the bar
    /// is full only when every segment is coded).
    static func share(_ coded: Int, of codable: Int, width: Int) -> [Run] {
        let pct = codable == 0 ? 0 : Int((Double(coded) * 100 / Double(codable)).rounded())
        let filled = codable == 0 ? 0 : max(0, min(10, coded * 10 / codable))
        return [
            (pad("\(coded)/\(codable)", width, right: true) + " " + pad("\(pct)%", 4, right: true) + " ", .plain),
            (String(repeating: "█", count: filled), Theme.good),
            (String(repeating: "░", count: 10 - filled) + " ", Theme.muted),
        ]
    }

    static func progressLines(_ state: AppState, _ o: Overview, width: Int) -> [[Run]] {
        var out: [[Run]] = [
            [("Progress per document and coder (others: counts only)", Theme.heading)]
        ]
        let dw = min(max(8, o.progress.map { DisplayWidth.of($0.document) }.max() ?? 0), max(12, width / 3))
        let cw = min(max(5, o.progress.map { DisplayWidth.of($0.coder) }.max() ?? 0), 16)
        let nw = max(5, o.progress.map { "\($0.codable)/\($0.codable)".count }.max() ?? 0)
        out.append([
            (
                pad("document", dw) + "  " + pad("coder", cw) + "  " + pad("coded", nw, right: true)
                    + "    %  progress   status",
                Theme.muted
            )
        ])
        if o.progress.isEmpty { out.append([("No transcripts in Transcripts/.", Theme.muted)]) }
        for p in o.progress {
            out.append(
                [
                    (pad(p.document, dw) + "  ", .plain),
                    (pad(p.coder, cw), p.coder == o.coder ? Theme.heading : .plain), ("  ", .plain),
                ] + share(p.coded, of: p.codable, width: nw) + [
                    (p.status == .done ? "done ✓" : p.status.rawValue, p.status == .done ? Theme.good : Theme.muted)
                ])
        }
        return out
    }

    static func frequencyLines(_ state: AppState, _ o: Overview, width: Int) -> [[Run]] {
        var out: [[Run]] = [
            [("Code frequencies — your codings, segments per code (with its sub-codes)", Theme.heading)]
        ]
        if o.frequencies.isEmpty { out.append([("The codebook has no codes.", Theme.muted)]) }
        let labels = o.frequencies.map { String(repeating: "  ", count: $0.depth) + name(state, $0.code) }
        let lw = min(max(8, labels.map { DisplayWidth.of($0) }.max() ?? 0), max(14, width * 2 / 5))
        let top = max(1, o.frequencies.map(\.segments).max() ?? 1)
        let nw = String(top).count
        let barWidth = max(1, width - lw - nw - 3)
        for (f, label) in zip(o.frequencies, labels) {
            let entry = state.entry(id: f.code)
            let length =
                f.segments == 0 ? 0 : max(1, Int((Double(f.segments) * Double(barWidth) / Double(top)).rounded()))
            out.append([
                (pad(label, lw), Theme.code(entry, in: state, bold: f.depth == 0)),
                ("  " + pad(String(f.segments), nw, right: true) + " ", f.segments == 0 ? Theme.muted : .plain),
                (String(repeating: "█", count: length), Theme.code(entry, in: state, bold: false)),
            ])
        }
        return out
    }

    static func gridLines(_ state: AppState, _ o: Overview, width: Int) -> [[Run]] {
        var out: [[Run]] = [
            [("Category co-occurrence — your codings, segments coded with both", Theme.heading)]
        ]
        let labels = o.categories.enumerated().map { "\($0.offset + 1) " + name(state, $0.element) }
        let lw = min(max(4, labels.map { DisplayWidth.of($0) }.max() ?? 0), max(14, width / 3))
        let top = o.grid.flatMap { $0 }.max() ?? 0
        let cell = max(4, String(top).count + 2, String(o.categories.count).count + 2)
        out.append([
            (pad("", lw) + o.categories.indices.map { pad(String($0 + 1), cell, right: true) }.joined(), Theme.muted)
        ])
        if o.categories.isEmpty { out.append([("The codebook has no categories.", Theme.muted)]) }
        for (i, label) in labels.enumerated() {
            var line: [Run] = [(pad(label, lw), Theme.code(state.entry(id: o.categories[i]), in: state))]
            for j in o.categories.indices {
                let n = i < o.grid.count && j < o.grid[i].count ? o.grid[i][j] : 0
                let style = i == j ? Theme.heading : (n == 0 ? Theme.muted : .plain)
                line.append((pad(n == 0 ? "·" : String(n), cell, right: true), style))
            }
            out.append(line)
        }
        return out
    }

    static func name(_ state: AppState, _ id: String) -> String { state.entry(id: id)?.code.name ?? id }

    /// `text` cut (with `…`) or padded with spaces to `width` display cells.
    static func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        var out = ""
        var used = 0
        let total = DisplayWidth.of(text)
        if total <= width {
            let fill = String(repeating: " ", count: width - total)
            return right ? fill + text : text + fill
        }
        for ch in text {
            let w = DisplayWidth.of(ch)
            if used + w > width - 1 { break }
            out.append(ch)
            used += w
        }
        return out + "…" + String(repeating: " ", count: max(0, width - used - 1))
    }
}
