import Foundation

/// Places the quote spans of a re-anchored coding on their words in the segment's current text.
///
/// Each span stores the text it quoted (``QuoteSpan/text``). In the new segment the span is
/// looked for, in this order:
/// 1. at its old place relative to the segment start (``SegmentCoding/segmentStart``);
/// 2. at the occurrence of the same text nearest that place (words moved, e.g. a space inserted
///    before the quote): the span follows them;
/// 3. at the occurrence of the same words with other whitespace (runs of whitespace compared as
///    one space): the span follows and its text is updated;
/// 4. otherwise the words changed: the span keeps its relative place, clipped to the segment, its
///    text becomes what it now quotes, and the coding is flagged for review. A span that no
///    longer overlaps the segment at all is dropped, and the coding flagged.
/// A span without stored text (from a schema-1 file or an import) moves with its segment start,
/// is flagged when that is unknown or the segment's text changed, and gets its text filled in.
enum QuoteAnchor {
    struct Counts {
        var followed = 0
        var flagged = 0
    }

    static func place(_ coding: SegmentCoding, old: SegmentCoding, on segment: Segment, outcome: ReanchorReport.Outcome)
        -> (SegmentCoding, Counts)
    {
        guard coding.hasSpans else { return (coding, Counts()) }
        var c = coding
        var counts = Counts()
        let scalars = Array(segment.textSlice.unicodeScalars)
        let base = old.segmentStart
        let delta = segment.start - (base ?? segment.start)
        var review = false
        for i in c.applied.indices where !c.applied[i].spans.isEmpty {
            var placed: [QuoteSpan] = []
            for span in c.applied[i].spans {
                let want = span.start + delta - segment.start  // relative to the segment
                let length = span.end - span.start
                if let text = span.text {
                    let words = Array(text.unicodeScalars)
                    if matches(scalars, at: want, words) {
                        placed.append(
                            QuoteSpan(start: segment.start + want, end: segment.start + want + words.count, text: text))
                        continue
                    }
                    if let at = nearest(words, in: scalars, to: want) {
                        counts.followed += 1
                        placed.append(
                            QuoteSpan(start: segment.start + at, end: segment.start + at + words.count, text: text))
                        continue
                    }
                    if let r = nearestIgnoringWhitespace(words, in: scalars, to: want) {
                        counts.followed += 1
                        placed.append(
                            QuoteSpan(start: segment.start + r.lowerBound, end: segment.start + r.upperBound).quoting(
                                segment))
                        continue
                    }
                } else if base != nil || outcome == .unchanged, outcome != .changed,
                    want >= 0, want + length <= scalars.count
                {
                    placed.append(
                        QuoteSpan(start: segment.start + want, end: segment.start + want + length).quoting(segment))
                    continue
                }
                // Words not found, or no way to tell: keep the place, flag it.
                review = true
                counts.flagged += 1
                let lo = max(0, want)
                let hi = min(scalars.count, want + length)
                if lo < hi {
                    placed.append(QuoteSpan(start: segment.start + lo, end: segment.start + hi).quoting(segment))
                }
            }
            c.applied[i].spans = Array(Set(placed)).sorted()
        }
        c.segmentStart = c.hasSpans ? segment.start : nil
        if review { c.review = true }
        return (c, counts)
    }

    static func matches(_ text: [Unicode.Scalar], at i: Int, _ words: [Unicode.Scalar]) -> Bool {
        guard i >= 0, i + words.count <= text.count, !words.isEmpty else { return false }
        for k in 0..<words.count where text[i + k] != words[k] { return false }
        return true
    }

    /// The start of the occurrence of `words` in `text` nearest `target`.
    static func nearest(_ words: [Unicode.Scalar], in text: [Unicode.Scalar], to target: Int) -> Int? {
        guard !words.isEmpty, words.count <= text.count else { return nil }
        var best: Int?
        for i in 0...(text.count - words.count) where text[i] == words[0] && matches(text, at: i, words) {
            if best.map({ abs(i - target) < abs($0 - target) }) ?? true { best = i }
        }
        return best
    }

    /// Like ``nearest(_:in:to:)`` with runs of whitespace compared as one space; the range in
    /// `text` of the match (from its first to its last non-space scalar).
    static func nearestIgnoringWhitespace(_ words: [Unicode.Scalar], in text: [Unicode.Scalar], to target: Int)
        -> Range<Int>?
    {
        let (w, _) = collapse(words)
        let (t, map) = collapse(text)
        let trimmed = Array(w.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
        guard let at = nearest(trimmed, in: t, to: target) else { return nil }
        let lo = map[at]
        let hi = map[at + trimmed.count - 1] + 1
        return lo..<hi
    }

    /// `text` with whitespace runs as one space, and the original index of each kept scalar.
    static func collapse(_ text: [Unicode.Scalar]) -> ([Unicode.Scalar], [Int]) {
        var out: [Unicode.Scalar] = []
        var map: [Int] = []
        out.reserveCapacity(text.count)
        map.reserveCapacity(text.count)
        var inSpace = false
        for (i, s) in text.enumerated() {
            if s.properties.isWhitespace {
                if !inSpace {
                    out.append(" ")
                    map.append(i)
                }
                inSpace = true
            } else {
                out.append(s)
                map.append(i)
                inSpace = false
            }
        }
        return (out, map)
    }
}
