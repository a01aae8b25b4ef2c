import Foundation

/// How the 95% interval of Krippendorff's α is computed.
public enum AlphaIntervalMethod: String, Sendable, CaseIterable, Codable {
    /// The bootstrap over units with the small-sample bounds (the default; see ``AlphaInterval``).
    case auto
    /// Bootstrap that resamples units with replacement (percentile interval).
    case units
    /// Jackknife standard error with a t interval (Hughes 2022).
    case jackknife
    /// Hayes & Krippendorff's (2007) KALPHA bootstrap of pairs of values.
    case kalpha

    /// Words for reports, e.g. "bootstrap over units".
    public var title: String {
        switch self {
        case .auto: return "automatic"
        case .units: return "bootstrap over units"
        case .jackknife: return "jackknife"
        case .kalpha: return "KALPHA bootstrap of pairs"
        }
    }

    /// The paper behind the method.
    public var citation: String {
        switch self {
        case .auto, .units: return "Efron & Tibshirani 1993, percentile interval; units resampled as in Hughes 2022"
        case .jackknife: return "Hughes 2022, arXiv 2210.13265; Hinkley 1977"
        case .kalpha: return "Hayes & Krippendorff 2007"
        }
    }
}

/// A 95% interval for Krippendorff's α, with the method that produced it.
///
/// Methods (``AlphaIntervalMethod``):
/// - `units`: B bootstrap replicates; each draws N pairable units with replacement (a multinomial
///   over the distinct unit patterns of ``AlphaUnitPatterns``, so one replicate costs
///   O(patterns + k²) whatever N) and recomputes α; the interval is the 2.5th and 97.5th
///   percentile (Efron & Tibshirani 1993, ch. 13). Replicates in which α is undefined (one value
///   only) are left out and counted; more than 5% of them make the interval not computable.
/// - `jackknife`: SE² = (N−1)/N Σ_u (α_(u) − ᾱ)² over the leave-one-unit-out estimates α_(u);
///   interval α ± t_{0.975, N−1}·SE, clipped to [−1, 1] (Hughes 2022, arXiv 2210.13265, who found
///   it close to nominal coverage for small samples). Undefined when leaving out some unit leaves
///   a single value.
/// - `kalpha`: ``AlphaBootstrap`` (Hayes & Krippendorff 2007). Its fixed number of drawn pairs
///   makes it too narrow for small samples with 3+ coders and far too wide for large N;
///   kept for readers who ask for it.
/// - `auto` (default): `units` at every N. The coverage simulation in `make bench`
///   (bench/results.md) backs this rule: with the bounds below the bootstrap covered 0.95 ± 0.02
///   from N = 20 on in both scenarios, where the jackknife over-covered small samples (0.97–0.99).
/// Small samples, for `auto`, `units` and `jackknife`: with no disagreeing unit the interval is
/// [L, 1] with L the zero-event bound; with 1–50 disagreeing units the lower limit is at most the
/// few-disagreements bound (``AlphaFewDisagreements``; docs/statistics.md).
/// q(α_min) = P(α < α_min): the share of replicates below α_min (bootstrap methods), or
/// Φ((α_min − α)/SE) (jackknife, normal approximation).
///
/// No observed disagreement (every pairable unit's values agree, α = 1): every resample and
/// every leave-one-out estimate is 1 too, so the bootstrap and the jackknife would report the
/// zero-width interval [1, 1], which misses the true α whenever the sample was merely lucky (with
/// 3 coders, 25% missing values, true α = 0.81 and 20 units that happens in about 7% of samples).
/// For `auto`, `units` and `jackknife` the interval is then [L, 1] with the zero-event bound
/// L = 1 − δ²_max · (1 − 0.025^{1/N}) / D_e: each of the N pairable units holds at least one pair
/// of values, a pair differs with probability p ≥ D_o/δ²_max, and 1 − 0.025^{1/N} is the exact
/// one-sided 97.5% upper limit of p after N trials without an event (Clopper & Pearson 1934;
/// the "rule of three", Hanley & Lippman-Hand 1983, JAMA 249, 1743–1745); D_e is taken from the
/// data. q(α_min) is then the largest chance of seeing no disagreement in N units were α equal
/// to α_min, (1 − (1 − α_min)·D_e/δ²_max)^N. The bound is conservative for units with 3 or more
/// values.
public struct AlphaInterval: Sendable, Equatable {
    /// The method used (never `.auto`).
    public let method: AlphaIntervalMethod
    public let alpha: Double
    public let lower: Double
    public let upper: Double
    /// Standard error: jackknife SE, or the standard deviation of the bootstrap replicates.
    public let standardError: Double
    /// B for the bootstrap methods, nil for the jackknife.
    public let replicates: Int?
    public let seed: UInt64?
    /// Bootstrap replicates left out because α was undefined in them.
    public let undefinedReplicates: Int
    /// KALPHA's M (pairs drawn per replicate), nil for other methods.
    public let drawsPerSample: Int?
    /// Pairable units N the interval is based on (nil for KALPHA, which draws pairs).
    public let units: Int?
    public let thresholds: [Double]
    public let probabilitiesBelow: [Double]
    /// True when no pairable unit shows a disagreement (α = 1): resampling then gives the empty
    /// interval [1, 1], so the lower limit is the zero-disagreement bound instead (see
    /// ``AlphaInterval``).
    public var withoutObservedDisagreement: Bool = false
    /// When set, the lower limit is the few-disagreements bound for this many disagreeing units
    /// (`AlphaFewDisagreements`), lower than the method's own.
    public var fewDisagreements: Int? = nil

    /// The largest number of bootstrap replicates accepted (`--bootstrap`): 100,000.
    public static let maxReplicates = 100_000
    /// q for one α_min, or nil if it was not requested.
    public func probabilityBelow(_ alphaMin: Double) -> Double? {
        thresholds.firstIndex { abs($0 - alphaMin) < 1e-12 }.map { probabilitiesBelow[$0] }
    }

    /// One phrase naming the method and its settings, e.g.
    /// "bootstrap over units (N = 240), 1000 replicates, seed 1".
    public var methodDescription: String {
        if withoutObservedDisagreement {
            return
                "no disagreement in N = \(units ?? 0) units: lower limit from the zero-event bound (Clopper & Pearson 1934)"
        }
        let widened =
            fewDisagreements.map {
                "; lower limit from the mid-p bound for \($0) disagreeing unit\($0 == 1 ? "" : "s") (Lancaster 1961)"
            } ?? ""
        switch method {
        case .jackknife: return "jackknife over units (N = \(units ?? 0)), t interval" + widened
        case .kalpha:
            return
                "KALPHA bootstrap of pairs (Hayes & Krippendorff 2007), \(replicates ?? 0) replicates of \(drawsPerSample ?? 0) pairs, seed \(seed ?? 0)"
        case .units, .auto:
            return "bootstrap over units (N = \(units ?? 0)), \(replicates ?? 0) replicates, seed \(seed ?? 0)"
                + (undefinedReplicates > 0 ? ", \(undefinedReplicates) with α undefined left out" : "") + widened
        }
    }

    /// The interval for `patterns` with `method`. `coincidence`, `categoryValues`, `metric` and
    /// `coderCount` are needed for `kalpha` only.
    /// Undefined when α is undefined, N < 2, samples < 1 or > ``maxReplicates``.
    public static func compute(
        _ patterns: AlphaUnitPatterns, method: AlphaIntervalMethod, samples: Int = 1000,
        seed: UInt64 = 1, thresholds: [Double] = [0.667, 0.8],
        kalpha: (o: CoincidenceMatrix, metric: AlphaMetric, categoryValues: [Double]?, coderCount: Int)? = nil
    )
        -> Computed<AlphaInterval>
    {
        guard let alpha = patterns.alpha else { return .notComputable(reason: "alpha is not computable") }
        guard samples >= 1, samples <= maxReplicates else {
            return .notComputable(reason: "the number of bootstrap replicates must be between 1 and \(maxReplicates)")
        }
        let n = patterns.unitCount
        let ts = thresholds.sorted()
        if method != .kalpha, patterns.hasNoObservedDisagreement, n >= 1 {
            let resolved: AlphaIntervalMethod = method == .auto ? .units : method
            return withoutDisagreement(
                patterns, alpha: alpha, method: resolved, samples: samples, seed: seed, thresholds: ts)
        }
        switch method {
        case .kalpha:
            guard let k = kalpha else { return .notComputable(reason: "KALPHA needs the coincidence matrix") }
            switch AlphaBootstrap.compute(
                k.o, metric: k.metric, categoryValues: k.categoryValues, coderCount: k.coderCount,
                samples: samples, seed: seed, thresholds: ts)
            {
            case .notComputable(let r): return .notComputable(reason: r)
            case .computed(let b):
                return .computed(
                    AlphaInterval(
                        method: .kalpha, alpha: alpha, lower: b.lower, upper: b.upper,
                        standardError: b.standardError, replicates: b.samples, seed: b.seed,
                        undefinedReplicates: 0, drawsPerSample: b.drawsPerSample, units: nil,
                        thresholds: b.thresholds, probabilitiesBelow: b.probabilitiesBelow))
            }
        case .jackknife:
            return jackknife(patterns, alpha: alpha, thresholds: ts).map { $0.wideningForFewDisagreements(patterns) }
        case .units, .auto:
            return bootstrap(patterns, alpha: alpha, samples: samples, seed: seed, thresholds: ts).map {
                $0.wideningForFewDisagreements(patterns)
            }
        }
    }

    static func withoutDisagreement(
        _ patterns: AlphaUnitPatterns, alpha: Double, method: AlphaIntervalMethod, samples: Int, seed: UInt64,
        thresholds ts: [Double]
    ) -> Computed<AlphaInterval> {
        let n = patterns.unitCount
        guard let (expected, maxDelta) = patterns.expectedDisagreement(), expected > 0, maxDelta > 0 else {
            return .notComputable(reason: "only one value occurs, so α is undefined")
        }
        let pairLimit = 1 - pow(0.025, 1 / Double(n))
        let lower = max(-1, 1 - maxDelta * pairLimit / expected)
        let probs = ts.map { t -> Double in
            guard t < 1 else { return 1 }
            let p = min(1, max(0, (1 - t) * expected / maxDelta))
            return pow(1 - p, Double(n))
        }
        return .computed(
            AlphaInterval(
                method: method, alpha: alpha, lower: lower, upper: 1, standardError: 0,
                replicates: method == .jackknife ? nil : samples, seed: method == .jackknife ? nil : seed,
                undefinedReplicates: 0, drawsPerSample: nil, units: n, thresholds: ts, probabilitiesBelow: probs,
                withoutObservedDisagreement: true))
    }

    static func jackknife(_ patterns: AlphaUnitPatterns, alpha: Double, thresholds ts: [Double]) -> Computed<
        AlphaInterval
    > {
        let n = patterns.unitCount
        guard n >= 3 else { return .notComputable(reason: "the jackknife needs at least 3 pairable units") }
        let loo = patterns.leaveOneOut()
        var mean = 0.0
        var values: [Double] = []
        values.reserveCapacity(loo.count)
        for (p, a) in loo.enumerated() {
            guard let a else {
                return .notComputable(
                    reason: "leaving out one unit leaves a single value, so the jackknife is undefined")
            }
            mean += Double(patterns.weights[p]) * a
            values.append(a)
        }
        mean /= Double(n)
        var ss = 0.0
        for (p, a) in values.enumerated() { ss += Double(patterns.weights[p]) * (a - mean) * (a - mean) }
        let se = (Double(n - 1) / Double(n) * ss).squareRoot()
        let t = StudentT.quantile975(df: n - 1)
        let probs = ts.map { se > 0 ? 0.5 * erfc(-(($0 - alpha) / se) / 2.0.squareRoot()) : ($0 > alpha ? 1 : 0) }
        return .computed(
            AlphaInterval(
                method: .jackknife, alpha: alpha, lower: max(-1, alpha - t * se), upper: min(1, alpha + t * se),
                standardError: se, replicates: nil, seed: nil, undefinedReplicates: 0,
                drawsPerSample: nil, units: n, thresholds: ts, probabilitiesBelow: probs))
    }

    static func bootstrap(
        _ patterns: AlphaUnitPatterns, alpha: Double, samples: Int, seed: UInt64,
        thresholds ts: [Double]
    ) -> Computed<AlphaInterval> {
        let n = patterns.unitCount
        guard n >= 2 else { return .notComputable(reason: "the bootstrap needs at least 2 pairable units") }
        var rng = SplitMix64(seed: seed)
        var w = [Int](repeating: 0, count: patterns.patternCount)
        var marg = [Double](repeating: 0, count: patterns.categoryCount)
        var reps: [Double] = []
        reps.reserveCapacity(samples)
        var undefined = 0
        for _ in 0..<samples {
            RandomVariates.multinomial(n, counts: patterns.weights, into: &w, &rng)
            if let a = patterns.alpha(weights: w, marginals: &marg) { reps.append(a) } else { undefined += 1 }
        }
        guard undefined * 20 <= samples, !reps.isEmpty else {
            return .notComputable(
                reason:
                    "α is undefined in \(undefined) of \(samples) bootstrap resamples (too few units carry a second value)"
            )
        }
        reps.sort()
        let b = reps.count
        let lo = reps[min(b - 1, Int((Double(b) * 0.025).rounded(.down)))]
        let hi = reps[max(0, Int((Double(b) * 0.975).rounded(.up)) - 1)]
        let mean = reps.reduce(0, +) / Double(b)
        let sd = b > 1 ? (reps.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(b - 1)).squareRoot() : 0
        let qs = ts.map { t -> Double in
            var l = 0
            var h = b
            while l < h {
                let mid = (l + h) / 2
                if reps[mid] < t { l = mid + 1 } else { h = mid }
            }
            return Double(l) / Double(b)
        }
        return .computed(
            AlphaInterval(
                method: .units, alpha: alpha, lower: lo, upper: hi, standardError: sd,
                replicates: samples, seed: seed, undefinedReplicates: undefined,
                drawsPerSample: nil, units: n, thresholds: ts, probabilitiesBelow: qs))
    }
}

/// The 97.5% quantile of Student's t distribution.
///
/// Source: df ≤ 40 from a table (computed with scipy.stats.t.ppf, 12 decimals); above, the
/// Cornish–Fisher expansion of t in terms of the normal quantile z (Abramowitz & Stegun 26.7.5),
/// error below 1e-6 there.
enum StudentT {
    static let table: [Double] = [
        12.706204736175, 4.302652729749, 3.182446305284, 2.776445105198, 2.570581835636, 2.446911851145, 2.364624251593,
        2.306004135204, 2.262157162798, 2.228138851986, 2.200985160092, 2.178812829667, 2.160368656463, 2.144786687918,
        2.131449545560, 2.119905299221, 2.109815577833, 2.100922040241, 2.093024054408, 2.085963447266, 2.079613844728,
        2.073873067904, 2.068657610419, 2.063898561628, 2.059538552753, 2.055529438643, 2.051830516480, 2.048407141795,
        2.045229642133, 2.042272456301, 2.039513446396, 2.036933343460, 2.034515297449, 2.032244509318, 2.030107928250,
        2.028094000980, 2.026192463029, 2.024394163912, 2.022690920037, 2.021075390306,
    ]

    static func quantile975(df: Int) -> Double {
        if df >= 1 && df <= table.count { return table[df - 1] }
        let z = 1.959963984540054
        let v = Double(max(df, 1))
        let z3 = z * z * z
        let z5 = z3 * z * z
        let z7 = z5 * z * z
        let z9 = z7 * z * z
        return z + (z3 + z) / (4 * v) + (5 * z5 + 16 * z3 + 3 * z) / (96 * v * v)
            + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * v * v * v)
            + (79 * z9 + 776 * z7 + 1482 * z5 - 1920 * z3 - 945 * z) / (92160 * v * v * v * v)
    }
}
