import Foundation

/// A chance-corrected agreement coefficient of the form (p_a − p_e) / (1 − p_e), with the
/// quantities behind it.
public struct ChanceCorrectedResult: Sendable, Hashable {
    /// The coefficient, or why it is undefined.
    public let value: AgreementValue
    /// p_a: observed (pairwise) agreement; nil when no unit has 2 values.
    public let observedAgreement: Double?
    /// p_e: chance agreement as defined by the coefficient; nil when undefined.
    public let chanceAgreement: Double?
    /// Number of units with at least 2 values (the units p_a averages over).
    public let pairableUnits: Double
    /// q: the number of categories the chance term uses.
    public let categoryCount: Int
}

/// Percent agreement and the multi-rater chance-corrected coefficients that share it:
/// Fleiss' κ, Brennan–Prediger κ (Randolph's free-marginal κ) and Gwet's AC1.
///
/// All functions take a `RatingCountTable` (units × categories counts). p_a is Gwet's
/// multi-rater percent agreement (Gwet 2014, Handbook of Inter-Rater Reliability, 4th ed.,
/// ch. 2 and 4; identical to irrCAC 0.4.4): for each unit with r_u ≥ 2 values, the share of
/// agreeing ordered pairs of values, Σ_k r_uk(r_uk−1) / (r_u(r_u−1)), averaged over such units.
/// Units with fewer than 2 values are ignored by p_a.
public enum ChanceCorrectedAgreement {

    /// Pairwise percent agreement p_a (a proportion in [0, 1]).
    /// Source: Gwet (2014) eq. 2.x / irrCAC `pa`; for 2 coders, the share of units on which
    /// both agree. Undefined when no unit has at least 2 values.
    public static func percentAgreement(_ table: RatingCountTable) -> AgreementValue {
        guard let pa = table.agreementSummary().pa else {
            return .notComputable(reason: "no unit has values from at least 2 coders")
        }
        return .checked(pa, otherwise: "no pairable units")
    }

    /// Fleiss' κ for m raters per unit: κ = (P̄ − P̄_e)/(1 − P̄_e), P̄_e = Σ_k p_k², where
    /// p_k is the share of all ratings in category k.
    /// Source: Fleiss, J. L. (1971). Measuring nominal scale agreement among many raters.
    /// Psychological Bulletin 76(5), 378–382.
    /// Shape: units × categories counts; every unit with any rating must have the same
    /// number of ratings r ≥ 2 (units with no rating are skipped).
    /// Undefined when raters per unit differ (use Krippendorff's α), when r < 2, when there
    /// are no rated units, or when P̄_e = 1 (all ratings in one category).
    /// With `allowUnequalRaters`, computes Gwet's generalisation for missing ratings
    /// (irrCAC `fleiss.kappa.raw`: p_a over units with r_u ≥ 2, p_k averaged per unit).
    public static func fleissKappa(_ table: RatingCountTable, allowUnequalRaters: Bool = false) -> ChanceCorrectedResult
    {
        let q = table.categoryCount
        let s = table.agreementSummary()
        if !allowUnequalRaters {
            var r0: Double?
            for u in 0..<table.unitCount where table.weight(unit: u) > 0 {
                let r = table.raters(unit: u)
                if r <= 0 { continue }
                if let r0, abs(r - r0) > 1e-9 {
                    return ChanceCorrectedResult(
                        value: .notComputable(
                            reason:
                                "Fleiss' kappa needs the same number of ratings per unit (found \(fmt(r0)) and \(fmt(r))); use Krippendorff's alpha"
                        ),
                        observedAgreement: s.pa, chanceAgreement: nil, pairableUnits: s.pairableUnits, categoryCount: q)
                }
                r0 = r
            }
            if let r0, r0 < 2 - 1e-9 {
                return ChanceCorrectedResult(
                    value: .notComputable(reason: "fewer than 2 ratings per unit"),
                    observedAgreement: nil, chanceAgreement: nil, pairableUnits: 0, categoryCount: q)
            }
        }
        guard let pa = s.pa else {
            return ChanceCorrectedResult(
                value: .notComputable(reason: "no unit has values from at least 2 coders"),
                observedAgreement: nil, chanceAgreement: nil, pairableUnits: 0, categoryCount: q)
        }
        let pe = s.pi.reduce(0) { $0 + $1 * $1 }
        return finish(pa: pa, pe: pe, s: s, q: q, name: "Fleiss' kappa")
    }

    /// Brennan–Prediger κ (Randolph's free-marginal multirater κ): p_e = 1/q.
    /// Source: Brennan, R. L. & Prediger, D. J. (1981). Coefficient kappa: some uses, misuses,
    /// and alternatives. Educational and Psychological Measurement 41, 687–699; Randolph (2005).
    /// `categoryCount` q defaults to the table's columns; pass the codebook size to use the
    /// full category set (docs/statistics.md §2, "q for AC1 and Brennan–Prediger").
    /// Undefined when q < 2 or no unit has 2 values.
    public static func brennanPrediger(_ table: RatingCountTable, categoryCount: Int? = nil) -> ChanceCorrectedResult {
        chanceCorrected(table, categoryCount: categoryCount, name: "Brennan–Prediger kappa") { _, q in 1 / Double(q) }
    }

    /// Gwet's AC1: p_e = Σ_k π_k(1−π_k)/(q−1), π_k = mean over units with r_u ≥ 1 of r_uk/r_u.
    /// Source: Gwet, K. L. (2008). Computing inter-rater reliability and its variance in the
    /// presence of high agreement. Br. J. Math. Stat. Psychol. 61, 29–48; definitions of
    /// irrCAC (`gwet.ac1.raw`, Gwet 2014 ch. 4). `categoryCount` q as in `brennanPrediger`.
    /// Undefined when q < 2 or no unit has 2 values.
    public static func gwetAC1(_ table: RatingCountTable, categoryCount: Int? = nil) -> ChanceCorrectedResult {
        chanceCorrected(table, categoryCount: categoryCount, name: "AC1") { s, q in
            let spread: Double = s.pi.reduce(0.0) { sum, p in sum + p * (1 - p) }
            return spread / Double(q - 1)
        }
    }

    /// The shared frame of Brennan–Prediger κ and AC1: q and p_a checks, then `chance` gives p_e.
    private static func chanceCorrected(
        _ table: RatingCountTable, categoryCount: Int?, name: String,
        chance: ((pa: Double?, pairableUnits: Double, pi: [Double], ratedUnits: Double), Int) -> Double
    ) -> ChanceCorrectedResult {
        let q = categoryCount ?? table.categoryCount
        let s = table.agreementSummary()
        guard q >= 2 else {
            return ChanceCorrectedResult(
                value: .notComputable(reason: "fewer than 2 categories"),
                observedAgreement: s.pa, chanceAgreement: nil, pairableUnits: s.pairableUnits, categoryCount: q)
        }
        guard let pa = s.pa else {
            return ChanceCorrectedResult(
                value: .notComputable(reason: "no unit has values from at least 2 coders"),
                observedAgreement: nil, chanceAgreement: nil, pairableUnits: 0, categoryCount: q)
        }
        return finish(pa: pa, pe: chance(s, q), s: s, q: q, name: name)
    }

    private static func finish(
        pa: Double, pe: Double, s: (pa: Double?, pairableUnits: Double, pi: [Double], ratedUnits: Double),
        q: Int, name: String
    ) -> ChanceCorrectedResult {
        let value: AgreementValue
        if 1 - pe < 1e-12 {
            value = .notComputable(reason: "chance agreement is 1 (all values in one category); \(name) is 0/0")
        } else {
            value = .checked((pa - pe) / (1 - pe), otherwise: "\(name) is not a finite number")
        }
        return ChanceCorrectedResult(
            value: value, observedAgreement: pa, chanceAgreement: pe,
            pairableUnits: s.pairableUnits, categoryCount: q)
    }

    static func fmt(_ x: Double) -> String {
        x == x.rounded() ? String(Int(x)) : String(format: "%.3g", x)
    }
}
