import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one funnel for everything the `kader` command writes to standard output and standard
/// error. When the stream is a terminal, data can never send control sequences: C0 controls
/// (except newline, tab and the CR of a CRLF line end), DEL, C1 controls (U+0080–U+009F, e.g.
/// CSI U+009B and OSC U+009D) and bidi overrides become `�` — an ESC is neutralised with it, so
/// an OSC 0 (window title) or OSC 52 (clipboard) stays harmless text. JSON to a terminal escapes
/// them as `\u009b` instead, so it stays the same JSON. Files and pipes get the data exact;
/// standard error is always cleaned.
/// Every `print` in this module goes through here (the module-level `print` below shadows Swift's).
enum TerminalSafe {
    /// How a text is neutralised for a terminal.
    enum Kind { case text, json }

    /// Whether a scalar must not reach a terminal raw.
    static func isControl(_ v: UInt32) -> Bool {
        (v < 0x20 && v != 0x0A && v != 0x09) || (v >= 0x7F && v < 0xA0)
            || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) || v == 0x200E || v == 0x200F
    }

    /// `text` with every control (see the type) replaced by `�`, or for `.json` written as a
    /// `\uXXXX` escape (valid in JSON, as controls only occur inside its strings).
    static func clean(_ text: String, kind: Kind = .text) -> String {
        guard text.unicodeScalars.contains(where: { isControl($0.value) }) else { return text }
        var out = String.UnicodeScalarView()
        let scalars = text.unicodeScalars
        var i = scalars.startIndex
        while i != scalars.endIndex {
            let s = scalars[i]
            let next = scalars.index(after: i)
            if !isControl(s.value) || (s.value == 0x0D && next != scalars.endIndex && scalars[next].value == 0x0A) {
                out.append(s)
            } else if kind == .json {
                let hex = String(s.value, radix: 16)
                out.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).unicodeScalars)
            } else {
                out.append("\u{FFFD}")
            }
            i = next
        }
        return String(out)
    }

    /// Writes `text` to file descriptor `fd` (1 or 2), cleaned when it is a terminal; standard
    /// error (messages for people, not data) is always cleaned.
    static func write(_ text: String, fd: Int32, kind: Kind = .text) {
        let shown = fd == 2 || isatty(fd) == 1 ? clean(text, kind: kind) : text
        (fd == 2 ? FileHandle.standardError : FileHandle.standardOutput).write(Data(shown.utf8))
    }

    /// Writes raw bytes (an export) to standard output: exact to a file or pipe, cleaned (as
    /// UTF-8 text) on a terminal.
    static func writeData(_ data: Data, kind: Kind = .text) {
        if isatty(1) == 1, let text = String(data: data, encoding: .utf8) {
            FileHandle.standardOutput.write(Data(clean(text, kind: kind).utf8))
        } else {
            FileHandle.standardOutput.write(data)
        }
    }

    /// `text` and a newline to standard output through the funnel.
    static func print(_ text: String, kind: Kind = .text) { write(text + "\n", fd: 1, kind: kind) }

    /// `kader: <text>` and a newline to standard error through the funnel.
    static func error(_ text: String) { write("kader: " + text + "\n", fd: 2) }
}

/// Shadows `Swift.print` in the `kader` module so that every line goes through ``TerminalSafe``.
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    TerminalSafe.write(items.map { "\($0)" }.joined(separator: separator) + terminator, fd: 1)
}
