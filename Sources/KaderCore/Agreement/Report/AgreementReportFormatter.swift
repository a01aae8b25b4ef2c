import Foundation

/// Terminal-table and Markdown renderings of a ``ProjectAgreement`` (`kader agree`).
///
/// Text: aligned columns, headings underlined. Markdown: GitHub tables, each disagreement a
/// list item with the segment as a block quote and one sub-item per coder. Both end with a
/// section naming every statistic's source, the interval method and what the pooled row pools.
public struct AgreementReportFormatter: Sendable {
    public let agreement: ProjectAgreement
    public let codebook: Codebook
    public let markdown: Bool
    public let showDisagreements: Bool

    public init(agreement: ProjectAgreement, codebook: Codebook, markdown: Bool, showDisagreements: Bool) {
        self.agreement = agreement
        self.codebook = codebook
        self.markdown = markdown
        self.showDisagreements = showDisagreements
    }

    var coders: [String] { agreement.units.coders }

    /// The whole report, lines joined by LF, no trailing newline.
    public func render() -> String {
        var out: [String] = []
        let u = agreement.units
        let counted = u.documents.filter { $0.unitCount > 0 }
        out.append(heading("Agreement of \(coders.joined(separator: ", "))", level: 1))
        out.append(
            "\(coders.count) coders · \(agreement.overall.unitCount) units (codable segments) in \(counted.count) of \(u.documents.count) documents"
                + (u.includeUnfinished ? " · documents in progress included" : ""))
        out.append("")
        let sets = u.identicalSets
        if sets.pairable > 0 {
            out.append(
                "Identical code sets on \(sets.identical) of \(sets.pairable) units (\(String(format: "%.1f", Double(sets.identical) * 100 / Double(sets.pairable)))%); \(sets.pairable - sets.identical) disagreements"
                    + (showDisagreements ? " (listed below)." : " (--disagreements lists them)."))
            let unpaired = agreement.overall.unitCount - sets.pairable
            if unpaired > 0 {
                out.append(
                    "\(unpaired) unit\(unpaired == 1 ? " has" : "s have") a value from fewer than two coders (a segment without codes in a document in progress, or added after a coder marked the document done, is missing data) and \(unpaired == 1 ? "is" : "are") not compared."
                )
            }
            out.append("")
        }
        out += documentLines()
        out += section(agreement.overall.report, title: nil)
        for g in agreement.groups {
            out += section(
                g.report, title: "\(agreement.breakdown?.rawValue ?? "group"): \(g.label) (\(g.unitCount) units)")
        }
        let unknown = agreement.unknownCodes(codebook)
        if !unknown.isEmpty {
            out.append("Codes in the codings but not in the codebook: \(unknown.joined(separator: ", ")).\n")
        }
        if showDisagreements { out += disagreementLines() }
        let notes = footer()
        out += notes.prefix(2)
        out += notes.dropFirst(2).map { markdown ? "- " + $0 : $0 }
        return out.joined(separator: "\n")
    }

    func heading(_ s: String, level: Int) -> String {
        markdown
            ? String(repeating: "#", count: level) + " " + s
            : (level == 1 ? s : s + "\n" + String(repeating: "─", count: s.count))
    }

    func documentLines() -> [String] {
        var out = [heading("Documents", level: 2)]
        for d in agreement.units.documents {
            let who = zip(coders, d.status).map { "\($0) \($1.rawValue)" }.joined(separator: ", ")
            let verdict = d.unitCount > 0 ? "\(d.unitCount) units" : "not counted (fewer than 2 coders finished it)"
            out.append((markdown ? "- " : "  ") + "\(d.documentId): \(verdict) — \(who)")
        }
        out.append("")
        return out
    }

    func section(_ report: CodeAgreementReport, title: String?) -> [String] {
        var out: [String] = []
        if let title {
            out.append(heading(title, level: 2))
            out.append("")
        }
        let rows = AgreementCells.rows(report, agreement: agreement, codebook: codebook, coders: coders)
        out += table("Per code (applied / not applied)", rows.codes)
        out += table("Per category (any code of the category applied)", rows.categories)
        let o = report.overall
        out.append(heading("Overall", level: 3))
        out.append("")
        out += table(nil, [rows.pooled])
        for a in [o.masi, o.jaccard] {
            let v = a.value.double.map(AgreementCells.fmt) ?? "n/c (\(a.value.reason ?? ""))"
            let flag = AgreementCells.flag(a.verdict)
            out.append(
                (markdown ? "- " : "  ")
                    + "set-valued α, \(a.metric) distance: \(v)  (n = \(Int(a.pairableValues)) pairable values, D_o = \(AgreementCells.fmt(a.observedDisagreement)), D_e = \(AgreementCells.fmt(a.expectedDisagreement)))\(flag.isEmpty || flag == "n/c" ? "" : "  " + flag)"
            )
        }
        out.append("")
        return out
    }

    func table(_ title: String?, _ rows: [AgreementCells]) -> [String] {
        var out: [String] = []
        if let title {
            out.append(heading(title, level: 3))
            out.append("")
        }
        let header = [""] + AgreementCells.header(coders: coders)
        let body = rows.map { [$0.label] + $0.cells }
        if markdown {
            out.append("| " + (["code"] + header.dropFirst()).joined(separator: " | ") + " |")
            out.append("|" + header.indices.map { $0 == 0 ? "---|" : "---:|" }.joined())
            for r in body {
                out.append(
                    "| "
                        + r.map { $0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "|", with: "\\|") }
                        .joined(separator: " | ") + " |")
            }
        } else {
            let widths = header.indices.map { c in ([header] + body).map { $0[c].count }.max() ?? 0 }
            func line(_ cells: [String]) -> String {
                cells.enumerated().map { c, s in
                    c == 0
                        ? s.padding(toLength: widths[c], withPad: " ", startingAt: 0)
                        : String(repeating: " ", count: widths[c] - s.count) + s
                }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
            }
            out.append("  " + line(header))
            for r in body { out.append("  " + line(r)) }
        }
        let reasons = rows.flatMap { r in
            r.notComputable.map { "\(r.label.trimmingCharacters(in: .whitespaces)) — \($0.0): \($0.1)" }
        }
        if !reasons.isEmpty {
            out.append("")
            out.append(markdown ? "n/c (not computable):" : "  n/c (not computable):")
            for r in reasons { out.append((markdown ? "- " : "    ") + r) }
        }
        out.append("")
        return out
    }

    func disagreementLines() -> [String] {
        let list = agreement.units.disagreements
        var out = [heading("Disagreements (\(list.count) segments)", level: 2), ""]
        let width = coders.map(\.count).max() ?? 0
        for u in list {
            var who = u.speaker ?? "(no speaker)"
            if let r = u.role, r != u.speaker { who += " (\(r))" }
            func codes(_ set: Set<String>?) -> String {
                set.map { $0.isEmpty ? "(no code)" : $0.sorted(by: codeOrder).map(codeName).joined(separator: ", ") }
                    ?? "(missing)"
            }
            if markdown {
                out.append("- **\(Self.markdownEscape(u.documentId)) #\(u.ordinal)**, \(Self.markdownEscape(who))")
                out.append("")
                out.append("  > " + Self.markdownEscape(Self.excerpt(u.text)))
                out.append("")
                for (c, set) in zip(coders, u.codes) {
                    out.append("  - \(Self.markdownEscape(c)): \(Self.markdownEscape(codes(set)))")
                }
            } else {
                out.append("\(u.documentId) #\(u.ordinal) \(who)")
                out.append("    “" + Self.excerpt(u.text) + "”")
                for (c, set) in zip(coders, u.codes) {
                    out.append("    " + c.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + codes(set))
                }
            }
            out.append("")
        }
        return out
    }

    /// The code's path for people (`Digitalisering/Werkdruk`), its id when it is not in the codebook.
    func codeName(_ id: String) -> String {
        codebook.entry(id: id)?.pathString ?? id
    }

    func codeOrder(_ a: String, _ b: String) -> Bool {
        (agreement.codes.firstIndex(of: a) ?? .max, a) < (agreement.codes.firstIndex(of: b) ?? .max, b)
    }

    /// Backslash-escapes the characters Markdown would read as emphasis, code, links or HTML.
    static func markdownEscape(_ s: String) -> String {
        var out = ""
        for ch in s {
            if "\\`*_[]<>|#".contains(ch) { out.append("\\") }
            out.append(ch)
        }
        return out
    }

    static func excerpt(_ text: String, limit: Int = 100) -> String {
        let flat = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return flat.count > limit ? String(flat.prefix(limit - 1)) + "…" : flat
    }

    func footer() -> [String] {
        let shown = agreement.overall.report.perCode.filter { agreement.isShown($0, codebook: codebook) }.count
        let pooledCount = agreement.codes.count
        let hidden = pooledCount - shown
        return [
            heading("How these figures are computed", level: 2),
            "",
            "Unit: a codable segment (speaker turn) of a document; a coder counts for a document only when they marked it done"
                + (agreement.units.includeUnfinished
                    ? " or in progress (there, segments without codes are missing)" : "")
                + "; other coders are missing data, never zeros. n = units coded by at least 2 coders.",
            "Per code: applied / not applied; per category: any code of its subtree applied (the category's own id included).",
            "Overall, pooled: every unit × code decision counted once, over all \(pooledCount) code ids of the data"
                + (hidden > 0
                    ? " (\(hidden) of them categories with sub-codes that no coder applied directly, not shown per code)"
                    : "")
                + "; its n is units × codes. Set-valued α compares each unit's whole code set (MASI, Jaccard).",
            coders.count == 2
                ? "Counts (units both coded): both applied, only one coder applied, neither applied."
                : "\"<coder> +\": units that coder applied the code to.",
            "% agree: pairwise percent agreement (Gwet 2014). Cohen κ = (p_o − p_e)/(1 − p_e) (Cohen 1960); Fleiss κ (Fleiss 1971).",
            "α: Krippendorff's α, nominal, 1 − D_o/D_e from the coincidence matrix, missing data allowed (Krippendorff 2011, \"Computing Krippendorff's Alpha-Reliability\").",
            "α 95% CI: " + Self.intervalSentence(agreement.interval),
            "AC1: Gwet 2008, q = 2. BP κ: Brennan & Prediger 1981, p_e = 1/2.",
            "Set-valued α: Krippendorff's α with the MASI distance (Passonneau 2006) or the Jaccard distance as δ.",
            "flag: α < .667 unreliable (discard), .667 ≤ α < .800 tentative (Krippendorff 2004, p. 241); n/c = not computable, reason listed under the table.",
        ]
    }

    /// One sentence naming the interval method of a report and its settings.
    public static func intervalSentence(_ o: AlphaIntervalOptions) -> String {
        let perfect =
            " When no unit shows a disagreement (α = 1) resampling cannot vary, so the interval is [L, 1.000] with L the zero-event bound of the pair disagreement (Clopper & Pearson 1934; docs/statistics.md)."
        return intervalMethodSentence(o) + (o.method == .kalpha ? "" : perfect)
    }

    static func intervalMethodSentence(_ o: AlphaIntervalOptions) -> String {
        let few =
            " † = at most 50 segments disagree, so the lower limit is the mid-p bound on how many disagree (Lancaster 1961; docs/statistics.md)."
        let boot =
            "bootstrap over units (segments resampled with replacement, percentile interval; \(o.samples) replicates, seed \(o.seed); Efron & Tibshirani 1993); the pooled row resamples segments with all their codes"
        switch o.method {
        case .auto:
            return
                boot + "." + few + " Coverage of this rule: bench/results.md."
        case .units: return boot + "." + few
        case .jackknife: return "jackknife over units with a t interval (Hughes 2022, arXiv 2210.13265)." + few
        case .kalpha:
            return
                "KALPHA bootstrap of \(o.samples) replicates, seed \(o.seed) (Hayes & Krippendorff 2007: pairs of values drawn from the coincidence matrix). It is too narrow for small samples with 3+ coders and too wide for large ones (Hughes 2022); its lack-of-variation rule can show [0.000, 1.000] for a rare code with perfect agreement."
        }
    }
}
