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
    static let methods: [AlphaIntervalMethod] = [.auto, .jackknife, .kalpha]

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

    static let floorDataSets = 20_000

    /// The coverage at the true α of the exact equal-tailed acceptance set: the values of α̂ from
    /// the largest v with P(α̂ < v) ≤ 0.025 to the smallest w with P(α̂ > w) ≤ 0.025, estimated from
    /// `floorDataSets` simulated data sets. Discrete data (few units) can force it above 0.95.
    static func exactFloor(n: Int, _ s: Scenario, seed: UInt64) -> Double {
        var rng = BenchRNG(seed: seed)
        var values: [Double] = []
        values.reserveCapacity(floorDataSets)
        for _ in 0..<floorDataSets {
            if let a = patterns(n: n, s, &rng).alpha { values.append((a * 1e9).rounded() / 1e9) }
        }
        values.sort()
        let m = values.count
        guard m > 0 else { return 1 }
        // values[t] with t = ⌊0.025·m⌋ is the largest v with at most 2.5% of the draws below it
        // (the next larger value has at least t + 1 below); likewise at the top.
        let t = Int((0.025 * Double(m)).rounded(.down))
        let low = values[t]
        let high = values[m - 1 - t]
        let inside = values.filter { $0 >= low && $0 <= high }.count
        return Double(inside) / Double(m)
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
                + "auto = bootstrap over units (1000 replicates) with the zero-event and few-disagreements bounds (docs/statistics.md). "
                + "Floor: the coverage of the exact equal-tailed interval at the true α (the central 95% of α's own sampling "
                + "distribution, \(floorDataSets) simulated data sets): where one value of α (1, no disagreement) alone has more "
                + "than 2.5% probability no interval that errs at most 2.5% on each side can cover less than this, so the target "
                + "there is the floor (plus the simulation's error) instead of 0.97."
        )
        table.append("")
        table.append("| scenario | N | auto (default) | jackknife | kalpha | floor |")
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
                let floor = n <= 100 ? exactFloor(n: n, s, seed: 77 &+ UInt64(n)) : nil
                table.append(
                    "| \(s.name) | \(n.formatted()) | " + cells.joined(separator: " | ") + " | "
                        + (floor.map { String(format: "%.3f", $0) } ?? "0.95 (continuous)") + " |")
                let cov = total[0] > 0 ? Double(hit[0]) / Double(total[0]) : 0
                let ceiling = max(0.97, (floor ?? 0) + 0.02)
                if !(cov >= 0.93 && cov <= ceiling) {
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
                comparison: "jackknife, KALPHA and the exact floor side by side (table below)",
                peakMemory: Format.mb(peakRSSBytes()),
                target: "coverage 0.93–0.97 at every N (floor + 0.02 where the floor is above 0.97)",
                verdict: Verdict(allMet),
                note: worst.isEmpty ? "every cell within target" : "outside: " + worst.joined(separator: "; "),
                appendix: table.joined(separator: "\n")))
        return rows
    }
}
