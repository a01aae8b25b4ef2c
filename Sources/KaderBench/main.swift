import Foundation

// kader-bench: deterministic synthetic corpora and the figures of issue 8.
//
//   kader-bench                 run every measurement (each in a child process), print the
//                               Markdown table and write it to bench/results.md
//   kader-bench --run ID FILE   (internal) run one measurement, write its rows as JSON to FILE
//   kader-bench --list          list measurement ids
//
// Environment: BENCH_QUICK=1 (smaller sizes), BENCH_ONLY=id,id (a subset), BENCH_ROOT (repo root,
// default: the current folder), BENCH_RESULTS (output file, default bench/results.md).

func progress(_ s: String) { FileHandle.standardError.write(Data((s + "\n").utf8)) }
let ctx = BenchContext.fromEnvironment()
let args = CommandLine.arguments

if args.count >= 4 && args[1] == "--run" {
    guard let m = Registry.all(ctx).first(where: { $0.id == args[2] }) else {
        FileHandle.standardError.write(Data("kader-bench: no measurement \(args[2])\n".utf8))
        exit(2)
    }
    do {
        let rows = try m.run(ctx)
        let data = try JSONEncoder().encode(rows)
        try data.write(to: URL(fileURLWithPath: args[3]))
        exit(0)
    } catch {
        FileHandle.standardError.write(Data("kader-bench: \(m.id): \(error)\n".utf8))
        exit(1)
    }
} else if args.count >= 2 && args[1] == "--list" {
    for m in Registry.all(ctx) { print(m.id) }
    exit(0)
}

guard FileManager.default.fileExists(atPath: ctx.repoRoot.appendingPathComponent("Transcripts").path),
    FileManager.default.fileExists(atPath: ctx.repoRoot.appendingPathComponent("Codebooks/analysekader.yaml").path)
else {
    FileHandle.standardError.write(
        Data("kader-bench: run me from the repository root (it is the sample project), or set BENCH_ROOT.\n".utf8))
    exit(2)
}
try FileManager.default.createDirectory(at: ctx.outDir, withIntermediateDirectories: true)
let only = ProcessInfo.processInfo.environment["BENCH_ONLY"].map { Set($0.split(separator: ",").map(String.init)) }
let selfPath = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? args[0]
let started = nowNanos()
var sections: [(Measurement, [Row])] = []
for m in Registry.all(ctx) where only?.contains(m.id) ?? true {
    progress("kader-bench: \(m.id) …")
    let resultFile = ctx.outDir.appendingPathComponent(".result-\(m.id).json")
    try? FileManager.default.removeItem(at: resultFile)
    var rows: [Row]
    do {
        let r = try Subprocess.run([selfPath, "--run", m.id, resultFile.path], timeout: m.timeout)
        if r.timedOut {
            rows = [Row(measurement: m.id, verdict: .failed, note: "timed out after \(Int(m.timeout)) s")]
        } else if r.status != 0 || r.signaled {
            let last = r.stderr.split(separator: "\n").last.map(String.init) ?? ""
            rows = [
                Row(measurement: m.id, verdict: .failed, note: "\(r.signaled ? "signal" : "exit") \(r.status): \(last)")
            ]
        } else {
            rows = try JSONDecoder().decode([Row].self, from: Data(contentsOf: resultFile))
        }
        progress(String(format: "kader-bench: %@ done in %.1f s", m.id, r.seconds))
    } catch {
        rows = [Row(measurement: m.id, verdict: .failed, note: "\(error)")]
    }
    try? FileManager.default.removeItem(at: resultFile)
    sections.append((m, rows))
}
let total = Double(nowNanos() - started) / 1e9
let markdown = Report.markdown(ctx, rows: sections.flatMap { $0.1 }, totalSeconds: total)
print("")
print(markdown)
let resultsPath =
    ProcessInfo.processInfo.environment["BENCH_RESULTS"].map { URL(fileURLWithPath: $0) }
    ?? ctx.repoRoot.appendingPathComponent("bench/results.md")
try Data(markdown.utf8).write(to: resultsPath)
print("kader-bench: wrote \(resultsPath.path)")
