import Foundation

/// Agreement on one binary variable (a code applied / not applied, a category, or all
/// codes pooled), every coefficient side by side with its counts (docs/statistics.md §2).
public struct BinaryAgreementReport: Sendable, Equatable {
    /// Code id, category name, or "pooled".
    public let label: String
    public let counts: BinaryCodeCounts
    /// Units coded by at least 2 coders.
    public let pairableUnits: Int
    /// Pairwise percent agreement over pairable units (Gwet 2014; for 2 coders the share of
    /// units on which both agree).
    public let percentAgreement: AgreementValue
    /// Cohen's κ on the 2×2 table; nil unless there are exactly 2 coders.
    public let cohen: CohenKappaResult?
    /// Fleiss' κ; nil unless there are 3 or more coders.
    public let fleiss: ChanceCorrectedResult?
    /// Krippendorff's nominal (binary) α with D_o, D_e and the coincidence matrix.
    public let alpha: AlphaResult
    /// Bootstrap 95% interval and q(α_min) for α (Hayes & Krippendorff 2007).
    public let alphaInterval: Computed<AlphaBootstrapResult>
    /// Gwet's AC1 with q = 2.
    public let ac1: ChanceCorrectedResult
    /// Brennan–Prediger κ with q = 2.
    public let brennanPrediger: ChanceCorrectedResult
}

/// Overall agreement across all codes.
public struct OverallAgreementReport: Sendable, Equatable {
    /// All (unit × code) binary decisions pooled into one binary variable.
    public let pooled: BinaryAgreementReport
    /// Set-valued α with the MASI distance (Passonneau 2006).
    public let masi: AlphaResult
    /// Set-valued α with the Jaccard distance.
    public let jaccard: AlphaResult
}

/// Per-code, per-category and overall agreement for one comparison of coders.
public struct CodeAgreementReport: Sendable, Equatable {
    public let unitCount: Int
    public let coderCount: Int
    /// One report per code, in `CodeAssignments.codes` order.
    public let perCode: [BinaryAgreementReport]
    /// One report per requested category, in the order given.
    public let perCategory: [BinaryAgreementReport]
    public let overall: OverallAgreementReport
}

/// Builds agreement reports from per-unit, per-coder code sets.
///
/// Per code the data are binary (applied / not applied) over the units each coder coded;
/// a category is "applied" when any of its code ids is; overall uses the sets themselves
/// (MASI, Jaccard) and the pooled unit × code decisions (docs/statistics.md §2; vector ML-1).
/// Cost: one pass over the data for all codes (O(units × coders × codes applied per unit)),
/// then O(coders²) per code for the coefficients plus O(B·M) for the bootstrap, and
/// O(units × coders² + distinct sets²) for set-valued α.
public enum CodeAgreement {

    /// The full report. `units[unit][coder]` = code set, nil = missing (see `CodeAssignments`).
    public static func report(units: [[Set<String>?]], coderCount: Int? = nil, codes: [String]? = nil,
                              categories: [(name: String, codes: Set<String>)] = [],
                              bootstrapSamples: Int = 1000, seed: UInt64 = 1) throws -> CodeAgreementReport {
        let a = try CodeAssignments(units: units, coderCount: coderCount, codes: codes)
        return report(a, categories: categories, bootstrapSamples: bootstrapSamples, seed: seed)
    }

    /// The full report for encoded assignments.
    public static func report(_ data: CodeAssignments, categories: [(name: String, codes: Set<String>)] = [],
                              bootstrapSamples: Int = 1000, seed: UInt64 = 1) -> CodeAgreementReport {
        let counts = data.countsPerCode()
        var perCode: [BinaryAgreementReport] = []
        perCode.reserveCapacity(counts.count)
        var pooled = BinaryCodeCounts(coderCount: data.coderCount)
        for (i, c) in counts.enumerated() {
            pooled = pooled + c
            perCode.append(binaryReport(c, label: data.codes[i], bootstrapSamples: bootstrapSamples, seed: seed &+ UInt64(i)))
        }
        let perCategory = categories.enumerated().map { i, cat in
            binaryReport(data.counts(anyOf: cat.codes), label: cat.name, bootstrapSamples: bootstrapSamples,
                         seed: seed &+ UInt64(counts.count + i))
        }
        let sets = SetValuedAlpha.compute(data, distances: [.masi, .jaccard])
        let overall = OverallAgreementReport(
            pooled: binaryReport(pooled, label: "pooled", bootstrapSamples: bootstrapSamples, seed: seed),
            masi: sets[0], jaccard: sets[1])
        return CodeAgreementReport(unitCount: data.unitCount, coderCount: data.coderCount,
                                   perCode: perCode, perCategory: perCategory, overall: overall)
    }

    /// All coefficients for one binary variable from its counts (O(coders²) + bootstrap).
    /// Undefined coefficients are `.notComputable` with a reason (e.g. a code nobody used
    /// has D_e = 0: α, κ and Fleiss are not computable; percent agreement is 1).
    public static func binaryReport(_ counts: BinaryCodeCounts, label: String,
                                    bootstrapSamples: Int = 1000, seed: UInt64 = 1) -> BinaryAgreementReport {
        let table = counts.ratingTable
        let labels = ["not applied", "applied"]
        let o = CoincidenceMatrix(table)
        let alpha = KrippendorffAlpha.compute(o, metric: .nominal, labels: labels, unitCount: counts.codedByCoder.isEmpty ? 0 : unitTotal(counts))
        let alphaResult: AlphaResult
        if counts.coderCount < 2 {
            alphaResult = AlphaResult(value: .notComputable(reason: "fewer than 2 coders"), metric: "nominal",
                                      unitCount: alpha.unitCount, pairableUnits: 0, pairableValues: 0,
                                      observedDisagreement: 0, expectedDisagreement: 0, coincidence: o, categoryLabels: labels)
        } else {
            alphaResult = alpha
        }
        let interval: Computed<AlphaBootstrapResult> = alphaResult.value.isComputable
            ? AlphaBootstrap.compute(o, metric: .nominal, coderCount: counts.coderCount, samples: bootstrapSamples, seed: seed)
            : .notComputable(reason: alphaResult.value.reason ?? "alpha is not computable")
        return BinaryAgreementReport(
            label: label, counts: counts, pairableUnits: counts.pairableUnits,
            percentAgreement: ChanceCorrectedAgreement.percentAgreement(table),
            cohen: counts.coderCount == 2 ? CohenKappa.compute(counts.contingencyTable, labels: labels) : nil,
            fleiss: counts.coderCount >= 3 ? ChanceCorrectedAgreement.fleissKappa(table) : nil,
            alpha: alphaResult, alphaInterval: interval,
            ac1: ChanceCorrectedAgreement.gwetAC1(table, categoryCount: 2),
            brennanPrediger: ChanceCorrectedAgreement.brennanPrediger(table, categoryCount: 2))
    }

    private static func unitTotal(_ c: BinaryCodeCounts) -> Int { c.histogram.reduce(0, +) }
}
