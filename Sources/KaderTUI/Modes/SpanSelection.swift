import KaderCore

/// Selecting an exact quote inside the current segment: by word, clause or sentence, by
/// searching for its first words, or by a count (`3)` is three sentences on).
public struct SpanSelection: Hashable, Sendable {
    public var segmentId: String
    /// Word ranges as document scalar offsets.
    public var words: [Range<Int>]
    /// Per word: 2 when a sentence ends with it (`.`, `?`, `!`, `…`), 1 when a clause ends with
    /// it (`,`, `;`, `:`, a dash), else 0.
    public var breaks: [UInt8]
    public var cursor: Int
    public var anchor: Int?
    /// A count typed before a motion (`3)`), or nil.
    public var count: Int?
    /// The words being typed after `/` to find the quote's start (nil when not searching).
    public var query: LineEditor?
    /// The code the quote is for (the segment's only code), or nil to ask with the picker on Enter.
    public var code: String? = nil
    /// True when `/` was pressed with a selection: the match extends it instead of replacing it.
    public var extendBySearch = false

    public init(segmentId: String, words: [Range<Int>], breaks: [UInt8] = [], cursor: Int = 0, anchor: Int? = nil) {
        self.segmentId = segmentId
        self.words = words
        self.breaks = breaks.count == words.count ? breaks : Array(repeating: 0, count: words.count)
        self.cursor = cursor
        self.anchor = anchor
    }

    /// A selection over `segment` (of `document`'s text), word breaks computed.
    public init(segment: Segment) {
        let words = Self.words(of: segment)
        let scalars = Array(segment.text.unicodeScalars)
        let breaks: [UInt8] = words.map { w in
            var i = w.upperBound - segment.start - 1
            // Skip closing quotes and brackets: `zo.”` ends a sentence.
            while i > w.lowerBound - segment.start, "\"'”’)]»".unicodeScalars.contains(scalars[i]) { i -= 1 }
            let last = scalars[i]
            if ".?!…".unicodeScalars.contains(last) { return 2 }
            if ",;:–—".unicodeScalars.contains(last) { return 1 }
            if scalars[w.lowerBound - segment.start..<w.upperBound - segment.start].allSatisfy({
                "-–—".unicodeScalars.contains($0)
            }) {
                return 1
            }
            return 0
        }
        self.init(segmentId: segment.id, words: words, breaks: breaks)
    }

    /// Words `min(anchor, cursor)…max(anchor, cursor)` (or just the cursor word) as one span.
    public var span: QuoteSpan? {
        guard !words.isEmpty else { return nil }
        let a = anchor ?? cursor
        let lo = min(a, cursor)
        let hi = max(a, cursor)
        return QuoteSpan(start: words[lo].lowerBound, end: words[hi].upperBound)
    }

    /// The word range of the unit (sentence: level 2, clause: level 1) containing word `i`.
    public func unit(containing i: Int, level: UInt8) -> ClosedRange<Int> {
        guard !words.isEmpty else { return 0...0 }
        let i = max(0, min(i, words.count - 1))
        var lo = i
        while lo > 0 && breaks[lo - 1] < level { lo -= 1 }
        var hi = i
        while hi < words.count - 1 && breaks[hi] < level { hi += 1 }
        return lo...hi
    }

    /// Selects the unit containing the cursor, or with `extend` adds it to the selection.
    public mutating func selectUnit(level: UInt8, extend: Bool = false) {
        let u = unit(containing: cursor, level: level)
        if extend, let a = anchor {
            let lo = min(a, u.lowerBound, cursor)
            let hi = max(a, u.upperBound, cursor)
            anchor = lo
            cursor = hi
        } else {
            anchor = u.lowerBound
            cursor = u.upperBound
        }
    }

    /// Moves `n` units forward (or back) and selects the unit reached.
    public mutating func moveUnit(by n: Int, level: UInt8) {
        guard !words.isEmpty else { return }
        let lo = min(anchor ?? cursor, cursor)
        let hi = max(anchor ?? cursor, cursor)
        var u = unit(containing: n >= 0 ? hi : lo, level: level)
        for _ in 0..<abs(n) {
            let next = n > 0 ? u.upperBound + 1 : u.lowerBound - 1
            guard next >= 0, next < words.count else { break }
            u = unit(containing: next, level: level)
        }
        anchor = u.lowerBound
        cursor = u.upperBound
    }

    /// The first word at or after `from` (wrapping) where the words of `query` begin, matching
    /// each typed word as a prefix, ignoring case and accents.
    public func find(_ query: String, in text: String, segmentStart: Int, from: Int) -> ClosedRange<Int>? {
        let typed = TextSearch.fold(query).split(separator: " ").map(String.init)
        guard !typed.isEmpty, !words.isEmpty else { return nil }
        let scalars = Array(text.unicodeScalars)
        func word(_ i: Int) -> String {
            TextSearch.fold(
                String(
                    String.UnicodeScalarView(
                        scalars[(words[i].lowerBound - segmentStart)..<(words[i].upperBound - segmentStart)])))
        }
        for step in 0..<words.count {
            let start = (from + step) % words.count
            guard start + typed.count <= words.count else { continue }
            var ok = true
            for (k, t) in typed.enumerated() {
                let w = word(start + k)
                if k == typed.count - 1 ? !w.hasPrefix(t) : w != t && !w.hasPrefix(t) {
                    ok = false
                    break
                }
            }
            if ok { return start...(start + typed.count - 1) }
        }
        return nil
    }

    /// Splits a segment into words (runs of non-whitespace scalars).
    public static func words(of segment: Segment) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var start: Int?
        var offset = segment.start
        for s in segment.text.unicodeScalars {
            if s.properties.isWhitespace {
                if let b = start { result.append(b..<offset) }
                start = nil
            } else if start == nil {
                start = offset
            }
            offset += 1
        }
        if let b = start { result.append(b..<offset) }
        return result
    }
}
