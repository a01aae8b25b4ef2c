/// A one-line text field: typed characters (any Unicode), cursor movement, backspace.
public struct LineEditor: Hashable, Sendable {
    public var characters: [Character]
    /// Cursor position in characters (0…count).
    public var cursor: Int

    public init(_ text: String = "") {
        characters = Array(text)
        cursor = characters.count
    }

    public var text: String { String(characters) }

    public enum Outcome: Hashable, Sendable { case editing, submit, cancel, unhandled }

    /// Edits for `key`; Enter submits, Esc cancels. Other keys are `unhandled` for the caller.
    public mutating func handle(_ key: Key) -> Outcome {
        switch key {
        case .enter: return .submit
        case .escape: return .cancel
        case .char(let c):
            characters.insert(c, at: cursor)
            cursor += 1
        case .paste(let text):
            let line = Array(text.map { $0 == "\n" || $0 == "\t" ? " " : $0 })
            characters.insert(contentsOf: line, at: cursor)
            cursor += line.count
        case .backspace:
            if cursor > 0 {
                characters.remove(at: cursor - 1)
                cursor -= 1
            }
        case .delete:
            if cursor < characters.count { characters.remove(at: cursor) }
        case .left: cursor = max(0, cursor - 1)
        case .right: cursor = min(characters.count, cursor + 1)
        case .home, .ctrl("a"): cursor = 0
        case .end, .ctrl("e"): cursor = characters.count
        case .ctrl("u"):
            characters.removeFirst(cursor)
            cursor = 0
        case .ctrl("w"):
            var i = cursor
            while i > 0 && characters[i - 1] == " " { i -= 1 }
            while i > 0 && characters[i - 1] != " " { i -= 1 }
            characters.removeSubrange(i..<cursor)
            cursor = i
        default: return .unhandled
        }
        return .editing
    }
}

/// A multi-line text editor for memos: Enter adds a line, Ctrl-S saves, Esc cancels.
public struct MemoEditor: Hashable, Sendable {
    public enum Target: Hashable, Sendable {
        case segment(id: String, ordinal: Int)
        case document(id: String)
        case code(id: String)
        /// The memo of `code` on one segment (the coding memo).
        case coding(segmentId: String, ordinal: Int, code: String)
        /// The coder's project memo.
        case project
    }

    public var target: Target
    public var lines: [[Character]]
    public var row: Int
    public var column: Int
    /// The memo as it was when the editor opened (what Esc goes back to).
    public var original: String
    /// Set by an `Esc` while the text differs from ``original``: a second `Esc` discards.
    public var confirmingDiscard = false

    public init(target: Target, text: String) {
        self.target = target
        original = text.trimmingTrailingWhitespace()
        lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0) }
        if lines.isEmpty { lines = [[]] }
        row = lines.count - 1
        column = lines[row].count
    }

    public var text: String { lines.map { String($0) }.joined(separator: "\n").trimmingTrailingWhitespace() }

    /// True when the text differs from what the memo was when the editor opened.
    public var isDirty: Bool { text != original }

    /// `editing`; `save` (Ctrl-S or F2); `cancel` (Esc on an unchanged memo, or a second Esc);
    /// `confirm` (Esc on a changed memo: the caller asks, a second Esc discards).
    public enum Outcome: Hashable, Sendable { case editing, save, cancel, confirm }

    public mutating func handle(_ key: Key) -> Outcome {
        let confirming = confirmingDiscard
        confirmingDiscard = false
        switch key {
        case .ctrl("s"), .function(2): return .save
        case .escape:
            if isDirty && !confirming {
                confirmingDiscard = true
                return .confirm
            }
            return .cancel
        case .enter:
            let rest = Array(lines[row][column...])
            lines[row].removeSubrange(column...)
            lines.insert(rest, at: row + 1)
            row += 1
            column = 0
        case .char(let c):
            lines[row].insert(c, at: column)
            column += 1
        case .paste(let text):
            for c in text {
                if c == "\n" || c == "\r\n" {
                    _ = handle(.enter)
                } else {
                    lines[row].insert(c, at: column)
                    column += 1
                }
            }
        case .tab:
            lines[row].insert(contentsOf: "  ", at: column)
            column += 2
        case .backspace:
            if column > 0 {
                lines[row].remove(at: column - 1)
                column -= 1
            } else if row > 0 {
                column = lines[row - 1].count
                lines[row - 1] += lines[row]
                lines.remove(at: row)
                row -= 1
            }
        case .delete:
            if column < lines[row].count {
                lines[row].remove(at: column)
            } else if row + 1 < lines.count {
                lines[row] += lines[row + 1]
                lines.remove(at: row + 1)
            }
        case .left:
            if column > 0 {
                column -= 1
            } else if row > 0 {
                row -= 1
                column = lines[row].count
            }
        case .right:
            if column < lines[row].count {
                column += 1
            } else if row + 1 < lines.count {
                row += 1
                column = 0
            }
        case .up:
            if row > 0 {
                row -= 1
                column = min(column, lines[row].count)
            }
        case .down:
            if row + 1 < lines.count {
                row += 1
                column = min(column, lines[row].count)
            }
        case .home, .ctrl("a"): column = 0
        case .end, .ctrl("e"): column = lines[row].count
        default: break
        }
        return .editing
    }
}

extension String {
    func trimmingTrailingWhitespace() -> String {
        var s = self
        while let last = s.last, last.isWhitespace { s.removeLast() }
        return s
    }
}

extension MemoEditor {
    /// One screen row of the wrapped memo: the logical line and its character range.
    public struct VisualRow: Hashable, Sendable {
        public var line: Int
        public var range: Range<Int>
    }

    /// The memo wrapped at `width` cells, breaking after a space where a word would not fit and
    /// inside words longer than a row. Every character is on exactly one row.
    public func visualRows(width: Int) -> [VisualRow] {
        let width = max(2, width)
        var rows: [VisualRow] = []
        for (l, chars) in lines.enumerated() {
            var start = 0
            if chars.isEmpty {
                rows.append(VisualRow(line: l, range: 0..<0))
                continue
            }
            while start < chars.count {
                var used = 0
                var end = start
                var lastBreak: Int?
                while end < chars.count {
                    let w = DisplayWidth.of(chars[end])
                    if used + w > width - 1 { break }  // one cell kept for the cursor
                    used += w
                    if chars[end] == " " { lastBreak = end + 1 }
                    end += 1
                }
                if end < chars.count, let b = lastBreak, b > start { end = b }
                if end == start { end = start + 1 }
                rows.append(VisualRow(line: l, range: start..<end))
                start = end
            }
            if chars.count > 0, let last = rows.last, last.range.upperBound == chars.count,
                DisplayWidth.of(String(chars[last.range])) >= width - 1, row == l, column == chars.count
            {
                rows.append(VisualRow(line: l, range: chars.count..<chars.count))
            }
        }
        return rows
    }

    /// The visual row and the cell column of the cursor when wrapped at `width`.
    public func cursorPosition(width: Int) -> (row: Int, column: Int) {
        let rows = visualRows(width: width)
        var found = 0
        for (i, r) in rows.enumerated() where r.line == row {
            if column >= r.range.lowerBound && (column < r.range.upperBound || r.range.upperBound == lines[row].count) {
                found = i
                if column < r.range.upperBound || i == rows.count - 1 || rows[i + 1].line != row { break }
            }
        }
        let r = rows[found]
        let before = String(lines[row][r.range.lowerBound..<max(r.range.lowerBound, min(column, lines[row].count))])
        return (found, DisplayWidth.of(before))
    }
}
