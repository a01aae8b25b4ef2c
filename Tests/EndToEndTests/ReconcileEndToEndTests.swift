import Crypto
import Foundation
import Testing

/// `kader reconcile` in tmux on a copy of the sample project's demo codings.
@Suite(
    .serialized, .enabled(if: Harness.binary != nil, "needs the kader binary: make test, or swift build first"),
    .enabled(if: Harness.tmux != nil, "needs tmux")) struct ReconcileEndToEndTests
{
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    func sampleCopy() throws -> URL {
        let dir = try Harness.tempDir("kader-reconcile")
        let fm = FileManager.default
        for sub in ["Codebooks", "Transcripts", "Codings"] {
            try fm.createDirectory(at: dir.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        try fm.copyItem(
            at: Self.repo.appendingPathComponent("Codebooks/analysekader.yaml"),
            to: dir.appendingPathComponent("Codebooks/analysekader.yaml"))
        try fm.copyItem(
            at: Self.repo.appendingPathComponent("Transcripts/focusgroep-school-a.md"),
            to: dir.appendingPathComponent("Transcripts/focusgroep-school-a.md"))
        for coder in ["demo-an", "demo-bart"] {
            try fm.copyItem(
                at: Self.repo.appendingPathComponent("Codings/\(coder)"),
                to: dir.appendingPathComponent("Codings/\(coder)"))
        }
        return dir
    }

    func digest(_ url: URL) throws -> String {
        SHA256.hash(data: try Data(contentsOf: url)).map { String(format: "%02x", $0) }.joined()
    }

    @Test func acceptAWritesOnlyTheConsensusAndProgressIsKept() throws {
        let kader = try #require(Harness.binary)
        let tmux = try #require(Harness.tmux)
        let project = try sampleCopy()
        defer { try? FileManager.default.removeItem(at: project) }
        let an = project.appendingPathComponent("Codings/demo-an/focusgroep-school-a.json")
        let bart = project.appendingPathComponent("Codings/demo-bart/focusgroep-school-a.json")
        let before = (try digest(an), try digest(bart))

        let first = try TmuxSession(
            tmux: tmux, command: [kader.path, "reconcile", "demo-an", "demo-bart"], cwd: project)
        defer { first.kill() }
        var shot = try first.waitFor("0 of 23 resolved")
        #expect(shot.found, "reconcile did not open:\n\(shot.screen)")
        try first.send("a")
        shot = try first.waitFor("1 of 23 resolved")
        #expect(shot.found, "accept A did not resolve:\n\(shot.screen)")
        try first.send("q")
        #expect(try first.waitForExit())

        let consensus = project.appendingPathComponent("Codings/consensus/focusgroep-school-a.json")
        #expect(FileManager.default.fileExists(atPath: consensus.path))
        #expect(try digest(an) == before.0)
        #expect(try digest(bart) == before.1)

        let second = try TmuxSession(
            tmux: tmux, command: [kader.path, "reconcile", "demo-an", "demo-bart"], cwd: project)
        defer { second.kill() }
        shot = try second.waitFor("1 of 23 resolved")
        #expect(shot.found, "progress not kept after reopening:\n\(shot.screen)")
    }
}
