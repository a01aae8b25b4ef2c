import Foundation

/// How to split an agreement report into groups of units.
public enum AgreementBreakdown: Sendable, Hashable {
    /// One report per document.
    case document
    /// One report per speaker role (`leerkracht`, `directeur`, …; "(no role)" when unknown).
    case role
    /// One report per value of a document or speaker attribute (`schooltype`, …): the speaker's
    /// value, else the document's (as in `kader export matrix --by`); "(no NAME)" when neither
    /// has one. Needs ``ProjectUnits/attributes``.
    case attribute(String)

    /// `document`, `role`, or any other word as an attribute name (compared in lowercase).
    public init(_ text: String) {
        switch text.lowercased() {
        case "document": self = .document
        case "role": self = .role
        default: self = .attribute(text.lowercased())
        }
    }

    /// The word a report prints for the breakdown: "document", "role" or the attribute name.
    public var rawValue: String {
        switch self {
        case .document: return "document"
        case .role: return "role"
        case .attribute(let name): return name
        }
    }
}

/// A report for a group of units (all units, one document, or one role).
public struct AgreementGroup: Sendable {
    /// "all", a document id, or a role.
    public let label: String
    public let unitCount: Int
    public let report: CodeAgreementReport
}

/// Agreement of a set of coders on a project: the units, the overall report and optional
/// breakdowns (docs/statistics.md §1).
///
/// Per code (every codebook entry, in codebook order; codes found in codings but missing from
/// the codebook are appended): applied / not applied. Per category (each top-level code): any
/// code of its subtree applied, the category's own id included. Overall: pooled unit × code
/// decisions and set-valued α (MASI, Jaccard) on the code sets.
/// Figures are computed by ``CodeAgreement/report(_:categories:interval:)``;
/// the bootstrap is seeded, so the same data always gives the same interval.
public struct ProjectAgreement: Sendable {
    public let units: ProjectUnits
    /// Code ids in report order.
    public let codes: [String]
    /// Category ids with their subtree code ids, in codebook order.
    public let categories: [(name: String, codes: Set<String>)]
    /// Over all units.
    public let overall: AgreementGroup
    /// One group per document or role when a breakdown was asked for, else empty.
    public let groups: [AgreementGroup]
    public let breakdown: AgreementBreakdown?
    /// How the α intervals were computed.
    public let interval: AlphaIntervalOptions
    public var bootstrapSamples: Int { interval.samples }
    public var seed: UInt64 { interval.seed }

    /// Computes the reports. `bootstrapSamples` B and `seed` for the α interval, `method` its
    /// method (``AlphaInterval``).
    /// - Throws: ``AnalysisError/unknownAttribute(_:known:)`` when `breakdown` names an attribute
    ///   no document or speaker has; errors of ``CodeAssignments``.
    public init(
        units: ProjectUnits, codebook: Codebook, breakdown: AgreementBreakdown? = nil,
        bootstrapSamples: Int = 1000, seed: UInt64 = 1, method: AlphaIntervalMethod = .auto
    ) throws {
        self.units = units
        self.breakdown = breakdown
        if case .attribute(let name) = breakdown {
            let known = units.attributeNames
            guard known.contains(name) else { throw AnalysisError.unknownAttribute(name, known: known) }
        }
        let interval = AlphaIntervalOptions(method: method, samples: bootstrapSamples, seed: seed)
        self.interval = interval
        let categories = Self.categories(codebook)
        self.categories = categories
        let all = try CodeAssignments(
            units: units.codeSets, coderCount: units.coders.count,
            codes: codebook.entries.map(\.code.id))
        codes = all.codes
        overall = AgreementGroup(
            label: "all", unitCount: units.units.count,
            report: CodeAgreement.report(all, categories: categories, interval: interval))
        guard let breakdown else {
            groups = []
            return
        }
        var order: [String] = []
        var members: [String: [ProjectUnit]] = [:]
        for u in units.units {
            let key: String
            switch breakdown {
            case .document: key = u.documentId
            case .role:
                key = u.role ?? units.attributes[u.documentId]?.value("role", speaker: u.speaker)?.text ?? "(no role)"
            case .attribute(let name):
                key = units.attributes[u.documentId]?.value(name, speaker: u.speaker)?.text ?? "(no \(name))"
            }
            if members[key] == nil { order.append(key) }
            members[key, default: []].append(u)
        }
        let codeOrder = all.codes
        // `order` holds exactly the keys of `members`.
        groups = try order.map { key in
            let us = members[key, default: []]
            let a = try CodeAssignments(units: us.map(\.codes), coderCount: units.coders.count, codes: codeOrder)
            return AgreementGroup(
                label: key, unitCount: us.count,
                report: CodeAgreement.report(a, categories: categories, interval: interval))
        }
    }

    /// Top-level codes with the ids of their whole subtree (themselves included).
    public static func categories(_ codebook: Codebook) -> [(name: String, codes: Set<String>)] {
        codebook.codes.map { top in
            var ids = Set<String>()
            func walk(_ c: Code) {
                ids.insert(c.id)
                c.children.forEach(walk)
            }
            walk(top)
            return (top.id, ids)
        }
    }

    /// Whether a per-code row belongs in a report: every code, except a category with sub-codes
    /// that no coder applied directly (its row would only say "not computable").
    public func isShown(_ row: BinaryAgreementReport, codebook: Codebook) -> Bool {
        guard let top = codebook.codes.first(where: { $0.id == row.label }), !top.children.isEmpty else { return true }
        return row.counts.appliedByCoder.contains { $0 > 0 }
    }

    /// Code ids used in the codings that the codebook does not define.
    public func unknownCodes(_ codebook: Codebook) -> [String] {
        let known = Set(codebook.entries.map(\.code.id))
        return codes.filter { !known.contains($0) }
    }
}
