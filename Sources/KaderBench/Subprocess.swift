import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Runs external commands (`wc -l`, `python3`, the bench's own child processes) with a time limit.
enum Subprocess {
    struct Result {
        var status: Int32
        var signaled: Bool
        var timedOut: Bool
        var stdout: String
        var stderr: String
        var seconds: Double
    }

    /// Runs `arguments[0]` (looked up in PATH) with the rest as arguments, killing it after `timeout` s.
    static func run(_ arguments: [String], environment: [String: String] = [:], timeout: Double = 120) throws -> Result
    {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env.merge(environment) { _, new in new }
        p.environment = env
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("kader-bench-\(UUID().uuidString).out")
        let err = FileManager.default.temporaryDirectory.appendingPathComponent("kader-bench-\(UUID().uuidString).err")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: out)
            try? FileManager.default.removeItem(at: err)
        }
        let outHandle = try FileHandle(forWritingTo: out)
        let errHandle = try FileHandle(forWritingTo: err)
        p.standardOutput = outHandle
        p.standardError = errHandle
        p.standardInput = FileHandle.nullDevice
        let t0 = nowNanos()
        try p.run()
        var timedOut = false
        while p.isRunning {
            if Double(nowNanos() - t0) / 1e9 > timeout {
                timedOut = true
                kill(p.processIdentifier, SIGKILL)
                break
            }
            usleep(2_000)
        }
        p.waitUntilExit()
        let seconds = Double(nowNanos() - t0) / 1e9
        try? outHandle.close()
        try? errHandle.close()
        return Result(
            status: p.terminationStatus, signaled: p.terminationReason == .uncaughtSignal, timedOut: timedOut,
            stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "", seconds: seconds)
    }

    /// True if `python3 -c "import NAME"` succeeds.
    static func pythonHas(_ module: String) -> Bool {
        guard let r = try? run(["python3", "-c", "import \(module)"], timeout: 60) else { return false }
        return r.status == 0 && !r.timedOut
    }
}
