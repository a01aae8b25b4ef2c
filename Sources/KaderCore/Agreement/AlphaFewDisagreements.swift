import Foundation

/// The lower limit of α's interval when only a few pairable units disagree.
///
/// With k units whose values differ among N pairable units, the bootstrap over units and the
/// jackknife both learn the spread of α from those k units alone; for small k they are too
/// narrow on the low side (in the coverage simulation of bench/results.md, 3 coders, 25% missing
/// values, true α = 0.81, N = 30: a sample with one disagreeing unit gives α ≈ 0.95 and an
/// interval that misses 0.81 in 83% of such samples). The bound treats the number of disagreeing
/// units as binomial (N trials) and the disagreement each contributes as observed:
///
///   L_k = 1 − (1 − α)·N·p_U(k, N)/k,
///
/// where p_U is the 97.5% mid-p upper limit of a binomial proportion after k events in N trials
/// (Lancaster, H. O. (1961). Significance tests in discrete distributions. *JASA* 56, 223–234;
/// Berry, G. & Armitage, P. (1995). Mid-P confidence intervals: a brief review. *The
/// Statistician* 44, 417–423). The interval's lower limit becomes min(lower, L_k). It is the
/// k ≥ 1 counterpart of the zero-event bound (`AlphaInterval.withoutDisagreement`).
///
/// Applied for 1 ≤ k ≤ `upTo` (50): with more disagreeing units the resampling intervals are no
/// longer dominated by the count of events (simulation: the bound then moves the coverage by less
/// than the simulation's own error).
enum AlphaFewDisagreements {
    /// The largest number of disagreeing units the bound is applied for.
    static let upTo = 50

    /// L_k for `alpha` with `disagreeing` of `units` pairable units disagreeing; nil when the
    /// bound does not apply (k = 0, k > `upTo`, or k = N).
    static func lowerLimit(alpha: Double, disagreeing k: Int, units n: Int) -> Double? {
        guard k >= 1, k <= upTo, k < n, alpha.isFinite else { return nil }
        let p = midPUpperLimit(events: k, trials: n)
        return max(-1, 1 - (1 - alpha) * Double(n) * p / Double(k))
    }

    /// The 97.5% mid-p upper limit of a binomial proportion: the p at which
    /// P(X < k) + ½·P(X = k) = 0.025 for X ~ Binomial(n, p). Bisection to 1e-12; k < n.
    static func midPUpperLimit(events k: Int, trials n: Int) -> Double {
        var lo = Double(k) / Double(n)
        var hi = 1.0
        for _ in 0..<200 where hi - lo > 1e-12 {
            let mid = (lo + hi) / 2
            if midPTail(events: k, trials: n, p: mid) > 0.025 { lo = mid } else { hi = mid }
        }
        return (lo + hi) / 2
    }

    /// P(X < k) + ½·P(X = k), summed in log space (k ≤ `upTo` terms).
    static func midPTail(events k: Int, trials n: Int, p: Double) -> Double {
        let logP = log(p)
        let logQ = log1p(-p)
        var logChoose = 0.0  // log C(n, i), built up term by term
        var sum = 0.0
        for i in 0...k {
            if i > 0 { logChoose += log(Double(n - i + 1)) - log(Double(i)) }
            let logPmf = logChoose + Double(i) * logP + Double(n - i) * logQ
            sum += (i == k ? 0.5 : 1) * exp(logPmf)
        }
        return sum
    }
}

extension AlphaInterval {
    /// The small-sample bound that set the lower limit, for machine-readable reports:
    /// `("zero-event", 0)` or `("few-disagreements", k)`; nil when the method's own limit stands.
    public var lowerLimitBound: (name: String, disagreeingUnits: Int)? {
        if withoutObservedDisagreement { return ("zero-event", 0) }
        return fewDisagreements.map { ("few-disagreements", $0) }
    }

    /// This interval with its lower limit widened to the few-disagreements bound when that is
    /// lower (`AlphaFewDisagreements`); unchanged otherwise.
    func wideningForFewDisagreements(_ patterns: AlphaUnitPatterns) -> AlphaInterval {
        let k = patterns.disagreeingUnitCount
        guard let n = units,
            let bound = AlphaFewDisagreements.lowerLimit(alpha: alpha, disagreeing: k, units: n),
            bound < lower
        else { return self }
        var widened = AlphaInterval(
            method: method, alpha: alpha, lower: bound, upper: upper, standardError: standardError,
            replicates: replicates, seed: seed, undefinedReplicates: undefinedReplicates,
            drawsPerSample: drawsPerSample, units: units, thresholds: thresholds,
            probabilitiesBelow: probabilitiesBelow)
        widened.fewDisagreements = k
        return widened
    }
}
