import Foundation

/// Krippendorff's α with the counts behind it.
public struct AlphaResult: Sendable, Equatable {
    /// α = 1 − D_o/D_e, or why it is undefined.
    public let value: AgreementValue
    /// "nominal", "ordinal", "interval", "ratio", "MASI", "Jaccard".
    public let metric: String
    /// Units in the data (including unpairable ones).
    public let unitCount: Int
    /// Units with at least 2 values.
    public let pairableUnits: Double
    /// n, the number of pairable values.
    public let pairableValues: Double
    /// D_o = Σ_ck o_ck δ²_ck / n (per pairable value).
    public let observedDisagreement: Double
    /// D_e = Σ_ck n_c n_k δ²_ck / (n(n−1)).
    public let expectedDisagreement: Double
    /// The coincidence matrix, when the computation used one (not for set-valued data).
    public let coincidence: CoincidenceMatrix?
    /// Labels of the coincidence matrix's rows/columns, in order.
    public let categoryLabels: [String]
}

/// Krippendorff's alpha-reliability by the coincidence-matrix method, with missing data.
///
/// Source: Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability
/// (repository.upenn.edu/asc_papers/43); Krippendorff (2004), Content Analysis, 2nd ed., ch. 11.
/// α = 1 − D_o/D_e = 1 − (n−1) Σ o_ck δ²_ck / Σ n_c n_k δ²_ck.
/// Units with fewer than 2 values are dropped. α is undefined (`.notComputable`) when
/// there are fewer than 2 coders, no pairable values, or D_e = 0 (a single value in all
/// pairable data, case E1 of docs/statistics.md §3: we report "not computable", not 1 or 0).
public enum KrippendorffAlpha {

    /// Nominal α for any hashable values. `data`: coders × units, nil = missing.
    public static func nominal<V: Hashable>(_ data: ReliabilityData<V>) -> AlphaResult {
        let cats = data.categories()
        return compute(
            data.ratingTable(categories: cats), metric: .nominal, categoryValues: nil,
            labels: cats.map { String(describing: $0) }, coderCount: data.coderCount)
    }

    /// α for ordered values with the nominal or ordinal metric (the ordinal metric only
    /// needs the order). `data`: coders × units, nil = missing. Interval and ratio need
    /// numbers: use `compute(_:metric:)` with `ReliabilityData<Double>`.
    public static func compute<V: Hashable & Comparable>(ordered data: ReliabilityData<V>, metric: AlphaMetric)
        -> AlphaResult
    {
        precondition(!metric.needsNumericValues, "interval and ratio α need ReliabilityData<Double>")
        let cats = data.sortedCategories()
        return compute(
            data.ratingTable(categories: cats), metric: metric, categoryValues: nil,
            labels: cats.map { String(describing: $0) }, coderCount: data.coderCount)
    }

    /// α for numeric values with any metric. `data`: coders × units, nil = missing.
    /// The value domain is the distinct observed values in ascending order.
    public static func compute(_ data: ReliabilityData<Double>, metric: AlphaMetric) -> AlphaResult {
        let cats = data.sortedCategories()
        return compute(
            data.ratingTable(categories: cats), metric: metric, categoryValues: cats,
            labels: cats.map { ChanceCorrectedAgreement.fmt($0) }, coderCount: data.coderCount)
    }

    /// α from a units × categories count table. Categories must be in ascending order for
    /// the ordinal metric; `categoryValues` (numeric value of each column) are required for
    /// interval and ratio. `coderCount` (if known) lets "fewer than 2 coders" be reported.
    public static func compute(
        _ table: RatingCountTable, metric: AlphaMetric, categoryValues: [Double]? = nil,
        labels: [String]? = nil, coderCount: Int? = nil
    ) -> AlphaResult {
        let o = CoincidenceMatrix(table)
        let lab = labels ?? (0..<table.categoryCount).map { String($0) }
        if let cc = coderCount, cc < 2 {
            return AlphaResult(
                value: .notComputable(reason: "fewer than 2 coders"), metric: metric.rawValue,
                unitCount: table.unitCount, pairableUnits: 0, pairableValues: 0,
                observedDisagreement: 0, expectedDisagreement: 0, coincidence: o, categoryLabels: lab)
        }
        return compute(o, metric: metric, categoryValues: categoryValues, labels: lab, unitCount: table.unitCount)
    }

    /// α from a coincidence matrix (Krippendorff 2011, step 3 onwards).
    public static func compute(
        _ o: CoincidenceMatrix, metric: AlphaMetric, categoryValues: [Double]? = nil,
        labels: [String]? = nil, unitCount: Int = 0
    ) -> AlphaResult {
        let lab = labels ?? (0..<o.categoryCount).map { String($0) }
        func result(_ v: AgreementValue, _ dO: Double = 0, _ dE: Double = 0) -> AlphaResult {
            AlphaResult(
                value: v, metric: metric.rawValue, unitCount: unitCount, pairableUnits: o.pairableUnits,
                pairableValues: o.pairableValues, observedDisagreement: dO, expectedDisagreement: dE,
                coincidence: o, categoryLabels: lab)
        }
        guard let parts = disagreements(o, metric: metric, categoryValues: categoryValues) else {
            return result(
                .notComputable(
                    reason: o.pairableValues < 2
                        ? "no pairable values (no unit was coded by at least 2 coders)"
                        : "the \(metric.rawValue) metric needs numeric, non-negative values"))
        }
        if o.usedCategories < 2 || parts.expected <= 0 {
            return result(
                .notComputable(reason: "only one value occurs in the pairable data, so expected disagreement D_e = 0"),
                parts.observed, parts.expected)
        }
        return result(
            .checked(1 - parts.observed / parts.expected, otherwise: "D_e = 0"), parts.observed, parts.expected)
    }

    /// D_o, D_e and δ² for a coincidence matrix; nil if n < 2 or the metric cannot apply.
    static func disagreements(_ o: CoincidenceMatrix, metric: AlphaMetric, categoryValues: [Double]?)
        -> (observed: Double, expected: Double, delta: [Double])?
    {
        let n = o.pairableValues
        guard n >= 2 - 1e-9 else { return nil }
        guard let d = metric.squaredDifferences(values: categoryValues, marginals: o.marginals) else { return nil }
        let k = o.categoryCount
        var sumO = 0.0
        var sumE = 0.0
        for c in 0..<k {
            for j in 0..<k {
                let x = d[c * k + j]
                if x == 0 { continue }
                sumO += o.counts[c * k + j] * x
                sumE += o.marginals[c] * o.marginals[j] * x
            }
        }
        return (sumO / n, sumE / (n * (n - 1)), d)
    }
}

/// Krippendorff's advice on how far α can be relied upon.
///
/// Source: Krippendorff (2004), Content Analysis, 2nd ed., p. 241: rely on variables with
/// α ≥ .800; use .667 ≤ α < .800 only for tentative conclusions; discard α < .667.
public enum ReliabilityVerdict: String, Sendable, Hashable {
    case reliable, tentative, unreliable, notComputable

    /// The verdict for an α value.
    public init(_ alpha: AgreementValue) {
        guard let a = alpha.double else {
            self = .notComputable
            return
        }
        self = a >= 0.800 ? .reliable : (a >= 0.667 ? .tentative : .unreliable)
    }
}

extension AlphaResult {
    /// Krippendorff's verdict on this α (≥ .800 reliable, .667–.800 tentative, below unreliable).
    public var verdict: ReliabilityVerdict { ReliabilityVerdict(value) }
}
