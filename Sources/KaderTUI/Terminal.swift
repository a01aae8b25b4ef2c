/// What the TUI needs from a terminal. The curses backend implements it; tests use a fake.
public protocol Terminal: AnyObject {
    /// Current size in cells.
    var size: (width: Int, height: Int) { get }
    /// Waits for the next key or event; nil when input has ended.
    func readKey() -> Key?
    /// Like ``readKey()``, calling `onIdle` whenever no input came for `milliseconds` (0: none
    /// waiting right now) while waiting; when `onIdle` returns true, returns ``Key/resize`` so
    /// the caller draws the screen again.
    func readKey(idleAfter milliseconds: Int32, onIdle: () -> Bool) -> Key?
    /// Shows `screen` (same size as ``size``).
    func draw(_ screen: ScreenBuffer)
}

extension Terminal {
    /// Terminals without a notion of idle time call `onIdle` once before each key, so pending
    /// work still gets done.
    public func readKey(idleAfter milliseconds: Int32, onIdle: () -> Bool) -> Key? {
        if onIdle() { return .resize }
        return readKey()
    }
}
