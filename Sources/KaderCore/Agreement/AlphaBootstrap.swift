import Foundation

/// A bootstrap distribution summary for Krippendorff's α.
public struct AlphaBootstrapResult: Sendable, Equatable {
    /// α of the full data (the point estimate).
    public let alpha: Double
    /// B, the number of bootstrap replicates.
    public let samples: Int
    /// M, the number of pairs of values drawn per replicate.
    public let drawsPerSample: Int
    public let seed: UInt64
    /// 2.5th and 97.5th percentiles of the replicates (95% interval).
    public let lower: Double
    public let upper: Double
    /// Standard deviation of the replicates.
    public let standardError: Double
    /// The α_min values asked for, ascending.
    public let thresholds: [Double]
    /// q(α_min): share of replicates with α* < α_min, aligned with `thresholds`.
    public let probabilitiesBelow: [Double]

    /// q for one α_min, or nil if it was not requested.
    public func probabilityBelow(_ alphaMin: Double) -> Double? {
        thresholds.firstIndex { abs($0 - alphaMin) < 1e-12 }.map { probabilitiesBelow[$0] }
    }
}

/// Bootstrap distribution of α by resampling pairable values (Krippendorff's KALPHA algorithm).
///
/// Source: Hayes, A. F. & Krippendorff, K. (2007). Answering the call for a standard
/// reliability measure for coding data. Communication Methods and Measures 1, 77–89;
/// Krippendorff, "Algorithm for bootstrapping a distribution of α" (afhayes.com/public/alphaboot.pdf),
/// as summarised in docs/statistics.md §2:
/// 1. keep o_ck, n and D_e of the full data fixed;
/// 2. draw cells c ≤ k with p_cc = o_cc/n, p_ck = 2 o_ck/n (Walker alias table, O(1) per draw);
/// 3. M = min(25·q, (m−1)·n/2), q = number of non-zero cells of the full o_ck matrix,
///    m = number of coders (this reproduces M ≈ 318 for the H&K 2007 data);
/// 4. α* = 1 − Σ δ²/(M·D_e), truncated at −1; a replicate whose M draws all fall in one
///    diagonal cell has no variation and α* is set to 0 (lack-of-variation correction,
///    drawn explicitly rather than by KALPHA's expected count round(B·Σ_c (o_cc/n)^M)).
/// Cost: O(k² + B·M), independent of the number of units, so it is cheap for large data.
/// The replicates are reproducible for a given `seed` (SplitMix64).
/// Undefined when α itself is undefined, or samples < 1.
/// Caveat (Hughes 2022, arXiv 2210.13265): this bootstrap under-covers for small samples.
public enum AlphaBootstrap {

    /// Bootstrap from a coincidence matrix. `coderCount` is m; `categoryValues` as for α.
    public static func compute(
        _ o: CoincidenceMatrix, metric: AlphaMetric, categoryValues: [Double]? = nil,
        coderCount: Int, samples: Int = 1000, seed: UInt64 = 1,
        thresholds: [Double] = [0.667, 0.8], drawsPerSample: Int? = nil
    )
        -> Computed<AlphaBootstrapResult>
    {
        let a = KrippendorffAlpha.compute(o, metric: metric, categoryValues: categoryValues)
        guard let alpha = a.value.double else {
            return .notComputable(reason: a.value.reason ?? "alpha is not computable")
        }
        guard samples >= 1 else { return .notComputable(reason: "at least one bootstrap sample is needed") }
        guard coderCount >= 2 else { return .notComputable(reason: "fewer than 2 coders") }
        guard let parts = KrippendorffAlpha.disagreements(o, metric: metric, categoryValues: categoryValues) else {
            return .notComputable(reason: "alpha is not computable")
        }
        let k = o.categoryCount
        let n = o.pairableValues
        var probs: [Double] = []
        var deltas: [Double] = []
        var diagonal: [Bool] = []
        for c in 0..<k {
            for j in c..<k {
                let x = c == j ? o[c, c] : 2 * o[c, j]
                if x <= 0 { continue }
                probs.append(x / n)
                deltas.append(parts.delta[c * k + j])
                diagonal.append(c == j)
            }
        }
        let cap = (Double(coderCount - 1) * n / 2).rounded(.down)
        let nonZero = o.counts.filter { $0 > 0 }.count
        let m = max(1, drawsPerSample ?? Int(min(Double(25 * nonZero), cap)))
        let alias = AliasTable(probs)
        var rng = SplitMix64(seed: seed)
        let scale = 1 / (Double(m) * parts.expected)
        var reps = [Double](repeating: 0, count: samples)
        for b in 0..<samples {
            var sum = 0.0
            let first = alias.draw(&rng)
            var same = true
            sum += deltas[first]
            for _ in 1..<m {
                let i = alias.draw(&rng)
                if i != first { same = false }
                sum += deltas[i]
            }
            var v = 1 - sum * scale
            if same && diagonal[first] { v = 0 }
            reps[b] = max(-1, v)
        }
        reps.sort()
        let mean = reps.reduce(0, +) / Double(samples)
        let sd =
            samples > 1 ? (reps.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(samples - 1)).squareRoot() : 0
        let lo = reps[min(samples - 1, Int((Double(samples) * 0.025).rounded(.down)))]
        let hi = reps[max(0, Int((Double(samples) * 0.975).rounded(.up)) - 1)]
        let ts = thresholds.sorted()
        let qs = ts.map { t -> Double in
            var lowIdx = 0
            var high = samples
            while lowIdx < high {
                let mid = (lowIdx + high) / 2
                if reps[mid] < t { lowIdx = mid + 1 } else { high = mid }
            }
            return Double(lowIdx) / Double(samples)
        }
        return .computed(
            AlphaBootstrapResult(
                alpha: alpha, samples: samples, drawsPerSample: m, seed: seed,
                lower: lo, upper: hi, standardError: sd, thresholds: ts, probabilitiesBelow: qs))
    }

    /// Bootstrap for numeric reliability data (`data`: coders × units, nil = missing).
    public static func compute(
        _ data: ReliabilityData<Double>, metric: AlphaMetric, samples: Int = 1000,
        seed: UInt64 = 1, thresholds: [Double] = [0.667, 0.8]
    ) -> Computed<AlphaBootstrapResult> {
        let cats = data.sortedCategories()
        let o = CoincidenceMatrix(data.ratingTable(categories: cats))
        return compute(
            o, metric: metric, categoryValues: cats, coderCount: data.coderCount,
            samples: samples, seed: seed, thresholds: thresholds)
    }

    /// Bootstrap of nominal α for any hashable values.
    public static func nominal<V: Hashable>(
        _ data: ReliabilityData<V>, samples: Int = 1000, seed: UInt64 = 1,
        thresholds: [Double] = [0.667, 0.8]
    ) -> Computed<AlphaBootstrapResult> {
        let o = CoincidenceMatrix(data.ratingTable())
        return compute(
            o, metric: .nominal, coderCount: data.coderCount, samples: samples, seed: seed, thresholds: thresholds)
    }
}
