import Foundation

/// The pairable units of reliability data grouped into distinct patterns, the input of the
/// interval methods that resample units (``AlphaInterval``).
///
/// A unit enters Krippendorff's α only through its values r_uc (how many of its values are c)
/// and its observed disagreement d_u = Σ_{c,k} r_uc r_uk δ²_ck / (m_u − 1) (Krippendorff 2011):
/// n_c = Σ_u r_uc, D_o = Σ_u d_u / n, D_e = Σ_ck n_c n_k δ²_ck / (n(n − 1)), α = 1 − D_o/D_e.
/// Units with the same values are interchangeable, so a bootstrap over units or a jackknife
/// needs one row per distinct pattern with its multiplicity: the cost depends on the number of
/// patterns and categories, not on the number of units.
/// Shape: `k` categories, `delta` k × k row-major δ², pattern p has weight `weights[p]`,
/// values `entries[starts[p]..<starts[p+1]]` (category, count) and disagreement `d[p]`.
public struct AlphaUnitPatterns: Sendable {
    public let categoryCount: Int
    private(set) var delta: [Double]
    /// Whether d[p] was given rather than computed from δ².
    private var givenD: [Bool] = []
    public private(set) var weights: [Int] = []
    var starts: [Int] = [0]
    var entries: [(category: Int, count: Double)] = []
    var d: [Double] = []

    /// Number of pairable units (Σ weights).
    public var unitCount: Int { weights.reduce(0, +) }
    public var patternCount: Int { weights.count }

    /// Empty patterns over `categoryCount` categories with squared differences `delta` (k × k).
    public init(categoryCount: Int, delta: [Double]) {
        precondition(delta.count == categoryCount * categoryCount)
        self.categoryCount = categoryCount
        self.delta = delta
    }

    /// Patterns whose δ² is set later (``setDelta(_:)``), e.g. once the coincidence marginals
    /// the ordinal metric needs are known.
    public init(categoryCount: Int) {
        self.categoryCount = categoryCount
        self.delta = [Double](repeating: 0, count: categoryCount * categoryCount)
    }

    /// Sets δ² (k × k) and recomputes the disagreement of every pattern not given explicitly.
    public mutating func setDelta(_ delta: [Double]) {
        precondition(delta.count == categoryCount * categoryCount)
        self.delta = delta
        for p in weights.indices where !givenD[p] { d[p] = disagreement(starts[p]..<starts[p + 1]) }
    }

    private func disagreement(_ range: Range<Int>) -> Double {
        var du = 0.0
        var m = 0.0
        for a in range {
            m += entries[a].count
            for b in range where entries[a].category != entries[b].category {
                du +=
                    entries[a].count * entries[b].count
                    * delta[entries[a].category * categoryCount + entries[b].category]
            }
        }
        return m > 1 ? du / (m - 1) : 0
    }

    /// Krippendorff's coincidence matrix of the units (Krippendorff 2011), O(patterns × values per unit²).
    public func coincidence() -> CoincidenceMatrix {
        let k = categoryCount
        var o = [Double](repeating: 0, count: k * k)
        var units = 0.0
        for p in weights.indices {
            let r = starts[p]..<starts[p + 1]
            let m = entries[r].reduce(0) { $0 + $1.count }
            let f = Double(weights[p]) / (m - 1)
            units += Double(weights[p])
            for a in r {
                for b in r {
                    let (c, x) = entries[a]
                    let (j, y) = entries[b]
                    o[c * k + j] += f * x * (c == j ? y - 1 : y)
                }
            }
        }
        return CoincidenceMatrix(categoryCount: k, counts: o, pairableUnits: units)
    }

    /// Adds `weight` units with category counts `values` (sparse) and, if given, observed
    /// disagreement `disagreement` (otherwise computed from `values`). Units with fewer than
    /// 2 values are ignored (not pairable).
    public mutating func add(weight: Int, values: [(category: Int, count: Double)], disagreement: Double? = nil) {
        guard weight > 0 else { return }
        let m = values.reduce(0) { $0 + $1.count }
        if disagreement == nil && m < 2 - 1e-9 { return }
        weights.append(weight)
        entries.append(contentsOf: values.filter { $0.count > 0 })
        starts.append(entries.count)
        givenD.append(disagreement != nil)
        d.append(disagreement ?? self.disagreement(starts[starts.count - 2]..<starts[starts.count - 1]))
    }

    /// Groups the rows of a count table; rows must have integer weights (1 when unweighted).
    public init(_ table: RatingCountTable, delta: [Double]) {
        self.init(categoryCount: table.categoryCount, delta: delta)
        let k = table.categoryCount
        var index: [[Double]: Int] = [:]
        var pending: [[Double]] = []
        var counts: [Int] = []
        for u in 0..<table.unitCount {
            let w = Int(table.weight(unit: u).rounded())
            if w <= 0 { continue }
            let row = Array(table.counts[(u * k)..<(u * k + k)])
            if let i = index[row] {
                counts[i] += w
            } else {
                index[row] = pending.count
                pending.append(row)
                counts.append(w)
            }
        }
        for (i, row) in pending.enumerated() {
            add(
                weight: counts[i],
                values: row.enumerated().compactMap { $0.element > 0 ? ($0.offset, $0.element) : nil })
        }
    }

    /// α for the units weighted by `w` (one weight per pattern), nil when undefined (n < 2 or D_e = 0).
    func alpha(weights w: [Int], marginals: inout [Double]) -> Double? {
        let k = categoryCount
        for c in 0..<k { marginals[c] = 0 }
        var sumD = 0.0
        for p in w.indices where w[p] > 0 {
            let x = Double(w[p])
            sumD += x * d[p]
            for e in starts[p]..<starts[p + 1] { marginals[entries[e].category] += x * entries[e].count }
        }
        var n = 0.0
        var sumE = 0.0
        for c in 0..<k where marginals[c] > 0 {
            n += marginals[c]
            for j in 0..<k where marginals[j] > 0 { sumE += marginals[c] * marginals[j] * delta[c * k + j] }
        }
        guard n >= 2 - 1e-9, sumE > 1e-12 * n * n else { return nil }
        let v = 1 - (n - 1) * sumD / sumE
        return abs(v) < 1e-12 ? 0 : v
    }

    /// α of all units.
    public var alpha: Double? {
        var m = [Double](repeating: 0, count: categoryCount)
        return alpha(weights: weights, marginals: &m)
    }

    /// Leave-one-unit-out α for one unit of each pattern (nil entries where undefined), in
    /// O(patterns × values per unit² + k²).
    func leaveOneOut() -> [Double?] {
        let k = categoryCount
        var marg = [Double](repeating: 0, count: k)
        var sumD = 0.0
        for p in weights.indices {
            sumD += Double(weights[p]) * d[p]
            for e in starts[p]..<starts[p + 1] { marg[entries[e].category] += Double(weights[p]) * entries[e].count }
        }
        let n = marg.reduce(0, +)
        var g = [Double](repeating: 0, count: k)
        var sumE = 0.0
        for c in 0..<k {
            for j in 0..<k { g[c] += marg[j] * delta[c * k + j] }
            sumE += marg[c] * g[c]
        }
        return weights.indices.map { p in
            var m = 0.0
            var cross = 0.0
            var lin = 0.0
            for a in starts[p]..<starts[p + 1] {
                let (c, r) = entries[a]
                m += r
                lin += r * g[c]
                for b in starts[p]..<starts[p + 1] {
                    cross += r * entries[b].count * delta[c * k + entries[b].category]
                }
            }
            let n1 = n - m
            let e1 = sumE - 2 * lin + cross
            let d1 = sumD - d[p]
            guard n1 >= 2 - 1e-9, e1 > 1e-12 * n1 * n1 else { return nil }
            return 1 - (n1 - 1) * d1 / e1
        }
    }

    /// Whether no pairable unit shows any disagreement (D_o = 0, so α = 1 wherever it is defined).
    public var hasNoObservedDisagreement: Bool { d.allSatisfy { $0 <= 1e-12 } }

    /// The number of pairable units whose values disagree (a within-unit disagreement above 1e-12).
    public var disagreeingUnitCount: Int {
        var k = 0
        for (p, x) in d.enumerated() where x > 1e-12 { k += weights[p] }
        return k
    }

    /// Expected disagreement D_e = Σ_ck n_c n_k δ²_ck / (n(n − 1)) and the largest δ² between two
    /// categories that occur, over all units; nil when n < 2.
    func expectedDisagreement() -> (expected: Double, maxDelta: Double)? {
        let k = categoryCount
        var marg = [Double](repeating: 0, count: k)
        for p in weights.indices {
            for e in starts[p]..<starts[p + 1] { marg[entries[e].category] += Double(weights[p]) * entries[e].count }
        }
        let n = marg.reduce(0, +)
        guard n >= 2 - 1e-9 else { return nil }
        var sumE = 0.0
        var maxDelta = 0.0
        for c in 0..<k where marg[c] > 0 {
            for j in 0..<k where marg[j] > 0 {
                sumE += marg[c] * marg[j] * delta[c * k + j]
                maxDelta = max(maxDelta, delta[c * k + j])
            }
        }
        return (sumE / (n * (n - 1)), maxDelta)
    }
}
