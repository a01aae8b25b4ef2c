/// What the TUI needs from a terminal. The curses backend implements it; tests use a fake.
public protocol Terminal: AnyObject {
    /// Current size in cells.
    var size: (width: Int, height: Int) { get }
    /// Waits for the next key or event; nil when input has ended.
    func readKey() -> Key?
    /// Shows `screen` (same size as ``size``).
    func draw(_ screen: ScreenBuffer)
}
