import Foundation
import KaderCore
import KaderTestSupport
import Testing

@testable import KaderTUI

/// Rendered-screen snapshots: cells, no terminal. `RECORD_SNAPSHOTS=1 make test` re-records;
/// recording fails the test on purpose so a record is never mistaken for a pass.
@Suite struct SnapshotTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")

    func assertSnapshot(_ screen: ScreenBuffer, _ name: String, sourceLocation: SourceLocation = #_sourceLocation)
        throws
    {
        let styles = screen.styleText
        let style =
            "attributes (hex: bold 1, reverse 2, underline 4, dim 8)\n" + styles.attributes
            + "\n--- colours (a accent, m muted, g good, w warn, b bad, 1-6 role/code colours, h highlight)\n"
            + styles.colors
        switch try Snapshot.compare(screen.text, style: style, named: name, in: Self.folder) {
        case .matches: break
        case .recorded: Issue.record("Recorded snapshot \(name); run the tests again.", sourceLocation: sourceLocation)
        case .differs(let report): Issue.record(Comment(rawValue: report), sourceLocation: sourceLocation)
        }
    }

    @Test func codingScreen80x24() throws {
        var state = try Fixtures.codingState()
        _ = state.handle(key: .char("i"))
        _ = state.handle(key: .char("4"))
        let screen = Renderer.render(state, width: 80, height: 24).screen
        try assertSnapshot(screen, "coding-80x24")
        #expect(screen.lines[0].hasPrefix(" Kader · Focusgroep één · focusgroep · school Ë"))
        #expect(
            screen.text.contains("[Digitalisering] [Werkdruk]") || screen.text.contains("[Werkdruk] [Digitalisering]"))
        #expect(screen.lines[23].contains("ann │ focusgroep-een │ 2/4 │ 33% coded │ in progress │ saved │ CODING"))
    }

    @Test func codingScreen160x48WithWideCharacters() throws {
        var state = try Fixtures.codingState()
        state.cursor = 2
        let screen = Renderer.render(state, width: 160, height: 48).screen
        try assertSnapshot(screen, "coding-160x48")
        let row = screen.rows.first { r in r.contains { $0.character == "王" } }!
        let i = row.firstIndex { $0.character == "王" }!
        #expect(row[i + 1].isContinuation)
        #expect(screen.text.contains("🎉"))
        #expect(screen.rows.allSatisfy { $0.count == 160 })
    }

    @Test func documentList80x24() throws {
        var state = try Fixtures.codingState()
        state.screen = .documents
        let screen = Renderer.render(state, width: 80, height: 24).screen
        try assertSnapshot(screen, "documents-80x24")
        #expect(screen.text.contains("done          12/40     Transcripts/interview.md"))
    }

    @Test func helpListsEveryBindingAndScrolls() throws {
        var state = try Fixtures.codingState()
        _ = state.handle(key: .char("?"))
        let screen = Renderer.render(state, width: 100, height: 40).screen
        try assertSnapshot(screen, "help-100x40")
        let all = HelpOverlay.lines(state, width: 400).map(\.0).joined(separator: "\n")
        for help in Set(Keymap.defaultBindings.map(\.help)) {
            #expect(all.contains(help), "help misses: \(help)")
        }
        // Paging down reaches the code shortcuts at the end.
        for _ in 0..<5 { _ = state.handle(key: .pageDown) }
        #expect(state.showHelp)
        let last = Renderer.render(state, width: 100, height: 40).screen.text
        #expect(last.contains("i Werkdruk"))
        _ = state.handle(key: .char("x"))
        #expect(!state.showHelp)
    }

    @Test func tooSmallTerminalShowsAMessage() throws {
        let screen = Renderer.render(try Fixtures.codingState(), width: 40, height: 10).screen
        #expect(screen.text.contains("Terminal too small"))
    }

    @Test func controlCharactersAreNeverDrawnRaw() {
        var buf = ScreenBuffer(width: 20, height: 1)
        buf.put("a\u{1B}[31mb\u{07}", row: 0, column: 0)
        #expect(buf.lines[0] == "a\u{FFFD}[31mb\u{FFFD}")
    }
}

/// Snapshots of the modes.
@Suite struct ModeSnapshotTests {
    let snapshots = SnapshotTests()

    @Test func pickerAndSearchHighlight() throws {
        var state = try Fixtures.codingState()
        _ = state.handle(key: .char("/"))
        for c in "werkdruk" { _ = state.handle(key: .char(c)) }
        _ = state.handle(key: .enter)
        let search = Renderer.render(state, width: 80, height: 24).screen
        try snapshots.assertSnapshot(search, "search-80x24")
        let row = search.rows.first { r in r.contains { $0.character == "w" && $0.style == Theme.match } }
        #expect(row != nil, "the match is not highlighted")
        _ = state.handle(key: .char("c"))
        for c in "di" { _ = state.handle(key: .char(c)) }
        try snapshots.assertSnapshot(Renderer.render(state, width: 80, height: 24).screen, "picker-80x24")
    }

    @Test func memoEditor() throws {
        var state = try Fixtures.codingState()
        _ = state.handle(key: .char("m"))
        for c in "Belangrijk: één platform." { _ = state.handle(key: .char(c)) }
        try snapshots.assertSnapshot(Renderer.render(state, width: 80, height: 24).screen, "memo-80x24")
    }
}
