import Foundation

/// Pure edits of a ``CodingFile``. Each returns the new file; nothing touches the disk.
extension CodingFile {
    /// The coding of segment `id`, if any.
    public func coding(forSegment id: String) -> SegmentCoding? {
        codings.first { $0.segment == id }
    }

    /// Code ids applied to segment `id` (empty if none).
    public func codes(forSegment id: String) -> [String] {
        coding(forSegment: id)?.codes ?? []
    }

    /// Applies `code` to `segment` if absent, removes it if present.
    public func toggling(code: CodeID, on segment: Segment, at time: String) -> CodingFile {
        var present = codes(forSegment: segment.id)
        if let i = present.firstIndex(of: code.rawValue) {
            present.remove(at: i)
        } else {
            present.append(code.rawValue)
        }
        return settingCodes(present, on: segment, at: time)
    }

    /// Sets exactly `codes` on `segment` (an empty list removes the coding unless it has a memo);
    /// codes that stay keep their spans and memos.
    public func settingCodes(_ codes: [String], on segment: Segment, at time: String) -> CodingFile {
        updating(segment: segment, at: time) { $0.codes = Array(Set(codes)).sorted() }
    }

    /// Sets or clears the memo on `segment`.
    public func settingMemo(_ memo: String?, on segment: Segment, at time: String) -> CodingFile {
        updating(segment: segment, at: time) { $0.memo = (memo?.isEmpty ?? true) ? nil : memo }
    }

    /// Sets exactly `spans` as the quotes of `code` on `segment`, applying the code if it is not
    /// applied yet. Spans are clipped to the segment (document scalar offsets); empty ones are
    /// dropped; each gets its quoted text from the segment. An empty list leaves the code on the
    /// whole segment.
    public func settingSpans(_ spans: [QuoteSpan], code: CodeID, on segment: Segment, at time: String) -> CodingFile {
        let clipped = spans.compactMap { s -> QuoteSpan? in
            let lo = max(s.start, segment.start)
            let hi = min(s.end, segment.end)
            return lo < hi ? QuoteSpan(start: lo, end: hi).quoting(segment) : nil
        }
        return updatingCode(code.rawValue, on: segment, at: time) { $0.spans = Array(Set(clipped)).sorted() }
    }

    /// Adds `span` to the quotes of `code` on `segment` (applying the code if needed).
    public func addingSpan(_ span: QuoteSpan, code: CodeID, on segment: Segment, at time: String) -> CodingFile {
        let current = coding(forSegment: segment.id)?.applied(code.rawValue)?.spans ?? []
        return settingSpans(current + [span], code: code, on: segment, at: time)
    }

    /// Removes the quote with `span`'s offsets from `code` on `segment`; the code stays applied.
    public func removingSpan(_ span: QuoteSpan, code: CodeID, on segment: Segment, at time: String) -> CodingFile {
        guard let current = coding(forSegment: segment.id)?.applied(code.rawValue) else { return self }
        return updatingCode(code.rawValue, on: segment, at: time) { a in
            a.spans = current.spans.filter { $0.start != span.start || $0.end != span.end }
        }
    }

    /// Sets or clears the memo on `code` applied to `segment` (applying the code if needed).
    public func settingCodeMemo(_ memo: String?, code: CodeID, on segment: Segment, at time: String) -> CodingFile {
        updatingCode(code.rawValue, on: segment, at: time) { $0.memo = (memo?.isEmpty ?? true) ? nil : memo }
    }

    func updatingCode(
        _ code: String, on segment: Segment, at time: String, _ change: @escaping (inout AppliedCode) -> Void
    ) -> CodingFile {
        updating(segment: segment, at: time) { c in
            if let i = c.applied.firstIndex(where: { $0.code == code }) {
                change(&c.applied[i])
            } else {
                var a = AppliedCode(code: code)
                change(&a)
                c.applied = SegmentCoding.normalized(c.applied + [a])
            }
        }
    }

    func updating(segment: Segment, at time: String, _ change: (inout SegmentCoding) -> Void) -> CodingFile {
        var copy = self
        if let i = copy.codings.firstIndex(where: { $0.segment == segment.id }) {
            var c = copy.codings[i]
            change(&c)
            c.modified = time
            c.ordinal = segment.ordinal
            c.fingerprint = segment.fingerprint
            c.review = nil
            c.segmentStart = c.hasSpans ? segment.start : nil
            if c.isEmpty { copy.codings.remove(at: i) } else { copy.codings[i] = c }
        } else {
            var c = SegmentCoding(
                segment: SegmentID(segment.id), ordinal: segment.ordinal, fingerprint: segment.fingerprint, codes: [],
                created: time, modified: time)
            change(&c)
            c.segmentStart = c.hasSpans ? segment.start : nil
            if !c.isEmpty {
                let at = copy.codings.firstIndex { $0.ordinal > segment.ordinal } ?? copy.codings.count
                copy.codings.insert(c, at: at)
            }
        }
        if copy.status == .notStarted && !copy.codings.isEmpty { copy.status = .inProgress }
        return copy
    }
}
