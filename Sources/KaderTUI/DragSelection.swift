import KaderCore

/// One character of segment text on screen: the cells it takes and its Unicode scalar range in
/// the document.
public struct TextCell: Hashable, Sendable {
    public var column: Int
    /// Display cells (2 for a wide character).
    public var width: Int
    /// Scalar offsets `start..<end` in the document text.
    public var start: Int
    public var end: Int

    public init(column: Int, width: Int, start: Int, end: Int) {
        self.column = column
        self.width = width
        self.start = start
        self.end = end
    }
}

/// One screen row of a segment's wrapped text, as the renderer drew it.
public struct TextRow: Hashable, Sendable {
    /// Index of the segment in the document.
    public var segment: Int
    public var cells: [TextCell]

    public init(segment: Int, cells: [TextCell]) {
        self.segment = segment
        self.cells = cells
    }

    /// The character at `column`: the one covering it, else the nearest one on the row.
    public func cell(at column: Int) -> TextCell? {
        guard let first = cells.first, let last = cells.last else { return nil }
        if column < first.column { return first }
        return cells.last { $0.column <= column } ?? last
    }
}

/// A quote being selected with the mouse: button 1 went down on `anchor` (a character of the
/// current segment) and is now over `current` (a character of the same segment).
public struct DragSelection: Hashable, Sendable {
    public var segmentId: String
    public var anchor: TextCell
    public var current: TextCell
    /// True once the pointer left the character it was pressed on: a release then keeps a quote;
    /// otherwise the press and release were a plain click.
    public var moved = false

    public init(segmentId: String, anchor: TextCell) {
        self.segmentId = segmentId
        self.anchor = anchor
        current = anchor
    }

    /// The scalar range from the first to the last character dragged over, both included.
    public var range: Range<Int> { min(anchor.start, current.start)..<max(anchor.end, current.end) }
}

extension AppState {
    /// The segment-text character under (row, column) for segment `index`; rows above or below
    /// the segment's text clamp to its first or last character.
    func dragCell(row: Int, column: Int, segment index: Int) -> TextCell? {
        if let r = textRows[row], r.segment == index { return r.cell(at: column) }
        let rows = textRows.filter { $0.value.segment == index && !$0.value.cells.isEmpty }
        guard let top = rows.keys.min(), let bottom = rows.keys.max() else { return nil }
        if row < top { return rows[top]?.cells.first }
        if row > bottom { return rows[bottom]?.cells.last }
        return nil
    }

    /// Button 1 press, drag and release on the coding screen. A press on another segment moves
    /// the cursor like a click; on the current segment's text it starts a selection; dragging extends it over whole characters;
    /// the release keeps it as a quote (one code on the segment: for that code; else the picker
    /// asks which code, as `s … Enter` does). A press and release on one character is a click.
    mutating func dragMouse(_ m: MouseEvent) -> [Effect] {
        switch m.kind {
        case .press:
            drag = nil
            guard segmentColumns.contains(m.column), let i = segmentRows[m.row] else { return [] }
            // A press on another segment selects it (the screen may scroll); only a press on the
            // current segment's text starts a selection.
            guard i == cursor else {
                cursor = i
                return []
            }
            if let d = document, let r = textRows[m.row], r.segment == i, let cell = r.cell(at: m.column) {
                drag = DragSelection(segmentId: d.segments[i].id, anchor: cell)
            }
        case .drag, .release:
            guard var d = drag, let seg = currentSegment, seg.id == d.segmentId else {
                drag = nil
                return []
            }
            if let cell = dragCell(row: m.row, column: m.column, segment: cursor), cell != d.current {
                d.current = cell
                d.moved = true
            }
            guard m.kind == .release else {
                drag = d
                return []
            }
            drag = nil
            guard d.moved else { return [] }
            return keepDraggedQuote(d.range, in: seg)
        default: break
        }
        return []
    }

    /// Keeps `range` (whitespace at its ends left out) as a quote on the current segment.
    mutating func keepDraggedQuote(_ range: Range<Int>, in seg: Segment) -> [Effect] {
        if let reason = whyNot(.selectQuote) {
            message = StatusMessage(reason, isError: true)
            return []
        }
        let words = Array(seg.scalarText(from: range.lowerBound, to: range.upperBound).unicodeScalars)
        let lead = words.prefix { $0.properties.isWhitespace }.count
        let trail = words.reversed().prefix { $0.properties.isWhitespace }.count
        guard lead < words.count else { return [] }
        let span = QuoteSpan(start: range.lowerBound + lead, end: range.upperBound - trail)
        let codes = codes(for: seg.id)
        guard codes.count == 1, let code = codes.first else {
            var p = CodePicker(purpose: .quote(span: span))
            p.refresh(entries: quoteCodeEntries, recent: recentCodes)
            mode = .picker(p)
            message = StatusMessage("Choose the code this quote is for and press Enter.")
            return []
        }
        message = StatusMessage("Quote kept for \"\(entry(id: code)?.code.name ?? code)\" (dragged); u undoes.")
        let now = clock()
        return change { file, seg in file.settingSpans([span], code: CodeID(code), on: seg, at: now) }
    }
}
