import Foundation

/// The consensus coder's coding of a segment built from the coders' codings of it, keeping what
/// they quoted and wrote (used by `kader reconcile`).
public enum ConsensusCoding {
    /// The consensus coding of `segment` with exactly `codes`.
    ///
    /// Each code keeps the quote spans the coders gave it (the union, without duplicates); a code
    /// that only one coder applied keeps that coder's spans; a code some coder applied to the
    /// whole segment keeps only its spans from coders who quoted it (none: the whole segment).
    /// Memos: each code's memo is its coders' memos, each paragraph once, prefixed with the
    /// coder's name when the coders wrote different ones; the segment memo is `memo` (the
    /// reconciler's), followed by the coders' segment memo paragraphs it does not contain yet.
    /// - Parameters: `coders` are (coder name, that coder's coding of the segment or nil).
    public static func merge(codes: [String], memo: String?, coders: [(name: String, coding: SegmentCoding?)], segment: Segment,
                             created: String, modified: String) -> SegmentCoding {
        let applied = Set(codes).sorted().map { code -> AppliedCode in
            var spans: [QuoteSpan] = []
            var memos: [(String, String)] = []
            for (name, coding) in coders {
                guard let a = coding?.applied(code) else { continue }
                spans += a.spans.filter { $0.start >= segment.start && $0.end <= segment.end }
                if let m = a.memo, !m.isEmpty { memos.append((name, m)) }
            }
            let distinct = Set(memos.map(\.1))
            let text = distinct.count <= 1 ? memos.first?.1 : memos.map { "\($0.0): \($0.1)" }.joined(separator: "\n\n")
            return AppliedCode(code: code, spans: spans, memo: text)
        }
        var segmentMemo = memo?.isEmpty == false ? memo! : ""
        for (name, coding) in coders {
            guard let m = coding?.memo, !m.isEmpty else { continue }
            let already = segmentMemo.contains(m)
            if !already { segmentMemo += (segmentMemo.isEmpty ? "" : "\n\n") + (coders.count > 1 ? "\(name): " : "") + m }
        }
        return SegmentCoding(segment: segment.id, ordinal: segment.ordinal, fingerprint: segment.fingerprint, applied: applied,
                             memo: segmentMemo.isEmpty ? nil : segmentMemo, segmentStart: segment.start, created: created, modified: modified)
    }
}
