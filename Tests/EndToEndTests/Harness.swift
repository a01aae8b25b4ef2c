import Foundation
import KaderTestSupport

#if canImport(Glibc)
import Glibc
#endif

/// Runs the real binaries: directly (for CLI commands) or inside tmux (for the TUI). Lookup and
/// process handling live in KaderTestSupport (``Tools``, ``ProcessRunner``).
enum Harness {
    /// The product binary: `$KADER_BIN`, else `.build/debug/kader` in the repository.
    static var binary: URL? { Tools.kader }

    /// The test drivers (`kader-dev code-loop` …): `$KADER_DEV_BIN`, else `.build/debug/kader-dev`.
    static var dev: URL? { Tools.kaderDev }

    static var tmux: URL? { Tools.tmux }

    typealias Result = ProcessResult

    /// Runs `executable` with `arguments`, waiting at most `timeout` seconds before killing it.
    @discardableResult
    static func run(
        _ executable: URL, _ arguments: [String], environment: [String: String] = [:], timeout: TimeInterval = 60
    ) throws -> Result {
        try ProcessRunner.run(executable, arguments, environment: environment, timeout: timeout)
    }

    /// A new empty folder in the temporary directory (the caller removes it).
    static func tempDir(_ prefix: String) throws -> URL {
        try TemporaryProject(prefix, layout: false).root
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
        let shell =
            "cd '\(cwd.path)' && env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color TZ=UTC HOME='\(cwd.path)' \(quoted)"
        try tm(["new-session", "-d", "-x", "\(width)", "-y", "\(height)", "-s", name, shell])
        try tm(["set-option", "-t", name, "remain-on-exit", "on"])
        serverPid = Int32(
            try tm(["display-message", "-p", "-t", name, "#{pid}"]).stdout.trimmingCharacters(
                in: .whitespacesAndNewlines))
    }

    /// The tmux server's process, killed at the end whatever happened.
    private var serverPid: Int32?

    deinit { kill() }

    @discardableResult
    func tm(_ args: [String]) throws -> Harness.Result {
        try Harness.run(
            tmux, ["-L", socket, "-f", "/dev/null"] + args, environment: ["TERM": "xterm-256color"], timeout: 20)
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
            let dead = try tm(["display-message", "-p", "-t", name, "#{pane_dead}"]).stdout.trimmingCharacters(
                in: .whitespacesAndNewlines)
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
