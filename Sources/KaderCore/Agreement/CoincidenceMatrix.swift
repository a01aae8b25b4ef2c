import Foundation

/// Krippendorff's coincidence matrix o_ck over the pairable values of reliability data.
///
/// Source: Krippendorff (2011), Computing Krippendorff's Alpha-Reliability, eq. for o_ck:
/// o_ck = Σ_u (number of c–k pairs of values from different coders in unit u) / (m_u − 1).
/// Units with fewer than 2 values (m_u < 2) are not pairable and are dropped.
/// Shape: categoryCount × categoryCount, row-major, symmetric. Marginals n_c = Σ_k o_ck;
/// n = Σ_c n_c is the number of pairable values.
public struct CoincidenceMatrix: Sendable, Equatable {
    /// k, the number of categories (values) in the domain.
    public let categoryCount: Int
    /// `counts[c * categoryCount + k]` = o_ck.
    public let counts: [Double]
    /// n_c.
    public let marginals: [Double]
    /// n, the number of pairable values.
    public let pairableValues: Double
    /// Number of units with at least 2 values (weighted if the table is weighted).
    public let pairableUnits: Double

    /// o_ck.
    public subscript(c: Int, k: Int) -> Double { counts[c * categoryCount + k] }

    /// Builds o_ck from a units × categories count table (each row: how many coders gave
    /// each category to that unit). O(units × distinct categories per unit²).
    public init(_ table: RatingCountTable) {
        let k = table.categoryCount
        var o = [Double](repeating: 0, count: k * k)
        var nz: [Int] = []
        nz.reserveCapacity(k)
        var units = 0.0
        for u in 0..<table.unitCount {
            let w = table.weight(unit: u)
            if w == 0 { continue }
            let base = u * k
            nz.removeAll(keepingCapacity: true)
            var m = 0.0
            for j in 0..<k where table.counts[base + j] > 0 {
                nz.append(j)
                m += table.counts[base + j]
            }
            if m < 2 - 1e-9 { continue }
            units += w
            let f = w / (m - 1)
            for c in nz {
                let rc = table.counts[base + c]
                for kk in nz {
                    let rk = table.counts[base + kk]
                    o[c * k + kk] += f * rc * (c == kk ? rk - 1 : rk)
                }
            }
        }
        self.init(categoryCount: k, counts: o, pairableUnits: units)
    }

    /// A matrix given directly (e.g. published tables). `counts` is row-major k × k.
    public init(categoryCount: Int, counts: [Double], pairableUnits: Double) {
        precondition(counts.count == categoryCount * categoryCount, "coincidence counts must be k × k")
        self.categoryCount = categoryCount
        self.counts = counts
        var marg = [Double](repeating: 0, count: categoryCount)
        for c in 0..<categoryCount { for kk in 0..<categoryCount { marg[c] += counts[c * categoryCount + kk] } }
        marginals = marg
        pairableValues = marg.reduce(0, +)
        self.pairableUnits = pairableUnits
    }

    /// Number of categories with a non-zero marginal.
    public var usedCategories: Int { marginals.filter { $0 > 0 }.count }
}
