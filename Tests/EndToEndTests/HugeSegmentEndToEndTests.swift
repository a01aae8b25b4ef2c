import Foundation
import Testing

/// Issue 14, item 9: a 50 MB transcript that is one speaker turn on one line opens in the real
/// binary, answers a search and a coding key, and saves the coding. Behaviour only; the time per
/// key is measured in `make bench` (growth table).
@Suite(
    .serialized, .enabled(if: Harness.binary != nil, "needs the kader binary: make test, or swift build first"),
    .enabled(if: Harness.tmux != nil, "needs tmux")) struct HugeSegmentEndToEndTests
{
    @Test func fiftyMegabyteSingleLineTurnStaysUsable() throws {
        let kader = try #require(Harness.binary)
        let tmux = try #require(Harness.tmux)
        let project = try CodingEndToEndTests().makeProject(kader)
        defer { try? FileManager.default.removeItem(at: project) }
        let phrase = "de werkdruk was enorm en de laptops bleven thuis "  // 49 characters
        var line = "Els: "
        line.reserveCapacity(50_000_100)
        while line.utf8.count < 50_000_000 { line += phrase }
        line += "EINDE\n"
        try Data(line.utf8).write(to: project.appendingPathComponent("Transcripts/lang.txt"))
        line = ""

        let tui = try TmuxSession(tmux: tmux, command: [kader.path, "--coder", "eva", "lang"], cwd: project)
        defer { tui.kill() }
        var shot = try tui.waitFor("CODING", timeout: 120)
        #expect(shot.found, "the 50 MB document did not open:\n\(shot.screen)")
        #expect(shot.screen.contains("Els"), "speaker not shown:\n\(shot.screen)")

        try tui.send("/")
        try tui.send("-l", "laptops")
        try tui.send("Enter")
        shot = try tui.waitFor("[/laptops]", timeout: 120)
        #expect(shot.found, "search not active:\n\(shot.screen)")

        try tui.send("i")  // Werkdruk on the one segment (its chip is below the
        shot = try tui.waitFor("100% coded", timeout: 120)  // visible part of the turn; the status line counts it)
        #expect(shot.found, "coding key did not answer:\n\(shot.screen)")
        try tui.send("q")
        #expect(try tui.waitForExit(timeout: 120), "kader did not quit")

        let json = try String(contentsOf: project.appendingPathComponent("Codings/eva/lang.json"), encoding: .utf8)
        #expect(json.contains("\"werkdruk\""), "coding not on disk:\n\(json.prefix(400))")
    }
}
