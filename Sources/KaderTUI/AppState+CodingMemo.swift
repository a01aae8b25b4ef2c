import KaderCore

/// The coding memo (one code's memo on one segment) and the project memo.
extension AppState {
    /// The codebook entries of the codes applied to the current segment, in codebook order.
    var segmentCodeEntries: [CodeEntry] {
        let applied = Set(currentSegment.map { codes(for: $0.id) } ?? [])
        return codeEntries.filter { applied.contains($0.code.id) }
    }

    /// Opens the memo editor on `code`'s memo on the current segment.
    mutating func openCodingMemo(code: String) {
        guard let s = currentSegment else { return }
        let text = codings?.coding(forSegment: s.id)?.applied(code)?.memo ?? ""
        mode = .memo(MemoEditor(target: .coding(segmentId: s.id, ordinal: s.ordinal, code: code), text: text))
    }
}
