import Foundation
import KaderCore
import Testing

@testable import KaderTUI

/// "Why not now": an action that cannot be done says why, and is greyed in the help; the
/// keymap override file reaches code toggles and scrolling too; the clock is injected.
@Suite struct WhyNotTests {
    @Test func unavailableActionsSayWhyAndAreGreyedInHelp() throws {
        var state = try Fixtures.codingState()
        state.cursor = 0  // the moderator: not codable
        _ = state.handle(key: .char("s"))
        #expect(state.mode == .normal)
        #expect(state.message?.text == "Segment 1 (moderator) is not codable.")
        _ = state.handle(key: .char("]"))
        #expect(state.message?.text == "No search yet; press / to search.")
        _ = state.handle(key: .char("?"))
        let lines = HelpOverlay.lines(state, width: 96)
        let undo = lines.first { $0.0.contains("Undo the last coding change") }
        #expect(undo?.0.contains("not now: Nothing to undo.") == true)
        #expect(undo?.1 == Theme.muted)
        let help = lines.first { $0.0.contains("Show or hide this help") }
        #expect(help?.1 == .plain)
    }

    @Test func overridesReachCodeTogglesAndScrolling() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("keymap-\(UUID().uuidString).yaml")
        defer { try? FileManager.default.removeItem(at: url) }
        try "toggle-code:werkdruk: Alt-w\nscroll-down: Ins\n".write(to: url, atomically: true, encoding: .utf8)
        let keymap = try KeymapOverrides.apply(url, to: Keymap())
        var state = try Fixtures.codingState()
        state.keymap = keymap
        state.clock = { "2026-01-01T00:00:00Z" }
        _ = state.handle(key: .alt("w"))
        let seg = state.currentSegment!
        #expect(state.codes(for: seg.id) == ["werkdruk"])
        #expect(state.coding(forSegment: seg.id)?.created == "2026-01-01T00:00:00Z")
        _ = state.handle(key: .insert)
        #expect(state.cursor == 3)
    }
}
