import Foundation

/// Exact random variates for the bootstrap over units, on top of ``SplitMix64``.
///
/// - Binomial(n, p): inversion of the cumulative distribution when the mean is below 20,
///   otherwise Hörmann's transformed rejection with squeeze, BTRS (Hörmann 1993, "The
///   generation of binomial random variates", J. Statist. Comput. Simul. 46, 101–110), which is
///   exact (the rejection step compares with the binomial probabilities through `lgamma`) and
///   takes two uniforms per try and a bounded expected number of tries whatever n is. (Until 2026-12 the large-mean case used
///   Knuth's split on Beta order statistics, O(log n) Beta variates: the same distribution, but
///   another random stream, so intervals for a given seed changed slightly then.)
/// - Multinomial(n, weights): conditional binomials, O(categories) variates.
enum RandomVariates {
    /// Binomial(n, p), exact.
    static func binomial(_ n: Int, _ p: Double, _ rng: inout SplitMix64) -> Int {
        if n <= 0 || p <= 0 { return 0 }
        if p >= 1 { return n }
        if p > 0.5 { return n - binomial(n, 1 - p, &rng) }
        if Double(n) * p < 20 { return inversion(n, p, &rng) }
        return transformedRejection(n, p, &rng)
    }

    /// BTRS (Hörmann 1993, section 3) for p ≤ 0.5 and n·p ≥ 10: a hat of the form
    /// (2a/(0.5 − |u|) + b)·u + c over the binomial, a box of certain acceptance (the squeeze),
    /// and otherwise a comparison of log v with log(f(k)/f(mode)).
    private static func transformedRejection(_ n: Int, _ p: Double, _ rng: inout SplitMix64) -> Int {
        let q = 1 - p
        let spq = (Double(n) * p * q).squareRoot()
        let b = 1.15 + 2.53 * spq
        let a = -0.0873 + 0.0248 * b + 0.01 * p
        let c = Double(n) * p + 0.5
        let vr = 0.92 - 4.2 / b
        let alpha = (2.83 + 5.1 / b) * spq
        let lpq = log(p / q)
        let mode = (Double(n + 1) * p).rounded(.down)
        var h = Double.nan  // log(mode!) + log((n − mode)!), computed when first needed
        while true {
            let u = rng.nextUnit() - 0.5
            var v = rng.nextUnit()
            let us = 0.5 - abs(u)
            guard us > 0 else { continue }
            let x = ((2 * a / us + b) * u + c).rounded(.down)
            guard x >= 0, x <= Double(n) else { continue }
            if us >= 0.07 && v <= vr { return Int(x) }
            v = v * alpha / (a / (us * us) + b)
            if h.isNaN { h = logFactorial(mode) + logFactorial(Double(n) - mode) }
            if log(v) <= h - logFactorial(x) - logFactorial(Double(n) - x) + (x - mode) * lpq { return Int(x) }
        }
    }

    /// log(x!) for a whole number x ≥ 0.
    private static func logFactorial(_ x: Double) -> Double { lgamma(x + 1) }

    /// Inversion by sequential search for small n·p (p ≤ 0.5).
    private static func inversion(_ n: Int, _ p: Double, _ rng: inout SplitMix64) -> Int {
        let q = 1 - p
        let s = p / q
        var f = exp(Double(n) * log1p(-p))
        var u = rng.nextUnit()
        var x = 0
        while u > f {
            u -= f
            x += 1
            if x > n { return n }
            f *= s * Double(n - x + 1) / Double(x)
            if f == 0 { return x }
        }
        return x
    }

    /// Multinomial(n, counts / Σcounts) into `out` (same length as `counts`), exact.
    static func multinomial(_ n: Int, counts: [Int], into out: inout [Int], _ rng: inout SplitMix64) {
        var remaining = n
        var mass = counts.reduce(0, +)
        for i in counts.indices {
            if remaining == 0 || mass <= 0 {
                out[i] = 0
                continue
            }
            if counts[i] == mass {
                out[i] = remaining
                remaining = 0
                mass = 0
                continue
            }
            let x = binomial(remaining, Double(counts[i]) / Double(mass), &rng)
            out[i] = x
            remaining -= x
            mass -= counts[i]
        }
    }
}
