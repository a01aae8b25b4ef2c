import Foundation

/// The consensus coder's coding of a segment built from the coders' codings of it, keeping what
/// they quoted and wrote (used by `kader reconcile`).
public enum ConsensusCoding {
    /// Which quote spans the consensus gives one code (the reconciler's pick).
    public enum SpanPick: Sendable, Hashable {
        /// Every coder's spans, united (the default).
        case all
        /// Only this coder's spans (none when that coder applied the code to the whole segment);
        /// when that coder did not apply the code, every coder's spans.
        case coder(String)
        /// No spans: the whole segment.
        case wholeSegment
    }

    /// Each coder's quote spans for `code` in `segment`, in the order of `coders`, for showing
    /// them side by side: only coders who applied the code; an empty list means that coder
    /// applied it to the whole segment. Spans outside the segment are left out.
    public static func spans(of code: String, coders: [(name: String, coding: SegmentCoding?)], segment: Segment)
        -> [(coder: String, spans: [QuoteSpan])]
    {
        coders.compactMap { name, coding in
            coding?.applied(code).map { (name, $0.spans.filter { $0.start >= segment.start && $0.end <= segment.end }) }
        }
    }

    /// The consensus coding of `segment` with exactly `codes`.
    ///
    /// Each code keeps the quote spans the coders gave it (the union, without duplicates); a code
    /// that only one coder applied keeps that coder's spans; a code some coder applied to the
    /// whole segment keeps only its spans from coders who quoted it (none: the whole segment).
    /// `spanPicks` (code id → ``SpanPick``) overrides this per code: one coder's spans, or the
    /// whole segment.
    /// Memos: each code's memo is its coders' memos, each paragraph once, prefixed with the
    /// coder's name when the coders wrote different ones; the segment memo is `memo` (the
    /// reconciler's), followed by the coders' segment memo paragraphs it does not contain yet.
    /// - Parameters: `coders` are (coder name, that coder's coding of the segment or nil).
    public static func merge(
        codes: [String], memo: String?, coders: [(name: String, coding: SegmentCoding?)], segment: Segment,
        created: String, modified: String, spanPicks: [String: SpanPick] = [:]
    ) -> SegmentCoding {
        let applied = Set(codes).sorted().map { code -> AppliedCode in
            var memos: [(String, String)] = []
            for (name, coding) in coders {
                guard let a = coding?.applied(code), let m = a.memo, !m.isEmpty else { continue }
                memos.append((name, m))
            }
            let each = spans(of: code, coders: coders, segment: segment)
            var picked = each.flatMap(\.spans)
            switch spanPicks[code] ?? .all {
            case .all: break
            case .wholeSegment: picked = []
            case .coder(let name): if let mine = each.first(where: { $0.coder == name }) { picked = mine.spans }
            }
            let distinct = Set(memos.map(\.1))
            let text = distinct.count <= 1 ? memos.first?.1 : memos.map { "\($0.0): \($0.1)" }.joined(separator: "\n\n")
            return AppliedCode(code: code, spans: picked, memo: text)
        }
        var segmentMemo = memo ?? ""
        for (name, coding) in coders {
            guard let m = coding?.memo, !m.isEmpty else { continue }
            let already = segmentMemo.contains(m)
            if !already {
                segmentMemo += (segmentMemo.isEmpty ? "" : "\n\n") + (coders.count > 1 ? "\(name): " : "") + m
            }
        }
        return SegmentCoding(
            segment: SegmentID(segment.id), ordinal: segment.ordinal, fingerprint: segment.fingerprint,
            applied: applied,
            memo: segmentMemo.isEmpty ? nil : segmentMemo, segmentStart: segment.start, created: created,
            modified: modified)
    }
}
