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
    /// 95% interval and q(α_min) for α, by the method of ``AlphaIntervalOptions`` (``AlphaInterval``).
    public let alphaInterval: Computed<AlphaInterval>
    /// Gwet's AC1 with q = 2.
    public let ac1: ChanceCorrectedResult
    /// Brennan–Prediger κ with q = 2.
    public let brennanPrediger: ChanceCorrectedResult
}

/// Overall agreement across all codes.
public struct OverallAgreementReport: Sendable, Equatable {
    /// All (unit × code) binary decisions pooled into one binary variable: every code id of
    /// the data (codebook entries, categories included, and codes not in the codebook), a unit
    /// counting once per code. Its interval resamples units (segments) with all their codes.
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

/// How the α intervals of a report are computed (``AlphaInterval``).
public struct AlphaIntervalOptions: Sendable, Equatable {
    public var method: AlphaIntervalMethod
    /// Bootstrap replicates B (1 … ``AlphaInterval/maxReplicates``).
    public var samples: Int
    public var seed: UInt64
    public init(method: AlphaIntervalMethod = .auto, samples: Int = 1000, seed: UInt64 = 1) {
        self.method = method
        self.samples = samples
        self.seed = seed
    }
}

/// Builds agreement reports from per-unit, per-coder code sets.
///
/// Per code the data are binary (applied / not applied) over the units each coder coded;
/// a category is "applied" when any of its code ids is; overall uses the sets themselves
/// (MASI, Jaccard) and the pooled unit × code decisions (docs/statistics.md §2; vector ML-1).
/// Cost: one pass over the data for all codes (O(units × coders × codes applied per unit)),
/// then O(coders²) per code for the coefficients plus O(B·coders²) for the interval, and
/// O(units × coders² + distinct sets²) for set-valued α.
public enum CodeAgreement {

    /// The full report. `units[unit][coder]` = code set, nil = missing (see `CodeAssignments`).
    public static func report(
        units: [[Set<String>?]], coderCount: Int? = nil, codes: [String]? = nil,
        categories: [(name: String, codes: Set<String>)] = [],
        bootstrapSamples: Int = 1000, seed: UInt64 = 1,
        interval: AlphaIntervalMethod = .auto
    ) throws -> CodeAgreementReport {
        let a = try CodeAssignments(units: units, coderCount: coderCount, codes: codes)
        return report(
            a, categories: categories,
            interval: AlphaIntervalOptions(method: interval, samples: bootstrapSamples, seed: seed))
    }

    /// The full report for encoded assignments.
    public static func report(
        _ data: CodeAssignments, categories: [(name: String, codes: Set<String>)] = [],
        interval: AlphaIntervalOptions = AlphaIntervalOptions()
    ) -> CodeAgreementReport {
        let seed = interval.seed
        let counts = data.countsPerCode()
        var perCode: [BinaryAgreementReport] = []
        perCode.reserveCapacity(counts.count)
        var pooled = BinaryCodeCounts(coderCount: data.coderCount)
        for (i, c) in counts.enumerated() {
            pooled = pooled + c
            perCode.append(binaryReport(c, label: data.codes[i], interval: interval.seeded(seed &+ UInt64(i))))
        }
        let perCategory = categories.enumerated().map { i, cat in
            binaryReport(
                data.counts(anyOf: cat.codes), label: cat.name,
                interval: interval.seeded(seed &+ UInt64(counts.count + i)))
        }
        let sets = SetValuedAlpha.compute(data, distances: [.masi, .jaccard])
        let overall = OverallAgreementReport(
            pooled: binaryReport(pooled, label: "pooled", interval: interval, patterns: data.pooledPatterns()),
            masi: sets[0], jaccard: sets[1])
        return CodeAgreementReport(
            unitCount: data.unitCount, coderCount: data.coderCount,
            perCode: perCode, perCategory: perCategory, overall: overall)
    }

    /// All coefficients for one binary variable from its counts (O(coders²) + interval).
    /// Undefined coefficients are `.notComputable` with a reason (e.g. a code nobody used
    /// has D_e = 0: α, κ and Fleiss are not computable; percent agreement is 1).
    /// `patterns`: the units to resample for the interval (default: the units of `counts`).
    public static func binaryReport(
        _ counts: BinaryCodeCounts, label: String,
        interval options: AlphaIntervalOptions = AlphaIntervalOptions(),
        patterns: AlphaUnitPatterns? = nil
    ) -> BinaryAgreementReport {
        let table = counts.ratingTable
        let labels = ["not applied", "applied"]
        let o = CoincidenceMatrix(table)
        let alpha = KrippendorffAlpha.compute(
            o, metric: .nominal, labels: labels, unitCount: counts.codedByCoder.isEmpty ? 0 : unitTotal(counts))
        let alphaResult: AlphaResult
        if counts.coderCount < 2 {
            alphaResult = AlphaResult(
                value: .notComputable(reason: "fewer than 2 coders"), metric: "nominal",
                unitCount: alpha.unitCount, pairableUnits: 0, pairableValues: 0,
                observedDisagreement: 0, expectedDisagreement: 0, coincidence: o, categoryLabels: labels)
        } else {
            alphaResult = alpha
        }
        let interval: Computed<AlphaInterval> =
            alphaResult.value.isComputable
            ? AlphaInterval.compute(
                patterns ?? AlphaUnitPatterns(table, delta: [0, 1, 1, 0]), method: options.method,
                samples: options.samples, seed: options.seed,
                kalpha: (o, .nominal, nil, counts.coderCount))
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

extension AlphaIntervalOptions {
    func seeded(_ s: UInt64) -> AlphaIntervalOptions {
        var o = self
        o.seed = s
        return o
    }
}

extension CodeAssignments {
    /// The pooled unit × code decisions grouped by unit (segment), for an interval that resamples
    /// segments with all their codes: per unit with m ≥ 2 coders, the "not applied" and "applied"
    /// counts over all codes and the observed disagreement Σ_codes 2a(m − a)/(m − 1)
    /// (a = coders applying the code). One pass over the data.
    public func pooledPatterns() -> AlphaUnitPatterns {
        let m = coderCount
        let w = wordsPerValue
        let k = codes.count
        var groups: [SIMD3<Int64>: Int] = [:]
        var seen = [Int32](repeating: 0, count: max(k, 1))
        var slots = [Int](repeating: 0, count: max(m, 1))
        for u in 0..<unitCount {
            var mu = 0
            var applied = 0
            for j in 0..<m where present[u * m + j] {
                slots[mu] = j
                mu += 1
                let base = (u * m + j) * w
                for word in 0..<w {
                    var x = masks[base + word]
                    applied += x.nonzeroBitCount
                    while x != 0 {
                        seen[word * 64 + x.trailingZeroBitCount] &+= 1
                        x &= x - 1
                    }
                }
            }
            var cross = 0
            for word in 0..<w {
                var union: UInt64 = 0
                for s in 0..<mu { union |= masks[(u * m + slots[s]) * w + word] }
                while union != 0 {
                    let c = word * 64 + union.trailingZeroBitCount
                    let a = Int(seen[c])
                    cross += a * (mu - a)
                    seen[c] = 0
                    union &= union - 1
                }
            }
            if mu >= 2 { groups[SIMD3(Int64(mu), Int64(applied), Int64(cross)), default: 0] += 1 }
        }
        var p = AlphaUnitPatterns(categoryCount: 2, delta: [0, 1, 1, 0])
        for (key, weight) in groups.sorted(by: { ($0.key.x, $0.key.y, $0.key.z) < ($1.key.x, $1.key.y, $1.key.z) }) {
            let mu = Double(key.x)
            let applied = Double(key.y)
            p.add(
                weight: weight, values: [(0, mu * Double(k) - applied), (1, applied)],
                disagreement: 2 * Double(key.z) / (mu - 1))
        }
        return p
    }
}
