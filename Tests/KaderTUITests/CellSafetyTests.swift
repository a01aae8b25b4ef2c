import Testing

@testable import KaderTUI

/// The per-cell checks the renderer runs on every frame: control and format characters become
/// `�` (with the fast paths for ASCII and Latin text), and codebook colours are read as `#rrggbb`.
@Suite struct CellSafetyTests {
    @Test func controlAndFormatCharactersAreReplaced() {
        let replaced: [Character] = [
            "\u{0}", "\u{1B}", "\u{7F}", "\u{85}", "\u{9F}", "\u{AD}", "\u{200B}", "\u{202E}", "\u{2066}", "\u{FEFF}",
        ]
        for ch in replaced { #expect(ScreenBuffer.safe(ch) == "\u{FFFD}", "U+\(ch.unicodeScalars.first?.value ?? 0)") }
        let kept: [Character] = ["a", " ", "~", "\u{A0}", "é", "ë", "Ω", "ж", "中", "😀", "👩‍💻", "e\u{301}"]
        for ch in kept { #expect(ScreenBuffer.safe(ch) == ch) }
    }

    @Test func codebookColoursAreReadAsHex() {
        #expect(Theme.rgb("#ff0000") == 0xFF0000)
        #expect(Theme.rgb("  #A1b2C3\t") == 0xA1B2C3)
        for bad in ["ff0000", "#ff000", "#ff00000", "#gg0000", "# ff0000", "#ff 0000", "", "#"] {
            #expect(Theme.rgb(bad) == nil, "\(bad)")
        }
        #expect(Theme.color(hex: "#ff0000") == .role6)
        #expect(Theme.color(hex: "#808080") == .muted)
        #expect(Theme.color(hex: nil) == nil && Theme.color(hex: "red") == nil)
    }
}
