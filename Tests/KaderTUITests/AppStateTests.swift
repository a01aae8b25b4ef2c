import Foundation
import KaderCore
import Testing

@testable import KaderTUI

@Suite struct AppStateTests {
    @Test func codeShortcutTogglesTheCodeAndAsksToPersist() throws {
        var state = try Fixtures.codingState()
        let seg = state.currentSegment!
        let effects = state.handle(key: .char("i"))
        #expect(state.codes(for: seg.id) == ["werkdruk"])
        guard case .persist(let previous, let next)? = effects.first else {
            Issue.record("expected a persist effect, got \(effects)")
            return
        }
        #expect(previous.codings.isEmpty)
        #expect(next.codes(forSegment: seg.id) == ["werkdruk"])
        _ = state.handle(key: .char("i"))
        #expect(state.codes(for: seg.id).isEmpty)
    }

    @Test func undoAndRedoRestoreCodings() throws {
        var state = try Fixtures.codingState()
        let seg = state.currentSegment!
        _ = state.handle(key: .char("i"))
        _ = state.handle(key: .char("e"))
        #expect(state.codes(for: seg.id) == ["didactiek", "werkdruk"])
        _ = state.handle(key: .char("u"))
        #expect(state.codes(for: seg.id) == ["werkdruk"])
        _ = state.handle(key: .char("u"))
        #expect(state.codes(for: seg.id).isEmpty)
        #expect(state.handle(key: .char("u")).isEmpty)
        _ = state.handle(key: .ctrl("r"))
        #expect(state.codes(for: seg.id) == ["werkdruk"])
    }

    @Test func moderatorTurnsAreNotCodable() throws {
        var state = try Fixtures.codingState()
        state.cursor = 0
        let effects = state.handle(key: .char("i"))
        #expect(effects.isEmpty)
        #expect(state.message?.isError == true)
        #expect(state.codings?.codings.isEmpty == true)
    }

    @Test func nextUncodedSkipsCodedAndNonCodableSegments() throws {
        var state = try Fixtures.codingState()
        _ = state.handle(key: .char("i"))  // code segment 2
        _ = state.handle(key: .char("n"))
        #expect(state.cursor == 2)
        _ = state.handle(key: .char("e"))  // code segment 3
        _ = state.handle(key: .char("n"))
        #expect(state.cursor == 3)
        _ = state.handle(key: .char("e"))
        _ = state.handle(key: .char("n"))
        #expect(state.message?.text == "Every codable segment has a code.")
    }

    @Test func movementIsClamped() throws {
        var state = try Fixtures.codingState()
        _ = state.handle(key: .char("G"))
        #expect(state.cursor == 3)
        _ = state.handle(key: .char("j"))
        #expect(state.cursor == 3)
        _ = state.handle(key: .char("g"))
        #expect(state.cursor == 0)
        _ = state.handle(key: .up)
        #expect(state.cursor == 0)
    }

    @Test func repeatLastCodeAndMarkDone() throws {
        var state = try Fixtures.codingState()
        _ = state.handle(key: .char("e"))
        _ = state.handle(key: .char("j"))
        _ = state.handle(key: .char("."))
        #expect(state.codes(for: state.currentSegment!.id) == ["didactiek"])
        _ = state.handle(key: .char("D"))
        #expect(state.codings?.status == .done)
        // Marking done records the codable segments present now; undoing it drops the record.
        #expect(state.codings?.doneSegments == state.document?.segments.filter(\.codable).map(\.id))
        #expect(state.codings?.doneSegments?.isEmpty == false)
        _ = state.handle(key: .char("D"))
        #expect(state.codings?.status == .inProgress && state.codings?.doneSegments == nil)
    }

    @Test func documentListOpensTheSelectedDocument() throws {
        var state = try Fixtures.codingState()
        _ = state.handle(key: .char("d"))
        #expect(state.screen == .documents)
        _ = state.handle(key: .char("j"))
        #expect(state.handle(key: .enter) == [.openDocument(1)])
    }

    @Test func quitAndHelp() throws {
        var state = try Fixtures.codingState()
        _ = state.handle(key: .char("?"))
        #expect(state.showHelp)
        _ = state.handle(key: .escape)
        #expect(!state.showHelp)
        #expect(state.handle(key: .char("q")) == [.quit])
    }

    @Test func keymapHintsAndReservedKeysComeFromTheTable() {
        let keymap = Keymap()
        let hints = keymap.hints(for: .coding)
        #expect(hints.first! == ("j/k", "move"))
        #expect(keymap.reservedCharacters.isSuperset(of: ["j", "k", "q", "?", "n", "u", "d", "D"]))
        for entry in Fixtures.codebook.entries {
            #expect(!keymap.reservedCharacters.contains(Character(entry.code.shortcut!)))
        }
    }
}

@Suite struct KeymapOverrideTests {
    @Test func overridesRebindActionsAndRejectUnknownNames() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kader-keymap-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("keymap.yaml")
        try "next-uncoded: Tab\npick-code: [c, Ctrl-P]\n".write(to: url, atomically: true, encoding: .utf8)
        let keymap = try KeymapOverrides.apply(url, to: Keymap())
        #expect(keymap.action(for: .tab, in: .coding) == .nextUncoded)
        #expect(keymap.action(for: .char("n"), in: .coding) == nil)
        #expect(keymap.action(for: .ctrl("p"), in: .coding) == .openCodePicker)
        #expect(keymap.action(for: .char("c"), in: .coding) == .openCodePicker)
        try "jump-around: x\n".write(to: url, atomically: true, encoding: .utf8)
        #expect(throws: KeymapOverrides.Problem.self) { try KeymapOverrides.apply(url, to: Keymap()) }
        try "undo: Hyper-Z\n".write(to: url, atomically: true, encoding: .utf8)
        #expect(throws: KeymapOverrides.Problem.self) { try KeymapOverrides.apply(url, to: Keymap()) }
        for action in Action.configurable { #expect(Action(name: action.name) == action) }
    }
}
