/// Colours a cell can carry; the terminal maps them to what it supports.
public enum CellColor: UInt8, Hashable, Sendable {
    case normal, accent, muted, good, warn, bad, role1, role2, role3, role4, role5, role6, highlight
}

/// Text attributes of a cell.
public struct CellStyle: Hashable, Sendable {
    public var color: CellColor
    public var bold: Bool
    public var reverse: Bool
    public var underline: Bool
    public var dim: Bool

    public init(
        color: CellColor = .normal, bold: Bool = false, reverse: Bool = false, underline: Bool = false,
        dim: Bool = false
    ) {
        self.color = color
        self.bold = bold
        self.reverse = reverse
        self.underline = underline
        self.dim = dim
    }

    public static let plain = CellStyle()
}

/// One screen cell. A wide character occupies its cell and a following continuation cell
/// (`isContinuation`), so every row has exactly `width` cells.
public struct Cell: Hashable, Sendable {
    public var character: Character
    public var style: CellStyle
    public var isContinuation: Bool

    public static let blank = Cell(character: " ", style: .plain, isContinuation: false)
}

/// An in-memory screen of `height` rows × `width` cells: what a frame looks like, without a
/// terminal. Renderers draw into it; the curses backend copies it out; tests compare its text.
public struct ScreenBuffer: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public private(set) var rows: [[Cell]]

    public init(width: Int, height: Int) {
        self.width = max(width, 0)
        self.height = max(height, 0)
        rows = Array(repeating: Array(repeating: .blank, count: self.width), count: self.height)
    }

    /// Draws `text` at `row`, `column`, clipped to `maxWidth` cells (default: to the right edge).
    /// Control and escape characters are drawn as `�` so nothing raw reaches the terminal.
    /// Text cut at the limit ends in `…` (unless `ellipsis` is false), so a cut name never
    /// looks whole. Returns the column after the last cell drawn.
    @discardableResult
    public mutating func put(
        _ text: String, row: Int, column: Int, maxWidth: Int? = nil, style: CellStyle = .plain, ellipsis: Bool = true
    ) -> Int {
        guard row >= 0, row < height, column < width else { return column }
        let limit = min(width, column + (maxWidth ?? width))
        var col = max(column, 0)
        var last: (column: Int, width: Int)?
        for ch in text {
            let safe = Self.safe(ch)
            let w = DisplayWidth.of(safe)
            if w == 0 { continue }
            if col + w > limit {
                if ellipsis, let l = last, l.column >= max(column, 0) {
                    rows[row][l.column] = Cell(character: "…", style: style, isContinuation: false)
                    if l.width == 2 {
                        rows[row][l.column + 1] = Cell(character: " ", style: style, isContinuation: false)
                    }
                    col = l.column + 1
                }
                break
            }
            last = (col, w)
            rows[row][col] = Cell(character: safe, style: style, isContinuation: false)
            if w == 2 { rows[row][col + 1] = Cell(character: " ", style: style, isContinuation: true) }
            col += w
        }
        return col
    }

    /// Fills `count` cells of `row` from `column` with spaces in `style`.
    public mutating func fill(row: Int, column: Int = 0, count: Int? = nil, style: CellStyle) {
        guard row >= 0, row < height else { return }
        let end = min(width, column + (count ?? width))
        var c = max(column, 0)
        while c < end {
            rows[row][c] = Cell(character: " ", style: style, isContinuation: false)
            c += 1
        }
    }

    /// Applies `change` to the style of cells in `row` from `column` for `count` cells.
    public mutating func restyle(row: Int, column: Int, count: Int, _ change: (inout CellStyle) -> Void) {
        guard row >= 0, row < height else { return }
        for c in max(column, 0)..<min(width, column + count) { change(&rows[row][c].style) }
    }

    /// The rows as plain text, trailing spaces removed.
    public var lines: [String] {
        rows.map { row in
            var s = ""
            for cell in row where !cell.isContinuation { s.append(cell.character) }
            while s.last == " " { s.removeLast() }
            return s
        }
    }

    /// The whole screen as text, one line per row.
    public var text: String { lines.joined(separator: "\n") }

    /// The styles of every cell as text, for snapshots: one row per screen row, one character
    /// per cell. `attributes`: a hex digit of bold 1, reverse 2, underline 4, dim 8 (`.` none);
    /// `colors`: `.` normal, `a` accent, `m` muted, `g` good, `w` warn, `b` bad, `1`–`6` role
    /// colours, `h` highlight. Trailing `.` are dropped.
    public var styleText: (attributes: String, colors: String) {
        let colorCodes: [CellColor: Character] = [
            .normal: ".", .accent: "a", .muted: "m", .good: "g", .warn: "w", .bad: "b",
            .role1: "1", .role2: "2", .role3: "3", .role4: "4", .role5: "5", .role6: "6", .highlight: "h",
        ]
        func layer(_ code: (CellStyle) -> Character) -> String {
            rows.map { row in
                var s = String(row.map { code($0.style) })
                while s.last == "." { s.removeLast() }
                return s
            }.joined(separator: "\n")
        }
        let attributes = layer { st in
            let v = (st.bold ? 1 : 0) | (st.reverse ? 2 : 0) | (st.underline ? 4 : 0) | (st.dim ? 8 : 0)
            return v == 0 ? "." : Character(String(v, radix: 16))
        }
        return (attributes, layer { colorCodes[$0.color] ?? "?" })
    }

    /// Replaces control characters (C0, C1, DEL, ESC) with `�`.
    static func safe(_ ch: Character) -> Character {
        for s in ch.unicodeScalars {
            let v = s.value
            // Printable ASCII, and everything below U+0600 except U+00AD (the only format
            // character there), needs no property lookup: the common case on every frame.
            if v >= 0x20 && v < 0x7F { continue }
            if v < 0xA0 { return "\u{FFFD}" }  // C0 controls, DEL and C1 controls
            if v < 0x600 && v != 0xAD { continue }
            if v != 0x200D && s.properties.generalCategory == .format { return "\u{FFFD}" }
        }
        return ch
    }
}
