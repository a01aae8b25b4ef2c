#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Runs the real `kader` binary: directly (for CLI commands) or inside tmux (for the TUI).
enum Harness {
    /// The binary under test: `$KADER_BIN`, else `.build/debug/kader` in the repository.
    static var binary: URL? {
        if let path = ProcessInfo.processInfo.environment["KADER_BIN"], FileManager.default.isExecutableFile(atPath: path) {
            return URL(fileURLWithPath: path)
        }
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let url = repo.appendingPathComponent(".build/debug/kader")
        return FileManager.default.isExecutableFile(atPath: url.path) ? url : nil
    }

    static var tmux: URL? {
        for dir in ["/usr/bin", "/usr/local/bin", "/bin"] {
            let url = URL(fileURLWithPath: dir).appendingPathComponent("tmux")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return nil
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `executable` with `arguments` (posix_spawn, output to temporary files), waiting at
    /// most `timeout` seconds before killing it.
    @discardableResult
    static func run(_ executable: URL, _ arguments: [String], environment: [String: String] = [:], timeout: TimeInterval = 60) throws -> Result {
        let tmp = FileManager.default.temporaryDirectory
        let outPath = tmp.appendingPathComponent("kader-out-\(UUID().uuidString)").path
        let errPath = tmp.appendingPathComponent("kader-err-\(UUID().uuidString)").path
        defer {
            unlink(outPath)
            unlink(errPath)
        }
        var env = ProcessInfo.processInfo.environment
        env.merge(environment) { _, new in new }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv = ([executable.path] + arguments).map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, executable.path, &actions, nil, argv, envp)
        guard rc == 0 else { throw POSIXError(POSIXErrorCode(rawValue: rc) ?? .EIO) }
        let deadline = Date().addingTimeInterval(timeout)
        var status: Int32 = 0
        while true {
            let r = waitpid(pid, &status, WNOHANG)
            if r == pid { break }
            if Date() > deadline {
                kill(pid, SIGKILL)
                waitpid(pid, &status, 0)
                break
            }
            usleep(5_000)
        }
        let exitStatus: Int32 = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        let outData = FileManager.default.contents(atPath: outPath) ?? Data()
        let errData = FileManager.default.contents(atPath: errPath) ?? Data()
        return Result(status: exitStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }

    static func tempDir(_ prefix: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// A tmux session on a private server socket, 100×30, with a pinned environment.
final class TmuxSession {
    let tmux: URL
    let socket = "kader-e2e-\(UUID().uuidString.prefix(8))"
    let name = "kader"

    init(tmux: URL, command: [String], cwd: URL, width: Int = 100, height: Int = 30) throws {
        self.tmux = tmux
        let quoted = command.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        let shell = "cd '\(cwd.path)' && env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color TZ=UTC HOME='\(cwd.path)' \(quoted)"
        try tm(["new-session", "-d", "-x", "\(width)", "-y", "\(height)", "-s", name, shell])
        try tm(["set-option", "-t", name, "remain-on-exit", "on"])
        serverPid = Int32(try tm(["display-message", "-p", "-t", name, "#{pid}"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// The tmux server's process, killed at the end whatever happened.
    private var serverPid: Int32?

    deinit { kill() }

    @discardableResult
    func tm(_ args: [String]) throws -> Harness.Result {
        try Harness.run(tmux, ["-L", socket, "-f", "/dev/null"] + args, environment: ["TERM": "xterm-256color"], timeout: 20)
    }

    func send(_ keys: String...) throws { try tm(["send-keys", "-t", name] + keys) }

    func screen() throws -> String { try tm(["capture-pane", "-p", "-t", name]).stdout }

    /// Polls the screen until `text` appears or `timeout` passes; returns the last screen.
    @discardableResult
    func waitFor(_ text: String, timeout: TimeInterval = 20) throws -> (found: Bool, screen: String) {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if last.contains(text) { return (true, last) }
            usleep(50_000)
        }
        return (false, last)
    }

    /// True once the program in the pane has exited.
    func waitForExit(timeout: TimeInterval = 20) throws -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let dead = try tm(["display-message", "-p", "-t", name, "#{pane_dead}"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            if dead == "1" { return true }
            usleep(50_000)
        }
        return false
    }

    func kill() {
        _ = try? tm(["kill-server"])
        if let pid = serverPid, pid > 1 {
            Glibc.kill(pid, SIGKILL)
            serverPid = nil
        }
    }
}
