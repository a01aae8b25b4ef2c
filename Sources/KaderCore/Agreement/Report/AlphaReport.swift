import Foundation

/// Renderings of an ``AlphaAnalysis`` for `kader alpha --format table|json|csv`.
///
/// - table: the figures for people (α to six decimals) with the reading notes and sources;
/// - json: one object, numbers at full precision (α, D_o, D_e round-trip exactly), the
///   coincidence matrix with its value labels, the interval with its method, and the notes;
/// - csv: one row of figures, the quote exports' dialect (``QuoteTable``: CRLF; `excel`: BOM
///   and `;`), numbers at full precision.
public enum AlphaReport {
    public static func table(_ a: AlphaAnalysis) -> String {
        let r = a.result
        var out: [String] = []
        out.append("Krippendorff's α (\(r.metric)) for \(a.source): \(a.coders.count) coders × \(a.unitCount) units")
        switch r.value {
        case .value(let v):
            let flag = AgreementCells.flag(r.verdict)
            out.append(
                "α      = \(String(format: "%.6f", v))"
                    + (flag.isEmpty ? "" : "  (\(flag): α \(v < 0.667 ? "< .667" : "< .800"))"))
        case .notComputable(let reason):
            out.append("α      = n/c (not computable: \(reason))")
        }
        out.append("n      = \(count(r.pairableValues)) pairable values")
        let dropped = a.unitCount - Int(r.pairableUnits.rounded())
        out.append(
            "units  = \(a.unitCount) (\(count(r.pairableUnits)) pairable\(dropped > 0 ? ", \(dropped) with fewer than 2 values left out" : ""))"
        )
        out.append("D_o    = \(String(format: "%.6f", r.observedDisagreement))  observed disagreement")
        out.append("D_e    = \(String(format: "%.6f", r.expectedDisagreement))  expected disagreement")
        switch a.interval {
        case .computed(let b):
            out.append(
                "95% CI = [\(String(format: "%.4f", b.lower)), \(String(format: "%.4f", b.upper))]  \(b.methodDescription)"
            )
            let q = zip(b.thresholds, b.probabilitiesBelow).map {
                "P(α < \(String(format: "%.3f", $0))) = \(String(format: "%.3f", $1))"
            }
            out.append(
                "         " + q.joined(separator: ", ") + (b.method == .jackknife ? " (normal approximation)" : ""))
        case .notComputable(let reason):
            out.append("95% CI = n/c (\(reason))")
        }
        out.append("")
        out.append("Read as:")
        for n in a.notes { out.append("  - " + n) }
        out.append("")
        out.append(
            "α = 1 − D_o/D_e over the coincidence matrix; units with fewer than 2 values are left out (Krippendorff 2011,"
        )
        out.append("\"Computing Krippendorff's Alpha-Reliability\"). Interval: " + intervalSource(a))
        return out.joined(separator: "\n")
    }

    static func intervalSource(_ a: AlphaAnalysis) -> String {
        let used = a.interval.result?.method ?? a.requestedMethod
        var s: String
        switch used {
        case .jackknife: s = "jackknife over units, α ± t(0.975, N−1)·SE (Hughes 2022, arXiv 2210.13265)."
        case .units, .auto: s = "bootstrap over units, percentile interval (Efron & Tibshirani 1993)."
        case .kalpha:
            s =
                "KALPHA bootstrap of pairs (Hayes & Krippendorff 2007); too narrow for small samples with 3+ coders, too wide for large N."
        }
        if a.requestedMethod == .auto {
            s +=
                " Default rule: the bootstrap over units at every N, its lower limit widened when at most 50 units disagree (--interval to choose)."
        }
        return s
    }

    static func count(_ x: Double) -> String { x == x.rounded() ? String(Int(x)) : String(format: "%.3f", x) }

    struct JSONOut: Encodable {
        struct Interval: Encodable {
            var method: String?, description: String?, lower: Double?, upper: Double?, standardError: Double?
            var replicates: Int?, seed: UInt64?, units: Int?, undefinedReplicates: Int?, drawsPerSample: Int?
            var probabilityBelow: [String: Double]?, reason: String?
            /// Set when the lower limit is a small-sample bound: `"zero-event"` (no disagreeing
            /// unit) or `"few-disagreements"` (``disagreeingUnits`` of 1–50).
            var lowerLimitBound: String?, disagreeingUnits: Int?
        }
        var file: String
        var metric: String
        var coders: [String]
        var units: Int
        var pairableUnits: Double
        var pairableValues: Double
        var alpha: Double?
        var reason: String?
        var verdict: String
        var observedDisagreement: Double
        var expectedDisagreement: Double
        var values: [String]
        var valuesAreNumbers: Bool
        var coincidence: [[Double]]
        var interval: Interval
        var intervalRequested: String
        var notes: [String]
    }

    /// Pretty-printed JSON, sorted keys, LF at the end.
    public static func json(_ a: AlphaAnalysis) throws -> String {
        let r = a.result
        var iv = JSONOut.Interval()
        switch a.interval {
        case .computed(let b):
            iv = .init(
                method: b.method.rawValue, description: b.methodDescription, lower: b.lower, upper: b.upper,
                standardError: b.standardError, replicates: b.replicates, seed: b.seed, units: b.units,
                undefinedReplicates: b.replicates == nil ? nil : b.undefinedReplicates,
                drawsPerSample: b.drawsPerSample,
                probabilityBelow: Dictionary(
                    uniqueKeysWithValues: zip(b.thresholds.map { String($0) }, b.probabilitiesBelow)))
            iv.lowerLimitBound = b.lowerLimitBound?.name
            iv.disagreeingUnits = b.lowerLimitBound?.disagreeingUnits
        case .notComputable(let reason): iv.reason = reason
        }
        var o: [[Double]] = []
        if let m = r.coincidence {
            let k = m.categoryCount
            o = (0..<k).map { c in (0..<k).map { m[c, $0] } }
        }
        let out = JSONOut(
            file: a.source, metric: r.metric, coders: a.coders, units: a.unitCount, pairableUnits: r.pairableUnits,
            pairableValues: r.pairableValues, alpha: r.value.double, reason: r.value.reason,
            verdict: r.verdict.rawValue,
            observedDisagreement: r.observedDisagreement, expectedDisagreement: r.expectedDisagreement,
            values: r.categoryLabels, valuesAreNumbers: a.numericValues, coincidence: o, interval: iv,
            intervalRequested: a.requestedMethod.rawValue, notes: a.notes)
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try enc.encode(out), as: UTF8.self) + "\n"
    }

    /// Header and one row: file, metric, coders, units, pairable units and values, alpha, D_o,
    /// D_e, interval method, lower, upper, standard error, replicates, seed, not_computable.
    public static func csv(_ a: AlphaAnalysis, excel: Bool = false) throws -> Data {
        let r = a.result
        let b = a.interval.result
        let f = AgreementReportExport.full
        let header = [
            "file", "metric", "coders", "units", "pairable_units", "pairable_values", "alpha", "do", "de",
            "interval_method", "lower", "upper", "standard_error", "replicates", "seed", "verdict", "not_computable",
        ]
        var row: [String] = [a.source, r.metric, String(a.coders.count), String(a.unitCount)]
        row += [f(r.pairableUnits), f(r.pairableValues), r.value.double.map(f) ?? ""]
        row += [f(r.observedDisagreement), f(r.expectedDisagreement)]
        row.append(b?.method.rawValue ?? "")
        row.append(b.map { f($0.lower) } ?? "")
        row.append(b.map { f($0.upper) } ?? "")
        row.append(b.map { f($0.standardError) } ?? "")
        row.append(b?.replicates.map { String($0) } ?? "")
        row.append(b?.seed.map { String($0) } ?? "")
        row.append(r.verdict.rawValue)
        let why: String = r.value.reason ?? a.interval.reason.map { "interval: " + $0 } ?? ""
        row.append(why)
        return try QuoteTable.csv(header: header, rows: [row], excel: excel)
    }
}
