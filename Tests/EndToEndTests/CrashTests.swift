import Foundation
import KaderCore
import KaderTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Kills a coding process with SIGKILL at random moments: every acknowledged coding must be on
/// disk and every file must parse.
@Suite(
    .serialized,
    .enabled(
        if: Harness.binary != nil && Harness.dev != nil, "needs kader and kader-dev: make test, or swift build first"))
struct CrashTests {
    static func transcript(turns: Int) -> String {
        (1...turns).map { "Deelnemer \($0 % 5 + 1): Beurt nummer \($0) over digitalisering en werkdruk op school." }
            .joined(separator: "\n\n")
    }

    /// Without the journal every save replaces the file; with it (as the coding screen saves)
    /// saves append to the journal, and what counts is the file with its journal applied.
    @Test(arguments: [false, true])
    func sigkillNeverLosesAnAcknowledgedCodingNorTearsAFile(journal: Bool) throws {
        let kader = try #require(Harness.binary)
        let dev = try #require(Harness.dev)
        let project = try Harness.tempDir("kader-crash")
        defer { try? FileManager.default.removeItem(at: project) }
        #expect(try Harness.run(kader, ["init", "--codebook", "analysekader", project.path]).status == 0)
        try Self.transcript(turns: 400).write(
            to: project.appendingPathComponent("Transcripts/crash.txt"), atomically: true, encoding: .utf8)
        let file = project.appendingPathComponent("Codings/ann/crash.json")
        let out = project.appendingPathComponent("acks.txt").path
        var acknowledged = Set<String>()
        var rng = SystemRandomNumberGenerator()
        let started = Date()
        var kills = 0
        var ackedRuns = 0
        while kills < 60, Date().timeIntervalSince(started) < 50 {
            let pid = try ProcessRunner.spawn(
                dev,
                ["code-loop", "--project", project.path, "--coder", "ann", "crash"] + (journal ? ["--journal"] : []),
                stdout: out,
                stderr: out + ".err")
            if kills % 3 == 0 {
                // Blind: any moment from start-up on.
                usleep(UInt32.random(in: 1_000...300_000, using: &rng))
            } else {
                // Mid-loop: after the first acknowledgement, a random moment into the next saves.
                let deadline = Date().addingTimeInterval(5)
                while Date() < deadline, !(((try? String(contentsOfFile: out, encoding: .utf8)) ?? "").contains("\n")) {
                    usleep(2_000)
                }
                usleep(UInt32.random(in: 0...120_000, using: &rng))
            }
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
            kills += 1
            let acks = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
            let lines = acks.split(separator: "\n").filter { $0.hasPrefix("ack ") }
            if !lines.isEmpty { ackedRuns += 1 }
            for line in lines { acknowledged.insert(String(line.dropFirst(4))) }
            guard FileManager.default.fileExists(atPath: file.path) else {
                #expect(acknowledged.isEmpty, "acknowledged codings but no file after kill \(kills)")
                continue
            }
            let data = try Data(contentsOf: file)
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
            #expect(object != nil, "torn file after kill \(kills)")
            let lastGood = project.appendingPathComponent("Codings/ann/.crash.json.last-good")
            if let copy = FileManager.default.contents(atPath: lastGood.path) {
                #expect(
                    (try? JSONSerialization.jsonObject(with: copy)) != nil, "torn last-good copy after kill \(kills)")
            }
            var onDisk = Set<String>()
            if journal {
                let saved = try CodingStore.readFile(file)
                for coding in saved.codings { for code in coding.codes { onDisk.insert("\(coding.segment) \(code)") } }
            } else {
                for coding in (object?["codings"] as? [[String: Any]]) ?? [] {
                    let segment = coding["segment"] as? String ?? "?"
                    // Schema 2: each code is an object with its id, quote spans and memo.
                    for code in (coding["codes"] as? [[String: Any]] ?? []).compactMap({ $0["code"] as? String }) {
                        onDisk.insert("\(segment) \(code)")
                    }
                }
            }
            let lost = acknowledged.subtracting(onDisk)
            #expect(
                lost.isEmpty,
                "after kill \(kills): \(lost.count) acknowledged codings missing, e.g. \(lost.first ?? "")")
            if !lost.isEmpty { break }
        }
        print(
            "crash test (journal: \(journal)): \(kills) kills, \(ackedRuns) runs with acknowledgements, \(acknowledged.count) codings acknowledged, \(Int(Date().timeIntervalSince(started))) s"
        )
        #expect(kills >= 50)
        #expect(acknowledged.count > 50)
        // Whatever leftovers there are, the project checks clean and another run goes on from there.
        let check = try Harness.run(kader, ["check", "--project", project.path])
        #expect(check.status == 0, "check after crashes: \(check.stdout)\(check.stderr)")
    }
}
