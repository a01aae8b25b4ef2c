import Foundation
import KaderCore

/// Progress of long commands on standard error: documents done / total, MB/s and time left,
/// redrawn on one line once a command has run for about a second, and a one-line summary at the
/// end. Shown only when standard error is a terminal and `--quiet` is not given; in pipes and
/// files it writes nothing, so scripts see only the command's own output.
final class ProgressReporter: @unchecked Sendable {
    /// The reporter of this process (one command runs per process).
    static let shared = ProgressReporter()

    private let lock = NSLock()
    private var enabled = false
    private var started = Date()
    private var lastDraw = Date.distantPast
    private var drawn = false
    private var label = ""

    /// Seconds a command runs before progress appears: 1, or `KADER_PROGRESS_DELAY` (for tests).
    static let delay: TimeInterval =
        ProcessInfo.processInfo.environment["KADER_PROGRESS_DELAY"].flatMap(Double.init) ?? 1.0

    /// Whether progress would be shown: standard error is a terminal (`KADER_PROGRESS=1` forces it
    /// on, `KADER_PROGRESS=0` off).
    static var terminalAttached: Bool {
        switch ProcessInfo.processInfo.environment["KADER_PROGRESS"] {
        case "1": return true
        case "0": return false
        default: return isatty(2) == 1
        }
    }

    /// Starts timing `label` (e.g. "status") and shows document progress unless `quiet` or
    /// standard error is not a terminal.
    func start(_ label: String, quiet: Bool) {
        lock.lock()
        self.label = label
        started = Date()
        enabled = !quiet && Self.terminalAttached
        let on = enabled
        lock.unlock()
        if on {
            LoadProgress.observe { event in ProgressReporter.shared.update(event) }
        } else {
            LoadProgress.observe(nil)
        }
    }

    /// Redraws the progress line for `event` (at most ten times a second, after ``delay``).
    func update(_ event: LoadProgress.Event) {
        lock.lock()
        defer { lock.unlock() }
        guard enabled else { return }
        let now = Date()
        let elapsed = now.timeIntervalSince(started)
        guard elapsed >= Self.delay,
            now.timeIntervalSince(lastDraw) >= 0.1 || event.documentsDone == event.documentsTotal
        else { return }
        lastDraw = now
        drawn = true
        write("\r\u{1B}[K" + Self.line(label: label, event: event, elapsed: elapsed))
    }

    /// Clears the progress line and writes `summary` (with the elapsed time) as one line.
    func finish(_ summary: String) {
        lock.lock()
        defer { lock.unlock() }
        LoadProgress.observe(nil)
        guard enabled else { return }
        enabled = false
        let elapsed = Date().timeIntervalSince(started)
        let clear = drawn ? "\r\u{1B}[K" : ""
        write(clear + "kader: " + TerminalSafe.clean(summary) + " in " + Self.seconds(elapsed) + ".\n")
    }

    /// "status: 12/40 documents, 31.0/120.5 MB, 84.2 MB/s, 1 s left".
    static func line(label: String, event: LoadProgress.Event, elapsed: TimeInterval) -> String {
        let mb = 1_000_000.0
        let done = Double(event.bytesDone) / mb
        let total = Double(event.bytesTotal) / mb
        let rate = elapsed > 0 ? done / elapsed : 0
        var text =
            "\(label): \(event.documentsDone)/\(event.documentsTotal) documents, "
            + String(format: "%.1f/%.1f MB, %.1f MB/s", done, total, rate)
        if rate > 0, event.bytesDone < event.bytesTotal {
            text += ", " + seconds((total - done) / rate) + " left"
        }
        return text
    }

    /// "0.42 s", "12 s", "3 min 5 s".
    static func seconds(_ t: TimeInterval) -> String {
        if t < 10 { return String(format: "%.2f s", t) }
        if t < 60 { return "\(Int(t.rounded())) s" }
        let s = Int(t.rounded())
        return "\(s / 60) min \(s % 60) s"
    }

    /// Before the TUI takes the screen: "kader: loading <folder> (N documents)…" on a terminal's
    /// standard error, so opening a large project never shows a blank screen. The TUI's first
    /// frame replaces it.
    static func loadingLine(_ project: Project) {
        guard terminalAttached else { return }
        let line =
            "kader: loading \(project.root.lastPathComponent) (\(counted(project.transcriptPaths.count, "document")))…"
        FileHandle.standardError.write(Data((TerminalSafe.clean(line) + "\r").utf8))
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
