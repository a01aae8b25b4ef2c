import Foundation
import KaderTestSupport
import Testing

/// Drives the real binary: CLI commands directly, the TUI in tmux.
@Suite(.serialized, .enabled(if: Harness.binary != nil, "needs the kader binary: make test, or swift build first"))
struct CodingEndToEndTests {
    static let transcript = SampleTranscripts.focusGroup

    func makeProject(_ kader: URL) throws -> URL {
        let dir = try Harness.tempDir("kader-e2e")
        let result = try Harness.run(kader, ["init", "--codebook", "analysekader", dir.path])
        #expect(result.status == 0, "init failed: \(result.stderr)")
        try Self.transcript.write(
            to: dir.appendingPathComponent("Transcripts/focusgroep-e2e.md"), atomically: true, encoding: .utf8)
        return dir
    }

    @Test(.enabled(if: Harness.tmux != nil, "needs tmux")) func codeTwoSegmentsQuitRestartAndSeeThem() throws {
        let kader = try #require(Harness.binary)
        let tmux = try #require(Harness.tmux)
        let project = try makeProject(kader)
        defer { try? FileManager.default.removeItem(at: project) }

        let first = try TmuxSession(tmux: tmux, command: [kader.path, "--coder", "ann"], cwd: project)
        defer { first.kill() }
        #expect(try first.waitFor("Transcripts/focusgroep-e2e.md").found)
        try first.send("Enter")
        var shot = try first.waitFor("CODING")
        #expect(shot.found, "coding screen did not open:\n\(shot.screen)")
        try first.send("i")  // Werkdruk on the first codable segment (Els)
        shot = try first.waitFor("[Werkdruk]")
        #expect(shot.found, "no chip after coding:\n\(shot.screen)")
        try first.send("n")
        try first.send("h")  // Stroomlijning on Koen's turn
        shot = try first.waitFor("[Stroomlijning]")
        #expect(shot.found, "second coding not shown:\n\(shot.screen)")
        #expect(shot.screen.contains("saved"))
        try first.send("q")
        #expect(try first.waitForExit(), "kader did not quit on q")

        let json = try String(
            contentsOf: project.appendingPathComponent("Codings/ann/focusgroep-e2e.json"), encoding: .utf8)
        #expect(json.contains("\"coder\" : \"ann\""))
        #expect(json.contains("\"document\" : \"focusgroep-e2e\""))
        #expect(json.contains("\"werkdruk\""))
        #expect(json.contains("\"stroomlijning\""))

        let second = try TmuxSession(
            tmux: tmux, command: [kader.path, "--coder", "ann", "focusgroep-e2e"], cwd: project)
        defer { second.kill() }
        shot = try second.waitFor("CODING")
        #expect(shot.found, "restart did not open the document:\n\(shot.screen)")
        #expect(shot.screen.contains("[Werkdruk]"))
        #expect(shot.screen.contains("[Stroomlijning]"))
        #expect(shot.screen.contains("2/3") || shot.screen.contains("67% coded"))
    }

    @Test func segmentsCommandAndErrors() throws {
        let kader = try #require(Harness.binary)
        let dir = try Harness.tempDir("kader-cli")
        defer { try? FileManager.default.removeItem(at: dir) }
        let png = dir.appendingPathComponent("picture.txt")
        try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0]).write(to: png)
        let bad = try Harness.run(kader, ["segments", png.path])
        #expect(bad.status == 1)
        #expect(bad.stderr == "kader: \(png.path): this is not a text transcript (it looks like a PNG image).\n")
        #expect(bad.stdout.isEmpty)

        let file = dir.appendingPathComponent("fg.md")
        try Self.transcript.write(to: file, atomically: true, encoding: .utf8)
        let ok = try Harness.run(kader, ["segments", file.path])
        #expect(ok.status == 0)
        #expect(ok.stdout.contains("segments:    4 (4 turns, 3 codable)"))
        let json = try Harness.run(kader, ["segments", "--json", file.path])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect((object?["segments"] as? [Any])?.count == 4)

        let noProject = try Harness.run(kader, ["--coder", "ann", "--project", dir.path])
        #expect(noProject.status == 1)
        #expect(noProject.stderr.contains("not a Kader project"))
    }
}
