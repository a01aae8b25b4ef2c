import Foundation

/// A k × k contingency table of two coders: rows = coder A's category, columns = coder B's.
public struct ContingencyTable: Sendable, Equatable {
    /// k, the number of categories (rows = columns).
    public let categoryCount: Int
    /// `counts[a * categoryCount + b]`.
    public let counts: [Double]

    /// Rows = coder A, columns = coder B. Throws if not square or a count is negative.
    public init(rows: [[Double]]) throws {
        let k = rows.count
        var flat: [Double] = []
        for (i, r) in rows.enumerated() {
            guard r.count == k else { throw AgreementError.ragged(row: i, expected: k, found: r.count) }
            for (j, x) in r.enumerated() where !(x.isFinite && x >= 0) {
                throw AgreementError.invalidCount(row: i, column: j)
            }
            flat += r
        }
        self.init(categoryCount: k, counts: flat)
    }

    init(categoryCount: Int, counts: [Double]) {
        self.categoryCount = categoryCount
        self.counts = counts
    }

    /// The count of units coder A put in category a and coder B in category b.
    public subscript(a: Int, b: Int) -> Double { counts[a * categoryCount + b] }
    /// N, the number of units both coders coded.
    public var total: Double { counts.reduce(0, +) }
    /// Coder A's category totals.
    public var rowMarginals: [Double] {
        (0..<categoryCount).map { a in (0..<categoryCount).reduce(0) { $0 + self[a, $1] } }
    }
    /// Coder B's category totals.
    public var columnMarginals: [Double] {
        (0..<categoryCount).map { b in (0..<categoryCount).reduce(0) { $0 + self[$1, b] } }
    }

    /// The same units as a units × categories count table (one row per cell of this
    /// table, weighted by its count), for Krippendorff's α, AC1 and Brennan–Prediger.
    public func ratingTable() -> RatingCountTable {
        let k = categoryCount
        var rows: [Double] = []
        var weights: [Double] = []
        for a in 0..<k {
            for b in 0..<k where self[a, b] > 0 {
                var r = [Double](repeating: 0, count: k)
                r[a] += 1
                r[b] += 1
                rows += r
                weights.append(self[a, b])
            }
        }
        return RatingCountTable(unitCount: weights.count, categoryCount: k, counts: rows, weights: weights)
    }
}

/// Cohen's κ with the table it comes from.
public struct CohenKappaResult: Sendable, Equatable {
    /// κ, or why it is undefined.
    public let value: AgreementValue
    /// p_o = trace / N.
    public let observedAgreement: Double?
    /// p_e = Σ_k row_k · col_k / N².
    public let chanceAgreement: Double?
    /// The table κ was computed from (units coded by both coders).
    public let table: ContingencyTable
    /// Category labels of the table's rows/columns.
    public let categoryLabels: [String]
}

/// Cohen's κ for exactly two coders.
///
/// Source: Cohen, J. (1960). A coefficient of agreement for nominal scales. Educational and
/// Psychological Measurement 20, 37–46. κ = (p_o − p_e)/(1 − p_e).
/// Undefined when N = 0 (no unit coded by both) or p_e = 1 (both coders used one and the
/// same category throughout; scikit-learn's NaN case, pitfall 1).
public enum CohenKappa {

    /// κ from a k × k table (rows coder A, columns coder B, counts).
    public static func compute(_ table: ContingencyTable, labels: [String]? = nil) -> CohenKappaResult {
        let lab = labels ?? (0..<table.categoryCount).map { String($0) }
        let n = table.total
        guard n > 0 else {
            return CohenKappaResult(
                value: .notComputable(reason: "no unit was coded by both coders"),
                observedAgreement: nil, chanceAgreement: nil, table: table, categoryLabels: lab)
        }
        var trace = 0.0
        for c in 0..<table.categoryCount { trace += table[c, c] }
        let rm = table.rowMarginals
        let cm = table.columnMarginals
        var pe = 0.0
        for c in 0..<table.categoryCount { pe += rm[c] * cm[c] }
        pe /= n * n
        let po = trace / n
        let v: AgreementValue =
            1 - pe < 1e-12
            ? .notComputable(reason: "both coders used a single, identical category, so chance agreement is 1")
            : .checked((po - pe) / (1 - pe), otherwise: "kappa is not finite")
        return CohenKappaResult(value: v, observedAgreement: po, chanceAgreement: pe, table: table, categoryLabels: lab)
    }

    /// κ for reliability data with exactly 2 coders (`data`: 2 × units, nil = missing).
    /// p_o and the returned table use the units both coders coded. By default p_e uses the
    /// marginals of that table too (Cohen 1960). With `marginalsFromAllRatings`, each coder's
    /// category shares are taken over every unit that coder rated, as Gwet does for missing
    /// data (Gwet 2014 ch. 2; irrCAC `cohen.kappa.raw`).
    /// Undefined when the data does not have exactly 2 coders, no unit was coded by both,
    /// or p_e = 1.
    public static func compute<V: Hashable>(
        _ data: ReliabilityData<V>, categories: [V]? = nil,
        marginalsFromAllRatings: Bool = false
    ) -> CohenKappaResult {
        let cats = categories ?? data.categories()
        let k = cats.count
        guard data.coderCount == 2 else {
            return CohenKappaResult(
                value: .notComputable(reason: "Cohen's kappa needs exactly 2 coders (found \(data.coderCount))"),
                observedAgreement: nil, chanceAgreement: nil,
                table: ContingencyTable(categoryCount: k, counts: .init(repeating: 0, count: k * k)),
                categoryLabels: cats.map { String(describing: $0) })
        }
        let idx = data.indexed(categories: cats)
        var counts = [Double](repeating: 0, count: k * k)
        for u in 0..<data.unitCount {
            let a = idx[u]
            let b = idx[data.unitCount + u]
            if a >= 0 && b >= 0 { counts[Int(a) * k + Int(b)] += 1 }
        }
        let table = ContingencyTable(categoryCount: k, counts: counts)
        let labels = cats.map { String(describing: $0) }
        let paired = compute(table, labels: labels)
        guard marginalsFromAllRatings, let po = paired.observedAgreement else { return paired }
        var a = [Double](repeating: 0, count: k)
        var b = a
        for u in 0..<data.unitCount {
            let x = idx[u]
            let y = idx[data.unitCount + u]
            if x >= 0 { a[Int(x)] += 1 }
            if y >= 0 { b[Int(y)] += 1 }
        }
        let na = a.reduce(0, +)
        let nb = b.reduce(0, +)
        var pe = 0.0
        for c in 0..<k { pe += (a[c] / na) * (b[c] / nb) }
        let v: AgreementValue =
            1 - pe < 1e-12
            ? .notComputable(reason: "both coders used a single, identical category, so chance agreement is 1")
            : .checked((po - pe) / (1 - pe), otherwise: "kappa is not finite")
        return CohenKappaResult(
            value: v, observedAgreement: po, chanceAgreement: pe, table: table, categoryLabels: labels)
    }
}
