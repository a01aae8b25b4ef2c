import Foundation

/// Where the bench runs and how big it goes.
struct BenchContext: Sendable {
    /// The repository root (a sample project itself): the current folder.
    let repoRoot: URL
    /// `bench/out/`: generated corpora and scratch files (gitignored).
    let outDir: URL
    /// `BENCH_QUICK=1`: smaller sizes for development.
    let quick: Bool
    /// `BENCH_LARGE_MB=1000`: the large project's size in MB instead of 100 (the 1 GB runs of
    /// issue 17; the corpus is generated once under bench/out/).
    var largeMegabytes: Int? = nil

    /// Corpus sizes in bytes for the load measurements.
    var corpusSizes: [Int] { quick ? [1_000_000, 10_000_000] : [1_000_000, 10_000_000, largeSize] }
    /// The "large project" for first frame and exports: the largest of `corpusSizes`.
    var largeSize: Int { largeMegabytes.map { $0 * 1_000_000 } ?? (quick ? 10_000_000 : 100_000_000) }
    var agreementUnits: Int { quick ? 100_000 : 1_000_000 }

    static func fromEnvironment() -> BenchContext {
        let env = ProcessInfo.processInfo.environment
        let root = URL(fileURLWithPath: env["BENCH_ROOT"] ?? FileManager.default.currentDirectoryPath)
            .standardizedFileURL
        let out = root.appendingPathComponent("bench/out")
        return BenchContext(
            repoRoot: root, outDir: out, quick: env["BENCH_QUICK"].map { $0 != "0" && !$0.isEmpty } ?? false,
            largeMegabytes: env["BENCH_LARGE_MB"].flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil })
    }

    static func sizeLabel(_ bytes: Int) -> String { "\(bytes / 1_000_000) MB" }
}

/// Whether a figure meets its target.
enum Verdict: String, Codable, Sendable {
    case met = "met"
    case notMet = "**NOT MET**"
    case notApplicable = "—"
    case notMeasured = "not measured yet"
    case skipped = "skipped"
    case failed = "**FAILED**"

    init(_ ok: Bool) { self = ok ? .met : .notMet }
}

/// One line of the results table.
struct Row: Codable, Sendable {
    var measurement: String
    var median: String = "—"
    var p99: String = "—"
    /// Comparison with a reference tool (`wc -l`, the Python package), or other context.
    var comparison: String = ""
    var peakMemory: String = "—"
    var target: String = ""
    var verdict: Verdict = .notApplicable
    var note: String = ""
    /// Markdown printed after the results table (e.g. a table of its own).
    var appendix: String? = nil

    static func notMeasuredYet(_ measurement: String, target: String, why: String) -> Row {
        Row(
            measurement: measurement, median: "not measured yet", p99: "not measured yet", comparison: "",
            peakMemory: "—",
            target: target, verdict: .notMeasured, note: "TODO: \(why)")
    }
}

/// A measurement: a small function in its own file (Measurements/), run in a child process of
/// its own so its peak memory is its own.
struct Measurement: Sendable {
    let id: String
    /// Child-process time limit, seconds.
    let timeout: Double
    let run: @Sendable (BenchContext) throws -> [Row]
}

/// Every measurement, in table order.
enum Registry {
    static func all(_ ctx: BenchContext) -> [Measurement] {
        var list: [Measurement] = []
        for size in ctx.corpusSizes {
            list.append(
                Measurement(id: "load-\(size / 1_000_000)mb", timeout: 240) { try LoadThroughput.run($0, size: size) })
        }
        list.append(Measurement(id: "agreement", timeout: 240) { try AgreementVsPython.run($0) })
        list.append(Measurement(id: "alpha-cli", timeout: 600) { try AlphaCLIVsPython.run($0) })
        list.append(Measurement(id: "alpha-coverage", timeout: 1200) { try AlphaCoverage.run($0) })
        list.append(Measurement(id: "store-save", timeout: 120) { try StoreSaveLatency.run($0) })
        list.append(Measurement(id: "tui-key", timeout: 120) { try KeyToRedraw.run($0) })
        list.append(Measurement(id: "first-frame-sample", timeout: 60) { try FirstFrame.runSample($0) })
        list.append(Measurement(id: "first-frame-large", timeout: 240) { try FirstFrame.runLarge($0) })
        list.append(Measurement(id: "export-quotes", timeout: 300) { try Exports.runQuotes($0) })
        list.append(Measurement(id: "export-qdpx", timeout: 300) { try Exports.runQDPX($0) })
        list.append(Measurement(id: "export-matrix", timeout: 300) { try Exports.runMatrix($0) })
        list.append(Measurement(id: "analysis", timeout: 300) { try AnalysisCommands.run($0) })
        list.append(Measurement(id: "growth", timeout: 600) { try Growth.run($0) })
        list.append(Measurement(id: "segments-output", timeout: 600) { try CommandOutput.runSegments($0) })
        list.append(Measurement(id: "commands", timeout: 1800) { try CommandOutput.run($0) })
        return list
    }
}
