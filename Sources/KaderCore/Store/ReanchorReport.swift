import Foundation

/// What re-anchoring did to each coding of a file (see ``CodingFile/reanchored(to:)``).
public struct ReanchorReport: Sendable, Hashable {
    public enum Outcome: String, Sendable, Hashable, CaseIterable {
        /// Same segment id, same fingerprint, same ordinal.
        case unchanged
        /// The same text found at another place or under another id (same fingerprint); an orphan
        /// whose text came back is also `moved`.
        case moved
        /// The text changed: attached by position to the segment that took its place, flagged for review.
        case changed
        /// No segment matches: kept in ``CodingFile/orphans``, attached to nothing.
        case orphaned
    }

    public struct Entry: Sendable, Hashable {
        /// Segment id and ordinal the coding had before.
        public var segment: String
        public var ordinal: Int
        public var outcome: Outcome
        /// Segment id and ordinal it has now (nil when orphaned).
        public var newSegment: String?
        public var newOrdinal: Int?
    }

    /// One entry per coding and former orphan, in the order of the old file.
    public var entries: [Entry] = []

    /// Quote spans found again at another place in their segment (their words moved).
    public var quotesFollowed = 0
    /// Quote spans whose words were not found again (the text changed), or that lay outside
    /// their segment: kept on the nearest words and their coding flagged for review.
    public var quotesFlagged = 0

    public init(entries: [Entry] = []) { self.entries = entries }

    public func count(_ outcome: Outcome) -> Int { entries.reduce(0) { $0 + ($1.outcome == outcome ? 1 : 0) } }

    /// True when nothing moved, changed or is orphaned.
    public var isClean: Bool {
        entries.allSatisfy { $0.outcome == .unchanged } && quotesFollowed == 0 && quotesFlagged == 0
    }

    /// `3 moved, 1 changed (review), 2 orphaned`, or `unchanged`.
    public var summary: String {
        var parts: [String] = []
        if count(.moved) > 0 { parts.append("\(count(.moved)) moved") }
        if count(.changed) > 0 { parts.append("\(count(.changed)) changed (flagged for review)") }
        if count(.orphaned) > 0 { parts.append("\(count(.orphaned)) orphaned (kept, attached to nothing)") }
        if quotesFollowed > 0 { parts.append("\(quotesFollowed) quotes followed their words") }
        if quotesFlagged > 0 { parts.append("\(quotesFlagged) quotes whose words changed (flagged for review)") }
        return parts.isEmpty ? "unchanged" : parts.joined(separator: ", ")
    }
}

extension CodingFile {
    /// This file's codings re-anchored to `document` — a pure function.
    ///
    /// Each coding (and each earlier orphan) is matched, in this order:
    /// 1. by segment id (the id hashes speaker and text, so a match means the same text):
    ///    `unchanged`, or `moved` if its ordinal changed;
    /// 2. by fingerprint, to the unclaimed segment with that fingerprint nearest its old ordinal:
    ///    `moved` (re-labelled speaker, duplicate renumbered, whitespace changed);
    /// 3. by position, only for codings that were attached: when the number of segments between
    ///    its nearest matched neighbours (the document start counts as one) is the same as
    ///    before, the segment now at its place took over its text — `changed`, with
    ///    ``SegmentCoding/review`` set. The old text is not stored, so similarity is judged by
    ///    this position alone, which is why the coding is flagged;
    /// 4. otherwise `orphaned`: moved unaltered to ``orphans``, never dropped, never attached to
    ///    another segment.
    /// Then each quote span of an attached coding is placed on its words (``QuoteAnchor``).
    /// No segment receives two codings. The result carries the document's content hash; when
    /// everything is unchanged it equals this file apart from that hash.
    public func reanchored(to document: Document) -> (file: CodingFile, report: ReanchorReport) {
        reanchoredUnchanged(to: document) ?? reanchoredGenerally(to: document)
    }

    /// ``reanchored(to:)`` by matching ids, fingerprints and ordinal anchors (any file).
    func reanchoredGenerally(to document: Document) -> (file: CodingFile, report: ReanchorReport) {
        let segments = document.segments
        var byId: [String: Int] = [:]
        byId.reserveCapacity(segments.count)
        for (i, s) in segments.enumerated() { byId[s.id] = i }
        let all = codings + (orphans ?? [])
        let wasOrphan = codings.count
        var target = [Int?](repeating: nil, count: all.count)
        var outcome = [ReanchorReport.Outcome](repeating: .orphaned, count: all.count)
        var claimed = Set<Int>()

        for (k, c) in all.enumerated() {
            guard let i = byId[c.segment], !claimed.contains(i) else { continue }
            claimed.insert(i)
            target[k] = i
            let s = segments[i]
            outcome[k] =
                s.fingerprint != c.fingerprint
                ? .changed : (s.ordinal == c.ordinal && k < wasOrphan ? .unchanged : .moved)
        }
        // Segments by fingerprint, only when some coding's segment id is gone.
        var byPrint: [String: [Int]] = [:]
        if target.contains(where: { $0 == nil }) {
            for (i, s) in segments.enumerated() { byPrint[s.fingerprint, default: []].append(i) }
        }
        for (k, c) in all.enumerated() where target[k] == nil {
            let free = (byPrint[c.fingerprint] ?? []).filter { !claimed.contains($0) }
            guard
                let i = free.min(by: { abs(segments[$0].ordinal - c.ordinal) < abs(segments[$1].ordinal - c.ordinal) })
            else { continue }
            claimed.insert(i)
            target[k] = i
            outcome[k] = .moved
        }
        // Anchors: attached codings matched above, as (old ordinal, new ordinal), increasing in both.
        // `last` is always `anchors.last`.
        var last = (old: 0, new: 0)
        var anchors: [(old: Int, new: Int)] = [last]
        for k in (0..<wasOrphan).sorted(by: { all[$0].ordinal < all[$1].ordinal }) {
            guard let i = target[k] else { continue }
            let pair = (old: all[k].ordinal, new: segments[i].ordinal)
            if pair.old > last.old && pair.new > last.new {
                anchors.append(pair)
                last = pair
            }
        }
        // The end of the old document, when its segment count is known, anchors codings after
        // the last matched one.
        if let n = segmentCount, contentHash != document.contentHash, n + 1 > last.old, segments.count + 1 > last.new {
            anchors.append((old: n + 1, new: segments.count + 1))
        }
        for k in 0..<wasOrphan where target[k] == nil {
            let old = all[k].ordinal
            guard let next = anchors.firstIndex(where: { $0.old > old }) else { continue }
            let lo = anchors[next - 1]
            let hi = anchors[next]
            guard hi.old - lo.old == hi.new - lo.new else { continue }
            let i = lo.new + (old - lo.old) - 1
            guard i >= 0, i < segments.count, segments[i].ordinal == lo.new + (old - lo.old), !claimed.contains(i)
            else { continue }
            claimed.insert(i)
            target[k] = i
            outcome[k] = .changed
        }

        var next = self
        next.contentHash = document.contentHash
        next.segmentCount = segments.count
        next.codings = []
        var orphaned: [SegmentCoding] = []
        var entries: [ReanchorReport.Entry] = []
        var quotesFollowed = 0
        var quotesFlagged = 0
        for (k, c) in all.enumerated() {
            guard let i = target[k] else {
                orphaned.append(c)
                entries.append(.init(segment: c.segment, ordinal: c.ordinal, outcome: .orphaned))
                continue
            }
            let s = segments[i]
            var moved = c
            moved.segment = s.id
            moved.ordinal = s.ordinal
            moved.fingerprint = s.fingerprint
            if outcome[k] == .changed { moved.review = true }
            let (placed, quotes) = QuoteAnchor.place(moved, old: c, on: s, outcome: outcome[k])
            moved = placed
            quotesFollowed += quotes.followed
            quotesFlagged += quotes.flagged
            next.codings.append(moved)
            entries.append(
                .init(
                    segment: c.segment, ordinal: c.ordinal, outcome: outcome[k], newSegment: s.id, newOrdinal: s.ordinal
                ))
        }
        next.orphans = orphaned.isEmpty ? nil : orphaned
        next = next.canonical()
        var report = ReanchorReport(entries: entries)
        report.quotesFollowed = quotesFollowed
        report.quotesFlagged = quotesFlagged
        return (next, report)
    }

    /// The common case of ``reanchored(to:)`` without hashing: no orphans, and every coding (in
    /// increasing ordinal order) still names the segment at its ordinal with the same fingerprint.
    /// Gives exactly what the general path gives then (every outcome `.unchanged`); nil otherwise.
    func reanchoredUnchanged(to document: Document) -> (file: CodingFile, report: ReanchorReport)? {
        guard orphans?.isEmpty ?? true else { return nil }
        let segments = document.segments
        var previous = 0
        for c in codings {
            guard c.ordinal > previous, c.ordinal <= segments.count else { return nil }
            let s = segments[c.ordinal - 1]
            guard s.ordinal == c.ordinal, s.id == c.segment, s.fingerprint == c.fingerprint else { return nil }
            previous = c.ordinal
        }
        var next = self
        next.contentHash = document.contentHash
        next.segmentCount = segments.count
        var report = ReanchorReport(
            entries: codings.map {
                .init(
                    segment: $0.segment, ordinal: $0.ordinal, outcome: .unchanged, newSegment: $0.segment,
                    newOrdinal: $0.ordinal)
            })
        for k in codings.indices where codings[k].hasSpans {
            let c = codings[k]
            let (placed, quotes) = QuoteAnchor.place(c, old: c, on: segments[c.ordinal - 1], outcome: .unchanged)
            next.codings[k] = placed
            report.quotesFollowed += quotes.followed
            report.quotesFlagged += quotes.flagged
        }
        next.orphans = nil
        return (next.canonical(), report)
    }
}
