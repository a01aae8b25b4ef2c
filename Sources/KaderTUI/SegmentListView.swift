import KaderCore

/// The visible segments of the open document: the current one marked, with speaker, role,
/// timestamp, wrapped text (search matches and the quote span highlighted), memo indicator,
/// applied codes as chips, and other coders' codes when shown.
enum SegmentListView {
    /// The most characters (Unicode scalars) of one segment the list lays out (documented in the README).
    static let maxShownScalars = 100_000

    /// One screen line of a segment block.
    struct Row {
        var text: [Character]
        /// Style per character.
        var styles: [CellStyle]
        var indent: Int
        var isHeader = false
        /// For a line of the segment's text: each character's scalar offset in the document.
        var offsets: [Int]?

        init(_ text: String, _ style: CellStyle, indent: Int, isHeader: Bool = false) {
            self.init(Array(text), style, indent: indent, isHeader: isHeader)
        }

        init(_ text: [Character], _ style: CellStyle, indent: Int, isHeader: Bool = false) {
            self.text = text
            styles = Array(repeating: style, count: text.count)
            self.indent = indent
            self.isHeader = isHeader
        }
    }

    static func block(_ state: AppState, _ s: Segment, width: Int, current: Bool) -> [Row] {
        var rows: [Row] = []
        var header = "#\(s.ordinal) \(s.speaker ?? "(no speaker)")"
        if let role = s.role, role != s.speaker { header += " · \(role)" }
        if let t = s.timestamp { header += "  \(t)" }
        if !s.codable { header += "  (not coded)" }
        let coding = state.coding(forSegment: s.id)
        if coding?.review == true { header += "  (text changed: check the codes)" }
        if let memo = coding?.memo, !memo.isEmpty { header += "  ✎ memo" }
        if coding?.hasSpans == true { header += "  ❝quote❞" }
        rows.append(Row(header, s.codable ? Theme.speaker(s.role, s.speaker) : Theme.muted, indent: 0, isHeader: true))
        let textStyle = s.codable ? CellStyle.plain : Theme.muted
        // Only the first `maxShownScalars` of a segment are laid out, so every frame costs the
        // same on a segment of any length (a 50 MB single-line transcript stays responsive).
        let length = s.end - s.start
        let shown =
            length > maxShownScalars
            ? String(String.UnicodeScalarView(s.text.unicodeScalars.prefix(maxShownScalars))) : s.text
        let matches =
            state.search.map { $0.matches(in: shown).map { ($0.lowerBound + s.start)..<($0.upperBound + s.start) } }
            ?? []
        var nextMatch = 0
        var selection: Range<Int>?
        if current, case .span(let sel) = state.mode, sel.segmentId == s.id, let span = sel.span {
            selection = span.start..<span.end
        }
        if current, let drag = state.drag, drag.segmentId == s.id, drag.moved { selection = drag.range }
        // Each code's quotes, underlined in the code's colour (the first code in codebook order
        // wins where quotes of several codes overlap).
        // (No closure here captures `state`: such a capture copied the whole state on every block.)
        var quoted: [(position: Int, applied: AppliedCode)] = []
        for a in coding?.applied ?? [] where !a.spans.isEmpty {
            quoted.append((state.entryPosition(a.code) ?? Int.max, a))
        }
        quoted.sort { ($0.position, $0.applied.code) < ($1.position, $1.applied.code) }
        var quotes: [(Range<Int>, CellColor)] = []
        for (_, a) in quoted {
            let color = Theme.code(state.entry(id: a.code), in: state).color
            for span in a.spans where span.start < span.end { quotes.append((span.start..<span.end, color)) }
        }
        for line in state.wrapCache.wrap(shown, width: max(10, width - 3)) {
            var row = Row(line.characters, textStyle, indent: 2)
            // Only the current segment's text can be selected by mouse (a drag starts on it).
            if current { row.offsets = line.offsets.map { $0 + s.start } }
            for (k, rel) in line.offsets.enumerated() {
                let o = rel + s.start
                if let q = quotes.first(where: { $0.0.contains(o) }) {
                    row.styles[k].underline = true
                    row.styles[k].color = q.1
                }
                // Matches are sorted and offsets grow along the lines: one pass over both.
                while nextMatch < matches.count && matches[nextMatch].upperBound <= o { nextMatch += 1 }
                if nextMatch < matches.count && matches[nextMatch].contains(o) { row.styles[k] = Theme.match }
                if let sel = selection, sel.contains(o) { row.styles[k] = Theme.selected }
            }
            rows.append(row)
        }
        if length > maxShownScalars {
            let note =
                "… \(length - maxShownScalars) more characters of this segment are not shown: Kader shows at most \(maxShownScalars) characters of one segment (split the turn in the transcript to see it all)."
            for line in TextWrap.lines(note, width: max(10, width - 3)) {
                rows.append(Row(line, Theme.muted, indent: 2))
            }
        }
        let codes = state.codes(for: s.id)
        if !codes.isEmpty { rows += chipRows(state, codes, segmentId: s.id, width: max(10, width - 3)) }
        if state.othersVisible {
            for (coder, file) in state.otherCodings.sorted(by: { $0.key < $1.key }) {
                let other = file.codes(forSegment: s.id)
                guard !other.isEmpty else { continue }
                let names = other.map { state.entry(id: $0)?.code.name ?? $0 }.joined(separator: ", ")
                for line in TextWrap.lines("\(coder): \(names)", width: max(10, width - 3)) {
                    rows.append(Row(line, Theme.muted, indent: 2))
                }
            }
        }
        rows.append(Row("", .plain, indent: 0))
        return rows
    }

    /// The applied codes as chips in codebook order, grouped under their category
    /// (`Digitalisering: [Werkdruk] [Didactiek]`), each in its codebook colour, wrapped at `width`.
    static func coding(_ state: AppState, segment: String, code: String) -> Int {
        state.coding(forSegment: segment)?.applied(code)?.spans.count ?? 0
    }

    static func chipRows(_ state: AppState, _ codes: [String], segmentId: String, width: Int) -> [Row] {
        var keyed: [(position: Int, id: String)] = []
        for id in codes { keyed.append((state.entryPosition(id) ?? Int.max, id)) }
        let ordered = keyed.sorted { ($0.position, $0.id) < ($1.position, $1.id) }.map(\.id)
        var tokens: [(String, CellStyle)] = []
        var category: String?
        for id in ordered {
            let e = state.entry(id: id)
            if let e, e.depth > 0, e.categoryId != category, let c = state.entry(id: e.categoryId) {
                tokens.append((c.code.name + ":", Theme.code(c, in: state, bold: false)))
            }
            category = e.map { $0.depth == 0 ? $0.code.id : $0.categoryId }
            // A code with quotes shows ❝n❞ (its quotes are underlined in the same colour); one with
            // a coding memo (its memo on this segment) shows ✎.
            let n = coding(state, segment: segmentId, code: id)
            let memo = state.coding(forSegment: segmentId)?.applied(id)?.memo?.isEmpty == false ? " ✎" : ""
            tokens.append(
                ("[" + (e?.code.name ?? "?\(id)") + (n > 0 ? " ❝\(n)❞" : "") + memo + "]", Theme.code(e, in: state)))
        }
        var rows: [Row] = []
        var row = Row("", .plain, indent: 2)
        var used = 0
        for (text, style) in tokens {
            let w = DisplayWidth.of(text)
            if used > 0 && used + 1 + w > width {
                rows.append(row)
                row = Row("", .plain, indent: 2)
                used = 0
            }
            if used > 0 {
                row.text.append(" ")
                row.styles.append(.plain)
                used += 1
            }
            row.text += Array(text)
            row.styles += Array(repeating: style, count: text.count)
            used += w
        }
        rows.append(row)
        return rows
    }

    /// What the list drew: the first segment shown, row → segment, and how many lines of the
    /// current segment are hidden below the screen (a segment taller than the screen scrolls).
    struct Layout {
        var first: Int
        var rows: [Int: Int]
        var overflow: Int
        /// Screen row → the cells of the current segment's text drawn on it (selecting a quote by mouse).
        var textRows: [Int: TextRow] = [:]
    }

    static func draw(
        _ state: AppState, _ doc: Document, into buf: inout ScreenBuffer, top: Int, height: Int, left: Int, width: Int
    ) -> Layout {
        let visible = state.visibleIndices
        guard !visible.isEmpty else {
            let text =
                doc.segments.isEmpty ? "This document has no segments." : "No segment passes the filter; F clears it."
            buf.put(text, row: top, column: left + 1, style: Theme.muted)
            return Layout(first: 0, rows: [:], overflow: 0)
        }
        let cursorPos = AppState.position(in: visible, atLeast: state.cursor) ?? visible.count - 1
        let scrollPos = min(AppState.position(in: visible, atLeast: state.scrollTop) ?? 0, cursorPos)
        var cache: [Int: [Row]] = [:]
        func rows(_ k: Int) -> [Row] {
            if let r = cache[k] { return r }
            let r = block(state, doc.segments[visible[k]], width: width, current: k == cursorPos)
            cache[k] = r
            return r
        }
        // Scroll down until the whole current block fits (or it is the first shown): the first
        // block at or after `scrollPos` from which the blocks up to the cursor's fit in `height`.
        // Walks back from the cursor, so only the blocks that can be on screen are laid out.
        var first = cursorPos
        var used = rows(cursorPos).count
        while first > scrollPos {
            let above = rows(first - 1).count
            if used + above > height { break }
            used += above
            first -= 1
        }
        // A current segment taller than the screen is shown alone, from its scroll offset.
        var skip = 0
        var overflow = 0
        let currentHeight = rows(cursorPos).count
        if currentHeight > height {
            first = cursorPos
            skip = max(0, min(state.segmentScroll, currentHeight - height))
            overflow = currentHeight - skip - height
        }
        var rowMap: [Int: Int] = [:]
        var textRows: [Int: TextRow] = [:]
        var row = top
        var k = first
        while row < top + height && k < visible.count {
            let index = visible[k]
            let current = k == cursorPos
            for line in rows(k).dropFirst(current ? skip : 0) {
                guard row < top + height else { break }
                rowMap[row] = index
                if current && !line.text.isEmpty { buf.put("▌", row: row, column: left, style: Theme.cursorMarker) }
                var col = left + 1 + line.indent
                let limit = left + width
                var cells: [TextCell] = []
                for (k, (c, style)) in zip(line.text, line.styles).enumerated() {
                    var st = style
                    if current && line.isHeader { st.reverse = true }
                    // (ASCII first: comparing every Character with U+00A0 took the slow string path.)
                    let shown = c.isASCII || c != "\u{A0}" ? String(c) : " "
                    let next = buf.put(shown, row: row, column: col, maxWidth: limit - col, style: st)
                    if next == col && DisplayWidth.of(c) > 0 { break }
                    if let offsets = line.offsets, next > col {
                        let start = offsets[k]
                        cells.append(
                            TextCell(column: col, width: next - col, start: start, end: start + c.unicodeScalars.count))
                    }
                    col = next
                }
                if line.offsets != nil { textRows[row] = TextRow(segment: index, cells: cells) }
                row += 1
            }
            k += 1
        }
        if overflow > 0 {
            buf.put(
                " ↓ \(overflow) more lines of this segment: PgDn ", row: top + height - 1, column: left + 2,
                maxWidth: width - 2, style: Theme.selected)
        }
        if skip > 0 {
            buf.put(
                " ↑ \(skip) lines above: PgUp ", row: top, column: left + 2, maxWidth: width - 2, style: Theme.selected)
        }
        return Layout(first: visible[first], rows: rowMap, overflow: overflow, textRows: textRows)
    }
}
