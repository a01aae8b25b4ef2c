import Foundation
import Testing
import ZIPFoundation

#if canImport(Glibc)
import Glibc
#endif

/// Issue 14 through the real binary: no write through links inside a project (items 1–3), no
/// escape sequence to a terminal (4), one safe zip reader (6), bounded cost (9), old-or-new
/// state after a killed or failed multi-file operation (10), exit statuses. The tests make their
/// own hostile files in a ``BadInputSandbox``.
@Suite struct UntrustedProjectTests {
    static var kader: URL? { Harness.binary }

    func run(_ box: BadInputSandbox, _ args: [String], env: [String: String] = [:], timeout: TimeInterval = 60) throws
        -> Harness.Result
    {
        let base = [
            "HOME": box.home.path, "TMPDIR": box.tmp.path, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "KADER_CODER": "ann",
        ]
        let kader = try #require(Self.kader)
        return try Harness.run(
            URL(fileURLWithPath: "/usr/bin/env"), ["-C", box.project.path, kader.path] + args,
            environment: base.merging(env) { _, n in n }, timeout: timeout)
    }

    /// Raw bytes the binary writes to a terminal: run under `script` (a pseudo-terminal).
    func runOnTerminal(_ box: BadInputSandbox, _ args: [String]) throws -> [UInt8] {
        try Self.terminalBytes(
            args, cwd: box.project, scratch: box.tmp,
            env: ["HOME": box.home.path, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TERM": "dumb", "KADER_CODER": "ann"])
    }

    /// Runs `kader args` in `cwd` on a pseudo-terminal (`script`) and returns what reached it.
    static func terminalBytes(_ args: [String], cwd: URL, scratch: URL, env: [String: String]) throws -> [UInt8] {
        let log = scratch.appendingPathComponent("typescript-\(UUID().uuidString.prefix(6))")
        defer { unlink(log.path) }
        let command = ([try #require(kader).path] + args).map {
            "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'"
        }.joined(
            separator: " ")
        _ = try Harness.run(
            URL(fileURLWithPath: "/usr/bin/script"), ["-q", "-e", "-c", "cd '\(cwd.path)' && " + command, log.path],
            environment: env, timeout: 120)
        let bytes = [UInt8](FileManager.default.contents(atPath: log.path) ?? Data())
        // `script` frames the output with a header and footer line ("Script started …").
        let text = String(decoding: bytes, as: UTF8.self)
        let body = text.split(separator: "\n", omittingEmptySubsequences: false).filter {
            !$0.hasPrefix("Script started") && !$0.hasPrefix("Script done")
        }
        return Array(body.joined(separator: "\n").utf8)
    }

    /// ESC, CSI (U+009B), OSC (U+009D) or BEL in raw terminal bytes.
    static func hasEscape(_ bytes: [UInt8]) -> Bool {
        if bytes.contains(0x1B) || bytes.contains(0x07) { return true }
        return zip(bytes, bytes.dropFirst()).contains { $0 == 0xC2 && ($1 == 0x9B || $1 == 0x9D) }
    }

    static var hasScript: Bool {
        FileManager.default.isExecutableFile(atPath: "/usr/bin/script") && Harness.binary != nil
    }

    func write(_ box: BadInputSandbox, codebookWithName name: String) throws {
        try box.write(
            "name: Hostile\nversion: 1\ncodes:\n  - id: werkdruk\n    name: \"\(name)\"\n    shortcut: \"1\"\n  - id: mails\n    name: Mails\n",
            "project/Codebooks/analysekader.yaml")
    }

    func codings(coder: String, codes: [String]) -> String {
        """
        {"schema": 1, "coder": "\(coder)", "document": "focusgroep", "status": "in-progress", "codings": [
          {"segment": "s2", "ordinal": 2, "codes": [\(codes.map { "\"\($0)\"" }.joined(separator: ", "))], "fingerprint": "x"}
        ]}

        """
    }

    /// Demo codings for the sandbox's document (`kader-dev demo-codings`, next to the binary).
    func demoCodings(_ box: BadInputSandbox) throws -> Int32 {
        let dev = try #require(Self.kader).deletingLastPathComponent().appendingPathComponent("kader-dev")
        return try Harness.run(
            URL(fileURLWithPath: "/usr/bin/env"),
            [
                "-C", box.project.path, dev.path, "demo-codings", "--document", "focusgroep", "--coders", "demo-ann",
                "--coders", "demo-bob",
            ],
            environment: ["HOME": box.home.path]
        ).status
    }

    // MARK: Links (items 1–3)

    @Test(.enabled(if: Harness.binary != nil))
    func lockFileThatIsALinkIsRefused() throws {
        let box = try BadInputSandbox("lock link")
        try FileManager.default.createDirectory(
            at: box.project.appendingPathComponent("Codings/ann"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: box.path("project/Codings/ann/.kader.lock"), withDestinationPath: box.path("outside/canary.txt"))
        let before = box.snapshot()
        let r = try run(box, ["codebook", "merge", "mails", "werkdruk"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("symbolic link") && r.stderr.contains(".kader.lock"), "\(r.stderr)")
        #expect(BadInputSandbox.damage(before: before, after: box.snapshot()).isEmpty)
        #expect(try String(contentsOfFile: box.path("outside/canary.txt"), encoding: .utf8) == "do not touch\n")
    }

    @Test(.enabled(if: Harness.binary != nil))
    func coderFolderThatIsALinkIsRefusedAndNothingThereIsDeleted() throws {
        let box = try BadInputSandbox("coder folder link")
        try box.write("keep me\n", "outside/bob/.notes.tmp")
        try box.write("keep me too\n", "outside/bob/.focusgroep.json.123.tmp")
        try FileManager.default.createDirectory(
            at: box.project.appendingPathComponent("Codings"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: box.path("project/Codings/bob"), withDestinationPath: box.path("outside/bob"))
        let before = box.snapshot()
        for args in [["codebook", "merge", "mails", "werkdruk"], ["code", "--coder", "bob"]] {
            let r = try run(box, args)
            #expect(r.status == 1, "\(args): \(r.stderr)")
            #expect(
                BadInputSandbox.damage(before: before, after: box.snapshot()).filter {
                    !$0.hasPrefix("created: project/Codings")
                }.isEmpty, "\(args)")
        }
        #expect(FileManager.default.fileExists(atPath: box.path("outside/bob/.notes.tmp")))
        #expect(FileManager.default.fileExists(atPath: box.path("outside/bob/.focusgroep.json.123.tmp")))
        let r = try run(box, ["codebook", "merge", "mails", "werkdruk"])
        #expect(r.stderr.contains("symbolic link") && r.stderr.contains("Codings/bob"), "\(r.stderr)")
    }

    @Test(.enabled(if: Harness.binary != nil))
    func codebookFolderThatIsALinkIsNotWrittenThrough() throws {
        let box = try BadInputSandbox("codebooks link")
        try FileManager.default.moveItem(atPath: box.path("project/Codebooks"), toPath: box.path("outside/Codebooks"))
        try FileManager.default.createSymbolicLink(
            atPath: box.path("project/Codebooks"), withDestinationPath: box.path("outside/Codebooks"))
        let before = box.snapshot()
        let r = try run(box, ["codebook", "rename", "werkdruk", "Druk"])
        #expect(r.status == 1 && r.stderr.contains("symbolic link"), "\(r.stderr)")
        #expect(BadInputSandbox.damage(before: before, after: box.snapshot()).isEmpty)
        // Reading through the link is fine.
        #expect(try run(box, ["codebook", "show"]).stdout.contains("Werkdruk"))
    }

    @Test(.enabled(if: Harness.binary != nil))
    func plantedTemporaryFileLinksAreNeverOpened() throws {
        let box = try BadInputSandbox("planted tmp links")
        let last =
            Int(
                (try? String(contentsOfFile: "/proc/sys/kernel/ns_last_pid", encoding: .utf8))?.trimmingCharacters(
                    in: .whitespacesAndNewlines) ?? "") ?? Int(getpid())
        for pid in last..<(last + 3_000) {
            try? FileManager.default.createSymbolicLink(
                atPath: box.path("project/Codebooks/.analysekader.yaml.\(pid).tmp"),
                withDestinationPath: box.path("outside/canary.txt"))
        }
        let r = try run(box, ["codebook", "rename", "werkdruk", "Druk"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try String(contentsOfFile: box.path("outside/canary.txt"), encoding: .utf8) == "do not touch\n")
        var info = stat()
        #expect(lstat(box.path("project/Codebooks/analysekader.yaml"), &info) == 0 && info.st_mode & S_IFMT == S_IFREG)
        #expect(
            try String(contentsOfFile: box.path("project/Codebooks/analysekader.yaml"), encoding: .utf8).contains(
                "Druk"))
    }

    @Test(.enabled(if: Harness.binary != nil))
    func importIntoALinkedTranscriptsFolderIsRefused() throws {
        let box = try BadInputSandbox("transcripts link")
        try FileManager.default.moveItem(
            atPath: box.path("project/Transcripts"), toPath: box.path("outside/Transcripts"))
        try FileManager.default.createSymbolicLink(
            atPath: box.path("project/Transcripts"), withDestinationPath: box.path("outside/Transcripts"))
        let qdpx = try box.write(try QDPXFixture.archive(text: "Els: een nieuwe bron\n"), "in.qdpx")
        let before = box.snapshot()
        let r = try run(box, ["import", "qdpx", qdpx.path, "--project", box.project.path])
        #expect(r.status == 1 && r.stderr.contains("symbolic link"), "\(r.stderr)")
        #expect(BadInputSandbox.damage(before: before, after: box.snapshot()).isEmpty)
        #expect(
            ((try? FileManager.default.contentsOfDirectory(atPath: box.project.path)) ?? []).allSatisfy {
                !$0.hasPrefix(".kader-import-")
            })
    }

    @Test(.enabled(if: Harness.binary != nil))
    func exportFollowsTheLinkTheUserGave() throws {
        let box = try BadInputSandbox("export link")
        try FileManager.default.createSymbolicLink(
            atPath: box.path("tmp/out.md"), withDestinationPath: box.path("outside/report.md"))
        try box.write("old\n", "outside/report.md")
        let r = try run(box, ["export", "quotes", "-o", box.path("tmp/out.md")])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(
            (try? FileManager.default.destinationOfSymbolicLink(atPath: box.path("tmp/out.md")))
                == box.path("outside/report.md"))
        #expect(try String(contentsOfFile: box.path("outside/report.md"), encoding: .utf8) != "old\n")
    }

    // MARK: Terminal (item 4)

    @Test(.enabled(if: hasScript))
    func codeNamesAndUnknownIdsReachTheTerminalHarmless() throws {
        let box = try BadInputSandbox("terminal names")
        try write(box, codebookWithName: "Werk\\e]0;pwned\\adruk\\e]52;c;ZXZpbA==\\a \\u009b31m")
        try box.write(
            codings(coder: "ann", codes: ["werkdruk", "x\u{1B}]0;pwned\u{07}y", "z\u{9D}0;t\u{9C}"]),
            "project/Codings/ann/focusgroep.json")
        for args in [["codebook", "show"], ["check"], ["codebook", "check"], ["status"]] {
            let out = try runOnTerminal(box, args)
            #expect(!out.isEmpty, "\(args): no output")
            #expect(
                !Self.hasEscape(out),
                "\(args): raw escape on the terminal: \(String(decoding: out, as: UTF8.self).debugDescription)")
        }
        let shown = String(decoding: try runOnTerminal(box, ["codebook", "show"]), as: UTF8.self)
        #expect(shown.contains("Werk\u{FFFD}]0;pwned\u{FFFD}druk"), "\(shown.debugDescription)")
        // To a pipe the data stays exact.
        let piped = try run(box, ["codebook", "show"])
        #expect(piped.stdout.contains("Werk\u{1B}]0;pwned\u{07}druk"))
    }

    @Test(.enabled(if: hasScript))
    func jsonAndCSVOnATerminal() throws {
        let box = try BadInputSandbox("terminal json csv")
        try box.write(
            "Els: stil \u{9B}6n en \u{9D}0;titel\u{9C} \u{1B}[2J klaar\n\nKoen: dag\n", "project/Transcripts/c1.txt")
        let json = try runOnTerminal(box, ["segments", "--json", box.path("project/Transcripts/c1.txt")])
        #expect(!Self.hasEscape(json), "\(String(decoding: json, as: UTF8.self).debugDescription)")
        #expect(String(decoding: json, as: UTF8.self).contains("\\u009b6n"))
        let data = try #require(String(decoding: json, as: UTF8.self).data(using: .utf8))
        #expect(
            (try? JSONSerialization.jsonObject(
                with: Data(String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n").utf8)))
                != nil, "still JSON")

        #expect(try demoCodings(box) == 0)
        let csv = try runOnTerminal(box, ["export", "quotes", "--format", "csv", "--all-coders"])
        let text = String(decoding: csv, as: UTF8.self)
        #expect(!text.isEmpty && !text.contains("\u{FFFD}"), "the CR of CRLF must stay: \(text.debugDescription)")
        #expect(!Self.hasEscape(csv))
        let piped = try run(box, ["export", "quotes", "--format", "csv", "--all-coders"])
        #expect(piped.stdout.contains("\r\n"))
    }

    @Test(.enabled(if: Harness.binary != nil))
    func errorLinesAreAlwaysClean() throws {
        let box = try BadInputSandbox("error line")
        let r = try run(box, ["status", "--project", box.path("no\u{1B}]0;pwned\u{07}where")])
        #expect(r.status == 1)
        #expect(
            !r.stderr.contains("\u{1B}") && !r.stderr.contains("\u{07}")
                && r.stderr.contains("no\u{FFFD}]0;pwned\u{FFFD}where"), "\(r.stderr.debugDescription)")
    }

    // MARK: Archives (item 6)

    @Test(.enabled(if: Harness.binary != nil))
    func qdpxWhoseDeflateStreamEndsEarlyIsOneErrorLine() throws {
        let box = try BadInputSandbox("qdpx short deflate")
        var zip = [UInt8](
            try QDPXFixture.archive(
                text: String(repeating: "Els: een lange zin met woorden \(UUID()).\n\n", count: 2_000)))
        QDPXFixture.shortenEveryEntry(&zip)
        let qdpx = try box.write(Data(zip), "short.qdpx")
        let before = box.snapshot()
        let r = try run(box, ["import", "qdpx", qdpx.path, "--project", box.project.path], timeout: 30)
        #expect(r.status == 1, "\(r.status) \(r.stderr)")
        #expect(
            r.stderr.hasPrefix("kader: ") && r.stderr.filter { $0 == "\n" }.count == 1 && r.stderr.contains("damaged"),
            "\(r.stderr)")
        #expect(BadInputSandbox.damage(before: before, after: box.snapshot()).isEmpty)
    }

    // MARK: Half-finished work (item 10)

    @Test(.enabled(if: Harness.binary != nil))
    func killedImportLeavesTheOldOrTheNewState() throws {
        let box = try BadInputSandbox("killed import")
        let qdpx = try box.write(
            try QDPXFixture.archive(text: "Els: een nieuwe bron over werkdruk\n\nKoen: en mails\n", sources: 40),
            "big.qdpx")
        // The document cache (`.kader-cache/`, git-ignored, never a source of truth) that
        // `kader check` fills is not project state.
        func files() -> Set<String> {
            Set(
                box.snapshot().keys.filter {
                    $0.hasPrefix("project/") && !$0.contains(".kader-import-") && !$0.hasSuffix(".kader.lock")
                        && !$0.contains("last-good") && !$0.hasPrefix("project/.kader-cache/")
                })
        }
        let old = files()
        // The new state: a complete import in a copy.
        let full = try BadInputSandbox("killed import reference")
        _ = try run(full, ["import", "qdpx", qdpx.path, "--project", full.project.path])
        let new = Set(
            full.snapshot().keys.filter {
                $0.hasPrefix("project/") && !$0.hasSuffix(".kader.lock") && !$0.contains("last-good")
                    && !$0.hasPrefix("project/.kader-cache/")
            })
        #expect(new.count > old.count)
        let delays: [UInt32] = [20_000, 60_000, 120_000, 250_000, 500_000]
        for delay in delays {
            var pid: pid_t = 0
            let words: [String] = [Self.kader!.path, "import", "qdpx", qdpx.path, "--project", box.project.path]
            var argv: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) }
            argv.append(nil)
            defer { argv.forEach { free($0) } }
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
            let rc = posix_spawn(&pid, Self.kader!.path, &actions, nil, argv, environ)
            #expect(rc == 0)
            posix_spawn_file_actions_destroy(&actions)
            usleep(delay)
            Glibc.kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
            // A leftover staging folder is ignored by git.
            for name in (try? FileManager.default.contentsOfDirectory(atPath: box.project.path)) ?? []
            where name.hasPrefix(".kader-import-") {
                let ignore = box.project.appendingPathComponent(name).appendingPathComponent(".gitignore")
                if FileManager.default.fileExists(atPath: ignore.path) {
                    #expect(try String(contentsOf: ignore, encoding: .utf8) == "*\n")
                }
            }
            _ = try run(box, ["check"])
            let now = files()
            let leftovers = ((try? FileManager.default.contentsOfDirectory(atPath: box.project.path)) ?? []).filter {
                $0.hasPrefix(".kader-import-")
            }
            #expect(leftovers.isEmpty, "after a kill at \(delay) µs and a check: \(leftovers)")
            #expect(
                now == old || now == new,
                "after a kill at \(delay) µs: neither old nor new: \(now.symmetricDifference(old).sorted().prefix(5))")
            if now == new { break }
        }
    }

    @Test(.enabled(if: Harness.binary != nil))
    func exportOnAFullDiskLeavesNothingAndSaysOneSentence() throws {
        let box = try BadInputSandbox("export full disk")
        #expect(try demoCodings(box) == 0)
        let before = box.snapshot()
        let r = try run(box, ["export", "qdpx", "-o", box.path("tmp/p.qdpx")], env: ["KADER_FAULT_DISK_FULL": "1"])
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("kader: ") && r.stderr.filter { $0 == "\n" }.count == 1, "\(r.stderr)")
        #expect(
            r.stderr.contains("No space left on device") && !r.stderr.contains("Error Domain")
                && !r.stderr.contains("NSError"), "\(r.stderr)")
        #expect(BadInputSandbox.damage(before: before, after: box.snapshot()).isEmpty)
    }

    @Test(.enabled(if: TmpFS.available && Harness.binary != nil))
    func exportAndInitOnARealFullDisk() throws {
        let box = try BadInputSandbox("real full disk")
        let disk = try TmpFS(at: box.root.appendingPathComponent("disk"), kilobytes: 512)
        defer { disk.unmount() }
        #expect(try demoCodings(box) == 0)
        try disk.fill()
        let r = try run(box, ["export", "qdpx", "-o", disk.url.appendingPathComponent("p.qdpx").path])
        #expect(
            r.status == 1 && r.stderr.contains("No space left on device") && !r.stderr.contains("Error Domain"),
            "\(r.stderr)")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: disk.url.path) == ["fill"], "a temporary file was left")
        let p = disk.url.appendingPathComponent("p").path
        let first = try run(box, ["init", p])
        #expect(first.status == 1 && first.stderr.filter { $0 == "\n" }.count == 1, "\(first.stderr)")
        disk.unfill()
        let second = try run(box, ["init", p])
        #expect(second.status == 0, "init did not finish when run again: \(second.stderr)")
        #expect(!((try? FileManager.default.contentsOfDirectory(atPath: p + "/Codebooks")) ?? []).isEmpty)
        withExtendedLifetime(box) {}
    }

    @Test(.enabled(if: Harness.binary != nil))
    func initThatFailedHalfWayFinishesWhenRunAgain() throws {
        let box = try BadInputSandbox("init twice")
        let p = box.path("tmp/p")
        let first = try run(box, ["init", p], env: ["KADER_FAULT_DISK_FULL": "1"])
        #expect(first.status == 1 && first.stderr.contains("No space left on device"), "\(first.stderr)")
        #expect(FileManager.default.fileExists(atPath: p + "/Transcripts"))
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: p + "/Codebooks")) ?? []).isEmpty)
        #expect(
            ((try? FileManager.default.contentsOfDirectory(atPath: p + "/Codebooks")) ?? []).isEmpty,
            "no temporary file left")
        let second = try run(box, ["init", p])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(!((try? FileManager.default.contentsOfDirectory(atPath: p + "/Codebooks")) ?? []).isEmpty)
        #expect(try String(contentsOfFile: p + "/.gitignore", encoding: .utf8).contains(".kader-import-"))
        let third = try run(box, ["init", p])
        #expect(third.status == 1 && third.stderr.contains("already holds a Kader project"))
    }

    // MARK: Exit statuses

    @Test(.enabled(if: Harness.binary != nil))
    func usageErrorsExitWith64() throws {
        let box = try BadInputSandbox("usage")
        #expect(try run(box, ["--no-such-option"]).status == 64)
        #expect(try run(box, ["segments"]).status == 64)
        #expect(try run(box, ["agree", "--format", "pdf", "--coders", "a,b"]).status == 64)
        #expect(try run(box, ["--help"]).status == 0)
    }

    @Test(.enabled(if: Harness.tmux != nil && Harness.binary != nil))
    func sigintRestoresTheTerminalAndExitsWith130() throws {
        let box = try BadInputSandbox("sigint")
        let statusFile = box.tmp.appendingPathComponent("status")
        let session = try TmuxSession(
            tmux: Harness.tmux!,
            command: ["/bin/sh", "-c", "\"$0\" code --coder ann; echo $? > \"$1\"", Self.kader!.path, statusFile.path],
            cwd: box.project)
        #expect(try session.waitFor("focusgroep").found)
        let pane = try session.tm(["display-message", "-p", "-t", session.name, "#{pane_pid}"]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        // The kader process among the pane's descendants (the pane runs sh, which runs kader).
        var queue = [Int32(pane)!]
        var children: [Int32] = []
        while let p = queue.popLast() {
            children.append(p)
            queue += try Harness.run(URL(fileURLWithPath: "/usr/bin/pgrep"), ["-P", "\(p)"]).stdout.split(
                separator: "\n"
            ).compactMap { Int32($0) }
        }
        let pid = try #require(
            children.first {
                (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\($0)/exe"))
                    == Self.kader!.resolvingSymlinksInPath().path
            })
        #expect(try session.tm(["display-message", "-p", "-t", session.name, "#{alternate_on}"]).stdout.hasPrefix("1"))
        Glibc.kill(pid, SIGINT)
        #expect(try session.waitForExit(), "pane \(pane), children \(children), signalled \(pid)")
        let status = (try? String(contentsOf: statusFile, encoding: .utf8))?.trimmingCharacters(
            in: .whitespacesAndNewlines)
        #expect(status == "130")
        #expect(
            try session.tm(["display-message", "-p", "-t", session.name, "#{alternate_on}"]).stdout.hasPrefix("0"),
            "the terminal was not restored")
    }
}

/// Small `.qdpx` archives for the tests.
enum QDPXFixture {
    /// A `.qdpx` with `sources` text sources of `text` (made distinct) and one code.
    static func archive(text: String, sources: Int = 1) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        var xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <Project xmlns="urn:QDA-XML:project:1.0" name="fixture">
            <Users><User guid="11111111-1111-4111-8111-111111111111" name="Ann"/></Users>
            <CodeBook><Codes><Code guid="22222222-2222-4222-8222-222222222222" name="Nieuw" isCodable="true"/></Codes></CodeBook>
            <Sources>
            """
        for i in 0..<sources {
            let body = Data((text + "Koen: bron \(i)\n").utf8)
            let guid = String(format: "33333333-3333-4333-8333-%012d", i)
            try archive.addEntry(
                with: "sources/\(guid).txt", type: .file, uncompressedSize: Int64(body.count),
                compressionMethod: .deflate
            ) { pos, size in
                body.subdata(in: Int(pos)..<Int(pos) + size)
            }
            xml += """
                <TextSource guid="\(guid)" name="bron \(i)" plainTextPath="internal://\(guid).txt">
                <PlainTextSelection guid="\(String(format: "44444444-4444-4444-8444-%012d", i))" startPosition="0" endPosition="10" creatingUser="11111111-1111-4111-8111-111111111111">
                <Coding guid="\(String(format: "55555555-5555-4555-8555-%012d", i))" creatingUser="11111111-1111-4111-8111-111111111111"><CodeRef targetGUID="22222222-2222-4222-8222-222222222222"/></Coding>
                </PlainTextSelection></TextSource>
                """
        }
        xml += "</Sources></Project>\n"
        let qde = Data(xml.utf8)
        try archive.addEntry(
            with: "project.qde", type: .file, uncompressedSize: Int64(qde.count), compressionMethod: .deflate
        ) { pos, size in
            qde.subdata(in: Int(pos)..<Int(pos) + size)
        }
        return archive.data ?? Data()
    }

    /// Halves the compressed size of every deflated entry (central directory and local
    /// headers): each deflate stream then ends early, inside the archive's bounds.
    static func shortenEveryEntry(_ z: inout [UInt8]) {
        func u16(_ i: Int) -> Int { Int(z[i]) | Int(z[i + 1]) << 8 }
        func u32(_ i: Int) -> Int { u16(i) | u16(i + 2) << 16 }
        func put32(_ i: Int, _ v: Int) { for k in 0..<4 { z[i + k] = UInt8((v >> (8 * k)) & 0xFF) } }
        var eocd = z.count - 22
        while eocd > 0 && u32(eocd) != 0x0605_4B50 { eocd -= 1 }
        var p = u32(eocd + 16)
        for _ in 0..<u16(eocd + 10) {
            let compressed = u32(p + 20)
            let local = u32(p + 42)
            if u16(p + 10) == 8 {
                put32(p + 20, compressed / 2)
                put32(local + 18, compressed / 2)
            }
            p += 46 + u16(p + 28) + u16(p + 30) + u16(p + 32)
        }
    }
}

/// A small tmpfs (needs root and mount rights; tests that use it are skipped otherwise).
final class TmpFS {
    let url: URL

    static let available: Bool = {
        guard getuid() == 0 else { return false }
        let probe = FileManager.default.temporaryDirectory.appendingPathComponent("kader-tmpfs-probe-\(getpid())")
        try? FileManager.default.createDirectory(at: probe, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: probe) }
        guard
            let r = try? Harness.run(
                URL(fileURLWithPath: "/bin/mount"), ["-t", "tmpfs", "-o", "size=64k", "tmpfs", probe.path]),
            r.status == 0
        else { return false }
        _ = try? Harness.run(URL(fileURLWithPath: "/bin/umount"), [probe.path])
        return true
    }()

    init(at url: URL, kilobytes: Int) throws {
        self.url = url
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        let r = try Harness.run(
            URL(fileURLWithPath: "/bin/mount"), ["-t", "tmpfs", "-o", "size=\(kilobytes)k", "tmpfs", url.path])
        guard r.status == 0 else { throw POSIXError(.EPERM) }
    }

    /// Fills the file system with one file until no space is left.
    func fill() throws {
        let fd = open(url.appendingPathComponent("fill").path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        defer { close(fd) }
        let block = [UInt8](repeating: 0x61, count: 4096)
        while Glibc.write(fd, block, block.count) > 0 {}
    }

    func unfill() { unlink(url.appendingPathComponent("fill").path) }

    func unmount() { _ = try? Harness.run(URL(fileURLWithPath: "/bin/umount"), [url.path]) }
}
