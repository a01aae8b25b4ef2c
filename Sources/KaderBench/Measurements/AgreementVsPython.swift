import Foundation
import KaderCore

/// Agreement on N segments × 3 coders × 40 codes: the full report (per code, overall α)
/// through `CodeAgreement.report`, next to the Python `krippendorff` package on the same matrices.
enum AgreementVsPython {
    static let coders = 3
    static let codeCount = 40

    static func run(_ ctx: BenchContext) throws -> [Row] {
        let n = ctx.agreementUnits
        let codes = (0..<codeCount).map { "code-\($0)" }
        var rng = BenchRNG(seed: 7)
        var units: [[Set<String>?]] = []
        units.reserveCapacity(n)
        // A "true" set of 0–2 codes per segment; each coder misses the segment 5% of the time
        // and adds a stray code 20% of the time.
        var masks = [UInt64](repeating: 0, count: n * coders)
        for u in 0..<n {
            // Codes as indices into `codes`; a coder's mask bit i stands for codes[i].
            var truth = Set<Int>()
            for _ in 0..<rng.int(3) { truth.insert(rng.int(codeCount)) }
            var row: [Set<String>?] = []
            for j in 0..<coders {
                if rng.chance(0.05) {
                    row.append(nil)
                    masks[u * coders + j] = 1 << 63
                    continue
                }
                var s = truth
                if rng.chance(0.2) { s.insert(rng.int(codeCount)) }
                for i in s { masks[u * coders + j] |= 1 << UInt64(i) }
                row.append(Set(s.map { codes[$0] }))
            }
            units.append(row)
        }

        var report: CodeAgreementReport?
        let samples = try repeatTimed(minRuns: 3, maxRuns: 3, budget: 0) {
            report = try CodeAgreement.report(units: units, coderCount: coders, codes: codes)
        }
        guard let r = report else { throw BenchError.check("agreement report was not computed") }
        let stats = Stats(samples)
        let peak = peakRSSBytes()
        let masi = r.overall.masi.value
        let pooled = r.overall.pooled.alpha.value
        let label = "agreement report, \(n.formatted()) segments × \(coders) coders × \(codeCount) codes"

        var comparison = "Python krippendorff not installed (pip install krippendorff); not compared"
        var fasterThanPython: Bool?
        var note =
            "per code: % agreement, Fleiss κ, α + bootstrap (1000), AC1, BP κ; overall: pooled α \(pooled), MASI α \(masi), Jaccard α \(r.overall.jaccard.value)"
        if Subprocess.pythonHas("krippendorff") && Subprocess.pythonHas("numpy") {
            let file = ctx.outDir.appendingPathComponent("agreement-masks.u64")
            try masks.withUnsafeBytes { try Data($0).write(to: file) }
            defer { try? FileManager.default.removeItem(at: file) }
            let script = ctx.repoRoot.appendingPathComponent("bench/krippendorff_compare.py").path
            let py = try Subprocess.run(
                ["python3", script, file.path, "\(n)", "\(coders)", "\(codeCount)"], timeout: 180)
            guard py.status == 0, let data = py.stdout.data(using: .utf8),
                let obj = try JSONSerialization.jsonObject(with: data) as? [String: Any],
                let alphas = obj["alphas"] as? [Double], let seconds = obj["seconds"] as? Double
            else {
                throw BenchError.tool("python krippendorff failed: \(py.stderr.suffix(300))")
            }
            var maxDiff = 0.0
            for (i, a) in alphas.enumerated() {
                guard let mine = r.perCode[i].alpha.value.double else {
                    throw BenchError.check("code \(i): Kader says α is not computable, Python says \(a)")
                }
                maxDiff = max(maxDiff, abs(mine - a))
            }
            guard maxDiff <= 1e-9 else {
                throw BenchError.check("per-code α differs from Python by \(maxDiff) (> 1e-9)")
            }
            fasterThanPython = stats.median < seconds
            comparison =
                "Python krippendorff \(Format.seconds(seconds)) for the 40 per-code α alone; "
                + "Kader \(Format.ratio(seconds / stats.median)) faster; α equal within \(String(format: "%.1e", maxDiff)) (≤ 1e-9)"
        } else {
            note += "; Python comparison skipped"
        }
        let inTime = stats.median <= 2
        return [
            Row(
                measurement: label,
                median: Format.seconds(stats.median),
                p99: "max \(Format.seconds(stats.maximum)) of \(stats.count)",
                comparison: comparison,
                peakMemory: Format.mb(peak) + " (incl. input)",
                target: "≤ 2 s and faster than Python",
                verdict: fasterThanPython.map { Verdict(inTime && $0) } ?? Verdict(inTime),
                note: note + (fasterThanPython == nil ? "; judged on time only" : ""))
        ]
    }
}
