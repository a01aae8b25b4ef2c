import Foundation
import KaderCore
import Testing

@testable import KaderTUI

/// Rendered snapshots of the overview screen and the query views.
extension SnapshotTests {
    @Test func overview80x24() throws {
        var state = try Fixtures.codingState()
        state.mode = .overview(OverviewTests.sample())
        let screen = Renderer.render(state, width: 80, height: 24).screen
        try assertSnapshot(screen, "overview-80x24")
        #expect(screen.lines[0].hasPrefix(" Overview — your codings (ann) · 1–21 of 21"))
        #expect(screen.text.contains("focusgroep-een  bart"))
        #expect(screen.text.contains("  Werkdruk"))
        #expect(screen.text.contains("ann     1/2  42/43  98% █████████░"))
        #expect(screen.lines[23].hasSuffix("OVERVIEW"))
        // The bars are in the code's colour and as long as the counts say (12 the longest).
        let row = try #require(screen.lines.firstIndex { $0.hasPrefix(" Digitalisering") })
        let bar = screen.rows[row].filter { $0.character == "█" }
        let werkdruk = try #require(screen.lines.firstIndex { $0.hasPrefix("   Werkdruk") })
        let shorter = screen.rows[werkdruk].filter { $0.character == "█" }
        let ratio = Double(shorter.count) / Double(bar.count)
        #expect(abs(ratio - 7.0 / 12.0) < 0.05)
    }

    @Test func overviewScrolledToTheEndAtTheSmallestSize() throws {
        var state = try Fixtures.codingState()
        var o = OverviewTests.sample()
        o.scroll = 99  // past the end: the last screenful shows
        state.mode = .overview(o)
        let screen = Renderer.render(state, width: 60, height: 16).screen
        try assertSnapshot(screen, "overview-end-60x16")
        #expect(screen.lines[0].contains("9–21 of 21"))
        #expect(screen.text.contains("2 Digitalisering   3  12"))
        #expect(screen.text.contains("interview       ann    40/40 100% ██████████ done ✓"))
    }

    @Test func queryPromptAndResults80x24() throws {
        var state = try Fixtures.codingState()
        state.screen = .documents
        state.mode = .queryPrompt(QueryPrompt(saved: QueryTests.saved, text: "werkdruk and role=leerkracht"))
        var screen = Renderer.render(state, width: 80, height: 24).screen
        try assertSnapshot(screen, "query-prompt-80x24")
        #expect(screen.text.contains("> werkdruk and role=leerkracht▏"))
        let rows = [
            RetrievalRow(
                documentIndex: 0, documentId: "focusgroep-een", segmentId: "s1", ordinal: 2, speaker: "Anaïs",
                role: "leerkracht", text: "Da's simpel: de werkdruk."),
            RetrievalRow(
                documentIndex: 1, documentId: "interview", segmentId: "s9", ordinal: 9, speaker: "王芳",
                role: "ict-coördinator", text: "Wij hebben dan afgesproken: één platform voor alles 🎉"),
        ]
        state.mode = .queryResults(QueryResults(expression: "werkdruk", name: "druk", rows: rows, segments: 2))
        screen = Renderer.render(state, width: 80, height: 24).screen
        try assertSnapshot(screen, "query-results-80x24")
        #expect(screen.lines[0].hasPrefix(" Query · druk: werkdruk · your codings · 2 segments, 2 documents"))
        #expect(screen.lines[23].hasSuffix("QUERY RESULTS"))
    }
}
