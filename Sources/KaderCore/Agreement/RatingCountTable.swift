import Foundation

/// A units × categories table of counts r_uk: how many coders put unit u in category k.
/// Optionally each row carries a weight (the number of identical units it stands for),
/// which lets large binary data be summarised in O(coders²) rows.
///
/// This is the input format of Fleiss (1971) and of Gwet (2014, Handbook of Inter-Rater
/// Reliability, ch. 4; irrCAC `*.raw` functions), and it determines Krippendorff's
/// coincidence matrix (Krippendorff 2011). Counts need not be integers (statsmodels /
/// Randolph test tables use 6.99), but must be finite and ≥ 0.
public struct RatingCountTable: Sendable, Equatable {
    /// Rows (units, or groups of identical units when weighted).
    public let unitCount: Int
    /// Columns (categories).
    public let categoryCount: Int
    /// Row-major counts: `counts[unit * categoryCount + category]`.
    public let counts: [Double]
    /// Number of units each row stands for; nil = 1 each.
    public let weights: [Double]?

    /// Rows are units, columns categories. Throws on ragged rows or negative counts.
    public init(rows: [[Double]], weights: [Double]? = nil) throws {
        let k = rows.first?.count ?? 0
        var flat: [Double] = []
        flat.reserveCapacity(rows.count * k)
        for (i, r) in rows.enumerated() {
            guard r.count == k else { throw AgreementError.ragged(row: i, expected: k, found: r.count) }
            for (j, x) in r.enumerated() {
                guard x.isFinite, x >= 0 else { throw AgreementError.invalidCount(row: i, column: j) }
            }
            flat.append(contentsOf: r)
        }
        if let w = weights, w.count != rows.count {
            throw AgreementError.ragged(row: 0, expected: rows.count, found: w.count)
        }
        self.init(unitCount: rows.count, categoryCount: k, counts: flat, weights: weights)
    }

    init(unitCount: Int, categoryCount: Int, counts: [Double], weights: [Double]?) {
        self.unitCount = unitCount
        self.categoryCount = categoryCount
        self.counts = counts
        self.weights = weights
    }

    /// r_uk.
    public func count(unit: Int, category: Int) -> Double { counts[unit * categoryCount + category] }

    /// r_u: number of values in unit u.
    public func raters(unit: Int) -> Double {
        var s = 0.0
        for k in 0..<categoryCount { s += counts[unit * categoryCount + k] }
        return s
    }

    /// How many units row u stands for (1 unless weighted).
    public func weight(unit: Int) -> Double { weights?[unit] ?? 1 }

    /// Multi-rater percent agreement and category shares (Gwet 2014, eqs. 4.1–4.2;
    /// irrCAC): p_a = mean over units with r_u ≥ 2 of Σ_k r_uk(r_uk−1) / (r_u(r_u−1));
    /// π_k = mean over units with r_u ≥ 1 of r_uk / r_u. Nil p_a when no unit has 2 values.
    func agreementSummary() -> (pa: Double?, pairableUnits: Double, pi: [Double], ratedUnits: Double) {
        let k = categoryCount
        var paSum = 0.0
        var n2 = 0.0
        var n1 = 0.0
        var pi = [Double](repeating: 0, count: k)
        for u in 0..<unitCount {
            let w = weight(unit: u)
            if w == 0 { continue }
            let r = raters(unit: u)
            if r <= 0 { continue }
            n1 += w
            var agree = 0.0
            for j in 0..<k {
                let x = counts[u * k + j]
                pi[j] += w * x / r
                agree += x * (x - 1)
            }
            if r >= 2 - 1e-9 {
                paSum += w * agree / (r * (r - 1))
                n2 += w
            }
        }
        if n1 > 0 { for j in 0..<k { pi[j] /= n1 } }
        return (n2 > 0 ? paSum / n2 : nil, n2, pi, n1)
    }
}
