@preconcurrency import CNcursesW
import KaderTUI

#if canImport(Glibc)
import Glibc
#endif

/// Errors starting the terminal.
public enum TerminalError: Error, CustomStringConvertible {
    case notATerminal
    case cannotStart(String)

    public var description: String {
        switch self {
        case .notATerminal:
            return
                "standard input or output is not a terminal; run kader in a terminal, or use a subcommand such as `kader segments`."
        case .cannotStart(let t):
            return
                "cannot start the terminal (TERM=\(t)); Kader needs a terminal that can move the cursor: set TERM to a known type such as xterm-256color."
        }
    }
}

/// The curses backend: the only code that talks to ncursesw. Draws ``ScreenBuffer``s and reads
/// keys with the wide-character API. ``shutdown()`` (also run on deinit and on SIGTERM/SIGHUP)
/// restores the terminal.
public final class CursesTerminal: Terminal {
    private let window: UnsafeMutablePointer<WINDOW>
    private var active = true
    private let colors: Bool

    /// Starts curses. Sets the locale first (falling back to C.UTF-8 when it is not UTF-8).
    /// - Throws: ``TerminalError``.
    /// Throws unless standard input and output are a terminal that can address the cursor.
    public static func checkAvailable() throws {
        guard isatty(0) == 1, isatty(1) == 1 else { throw TerminalError.notATerminal }
        let term = getenv("TERM").map { String(cString: $0) } ?? ""
        if term.isEmpty || term == "dumb" { throw TerminalError.cannotStart(term.isEmpty ? "unset" : term) }
    }

    public init(useColor: Bool = true) throws {
        try Self.checkAvailable()
        DisplayWidth.prepareLocale()
        setenv("ESCDELAY", "25", 0)
        guard let screen = newterm(nil, stdout, stdin) else {
            throw TerminalError.cannotStart(String(cString: getenv("TERM") ?? strdup("unset")))
        }
        set_term(screen)
        window = kader_stdscr()
        raw()
        noecho()
        nonl()
        keypad(window, true)
        wtimeout(window, 400)
        curs_set(0)
        mousemask(kader_all_mouse_events(), nil)
        mouseinterval(0)
        colors = useColor && has_colors() && getenv("NO_COLOR") == nil
        if colors {
            start_color()
            use_default_colors()
            CursesPalette.install()
        }
        CursesTerminal.installSignalHandlers()
        // Bracketed paste: pasted text arrives between ESC [ 200 ~ and ESC [ 201 ~. Mouse mode
        // 1002 (after curses turned on 1000) adds motion reports while a button is down, for
        // selecting a quote by dragging.
        fputs("\u{1B}[?2004h\u{1B}[?1002h", stdout)
        fflush(stdout)
    }

    deinit { shutdown() }

    /// Restores the terminal. Safe to call more than once.
    public func shutdown() {
        guard active else { return }
        active = false
        fputs("\u{1B}[?1002l\u{1B}[?2004l", stdout)
        fflush(stdout)
        endwin()
    }

    public var size: (width: Int, height: Int) {
        (Int(getmaxx(window)), Int(getmaxy(window)))
    }

    /// Keys decoded but not yet returned (one read can complete two keys).
    private var queued: [Key] = []
    private var decoder = KeyDecoder()

    /// Reads the next key. curses' keypad handling decodes the sequences the terminfo entry
    /// knows; everything else goes through ``KeyDecoder`` (sequences tmux or another terminal
    /// sends that the entry lacks, Alt+key, bracketed paste). While a sequence is incomplete the
    /// read waits at most the escape delay for its next byte (longer inside a paste).
    public func readKey() -> Key? { readKey(idleAfter: 400) { false } }

    /// ``readKey()``, calling `onIdle` each time `milliseconds` pass without input; returns
    /// ``Key/resize`` when it returns true (draw again).
    public func readKey(idleAfter milliseconds: Int32, onIdle: () -> Bool) -> Key? {
        while true {
            if !queued.isEmpty { return queued.removeFirst() }
            let wait = decoder.isPending ? (decoder.isInsideSequence ? 150 : Self.escapeDelay) : max(0, milliseconds)
            wtimeout(window, wait)
            var ch: wint_t = 0
            let r = wget_wch(window, &ch)
            if r == ERR {
                if decoder.isPending {
                    queued += decoder.feed(.pause)
                    continue
                }
                // Timed out (or input closed): catch a resize whose SIGWINCH curses missed.
                if inputClosed() { return nil }
                if let key = checkSize() { return key }
                if onIdle() { return .resize }
                continue
            }
            if r == KEY_CODE_YES {
                if let key = CursesKeys.functionKey(Int32(ch)) { queued += decoder.feed(.key(key)) }
                continue
            }
            queued += decoder.feed(.scalar(UInt32(ch)))
        }
    }

    /// Milliseconds to wait for the rest of an escape sequence: `ESCDELAY` (default 25).
    static var escapeDelay: Int32 {
        let v = getenv("ESCDELAY").flatMap { Int32(String(cString: $0)) } ?? 25
        return max(5, min(v, 1000))
    }

    /// True when standard input has hung up (the terminal went away).
    private func inputClosed() -> Bool {
        var fds = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
        guard poll(&fds, 1, 0) >= 0 else { return true }
        return fds.revents & Int16(POLLHUP | POLLNVAL | POLLERR) != 0
    }

    /// Compares the terminal's real size with curses' idea of it; resizes and reports a change.
    private func checkSize() -> Key? {
        var ws = winsize()
        guard ioctl(1, UInt(TIOCGWINSZ), &ws) == 0, ws.ws_row > 0, ws.ws_col > 0 else { return nil }
        if Int32(ws.ws_row) != getmaxy(window) || Int32(ws.ws_col) != getmaxx(window) {
            resizeterm(Int32(ws.ws_row), Int32(ws.ws_col))
            return .resize
        }
        return nil
    }

    public func draw(_ screen: ScreenBuffer) {
        werase(window)
        for (y, row) in screen.rows.enumerated() {
            var x = 0
            while x < row.count {
                let style = row[x].style
                var run: [wchar_t] = []
                let startX = x
                while x < row.count && row[x].style == style {
                    if !row[x].isContinuation {
                        for s in row[x].character.unicodeScalars { run.append(wchar_t(bitPattern: s.value)) }
                    }
                    x += 1
                }
                let (attrs, pair) = CursesPalette.attributes(style, colors: colors)
                wattr_set(window, attrs, pair, nil)
                run.append(0)
                _ = mvwaddnwstr(window, Int32(y), Int32(startX), run, Int32(run.count - 1))
            }
        }
        wattr_set(window, 0, 0, nil)
        wnoutrefresh(window)
        doupdate()
    }

    nonisolated(unsafe) private static var handlersInstalled = false

    private static func installSignalHandlers() {
        guard !handlersInstalled else { return }
        handlersInstalled = true
        // Ctrl-C is a key in raw mode; SIGINT from elsewhere (kill -INT) ends Kader with 130, and
        // the others with 128 + their number, after restoring the terminal. A signal mask
        // inherited from the parent must not keep them out.
        var set = sigset_t()
        sigemptyset(&set)
        for sig in [SIGINT, SIGTERM, SIGHUP, SIGQUIT] {
            sigaddset(&set, sig)
            signal(sig) { s in
                endwin()
                _exit(128 + s)
            }
        }
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }
}
