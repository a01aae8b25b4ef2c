import Foundation
import Testing

/// The store through the real binary: damaged files, status, check, codebook changes.
@Suite(
    .serialized,
    .enabled(
        if: Harness.binary != nil && Harness.dev != nil, "needs kader and kader-dev: make test, or swift build first"))
struct StoreEndToEndTests {
    func project(_ kader: URL) throws -> URL {
        let dir = try Harness.tempDir("kader-store-e2e")
        #expect(try Harness.run(kader, ["init", "--codebook", "analysekader", dir.path]).status == 0)
        try CodingEndToEndTests.transcript.write(
            to: dir.appendingPathComponent("Transcripts/focusgroep-e2e.md"), atomically: true, encoding: .utf8)
        return dir
    }

    @Test func corruptedFileGivesAClearErrorAndStaysByteForByte() throws {
        let kader = try #require(Harness.binary)
        let dev = try #require(Harness.dev)
        let dir = try project(kader)
        defer { try? FileManager.default.removeItem(at: dir) }
        let coded = try Harness.run(
            dev, ["code-loop", "--project", dir.path, "--coder", "ann", "--count", "3", "focusgroep-e2e"])
        #expect(coded.status == 0, "\(coded.stderr)")
        let url = dir.appendingPathComponent("Codings/ann/focusgroep-e2e.json")
        var bytes = try Data(contentsOf: url)
        bytes.replaceSubrange(40..<41, with: Data("#".utf8))
        try bytes.write(to: url)

        let status = try Harness.run(kader, ["status", "--project", dir.path])
        #expect(status.status == 1)
        #expect(status.stdout.contains("damaged at line"))
        let check = try Harness.run(kader, ["check", "--project", dir.path])
        #expect(check.status == 1)
        #expect(check.stdout.contains("Codings/ann/focusgroep-e2e.json: damaged at line"))
        #expect(check.stdout.contains(".focusgroep-e2e.json.last-good"))
        let loop = try Harness.run(dev, ["code-loop", "--project", dir.path, "--coder", "ann", "focusgroep-e2e"])
        #expect(loop.status == 1)
        #expect(loop.stderr.hasPrefix("kader-dev: \(url.path): the codings file is damaged at line "))
        #expect(loop.stderr.split(separator: "\n").count == 1)

        if let tmux = Harness.tmux {
            let tui = try TmuxSession(tmux: tmux, command: [kader.path, "--coder", "ann", "focusgroep-e2e"], cwd: dir)
            defer { tui.kill() }
            let shot = try tui.waitFor("damaged")
            #expect(shot.found, "no error on screen:\n\(shot.screen)")
            try tui.send("Enter")
            try tui.send("i")
            try tui.send("q")
            #expect(try tui.waitForExit())
        }
        #expect(try Data(contentsOf: url) == bytes)

        // Restoring the last-good copy as `kader check` says makes the project clean again.
        try FileManager.default.removeItem(at: url)
        try FileManager.default.copyItem(
            at: dir.appendingPathComponent("Codings/ann/.focusgroep-e2e.json.last-good"), to: url)
        #expect(try Harness.run(kader, ["check", "--project", dir.path]).status == 0)
        let ok = try Harness.run(kader, ["status", "--project", dir.path])
        #expect(ok.status == 0)
        #expect(ok.stdout.contains("ann    focusgroep-e2e  1/3    in progress"))
    }

    @Test(.enabled(if: Harness.tmux != nil, "needs tmux")) func secondWriterIsRefusedWithTheHoldersProcess() throws {
        let kader = try #require(Harness.binary)
        let tmux = try #require(Harness.tmux)
        let dev = try #require(Harness.dev)
        let dir = try project(kader)
        defer { try? FileManager.default.removeItem(at: dir) }
        let first = try TmuxSession(tmux: tmux, command: [kader.path, "--coder", "ann"], cwd: dir)
        defer { first.kill() }
        #expect(try first.waitFor("focusgroep-e2e").found)
        let second = try Harness.run(dev, ["code-loop", "--project", dir.path, "--coder", "ann", "focusgroep-e2e"])
        #expect(second.status == 1)
        #expect(second.stderr.contains("coder \"ann\" is already coding in this project: process "))
        #expect(second.stderr.contains("(kader --coder ann on host "))
        let other = try Harness.run(
            dev, ["code-loop", "--project", dir.path, "--coder", "bart", "--count", "2", "focusgroep-e2e"])
        #expect(other.status == 0, "\(other.stderr)")
    }

    @Test func codebookCommands() throws {
        let kader = try #require(Harness.binary)
        let dev = try #require(Harness.dev)
        let dir = try project(kader)
        defer { try? FileManager.default.removeItem(at: dir) }
        // ann codes 2 segments × all codes; the first codes are veranderingsprocessen, welbevinden …
        #expect(
            try Harness.run(
                dev, ["code-loop", "--project", dir.path, "--coder", "ann", "--count", "4", "focusgroep-e2e"]
            ).status == 0)
        let p = ["--project", dir.path]
        let show = try Harness.run(kader, ["codebook", "show"] + p)
        #expect(show.status == 0)
        #expect(show.stdout.contains("veranderingsprocessen"))
        #expect(try Harness.run(kader, ["codebook", "rename", "welbevinden", "Welzijn"] + p).status == 0)
        #expect(try Harness.run(kader, ["codebook", "show"] + p).stdout.contains("Welzijn"))
        let refused = try Harness.run(kader, ["codebook", "delete", "welbevinden"] + p)
        #expect(refused.status == 1)
        #expect(refused.stderr == "kader: code \"welbevinden\" has 1 coding; name the code it should move to.\n")
        let moved = try Harness.run(
            kader, ["codebook", "delete", "welbevinden", "--move-to", "veranderingsprocessen"] + p)
        #expect(moved.status == 0, "\(moved.stderr)")
        let merged = try Harness.run(kader, ["codebook", "merge", "gelijke-onderwijskansen", "digitalisering"] + p)
        #expect(merged.stdout.contains("1 coding moved in 1 file."))
        #expect(try Harness.run(kader, ["codebook", "check"] + p).status == 0)
        #expect(try Harness.run(kader, ["check"] + p).status == 0)
        let unknown = try Harness.run(kader, ["codebook", "merge", "nope", "digitalisering"] + p)
        #expect(unknown.stderr == "kader: there is no code with id \"nope\" in the codebook.\n")
    }

    @Test func codebookAdoptMovesAProposedCodeIntoTheTeamCodebook() throws {
        let kader = try #require(Harness.binary)
        let dir = try project(kader)
        defer { try? FileManager.default.removeItem(at: dir) }
        let p = ["--project", dir.path]
        let folder = dir.appendingPathComponent("Codings/ann")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try """
        name: Proposed by ann
        codes:
          - id: welbevinden
            name: Welbevinden
            children:
              - id: avondwerk
                name: Avondwerk
        """.write(to: folder.appendingPathComponent("proposed-codes.yaml"), atomically: true, encoding: .utf8)
        let none = try Harness.run(kader, ["codebook", "adopt", "nope", "--coder", "ann"] + p)
        #expect(none.status == 1)
        #expect(none.stderr == "kader: ann proposed no code \"nope\" (proposed: avondwerk).\n")
        let adopted = try Harness.run(kader, ["codebook", "adopt", "avondwerk", "--coder", "ann"] + p)
        #expect(adopted.status == 0, "\(adopted.stderr)")
        #expect(adopted.stdout.contains("Welbevinden/Avondwerk (avondwerk)"))
        #expect(try Harness.run(kader, ["codebook", "show"] + p).stdout.contains("avondwerk"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("proposed-codes.yaml").path))
        let again = try Harness.run(kader, ["codebook", "adopt", "avondwerk", "--coder", "ann"] + p)
        #expect(again.stderr == "kader: \"avondwerk\" is already in the team codebook.\n")
    }
}
