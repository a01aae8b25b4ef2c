import Foundation

/// Exact random variates for the bootstrap over units, on top of ``SplitMix64``.
///
/// - Normal: Box–Muller (Box & Muller 1958).
/// - Gamma(a ≥ 1): Marsaglia & Tsang (2000), "A simple method for generating gamma variables",
///   ACM TOMS 26(3); Beta(a, b) = G_a / (G_a + G_b).
/// - Binomial(n, p): inversion of the cumulative distribution when the mean is small,
///   otherwise Knuth's recursive split on a Beta-distributed order statistic (TAOCP vol. 2,
///   3.4.1 F), which is exact and needs O(log n) Beta variates.
/// - Multinomial(n, weights): conditional binomials, O(categories) variates.
enum RandomVariates {
    static func normal(_ rng: inout SplitMix64) -> Double {
        var u = rng.nextUnit()
        while u <= 0 { u = rng.nextUnit() }
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * rng.nextUnit())
    }

    /// Gamma(shape a, scale 1) for a ≥ 1.
    static func gamma(_ a: Double, _ rng: inout SplitMix64) -> Double {
        let d = a - 1.0 / 3
        let c = 1 / (9 * d).squareRoot()
        while true {
            var x = 0.0
            var v = 0.0
            repeat {
                x = normal(&rng)
                v = 1 + c * x
            } while v <= 0
            v = v * v * v
            let u = rng.nextUnit()
            if u < 1 - 0.0331 * x * x * x * x { return d * v }
            if u > 0, log(u) < 0.5 * x * x + d * (1 - v + log(v)) { return d * v }
        }
    }

    static func beta(_ a: Double, _ b: Double, _ rng: inout SplitMix64) -> Double {
        let x = gamma(a, &rng)
        let y = gamma(b, &rng)
        return x / (x + y)
    }

    /// Binomial(n, p), exact.
    static func binomial(_ n: Int, _ p: Double, _ rng: inout SplitMix64) -> Int {
        var n = n
        var p = p
        var add = 0
        while true {
            if n <= 0 || p <= 0 { return add }
            if p >= 1 { return add + n }
            if p > 0.5 { return add + n - binomial(n, 1 - p, &rng) }
            if Double(n) * p < 20 { return add + inversion(n, p, &rng) }
            // Knuth 3.4.1 F: the a-th smallest of n uniforms is Beta(a, n + 1 − a).
            let a = 1 + n / 2
            let b = n + 1 - a
            let x = beta(Double(a), Double(b), &rng)
            if x >= p {
                n = a - 1
                p = p / x
            } else {
                add += a
                n = b - 1
                p = (p - x) / (1 - x)
            }
        }
    }

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
