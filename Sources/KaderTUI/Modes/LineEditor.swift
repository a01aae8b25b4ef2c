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
    }

    public var target: Target
    public var lines: [[Character]]
    public var row: Int
    public var column: Int

    public init(target: Target, text: String) {
        self.target = target
        lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0) }
        if lines.isEmpty { lines = [[]] }
        row = lines.count - 1
        column = lines[row].count
    }

    public var text: String { lines.map { String($0) }.joined(separator: "\n").trimmingTrailingWhitespace() }

    public enum Outcome: Hashable, Sendable { case editing, save, cancel }

    public mutating func handle(_ key: Key) -> Outcome {
        switch key {
        case .ctrl("s"), .function(2): return .save
        case .escape: return .cancel
        case .enter:
            let rest = Array(lines[row][column...])
            lines[row].removeSubrange(column...)
            lines.insert(rest, at: row + 1)
            row += 1
            column = 0
        case .char(let c):
            lines[row].insert(c, at: column)
            column += 1
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
            if column > 0 { column -= 1 } else if row > 0 { row -= 1; column = lines[row].count }
        case .right:
            if column < lines[row].count { column += 1 } else if row + 1 < lines.count { row += 1; column = 0 }
        case .up:
            if row > 0 { row -= 1; column = min(column, lines[row].count) }
        case .down:
            if row + 1 < lines.count { row += 1; column = min(column, lines[row].count) }
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
