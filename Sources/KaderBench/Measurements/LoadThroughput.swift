import Foundation
import KaderCore

/// Load + segment throughput on a synthetic corpus of `size` bytes, next to `wc -l`.
enum LoadThroughput {
    static func run(_ ctx: BenchContext, size: Int) throws -> [Row] {
        let project = try Corpus.project(ctx, bytes: size)
        let files = try Corpus.files(of: project)
        let bytes = files.reduce(0) { $0 + $1.bytes }
        let loader = TranscriptLoader()
        let baseline = peakRSSBytes()

        // First pass keeps every document (the whole project in memory, as agreement or an
        // export over all documents needs it); peak memory is judged on this pass.
        var segments = 0
        var docs: [Document] = []
        let (_, first) = try timed {
            for f in files {
                let d = try loader.load(url: f.url)
                segments += d.segments.count
                docs.append(d)
            }
        }
        let peak = peakRSSBytes()
        docs = []
        blackHole(docs)
        // Further passes drop each document at once.
        // Further passes drop each document at once; skipped when one pass is already slow, to
        // keep `make bench` within its time.
        var samples = [first]
        if first < 10 {
            samples += try repeatTimed(maxRuns: ctx.quick ? 2 : 4, budget: 8) {
                for f in files { blackHole(try loader.load(url: f.url)) }
            }
        }
        let rates = Stats(samples.map { Double(bytes) / 1e6 / $0 })

        // wc -l on the same files, less the cost of starting a process (wc -l on /dev/null).
        func wc(_ paths: [String]) throws -> Double {
            Stats(
                try (0..<5).map { _ -> Double in
                    let r = try Subprocess.run(["wc", "-l"] + paths, timeout: 60)
                    guard r.status == 0 else { throw BenchError.tool("wc -l failed: \(r.stderr)") }
                    return r.seconds
                }
            ).median
        }
        let spawn = try wc(["/dev/null"])
        let wcNet = try wc(files.map(\.url.path)) - spawn
        let wcRate = Double(bytes) / 1e6 / max(1e-4, wcNet)
        let grown = max(0, peak - baseline)
        let memRatio = Double(grown) / Double(bytes)
        let label = BenchContext.sizeLabel(size)

        // The project path Kader takes for agreement, status and exports: every core, in batches.
        let batchLoader = DocumentBatchLoader(project: try Project(root: project))
        let parallel = Stats(
            try repeatTimed(maxRuns: ctx.quick ? 3 : 5, budget: 8) {
                try batchLoader.forEach { _, result in blackHole(try result.get()) }
            }.map { Double(bytes) / 1e6 / $0 })
        let parallelRow = Row(
            measurement:
                "project load, \(label) corpus (\(batchLoader.workers) cores, batches of \(batchLoader.batchSize) documents)",
            median: Format.mbps(parallel.median),
            p99: "—",
            comparison: wcNet < 0.002
                ? ""
                : "\(String(format: "%.2f%%", 100 * parallel.median / wcRate)) of wc -l; \(String(format: "%.2f", parallel.median / rates.median))× one thread",
            peakMemory: "—",
            target: "≥ 100 MB/s",
            verdict: Verdict(parallel.median >= 100),
            note: "median of \(parallel.count) passes; what `kader agree`, `status` and the exports use")
        return [
            Row(
                measurement: "load + segment, \(label) corpus (\(files.count) files, \(segments) segments), one thread",
                median: Format.mbps(rates.median),
                p99: "—",
                comparison: wcNet < 0.002
                    ? "wc -l: within process-start noise (< 2 ms), no ratio"
                    : "wc -l \(Format.mbps(wcRate)); Kader at \(String(format: "%.2f%%", 100 * rates.median / wcRate)) of wc -l",
                peakMemory: "\(Format.mb(peak)) (+\(Format.mb(grown)) = \(String(format: "%.1f", memRatio))× corpus)",
                target: "≥ 100 MB/s; memory ≤ 3× corpus",
                verdict: Verdict(rates.median >= 100 && (size < 10_000_000 || memRatio <= 3)),
                note: "median of \(samples.count) passes; wc -l less process start (\(Format.ms(spawn)))"
                    + (size < 10_000_000 ? "; memory target judged from 10 MB up (baseline dominates)" : "")),
            parallelRow,
        ]
    }
}

enum BenchError: Error, CustomStringConvertible {
    case tool(String)
    case check(String)
    var description: String {
        switch self {
        case .tool(let s), .check(let s): return s
        }
    }
}
