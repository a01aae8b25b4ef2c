import Foundation

/// One row of an agreement table as text cells, shared by the terminal table, Markdown and CSV.
/// Not-computable figures are "n/c"; their reasons are collected in `notComputable`.
public struct AgreementCells: Sendable {
    public var label: String
    public var cells: [String]
    /// (coefficient, reason) for each n/c cell.
    public var notComputable: [(String, String)]

    /// Column titles for `coders` coders (2: the 2×2 counts and Cohen κ; 3+: applied per coder, Fleiss κ).
    public static func header(coders: [String]) -> [String] {
        var h = ["n"]
        if coders.count == 2 {
            h += ["both", "\(short(coders[0])) only", "\(short(coders[1])) only", "neither"]
        } else {
            h += coders.map { "\(short($0)) +" }
        }
        h += ["% agree", coders.count == 2 ? "Cohen κ" : "Fleiss κ", "α", "α 95% CI", "AC1", "BP κ", "flag"]
        return h
    }

    static func short(_ coder: String) -> String { coder.count > 10 ? String(coder.prefix(9)) + "…" : coder }

    /// An interval whose lower limit is the few-disagreements bound (``AlphaInterval/fewDisagreements``)
    /// is marked "†".
    public init(label: String, _ r: BinaryAgreementReport, coders: [String]) {
        self.label = label
        var nc: [(String, String)] = []
        func v(_ name: String, _ x: AgreementValue, percent: Bool = false) -> String {
            switch x {
            case .value(let d): return percent ? String(format: "%.1f", d * 100) : Self.fmt(d)
            case .notComputable(let reason):
                nc.append((name, reason))
                return "n/c"
            }
        }
        let c = r.counts
        var cells = [String(r.pairableUnits)]
        if coders.count == 2 {
            cells += [c.bothApplied, c.onlyFirst, c.onlySecond, c.neither].map(String.init)
        } else {
            cells += c.appliedByCoder.map(String.init)
        }
        cells.append(v("% agreement", r.percentAgreement, percent: true))
        if let k = r.cohen {
            cells.append(v("Cohen κ", k.value))
        } else if let f = r.fleiss {
            cells.append(v("Fleiss κ", f.value))
        } else {
            cells.append("")
        }
        cells.append(v("α", r.alpha.value))
        if let ci = r.alphaInterval.result {
            cells.append("[\(Self.fmt(ci.lower)), \(Self.fmt(ci.upper))]" + (ci.fewDisagreements != nil ? "†" : ""))
        } else {
            cells.append("n/c")
        }
        cells.append(v("AC1", r.ac1.value))
        cells.append(v("Brennan–Prediger κ", r.brennanPrediger.value))
        cells.append(Self.flag(r.alpha.verdict))
        self.cells = cells
        self.notComputable = Self.merge(nc)
    }

    /// Groups coefficients that share a reason: [("κ, α", reason)].
    public static func merge(_ nc: [(String, String)]) -> [(String, String)] {
        var order: [String] = []
        var names: [String: [String]] = [:]
        for (n, r) in nc {
            if names[r] == nil { order.append(r) }
            names[r, default: []].append(n)
        }
        // `order` holds exactly the keys of `names`.
        return order.map { (names[$0, default: []].joined(separator: ", "), $0) }
    }

    public static func flag(_ v: ReliabilityVerdict) -> String {
        switch v {
        case .reliable: return ""
        case .tentative: return "tentative"
        case .unreliable: return "unreliable"
        case .notComputable: return "n/c"
        }
    }

    /// Three decimals, with "−0.000" avoided.
    public static func fmt(_ x: Double) -> String {
        let s = String(format: "%.3f", x)
        return s == "-0.000" ? "0.000" : s
    }

    /// Display label of a code: its name, sub-codes indented under their category.
    public static func codeLabel(_ id: String, codebook: Codebook) -> String {
        guard let e = codebook.entry(id: id) else { return "?" + id + " (not in codebook)" }
        return String(repeating: "  ", count: e.depth) + e.code.name
    }

    /// Rows for every code, every category and the pooled figure of a report.
    public static func rows(
        _ report: CodeAgreementReport, agreement: ProjectAgreement, codebook: Codebook, coders: [String]
    )
        -> (codes: [AgreementCells], categories: [AgreementCells], pooled: AgreementCells)
    {
        let codes = report.perCode.filter { agreement.isShown($0, codebook: codebook) }.map {
            AgreementCells(label: codeLabel($0.label, codebook: codebook), $0, coders: coders)
        }
        let cats = report.perCategory.map {
            AgreementCells(label: codebook.entry(id: $0.label)?.code.name ?? $0.label, $0, coders: coders)
        }
        return (
            codes, cats,
            AgreementCells(label: "pooled (unit × code)", report.overall.pooled, coders: coders)
        )
    }
}
