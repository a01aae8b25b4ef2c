import Testing

@testable import KaderTUI

/// Defect 2 of issue 15: escape sequences are keys, never a run of separate keys.
@Suite struct KeyDecoderTests {
    func decode(_ reads: [[KeyDecoder.Input]]) -> [Key] {
        var d = KeyDecoder()
        var keys: [Key] = []
        for read in reads {
            for input in read { keys += d.feed(input) }
            keys += d.feed(.pause)
        }
        return keys
    }

    func bytes(_ s: String) -> [KeyDecoder.Input] { s.unicodeScalars.map { .scalar($0.value) } }

    @Test func tmuxHomeEndInsertDelete() {
        #expect(decode([bytes("\u{1B}[1~")]) == [.home])
        #expect(decode([bytes("\u{1B}[4~")]) == [.end])
        #expect(decode([bytes("\u{1B}[2~")]) == [.insert])
        #expect(decode([bytes("\u{1B}[3~")]) == [.delete])
        #expect(decode([bytes("\u{1B}[5~\u{1B}[6~")]) == [.pageUp, .pageDown])
        #expect(decode([bytes("\u{1B}OH\u{1B}OF\u{1B}[H\u{1B}[F")]) == [.home, .end, .home, .end])
    }

    @Test func functionKeys() {
        #expect(
            decode([bytes("\u{1B}OP\u{1B}OQ\u{1B}OR\u{1B}OS")]) == [
                .function(1), .function(2), .function(3), .function(4),
            ])
        #expect(
            decode([bytes("\u{1B}[15~\u{1B}[17~\u{1B}[21~\u{1B}[23~\u{1B}[24~")]) == [
                .function(5), .function(6), .function(10), .function(11), .function(12),
            ])
        #expect(decode([bytes("\u{1B}[1;5P")]) == [.function(1)])
    }

    @Test func sequenceSplitAcrossReadsIsOneKey() {
        var d = KeyDecoder()
        var keys: [Key] = []
        for input in bytes("\u{1B}[") { keys += d.feed(input) }
        #expect(keys.isEmpty)
        #expect(d.isPending)
        for input in bytes("4~") { keys += d.feed(input) }
        #expect(keys == [.end])
        #expect(!d.isPending)
        keys += d.feed(.scalar(106))
        #expect(keys == [.end, .char("j")])
    }

    @Test func unknownSequencesAreDroppedWhole() {
        #expect(decode([bytes("\u{1B}[99~")]) == [])
        #expect(decode([bytes("\u{1B}[1;2;3;4X")]) == [])
        #expect(decode([bytes("\u{1B}Oz")]) == [])
        #expect(decode([bytes("\u{1B}[<0;10;5M")]) == [])
        #expect(decode([bytes("\u{1B}[12")]) == [])  // cut off by a pause: dropped
        #expect(decode([bytes("\u{1B}[99~j")]) == [.char("j")])
    }

    @Test func loneEscapeAndAlt() {
        #expect(decode([[.scalar(27)]]) == [.escape])
        #expect(decode([bytes("\u{1B}x")]) == [.alt("x")])
        #expect(decode([bytes("\u{1B}\u{1B}")]) == [.escape, .escape])
        var d = KeyDecoder()
        #expect(d.feed(.scalar(27)).isEmpty)
        #expect(d.feed(.key(.up)) == [.escape, .up])
    }

    @Test func bracketedPasteIsOneEvent() {
        #expect(
            decode([bytes("\u{1B}[200~Hallo\rwereld \u{1B}[1~\u{1B}[201~q")]) == [
                .paste("Hallo\nwereld [1~"), .char("q"),
            ])
        // Split across reads, with a pause in the middle.
        #expect(decode([bytes("\u{1B}[200~ab"), bytes("c\u{1B}[20"), bytes("1~")]) == [.paste("abc")])
    }

    @Test func plainCharactersAndControls() {
        #expect(decode([bytes("j\r\t\u{7F}\u{13}")]) == [.char("j"), .enter, .tab, .backspace, .ctrl("s")])
        #expect(decode([bytes("ë王")]) == [.char("ë"), .char("王")])
    }

    @Test func sequencesNeverToggleCodes() throws {
        var state = try Fixtures.codingState()
        var d = KeyDecoder()
        for input in bytes("\u{1B}[1~\u{1B}[4~\u{1B}[2~\u{1B}[3~\u{1B}[15~\u{1B}OP\u{1B}[99~") {
            for key in d.feed(input) { _ = state.handle(key: key) }
            if !state.showHelp { continue }
            _ = state.handle(key: .escape)
        }
        #expect(state.codings?.codings.isEmpty == true)
    }

    @Test func unboundAltIsEscapeThenTheLetter() throws {
        var state = try Fixtures.codingState()
        _ = state.handle(key: .char("f"))
        _ = state.handle(key: .char("m"))
        _ = state.handle(key: .alt("F"))  // Esc closes the menu, F clears the filter
        #expect(state.mode == .normal)
        #expect(!state.filter.isActive)
    }
}
