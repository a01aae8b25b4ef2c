import Foundation
import Testing

/// Hostile and malformed inputs through the real binary (issue 8): one clear error line or a
/// correct result, the right exit code, no crash, no hang, nothing written outside the project,
/// no file damaged.
@Suite struct BadInputTests {
    @Test func atLeastFortyCases() {
        #expect(BadInputs.all.count >= 40)
        #expect(Set(BadInputs.all.map(\.name)).count == BadInputs.all.count, "case names must be unique")
    }

    @Test(
        .enabled(if: Harness.binary != nil, "needs the kader binary: make test, or swift build first"),
        arguments: BadInputs.all)
    func badInput(_ input: BadInput) throws {
        let kader = try #require(Harness.binary)
        let box = try BadInputSandbox(input.name)
        let args = try input.make(box)
        let canary = (try? String(contentsOf: box.root.appendingPathComponent("tmp-canary-name"), encoding: .utf8))
        let before = box.snapshot()
        let env = [
            "HOME": box.home.path, "TMPDIR": box.tmp.path, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TERM": "dumb",
            "KADER_CODER": "ann",
        ]
        .merging(input.environment) { _, new in new }
        // `env -C` runs kader inside the project folder, so relative writes would land there.
        let r = try Harness.run(
            URL(fileURLWithPath: "/usr/bin/env"), ["-C", box.project.path, kader.path] + args,
            environment: env, timeout: input.timeout)
        let after = box.snapshot()
        let shown = "status \(r.status)\nstderr: \(r.stderr.prefix(400))\nstdout: \(r.stdout.prefix(400))"

        let hung = r.timedOut  // a plain Bool, so a failure does not print the whole output
        #expect(!hung, "hung (killed after \(input.timeout) s): \(shown)")
        #expect(r.status == 0 || r.status == 1, "crashed or wrong exit code: \(shown)")
        #expect(
            BadInputSandbox.damage(before: before, after: after).isEmpty,
            "damage: \(BadInputSandbox.damage(before: before, after: after)); \(shown)")
        #expect(
            !r.stdout.contains(box.secret) && !r.stderr.contains(box.secret),
            "leaked a file through an entity: \(shown)")
        #expect(!r.stdout.contains("root:x:0:0") && !r.stderr.contains("root:x:0:0"), "leaked /etc/passwd: \(shown)")
        #expect(!r.stderr.contains("\u{1B}"), "raw escape byte in an error message: \(shown.debugDescription)")
        // Standard output to a pipe is exact data (issue 14); on a terminal it must be neutralised.
        if r.stdout.contains("\u{1B}") || r.stdout.unicodeScalars.contains(where: { (0x80...0x9F).contains($0.value) })
        {
            if UntrustedProjectTests.hasScript {
                let shown = try UntrustedProjectTests.terminalBytes(
                    args, cwd: box.project, scratch: box.tmp, env: env.merging(["TERM": "dumb"]) { _, n in n })
                #expect(
                    !UntrustedProjectTests.hasEscape(shown),
                    "raw escape on a terminal: \(String(decoding: shown.prefix(400), as: UTF8.self).debugDescription)")
            }
        }
        if let canary {
            #expect(!FileManager.default.fileExists(atPath: canary), "a zip entry escaped to \(canary)")
            #expect(!FileManager.default.fileExists(atPath: canary + "-abs"), "a zip entry escaped to \(canary)-abs")
        }

        let clearError =
            r.status == 1 && r.stdout.isEmpty && r.stderr.hasPrefix("kader: ") && r.stderr.hasSuffix("\n")
            && r.stderr.filter { $0 == "\n" }.count == 1
        let success = r.status == 0 && !r.stdout.isEmpty
        switch input.expect {
        case .error(let fragments):
            #expect(clearError, "expected one clear error line: \(shown)")
            for f in fragments {
                #expect(r.stderr.lowercased().contains(f.lowercased()), "error does not mention \"\(f)\": \(shown)")
            }
        case .success(let fragments):
            #expect(success, "expected success: \(shown)")
            for f in fragments { #expect(r.stdout.contains(f), "output lacks \"\(f)\": \(shown)") }
        case .errorOrSuccess:
            #expect(clearError || success, "neither one clear error line nor a result: \(shown)")
        }
    }
}
