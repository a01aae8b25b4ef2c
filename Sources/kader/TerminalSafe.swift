/// Text from files and arguments can carry terminal escape sequences (clearing the screen,
/// setting the clipboard through OSC 52, …). Everything `kader` prints as text passes through
/// here: control characters other than newline and tab become visible `\u{1b}` escapes.
enum TerminalSafe {
    static func visible(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: isControl) else { return s }
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            if isControl(u) {
                out.append(contentsOf: "\\u{\(String(u.value, radix: 16))}".unicodeScalars)
            } else {
                out.append(u)
            }
        }
        return String(out)
    }

    /// C0 controls except LF and TAB, DEL, and C1 controls.
    static func isControl(_ u: Unicode.Scalar) -> Bool {
        (u.value < 0x20 && u != "\n" && u != "\t") || (u.value >= 0x7F && u.value <= 0x9F)
    }
}
