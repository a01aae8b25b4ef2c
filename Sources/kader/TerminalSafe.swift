import Foundation

/// Text for a terminal: control characters (C0 except newline and tab, DEL, C1, bidi
/// overrides) become `�`, so a transcript or a name can never send escape sequences.
enum TerminalSafe {
    static func clean(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            let v = s.value
            let control = (v < 0x20 && v != 0x0A && v != 0x09) || (v >= 0x7F && v < 0xA0) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
            out.append(control ? "\u{FFFD}" : s)
        }
        return String(out)
    }

    /// Writes `text` to standard output, cleaned when standard output is a terminal.
    static func print(_ text: String) {
        Swift.print(isatty(1) == 1 ? clean(text) : text)
    }
}
