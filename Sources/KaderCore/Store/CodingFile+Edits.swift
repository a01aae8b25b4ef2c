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
    public func toggling(code: String, on segment: Segment, at time: String) -> CodingFile {
        var present = codes(forSegment: segment.id)
        if let i = present.firstIndex(of: code) { present.remove(at: i) } else { present.append(code) }
        return settingCodes(present, on: segment, at: time)
    }

    /// Sets exactly `codes` on `segment` (an empty list removes the coding unless it has a memo).
    public func settingCodes(_ codes: [String], on segment: Segment, at time: String) -> CodingFile {
        updating(segment: segment, at: time) { $0.codes = Array(Set(codes)).sorted() }
    }

    /// Sets or clears the memo on `segment`.
    public func settingMemo(_ memo: String?, on segment: Segment, at time: String) -> CodingFile {
        updating(segment: segment, at: time) { $0.memo = (memo?.isEmpty ?? true) ? nil : memo }
    }

    /// Sets or clears the quote span on `segment`.
    public func settingSpan(_ span: QuoteSpan?, on segment: Segment, at time: String) -> CodingFile {
        updating(segment: segment, at: time) {
            $0.span = span
            $0.spanSegmentStart = span == nil ? nil : segment.start
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
            if c.isEmpty { copy.codings.remove(at: i) } else { copy.codings[i] = c }
        } else {
            var c = SegmentCoding(segment: segment.id, ordinal: segment.ordinal, fingerprint: segment.fingerprint, codes: [], created: time, modified: time)
            change(&c)
            if !c.isEmpty {
                let at = copy.codings.firstIndex { $0.ordinal > segment.ordinal } ?? copy.codings.count
                copy.codings.insert(c, at: at)
            }
        }
        if copy.status == .notStarted && !copy.codings.isEmpty { copy.status = .inProgress }
        return copy
    }
}
