/// A key press or terminal event, independent of curses.
public enum Key: Hashable, Sendable {
    case char(Character)
    /// Control + letter, lowercase (`ctrl("r")`).
    case ctrl(Character)
    case up, down, left, right, pageUp, pageDown, home, end
    case enter, escape, backspace, tab, backTab, delete, insert
    case function(Int)
    /// Alt (Meta) + a character: `ESC` followed by it.
    case alt(Character)
    /// Text pasted with bracketed paste (newlines as `\n`), delivered as one event.
    case paste(String)
    case resize
    case mouse(MouseEvent)

    /// The name shown in help (`j`, `↓`, `PgDn`, `Ctrl-R`).
    public var displayName: String {
        switch self {
        case .char(" "): return "Space"
        case .char(let c): return String(c)
        case .ctrl(let c): return "Ctrl-" + String(c).uppercased()
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .home: return "Home"
        case .end: return "End"
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .backspace: return "Backspace"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .delete: return "Del"
        case .insert: return "Ins"
        case .alt(let c): return "Alt-" + String(c)
        case .paste: return "paste"
        case .function(let n): return "F\(n)"
        case .resize: return "resize"
        case .mouse: return "mouse"
        }
    }
}

/// A mouse event in screen cells.
public struct MouseEvent: Hashable, Sendable {
    /// `press`, `drag` (moved with button 1 down) and `release` are button 1; `click` is a
    /// press and release in one report (terminals that send no separate release).
    public enum Kind: Hashable, Sendable { case click, press, drag, release, wheelUp, wheelDown }
    public var kind: Kind
    public var row: Int
    public var column: Int
    public init(kind: Kind, row: Int, column: Int) {
        self.kind = kind
        self.row = row
        self.column = column
    }
}
