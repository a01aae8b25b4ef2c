import KaderCore

/// The quote pick of `kader reconcile`: for each code of a resolved consensus, whose quote spans
/// the consensus keeps (A's, B's, both coders', or none: the whole segment). Each pick is a new
/// resolution saved at once, like accepting codes.
extension ReconcileState {
    /// The coders of the current item with their codings, in the order A, B.
    var currentCoders: [(name: String, coding: SegmentCoding?)] {
        guard let item = current else { return [] }
        return [(firstCoder, item.firstCoding), (secondCoder, item.secondCoding)]
    }

    /// A short name for a pick: `A's`, `B's`, `both`, `whole segment`.
    func pickName(_ pick: ConsensusCoding.SpanPick?) -> String {
        switch pick ?? .all {
        case .all: return "both"
        case .wholeSegment: return "whole segment"
        case .coder(let name): return name == firstCoder ? "A's" : name == secondCoder ? "B's" : name + "'s"
        }
    }

    /// The quotes the consensus keeps for `code` with the current resolution's picks (several
    /// joined with ` … `); nil for the whole segment. Computed by the same merge the save uses.
    public func keptQuote(code: String) -> String? {
        guard let item = current else { return nil }
        let merged = ConsensusCoding.merge(
            codes: [code], memo: nil, coders: currentCoders, segment: item.segment, created: "", modified: "",
            spanPicks: resolutions[cursor]?.picks ?? [:])
        let spans = merged.applied(code)?.spans ?? []
        if spans.isEmpty { return nil }
        return spans.map { item.segment.scalarText(from: $0.start, to: $0.end) }.joined(separator: " … ")
    }

    mutating func openPick() -> [ReconcileEffect] {
        guard let r = resolutions[cursor] else {
            message = "Decide the codes first (a, b, u, i or e); then p picks whose quotes each code keeps."
            return []
        }
        guard !r.codes.isEmpty else {
            message = "The consensus has no code here, so there is no quote to pick."
            return []
        }
        mode = .pick(code: 0)
        return []
    }

    mutating func pick(_ action: ReconcileAction) -> [ReconcileEffect] {
        guard case .pick(let i) = mode, var r = resolutions[cursor], r.codes.indices.contains(i),
            let item = current
        else { return [] }
        let code = r.codes[i]
        let name = codebook.entry(id: code)?.code.name ?? code
        switch action {
        case .pickFirst, .pickSecond:
            let first = action == .pickFirst
            guard (first ? item.first : item.second).contains(code) else {
                message = "\(first ? firstCoder : secondCoder) did not apply \(name); pick another (a, b, u or w)."
                return []
            }
            r.picks[code] = .coder(first ? firstCoder : secondCoder)
        case .pickWhole: r.picks[code] = .wholeSegment
        default: r.picks[code] = nil
        }
        resolutions[cursor] = r
        message = "\(name): the consensus keeps \(pickName(r.picks[code])) quotes (saved)."
        if r.picks[code] == .wholeSegment { message = "\(name): the consensus covers the whole segment (saved)." }
        return [.save(item: cursor, r)]
    }

    /// The pick that makes `merge` give `existing` spans for each of its codes, for reopening a
    /// consensus written earlier (codes whose spans match no pick keep the default).
    static func inferredPicks(
        of existing: SegmentCoding, coders: [(name: String, coding: SegmentCoding?)], segment: Segment
    ) -> [String: ConsensusCoding.SpanPick] {
        var out: [String: ConsensusCoding.SpanPick] = [:]
        func bounds(_ spans: [QuoteSpan]) -> [[Int]] {
            spans.map { [$0.start, $0.end] }.sorted { $0.lexicographicallyPrecedes($1) }
        }
        for applied in existing.applied {
            let have = bounds(applied.spans)
            let candidates: [ConsensusCoding.SpanPick] =
                [.all] + coders.map { .coder($0.name) } + [.wholeSegment]
            for candidate in candidates {
                let merged = ConsensusCoding.merge(
                    codes: [applied.code], memo: nil, coders: coders, segment: segment, created: "", modified: "",
                    spanPicks: [applied.code: candidate])
                if bounds(merged.applied(applied.code)?.spans ?? []) == have {
                    if candidate != .all { out[applied.code] = candidate }
                    break
                }
            }
        }
        return out
    }
}
