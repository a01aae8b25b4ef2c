import Foundation
import KaderCore

/// `kader alpha FILE.csv` as a whole process (reading the CSV, α, the default interval) against
/// Python's `krippendorff` with numpy on the same file (numpy.loadtxt + krippendorff.alpha), at
/// 1,000,000 units × 3 coders, binary and 10 values. Both under /usr/bin/time (wall time, peak RSS).
enum AlphaCLIVsPython {
    static let coders = 3

    /// Units as rows: `unit,A,B,C`, then `u1,1,0,1` …; each coder copies the unit's true value
    /// with probability 0.8.
    static func file(_ ctx: BenchContext, units: Int, values: Int) throws -> URL {
        let url = ctx.outDir.appendingPathComponent("alpha-\(units)-\(values).csv")
        if FileManager.default.fileExists(atPath: url.path) { return url }
        var rng = BenchRNG(seed: UInt64(units &* 31 &+ values))
        var out = "unit,A,B,C\n"
        out.reserveCapacity(units * 16)
        for u in 0..<units {
            let z = rng.int(values)
            out += "u\(u + 1)"
            for _ in 0..<coders {
                out += ","
                out += String(rng.chance(0.8) ? z : rng.int(values))
            }
            out += "\n"
        }
        let tmp = url.appendingPathExtension("tmp")
        try Data(out.utf8).write(to: tmp)
        try FileManager.default.moveItem(at: tmp, to: url)
        return url
    }

    static func timed(_ args: [String]) throws -> (seconds: Double, kb: Int, stdout: String) {
        let r = try Subprocess.run(["/usr/bin/time", "-f", "%e %M"] + args, timeout: 300)
        guard r.status == 0, !r.timedOut else { throw BenchError.tool("\(args[0]) failed: \(r.stderr.suffix(300))") }
        let last = r.stderr.split(separator: "\n").last.map(String.init) ?? ""
        let parts = last.split(separator: " ")
        return (r.seconds, parts.count == 2 ? Int(parts[1]) ?? 0 : 0, r.stdout)
    }

    static func run(_ ctx: BenchContext) throws -> [Row] {
        let units = ctx.quick ? 100_000 : 1_000_000
        let exe =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let kader = URL(fileURLWithPath: exe).deletingLastPathComponent().appendingPathComponent("kader").path
        guard FileManager.default.isExecutableFile(atPath: kader) else {
            return [
                Row(
                    measurement: "kader alpha vs Python", verdict: .skipped,
                    note: "no release kader next to kader-bench (make bench builds it)")
            ]
        }
        let hasPython = Subprocess.pythonHas("krippendorff") && Subprocess.pythonHas("numpy")
        var python = "python3"
        if hasPython, let r = try? Subprocess.run(["python3", "-c", "import sys; print(sys.executable)"]), r.status == 0
        {
            python = r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let script = """
            import sys, json, numpy as np, krippendorff
            d = np.loadtxt(sys.argv[1], delimiter=",", skiprows=1, usecols=(1, 2, 3), dtype=float).T
            print(json.dumps({"alpha": float(krippendorff.alpha(reliability_data=d, level_of_measurement="nominal"))}))
            """
        var rows: [Row] = []
        for values in [2, 10] {
            let f = try file(ctx, units: units, values: values)
            let size = (try FileManager.default.attributesOfItem(atPath: f.path)[.size] as? Int) ?? 0
            var kSamples: [Double] = []
            var kMem = 0
            var kAlpha: Double?
            var ciWidth = 0.0
            var method = ""
            for _ in 0..<3 {
                let r = try timed([kader, "alpha", f.path, "--transpose", "--format", "json"])
                kSamples.append(r.seconds)
                kMem = max(kMem, r.kb)
                if let obj = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any] {
                    kAlpha = obj["alpha"] as? Double
                    if let iv = obj["interval"] as? [String: Any], let lo = iv["lower"] as? Double,
                        let hi = iv["upper"] as? Double
                    {
                        ciWidth = hi - lo
                        method = iv["description"] as? String ?? ""
                    }
                }
            }
            let k = Stats(kSamples)
            var comparison = "Python krippendorff not installed; not compared"
            var verdict = Verdict.notApplicable
            if hasPython {
                var pSamples: [Double] = []
                var pMem = 0
                var pAlpha: Double?
                for _ in 0..<3 {
                    let r = try timed([python, "-c", script, f.path])
                    pSamples.append(r.seconds)
                    pMem = max(pMem, r.kb)
                    pAlpha =
                        (try? JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])?["alpha"]
                        as? Double
                }
                let p = Stats(pSamples)
                let diff = abs((kAlpha ?? .nan) - (pAlpha ?? .nan))
                guard diff <= 1e-9 else {
                    throw BenchError.check("kader alpha \(kAlpha ?? .nan) vs Python \(pAlpha ?? .nan)")
                }
                let ratio = p.median / k.median
                comparison =
                    "Python (numpy.loadtxt + krippendorff.alpha) \(Format.seconds(p.median)), peak \(Format.mb(pMem * 1024)); "
                    + "Kader \(Format.ratio(ratio)) faster; α equal within \(String(format: "%.1e", diff))"
                verdict = Verdict(ratio >= 5)
            }
            rows.append(
                Row(
                    measurement:
                        "kader alpha, \(units.formatted()) units × 3 coders, \(values) values (CSV \(Format.mb(size)))",
                    median: Format.seconds(k.median), p99: "max \(Format.seconds(k.maximum)) of \(k.count)",
                    comparison: comparison,
                    peakMemory: Format.mb(kMem * 1024)
                        + " (\(String(format: "%.1f", Double(kMem * 1024) / Double(max(size, 1))))× the file)",
                    target: "≥ 5× faster than Python; memory linear in the file", verdict: verdict,
                    note:
                        "whole process incl. CSV reading and the default interval (\(method)), width \(String(format: "%.4f", ciWidth))"
                ))
        }
        return rows
    }
}
