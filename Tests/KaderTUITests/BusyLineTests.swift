import Foundation
import KaderCore
import Testing

@testable import KaderTUI

/// Work that reads every transcript (the first overview, a query) draws a line saying so first.
@Suite struct BusyLineTests {
    /// Gives keys from a list and keeps every frame drawn.
    final class RecordingTerminal: Terminal {
        var keys: [Key]
        var frames: [String] = []
        init(_ keys: [Key]) { self.keys = keys }
        var size: (width: Int, height: Int) { (100, 30) }
        func readKey() -> Key? { keys.isEmpty ? nil : keys.removeFirst() }
        func draw(_ screen: ScreenBuffer) { frames.append(screen.text) }
    }

    @Test func theFirstOverviewShowsThatItReadsEveryTranscript() throws {
        let root = try Fixtures.projectRoot()
        defer { try? FileManager.default.removeItem(at: root) }
        let app = AppController(
            project: try Project(root: root), store: try CodingStore(projectRoot: root, coder: "ann", journal: true))
        let terminal = RecordingTerminal([.char("O")])
        app.run(on: terminal)
        let busy = terminal.frames.firstIndex { $0.contains("Reading every transcript and your codings") }
        let overview = terminal.frames.lastIndex { $0.contains("OVERVIEW") }
        #expect(busy != nil)
        #expect(overview != nil)
        if let busy, let overview { #expect(busy < overview) }
        #expect(terminal.frames.last?.contains("Reading every transcript") == false, "the line goes afterwards")
        #expect(app.terminal == nil)
    }
}
