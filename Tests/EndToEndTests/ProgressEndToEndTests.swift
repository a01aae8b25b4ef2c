import Foundation
import KaderCore
import KaderTestSupport
import Testing

/// Progress and the closing summary of long commands go to a terminal's standard error, never
/// into a pipe, and `--quiet` silences them.
@Suite(.serialized, .enabled(if: Harness.binary != nil && Harness.tmux != nil, "needs the kader binary and tmux"))
struct ProgressEndToEndTests {
    func makeProject(_ kader: URL, documents: Int) throws -> URL {
        let dir = try Harness.tempDir("kader-progress-e2e")
        #expect(try Harness.run(kader, ["init", "--codebook", "analysekader", dir.path]).status == 0)
        for i in 1...documents {
            let text = (1...20).map { "Anna: zin \($0) van gesprek \(i), met wat tekst erbij." }.joined(
                separator: "\n\n")
            try text.write(
                to: dir.appendingPathComponent("Transcripts/gesprek-\(i).txt"), atomically: true, encoding: .utf8)
        }
        return dir
    }

    @Test func progressAndSummaryGoToATerminal() throws {
        let kader = try #require(Harness.binary)
        let tmux = try #require(Harness.tmux)
        let dir = try makeProject(kader, documents: 40)
        defer { try? FileManager.default.removeItem(at: dir) }
        let raw = dir.appendingPathComponent("pane.log")
        // The command waits until the pane's raw output is captured, so the progress lines
        // (overwritten on screen by the summary) can be read back.
        let script = "sleep 1; KADER_PROGRESS_DELAY=0 '\(kader.path)' check --project '\(dir.path)'"
        let session = try TmuxSession(tmux: tmux, command: ["sh", "-c", script], cwd: dir)
        defer { session.kill() }
        try session.tm(["pipe-pane", "-o", "-t", session.name, "cat >> '\(raw.path)'"])
        let done = try session.waitFor("kader: check: 40 documents, 0 problems in")
        #expect(done.found, "\(done.screen)")
        #expect(done.screen.contains("All is well: 40 documents"))
        #expect(try session.waitForExit())
        usleep(300_000)
        let log = (try? String(contentsOf: raw, encoding: .utf8)) ?? ""
        #expect(log.contains("check: 40/40 documents"), "\(log)")
        #expect(log.contains("MB/s"), "\(log)")
    }

    @Test func quietAndPipesStaySilent() throws {
        let kader = try #require(Harness.binary)
        let tmux = try #require(Harness.tmux)
        let dir = try makeProject(kader, documents: 3)
        defer { try? FileManager.default.removeItem(at: dir) }
        let piped = try Harness.run(
            kader, ["check", "--project", dir.path], environment: ["KADER_PROGRESS_DELAY": "0"])
        #expect(piped.status == 0)
        #expect(piped.stderr.isEmpty, "\(piped.stderr)")
        #expect(piped.stdout.contains("All is well: 3 documents"))
        let session = try TmuxSession(
            tmux: tmux, command: [kader.path, "check", "--quiet", "--project", dir.path], cwd: dir)
        defer { session.kill() }
        let done = try session.waitFor("All is well: 3 documents")
        #expect(done.found, "\(done.screen)")
        #expect(try session.waitForExit())
        #expect(!(try session.screen()).contains("kader: check:"))
    }
}
