import Foundation
import KaderCore

/// Coverage of the 95% intervals of Krippendorff's α on simulated data with a known α.
///
/// Generating process: each unit has a true category z ~ p = (0.5, 0.3, 0.15, 0.05); each coder
/// reports z with probability ρ, otherwise an independent draw from p. Then the population α is
/// exactly ρ² (P(agree) = ρ² + (1 − ρ²)Σp², D_e = 1 − Σp²). Scenarios: 2 coders, ρ = 0.8
/// (α = 0.64), no missing data; 3 coders, ρ = 0.9 (α = 0.81), each value missing with
/// probability 0.25. Per N, `dataSets` seeded data sets; coverage = share of intervals holding α.
enum AlphaCoverage {
    static let p = [0.5, 0.3, 0.15, 0.05]
    static let sizes = [20, 50, 100, 1_000, 100_000]
    struct Scenario {
        let name: String
        let coders: Int
        let rho: Double
        let missing: Double
    }
    static let scenarios = [
        Scenario(name: "2 coders, α = 0.64", coders: 2, rho: 0.8, missing: 0),
        Scenario(name: "3 coders, 25% missing, α = 0.81", coders: 3, rho: 0.9, missing: 0.25),
    ]
    static let methods: [AlphaIntervalMethod] = [.auto, .units, .jackknife, .kalpha]

    static func patterns(n: Int, _ s: Scenario, _ rng: inout BenchRNG) -> AlphaUnitPatterns {
        var counts: [Int: Int] = [:]
        var vals = [Int](repeating: 0, count: s.coders)
        func draw(_ rng: inout BenchRNG) -> Int {
            var u = rng.unit()
            var c = 0
            while c < p.count - 1 && u >= p[c] {
                u -= p[c]
                c += 1
            }
            return c
        }
        for _ in 0..<n {
            let z = draw(&rng)
            var m = 0
            for _ in 0..<s.coders {
                if s.missing > 0 && rng.chance(s.missing) { continue }
                vals[m] = rng.chance(s.rho) ? z : draw(&rng)
                m += 1
            }
            if m < 2 { continue }
            var key = 0
            for i in 0..<m { key += [1, 8, 64, 512][vals[i]] }  // counts per category, base 8
            counts[key, default: 0] += 1
        }
        let k = p.count
        var delta = [Double](repeating: 1, count: k * k)
        for c in 0..<k { delta[c * k + c] = 0 }
        var out = AlphaUnitPatterns(categoryCount: k, delta: delta)
        for (key, w) in counts.sorted(by: { $0.key < $1.key }) {
            let values = (0..<k).compactMap { c -> (category: Int, count: Double)? in
                let x = (key >> (3 * c)) & 7
                return x > 0 ? (c, Double(x)) : nil
            }
            out.add(weight: w, values: values)
        }
        return out
    }

    static func run(_ ctx: BenchContext) throws -> [Row] {
        let dataSets = ctx.quick ? 200 : 400
        let started = nowNanos()
        var table: [String] = []
        table.append("### Coverage of the 95% interval of α (\(dataSets) simulated data sets per cell, seeded)")
        table.append("")
        table.append(
            "Simulation: each unit has a true category (shares 0.5, 0.3, 0.15, 0.05); a coder reports it with probability ρ, "
                + "else a random category with those shares, so the population α is exactly ρ². Cell: share of intervals that hold the "
                + "true α; in brackets the median width. Target for the default (auto): 0.93–0.97 at every N. "
                + "auto = jackknife below \(AlphaInterval.jackknifeBelow) pairable units, bootstrap over units from there on; 1000 replicates."
        )
        table.append("")
        table.append("| scenario | N | auto (default) | units | jackknife | kalpha |")
        table.append("|---|---|---|---|---|---|")
        var rows: [Row] = []
        var allMet = true
        var worst: [String] = []
        for (si, s) in scenarios.enumerated() {
            let truth = s.rho * s.rho
            for n in sizes {
                var hit = [Int](repeating: 0, count: methods.count)
                var total = [Int](repeating: 0, count: methods.count)
                var widths = [[Double]](repeating: [], count: methods.count)
                var rng = BenchRNG(seed: 1000 &* UInt64(si + 1) &+ UInt64(n))
                for d in 0..<dataSets {
                    let pat = patterns(n: n, s, &rng)
                    guard pat.alpha != nil else { continue }
                    for (mi, m) in methods.enumerated() {
                        let kal:
                            (o: CoincidenceMatrix, metric: AlphaMetric, categoryValues: [Double]?, coderCount: Int)? =
                                m == .kalpha ? (pat.coincidence(), .nominal, nil, s.coders) : nil
                        guard
                            case .computed(let iv) = AlphaInterval.compute(
                                pat, method: m, samples: 1000, seed: UInt64(d + 1), kalpha: kal)
                        else { continue }
                        total[mi] += 1
                        if iv.lower <= truth && truth <= iv.upper { hit[mi] += 1 }
                        widths[mi].append(iv.upper - iv.lower)
                    }
                }
                let cells = methods.indices.map { mi -> String in
                    guard total[mi] > 0 else { return "n/c" }
                    let w = widths[mi].sorted()
                    return String(format: "%.3f (%.3f)", Double(hit[mi]) / Double(total[mi]), w[w.count / 2])
                        + (total[mi] < dataSets ? " of \(total[mi])" : "")
                }
                table.append("| \(s.name) | \(n.formatted()) | " + cells.joined(separator: " | ") + " |")
                let cov = total[0] > 0 ? Double(hit[0]) / Double(total[0]) : 0
                if !(cov >= 0.93 && cov <= 0.97) {
                    allMet = false
                    worst.append("\(s.name), N = \(n): \(String(format: "%.3f", cov))")
                }
            }
        }
        let seconds = Double(nowNanos() - started) / 1e9
        table.append("")
        table.append(
            "With \(dataSets) data sets a coverage of 0.95 is estimated to ±\(String(format: "%.3f", 1.96 * (0.95 * 0.05 / Double(dataSets)).squareRoot())) (95%)."
        )
        rows.append(
            Row(
                measurement:
                    "α interval coverage, default method, N = \(sizes.map { $0.formatted() }.joined(separator: ", ")); 2 and 3 coders",
                median: Format.seconds(seconds), p99: "—",
                comparison: "units, jackknife and KALPHA side by side (table below)",
                peakMemory: Format.mb(peakRSSBytes()), target: "coverage 0.93–0.97 at every N",
                verdict: Verdict(allMet),
                note: worst.isEmpty ? "every cell within target" : "outside: " + worst.joined(separator: "; "),
                appendix: table.joined(separator: "\n")))
        return rows
    }
}
