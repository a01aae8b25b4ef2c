import Foundation

/// JSON and CSV renderings of a ``ProjectAgreement`` for `kader agree --format json|csv`.
///
/// JSON: every coefficient is `{"value": x}` or `{"reason": "…"}` when not computable;
/// proportions in [0, 1] (percent agreement too). CSV: one row per (group, level, code);
/// not-computable cells are empty, with the reasons in the `not_computable` column; the CSV
/// dialect is the quote exports' (``QuoteTable``: CRLF, `excel` = BOM and `;`).
/// Numbers are written at full precision (shortest representation that reads back exactly).
public enum AgreementReportExport {
    struct Value: Encodable {
        var value: Double?
        var reason: String?
        init(_ v: AgreementValue) {
            value = v.double
            reason = v.reason
        }
    }

    struct Interval: Encodable {
        var method: String?, lower: Double?, upper: Double?, standardError: Double?, samples: Int?, seed: UInt64?
        var units: Int?, reason: String?
        /// `"zero-event"` or `"few-disagreements"` when that bound set the lower limit
        /// (``AlphaInterval/lowerLimitBound``), with the number of disagreeing units.
        var lowerLimitBound: String?, disagreeingUnits: Int?
    }

    struct Row: Encodable {
        var id: String
        var name: String
        var n: Int
        var counts: [String: Int]?
        var appliedByCoder: [String: Int]
        var codedByCoder: [String: Int]
        var percentAgreement: Value
        var cohenKappa: Value?
        var fleissKappa: Value?
        var alpha: Value
        var observedDisagreement: Double
        var expectedDisagreement: Double
        var pairableValues: Double
        var alphaInterval: Interval
        var ac1: Value
        var brennanPrediger: Value
        var verdict: String

        init(_ r: BinaryAgreementReport, coders: [String], codebook: Codebook) {
            id = r.label
            name = codebook.entry(id: r.label)?.pathString ?? r.label
            n = r.pairableUnits
            let c = r.counts
            counts =
                coders.count == 2
                ? ["both": c.bothApplied, "onlyFirst": c.onlyFirst, "onlySecond": c.onlySecond, "neither": c.neither]
                : nil
            appliedByCoder = Dictionary(uniqueKeysWithValues: zip(coders, c.appliedByCoder))
            codedByCoder = Dictionary(uniqueKeysWithValues: zip(coders, c.codedByCoder))
            percentAgreement = Value(r.percentAgreement)
            cohenKappa = r.cohen.map { Value($0.value) }
            fleissKappa = r.fleiss.map { Value($0.value) }
            alpha = Value(r.alpha.value)
            observedDisagreement = r.alpha.observedDisagreement
            expectedDisagreement = r.alpha.expectedDisagreement
            pairableValues = r.alpha.pairableValues
            switch r.alphaInterval {
            case .computed(let b):
                alphaInterval = Interval(
                    method: b.method.rawValue, lower: b.lower, upper: b.upper, standardError: b.standardError,
                    samples: b.replicates, seed: b.seed, units: b.units,
                    lowerLimitBound: b.lowerLimitBound?.name, disagreeingUnits: b.lowerLimitBound?.disagreeingUnits)
            case .notComputable(let reason): alphaInterval = Interval(reason: reason)
            }
            ac1 = Value(r.ac1.value)
            brennanPrediger = Value(r.brennanPrediger.value)
            verdict = r.alpha.verdict.rawValue
        }
    }

    struct SetAlpha: Encodable {
        var distance: String, alpha: Value, pairableValues: Double, observedDisagreement: Double,
            expectedDisagreement: Double
        init(_ a: AlphaResult) {
            distance = a.metric
            alpha = Value(a.value)
            pairableValues = a.pairableValues
            observedDisagreement = a.observedDisagreement
            expectedDisagreement = a.expectedDisagreement
        }
    }

    struct Group: Encodable {
        var label: String
        var units: Int
        var perCode: [Row]
        var perCategory: [Row]
        var pooled: Row
        var masi: SetAlpha
        var jaccard: SetAlpha
        init(_ g: AgreementGroup, coders: [String], codebook: Codebook, agreement: ProjectAgreement) {
            label = g.label
            units = g.unitCount
            perCode = g.report.perCode.filter { agreement.isShown($0, codebook: codebook) }.map {
                Row($0, coders: coders, codebook: codebook)
            }
            perCategory = g.report.perCategory.map { Row($0, coders: coders, codebook: codebook) }
            pooled = Row(g.report.overall.pooled, coders: coders, codebook: codebook)
            masi = SetAlpha(g.report.overall.masi)
            jaccard = SetAlpha(g.report.overall.jaccard)
        }
    }

    struct DocumentOut: Encodable {
        var id: String
        var units: Int
        var status: [String: String]
        var counted: [String: Bool]
    }
    struct Disagreement: Encodable {
        var document: String, segment: String, ordinal: Int, speaker: String?, role: String?, text: String
        var codes: [String: [String]?]
    }

    struct Output: Encodable {
        var coders: [String]
        var intervalMethod: String
        var intervalDescription: String
        var includeUnfinished: Bool
        var units: Int
        var identicalSets: Int
        var documents: [DocumentOut]
        var overall: Group
        var breakdown: String?
        var groups: [Group]
        var unknownCodes: [String]
        var disagreements: [Disagreement]?
    }

    /// Pretty-printed JSON with sorted keys.
    public static func json(_ a: ProjectAgreement, codebook: Codebook, disagreements: Bool) throws -> String {
        let coders = a.units.coders
        let docs = a.units.documents.map { d in
            DocumentOut(
                id: d.documentId, units: d.unitCount,
                status: Dictionary(uniqueKeysWithValues: zip(coders, d.status.map(\.rawValue))),
                counted: Dictionary(uniqueKeysWithValues: zip(coders, d.included)))
        }
        let dis =
            disagreements
            ? a.units.disagreements.map { u in
                Disagreement(
                    document: u.documentId, segment: u.segmentId, ordinal: u.ordinal, speaker: u.speaker, role: u.role,
                    text: u.text,
                    codes: Dictionary(uniqueKeysWithValues: zip(coders, u.codes.map { $0.map { $0.sorted() } })))
            } : nil
        let out = Output(
            coders: coders, intervalMethod: a.interval.method.rawValue,
            intervalDescription: AgreementReportFormatter.intervalSentence(a.interval),
            includeUnfinished: a.units.includeUnfinished, units: a.overall.unitCount,
            identicalSets: a.units.identicalSets.identical, documents: docs,
            overall: Group(a.overall, coders: coders, codebook: codebook, agreement: a),
            breakdown: a.breakdown?.rawValue,
            groups: a.groups.map { Group($0, coders: coders, codebook: codebook, agreement: a) },
            unknownCodes: a.unknownCodes(codebook), disagreements: dis)
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try enc.encode(out), as: UTF8.self)
    }

    /// One row per (group, level, code), header first.
    public static func csv(_ a: ProjectAgreement, codebook: Codebook, excel: Bool = false) throws -> Data {
        let coders = a.units.coders
        var header = ["group", "level", "id", "name", "n"]
        if coders.count == 2 { header += ["both", "only_first", "only_second", "neither"] }
        header += coders.map { "applied_\($0)" }
        header += [
            "percent_agreement", coders.count == 2 ? "cohen_kappa" : "fleiss_kappa", "alpha", "alpha_lower",
            "alpha_upper",
            "alpha_interval_method", "do", "de", "ac1", "brennan_prediger", "verdict", "not_computable",
        ]
        var rows: [[String]] = []
        func num(_ v: AgreementValue) -> String { v.double.map(full) ?? "" }
        func write(_ group: String, _ level: String, _ r: BinaryAgreementReport) {
            var row = [
                group, level, r.label, codebook.entry(id: r.label)?.pathString ?? r.label, String(r.pairableUnits),
            ]
            let c = r.counts
            if coders.count == 2 { row += [c.bothApplied, c.onlyFirst, c.onlySecond, c.neither].map(String.init) }
            row += c.appliedByCoder.map(String.init)
            let kappa = r.cohen?.value ?? r.fleiss?.value ?? .notComputable(reason: "no kappa")
            let ci = r.alphaInterval.result
            row += [
                num(r.percentAgreement), num(kappa), num(r.alpha.value),
                ci.map { full($0.lower) } ?? "", ci.map { full($0.upper) } ?? "", ci?.method.rawValue ?? "",
                full(r.alpha.observedDisagreement), full(r.alpha.expectedDisagreement),
                num(r.ac1.value), num(r.brennanPrediger.value), r.alpha.verdict.rawValue,
            ]
            var reasons = [
                ("percent agreement", r.percentAgreement), ("kappa", kappa), ("alpha", r.alpha.value),
                ("AC1", r.ac1.value), ("Brennan-Prediger", r.brennanPrediger.value),
            ]
            .compactMap { n, v in v.reason.map { (n, $0) } }
            if r.alpha.value.isComputable, let why = r.alphaInterval.reason { reasons.append(("alpha interval", why)) }
            row.append(AgreementCells.merge(reasons).map { "\($0.0): \($0.1)" }.joined(separator: "; "))
            rows.append(row)
        }
        for g in [a.overall] + a.groups {
            for r in g.report.perCode where a.isShown(r, codebook: codebook) { write(g.label, "code", r) }
            for r in g.report.perCategory { write(g.label, "category", r) }
            write(g.label, "pooled", g.report.overall.pooled)
        }
        return try QuoteTable.csv(header: header, rows: rows, excel: excel)
    }

    /// A Double at full precision: the shortest text that reads back as the same Double.
    public static func full(_ x: Double) -> String {
        if x == x.rounded(), abs(x) < 1e15 { return String(Int(x)) }
        return "\(x)"
    }
}
