import Foundation

/// The Markdown written to bench/results.md.
enum Report {
    static func markdown(_ ctx: BenchContext, rows: [Row], totalSeconds: Double) -> String {
        var out: [String] = []
        out.append("# Kader benchmark results")
        out.append("")
        #if DEBUG
        let build = "**debug build: figures not representative**"
        #else
        let build = "release build"
        #endif
        out.append(
            "Made by `\(ctx.quick ? "BENCH_QUICK=1 " : "")make bench` (`kader-bench`, \(build)) on \(machine()).")
        if ctx.quick {
            out.append(
                "**Quick run (BENCH_QUICK=1):** corpora of \(ctx.corpusSizes.map(BenchContext.sizeLabel).joined(separator: " and ")), "
                    + "agreement on \(ctx.agreementUnits) segments; the full run uses 1, 10 and 100 MB and 1,000,000 segments."
            )
        }
        out.append(
            String(
                format:
                    "Whole run: %.0f s. Corpora are synthetic and deterministic (seed %llu, generator %d), under bench/out/.",
                totalSeconds, Corpus.seed, Corpus.generatorVersion))
        out.append("")
        out.append("| measurement | median | p99 | compared with | peak memory | target | verdict | note |")
        out.append("|---|---|---|---|---|---|---|---|")
        for r in rows {
            let cells = [
                r.measurement, r.median, r.p99, r.comparison, r.peakMemory, r.target, r.verdict.rawValue, r.note,
            ]
            out.append(
                "| " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |")
        }
        out.append("")
        for r in rows {
            if let a = r.appendix {
                out.append(a)
                out.append("")
            }
        }
        out.append(
            """
            How to read it: each measurement runs in its own child process; *peak memory* is that process's \
            `ru_maxrss` (the memory target, ≤ 3× the corpus, is judged on the growth over the process's \
            baseline while every document of the corpus is held loaded). Load throughput is the total size of \
            the corpus over the time to load and segment every file (`TranscriptLoader.load(url:)`), median over \
            repeated passes; `wc -l` runs on the same files with a warm page cache. Save latency is \
            `CodingStore.save` after one toggled code (encode + temporary file + fsync + rename + folder fsync). \
            Key-to-redraw is `AppState.handle(key:)` + `Renderer.render(state, width: 100, height: 30)` over a \
            fixed key sequence. First frame is `Project(root:)` + `CodingStore` + `AppController` + opening the \
            first document + rendering 100×30. "not measured yet" marks measurements whose API does not exist yet.
            """)
        out.append("")
        return out.joined(separator: "\n")
    }

    static func machine() -> String {
        var u = utsname()
        uname(&u)
        let arch = withUnsafePointer(to: &u.machine) {
            $0.withMemoryRebound(to: CChar.self, capacity: 65) { String(cString: $0) }
        }
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let mem = ProcessInfo.processInfo.physicalMemory / 1_073_741_824
        let date = ISO8601DateFormatter().string(from: Date())
        return "\(arch), \(cores) cores, \(mem) GiB, \(date)"
    }
}
