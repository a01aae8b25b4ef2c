import Foundation
import KaderCore

/// The real `kader` binary (release, next to kader-bench) on one large transcript and on the
/// large project, output to /dev/null: `segments FILE --json` and the table (``runSegments``,
/// issue 17: ≥ 100 and ≥ 80 MB/s within 3× the file in memory, whole process), `status`, `check`,
/// the analysis commands and `export quotes --format csv` (``run``).
/// Wall time and peak memory come from `/usr/bin/time` (median of a few runs).
enum CommandOutput {
    static var kader: URL {
        let me =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: me).deletingLastPathComponent().appendingPathComponent("kader")
    }

    /// One transcript of about `bytes` under bench/out/, made once.
    static func singleFile(_ ctx: BenchContext, bytes: Int) throws -> URL {
        let url = ctx.outDir.appendingPathComponent("single-\(bytes / 1_000_000)mb.md")
        if let size = try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int, size >= bytes * 9 / 10
        {
            return url
        }
        var rng = BenchRNG(seed: Corpus.seed &+ 17)
        try Data(Corpus.transcript(index: 1, targetBytes: bytes, rng: &rng).utf8).write(to: url)
        return url
    }

    /// Runs `kader arguments` with standard output to /dev/null; (seconds, peak RSS bytes).
    static func timeRun(_ arguments: [String], environment: String = "") throws -> (Double, Int) {
        let (seconds, peak, _) = try timeRunWithCPU(arguments, environment: environment)
        return (seconds, peak)
    }

    /// ``timeRun(_:environment:)`` and the CPU seconds (user + system) the run took.
    static func timeRunWithCPU(_ arguments: [String], environment: String = "") throws -> (Double, Int, Double) {
        // `status` and `check` exit 1 when something needs attention; `segments` must succeed.
        let requireSuccess = arguments.first == "segments"
        let quoted = ([kader.path] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
            .joined(separator: " ")
        let r = try Subprocess.run(
            ["sh", "-c", "\(environment) /usr/bin/time -f 'BENCH %e %M %U %S' \(quoted) > /dev/null"], timeout: 600)
        // /usr/bin/time says so when the command failed: a refusal is no figure.
        guard !requireSuccess || !r.stderr.contains("Command exited with non-zero status"),
            let line = r.stderr.split(separator: "\n").last(where: { $0.hasPrefix("BENCH ") })
        else {
            throw CocoaError(
                .fileReadUnknown,
                userInfo: [
                    NSLocalizedDescriptionKey:
                        "no timing from kader \(arguments.joined(separator: " ")): \(r.stderr.suffix(300))"
                ])
        }
        let parts = line.split(separator: " ").map { Double($0) ?? 0 }
        guard parts.count >= 5 else { return (0, 0, 0) }
        return (parts[1], Int(parts[2]) * 1024, parts[3] + parts[4])
    }

    /// Runs `kader arguments` `runs` times; the row shows the median time, its rate over `bytes`
    /// and the largest peak memory (also as a multiple of `fileBytes` when given).
    static func measure(
        _ name: String, _ arguments: [String], bytes: Int, runs: Int, target: String, environment: String = "",
        note: String = "", fileBytes: Int? = nil, ok: (Double, Int) -> Bool
    ) throws -> Row {
        var times: [Double] = []
        var cpu: [Double] = []
        var peak = 0
        let load = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").first ?? "?"
        for _ in 0..<runs {
            let (s, m, c) = try timeRunWithCPU(arguments, environment: environment)
            times.append(s)
            cpu.append(c)
            peak = max(peak, m)
        }
        times.sort()
        cpu.sort()
        let median = times[times.count / 2]
        let rate = Double(bytes) / 1_000_000 / max(median, 0.001)
        return Row(
            measurement: name, median: Format.seconds(median), p99: "—", comparison: Format.mbps(rate),
            peakMemory: Format.mb(peak)
                + (fileBytes.map { String(format: " (%.2f× the file)", Double(peak) / Double(max($0, 1))) } ?? ""),
            target: target, verdict: Verdict(ok(rate, peak)),
            note:
                "median of \(runs) runs of the release binary, output to /dev/null; CPU (user + system) median "
                + String(format: "%.2f s", cpu[cpu.count / 2]) + "; load average \(load) at the start\(note)")
    }

    /// The release `kader` next to kader-bench, or a row saying it is missing.
    static func missingBinary() -> [Row]? {
        FileManager.default.isExecutableFile(atPath: kader.path)
            ? nil
            : [
                Row(
                    measurement: "kader commands", verdict: .skipped,
                    note: "no release kader next to kader-bench (make bench builds it)")
            ]
    }

    /// `segments FILE --json` and the table on one single transcript of the large size (100 MB by
    /// default), without and with `KADER_NO_CACHE=1` (a file outside a project has no document
    /// cache, so both should agree).
    static func runSegments(_ ctx: BenchContext) throws -> [Row] {
        if let missing = missingBinary() { return missing }
        let size = ctx.largeSize
        let file = try singleFile(ctx, bytes: size)
        let fileBytes = (try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? size
        let label = BenchContext.sizeLabel(fileBytes)
        // Files over the default limit (512 MiB) need it raised, as a user would.
        let limit = fileBytes > 512 << 20 ? ["--max-file-size-mb", String(fileBytes >> 20 + 1)] : []
        var rows: [Row] = []
        for (environment, suffix) in [("", ""), ("KADER_NO_CACHE=1", ", KADER_NO_CACHE=1")] {
            rows.append(
                try measure(
                    "segments --json, one \(label) file\(suffix)", ["segments", file.path, "--json"] + limit,
                    bytes: fileBytes, runs: 3, target: "≥ 100 MB/s, memory ≤ 3× file", environment: environment,
                    fileBytes: fileBytes
                ) { $0 >= 100 && Double($1) <= 3 * Double(fileBytes) })
            rows.append(
                try measure(
                    "segments table, one \(label) file\(suffix)", ["segments", file.path] + limit, bytes: fileBytes,
                    runs: 3, target: "≥ 80 MB/s, memory ≤ 3× file", environment: environment, fileBytes: fileBytes
                ) { $0 >= 80 && Double($1) <= 3 * Double(fileBytes) })
        }
        return rows
    }

    /// The project commands on the large project, cold and warm.
    static func run(_ ctx: BenchContext) throws -> [Row] {
        if let missing = missingBinary() { return missing }
        let size = ctx.largeSize
        var rows: [Row] = []
        let root = try Corpus.project(ctx, bytes: size)
        _ = try FirstFrame.ensureCodings(root)
        let corpus = try Corpus.files(of: root).reduce(0) { $0 + $1.bytes }
        let plabel = BenchContext.sizeLabel(corpus)
        // Cold: without the document cache (every transcript decoded, segmented and hashed);
        // warm: after one run has written it, what every later run sees.
        let withinTarget = { (rate: Double, _: Int) in Double(corpus) / 1_000_000 / rate <= Double(corpus) / 100_000_000
        }
        let analysis: [(String, [String])] = [
            ("status", ["status"]), ("check", ["check"]),
            ("cooccur --level category", ["cooccur", "--level", "category"]),
            (
                "query '(digitalisering or welbevinden) and role=leerkracht'",
                ["query", "(digitalisering or welbevinden) and role=leerkracht"]
            ),
            ("search 'gelijke kansen'", ["search", "gelijke kansen"]),
        ]
        for (label, arguments) in analysis {
            let limit = arguments[0] == "status" || arguments[0] == "check" ? 1.0 : 2.0
            let ok = { (rate: Double, m: Int) in
                arguments[0] == "status" || arguments[0] == "check"
                    ? withinTarget(rate, m) : Double(corpus) / 1_000_000 / rate <= 2
            }
            rows.append(
                try measure(
                    "kader \(label), \(plabel) project, cold (KADER_NO_CACHE=1)", arguments + ["--project", root.path],
                    bytes: corpus, runs: 1, target: "≤ \(Int(limit)) s at 100 MB", environment: "KADER_NO_CACHE=1",
                    ok: ok))
            _ = try timeRun(arguments + ["--project", root.path])
            rows.append(
                try measure(
                    "kader \(label), \(plabel) project, warm", arguments + ["--project", root.path], bytes: corpus,
                    runs: 3, target: "≤ \(Int(limit)) s at 100 MB", note: "; the document cache current", ok: ok))
        }
        let out = ctx.outDir.appendingPathComponent("quotes-cli.csv").path
        rows.append(
            try measure(
                "kader export quotes --format csv, \(plabel) project",
                ["export", "quotes", "--project", root.path, "--format", "csv", "-o", out], bytes: corpus, runs: 1,
                target: "≥ 50 MB/s of corpus"
            ) { rate, _ in rate >= 50 })
        return rows
    }
}
