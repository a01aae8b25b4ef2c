import Foundation
import KaderTestSupport
import Testing

/// The overview screen (`o`, `O`) and a query (`Q`) in the real binary under tmux.
@Suite(
    .serialized,
    .enabled(if: Harness.binary != nil && Harness.tmux != nil, "needs the kader binary and tmux: make test")
)
struct OverviewEndToEndTests {
    @Test func overviewShowsOwnProgressAndFrequenciesAndQueryOpensASegment() throws {
        let kader = try #require(Harness.binary)
        let tmux = try #require(Harness.tmux)
        let dir = try Harness.tempDir("kader-overview-e2e")
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try Harness.run(kader, ["init", "--codebook", "analysekader", dir.path]).status == 0)
        try SampleTranscripts.focusGroup.write(
            to: dir.appendingPathComponent("Transcripts/focusgroep-e2e.md"), atomically: true, encoding: .utf8)

        let session = try TmuxSession(tmux: tmux, command: [kader.path, "--coder", "ann"], cwd: dir)
        defer { session.kill() }
        #expect(try session.waitFor("Transcripts/focusgroep-e2e.md").found)
        try session.send("o")
        var shot = try session.waitFor("Overview — your codings (ann)")
        #expect(shot.found, "no overview:\n\(shot.screen)")
        #expect(shot.screen.contains("0/3"), "\(shot.screen)")
        try session.send("Escape")
        shot = try session.waitFor("choose a transcript")
        #expect(shot.found, "Esc did not close the overview:\n\(shot.screen)")

        // Code one segment, then the overview from the coding screen (O) counts it.
        try session.send("Enter")
        #expect(try session.waitFor("CODING").found)
        try session.send("i")  // Werkdruk
        #expect(try session.waitFor("[Werkdruk]").found)
        try session.send("O")
        shot = try session.waitFor("1/3")
        #expect(shot.found, "the overview does not count the new coding:\n\(shot.screen)")
        #expect(shot.screen.contains("OVERVIEW"))
        try session.send("G")
        shot = try session.waitFor("Category co-occurrence")
        #expect(shot.found, "\(shot.screen)")
        try session.send("q")  // closes the overview, does not quit
        #expect(try session.waitFor("CODING").found)

        // A query with a typo shows the parser's error; the corrected one lists the segment.
        try session.send("Q")
        #expect(try session.waitFor("Query your codings").found)
        try session.send("-l", "werkdruk and (")
        try session.send("Enter")
        shot = try session.waitFor("cannot be read at character")
        #expect(shot.found, "no parse error:\n\(shot.screen)")
        try session.send("BSpace", "BSpace", "BSpace", "BSpace", "BSpace", "BSpace", "Enter")
        shot = try session.waitFor("QUERY RESULTS")
        #expect(shot.found, "no results:\n\(shot.screen)")
        #expect(shot.screen.contains("1 segment"))
        try session.send("Enter")
        shot = try session.waitFor("CODING")
        #expect(shot.found, "\(shot.screen)")
        try session.send("q")
        #expect(try session.waitForExit(), "kader did not quit on q")
    }
}
