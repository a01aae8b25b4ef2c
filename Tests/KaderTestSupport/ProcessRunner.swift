import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// What a finished child process left: its exit status (128 + signal when killed) and output.
public struct ProcessResult: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
    /// True when the runner killed the process at its timeout.
    public var timedOut: Bool

    public init(status: Int32, stdout: String, stderr: String, timedOut: Bool = false) {
        self.status = status
        self.stdout = stdout
        self.stderr = stderr
        self.timedOut = timedOut
    }
}

/// The one way the tests start programs (posix_spawn, no shell): `run` waits for the result,
/// `spawn` returns at once for tests that signal the child themselves.
public enum ProcessRunner {
    /// Runs `executable` with `arguments` (standard input `/dev/null`, output to temporary
    /// files), killing it after `timeout` seconds. `environment` is merged over the test's own.
    /// - Throws: `POSIXError` when the program cannot be started.
    @discardableResult
    public static func run(
        _ executable: URL, _ arguments: [String], environment: [String: String] = [:], timeout: TimeInterval = 60
    ) throws -> ProcessResult {
        let tmp = FileManager.default.temporaryDirectory
        let outPath = tmp.appendingPathComponent("kader-out-\(UUID().uuidString)").path
        let errPath = tmp.appendingPathComponent("kader-err-\(UUID().uuidString)").path
        defer {
            unlink(outPath)
            unlink(errPath)
        }
        let pid = try spawn(executable, arguments, environment: environment, stdout: outPath, stderr: errPath)
        let deadline = Date().addingTimeInterval(timeout)
        var status: Int32 = 0
        var timedOut = false
        while true {
            if waitpid(pid, &status, WNOHANG) == pid { break }
            if Date() > deadline {
                kill(pid, SIGKILL)
                waitpid(pid, &status, 0)
                timedOut = true
                break
            }
            usleep(5_000)
        }
        let outData = FileManager.default.contents(atPath: outPath) ?? Data()
        let errData = FileManager.default.contents(atPath: errPath) ?? Data()
        return ProcessResult(
            status: exitStatus(status), stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self), timedOut: timedOut)
    }

    /// Starts `executable` and returns its process id without waiting; standard output and
    /// error go to the given files (`/dev/null` when nil). The caller must `waitpid` it.
    /// - Throws: `POSIXError` when the program cannot be started.
    public static func spawn(
        _ executable: URL, _ arguments: [String], environment: [String: String] = [:],
        stdout: String? = nil, stderr: String? = nil
    ) throws -> pid_t {
        var env = ProcessInfo.processInfo.environment
        env.merge(environment) { _, new in new }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout ?? "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, stderr ?? "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv = ([executable.path] + arguments).map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, executable.path, &actions, nil, argv, envp)
        guard rc == 0 else { throw POSIXError(POSIXErrorCode(rawValue: rc) ?? .EIO) }
        return pid
    }

    /// The shell's convention for a `waitpid` status: the exit code, or 128 + the signal.
    public static func exitStatus(_ status: Int32) -> Int32 {
        (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    }
}
