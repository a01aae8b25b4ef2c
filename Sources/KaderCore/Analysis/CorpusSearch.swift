import Dispatch
import Foundation

/// One hit of `kader search`: where it is and its keyword-in-context.
public struct SearchHit: Sendable, Hashable {
    public var document: String
    public var segment: String
    public var ordinal: Int
    public var speaker: String?
    public var role: String?
    public var codable: Bool
    /// Unicode scalar offsets of the match in the document text.
    public var start: Int
    public var end: Int
    /// Up to ``CorpusSearch/context`` characters before and after the match in its segment
    /// (whitespace collapsed), and the match as written.
    public var left: String
    public var match: String
    public var right: String
}

/// Searches every segment of a corpus (`kader search`).
public enum CorpusSearch {
    /// Characters of context on each side.
    public static let context = 45

    /// The hits of `pattern` in `corpus`, in document and segment order; only segments `filter`
    /// accepts for some coder (all segments when nil; `codableOnly` skips moderator turns).
    public static func run(
        _ corpus: AnalysisCorpus, pattern: SearchPattern, filter: SegmentFilter? = nil, codableOnly: Bool = false
    ) -> [SearchHit] {
        // Documents are searched on every core, each by one worker, and joined in order.
        Parallel.map(count: corpus.documents.count) { d in
            search(corpus.documents[d], pattern: pattern, filter: filter, codableOnly: codableOnly)
        }.flatMap { $0 }
    }

    static func search(_ doc: AnalysisDocument, pattern: SearchPattern, filter: SegmentFilter?, codableOnly: Bool)
        -> [SearchHit]
    {
        var scanner = WordScanner()
        var hits: [SearchHit] = []
        var allowed: Set<Int>?
        if let filter {
            var set: Set<Int> = []
            for view in SegmentFilter.views(doc) {
                for (k, ok) in filter.evaluate(doc, view: view).enumerated() where ok { set.insert(doc.units[k]) }
            }
            allowed = set
        }
        for (i, seg) in doc.document.segments.enumerated() {
            if let allowed, !allowed.contains(i) { continue }
            if codableOnly && !seg.codable { continue }
            let ranges = pattern.matches(in: seg.textSlice, scanner: &scanner)
            guard !ranges.isEmpty else { continue }
            let scalars = Array(seg.textSlice.unicodeScalars)
            for r in ranges {
                hits.append(
                    SearchHit(
                        document: doc.document.id, segment: seg.id, ordinal: seg.ordinal, speaker: seg.speaker,
                        role: doc.role(segment: i), codable: seg.codable,
                        start: seg.start + r.lowerBound, end: seg.start + r.upperBound,
                        left: tail(scalars[max(0, r.lowerBound - context * 2)..<r.lowerBound]),
                        match: Fingerprint.collapseWhitespace(String(String.UnicodeScalarView(scalars[r]))),
                        right: head(scalars[r.upperBound..<min(scalars.count, r.upperBound + context * 2)])))
            }
        }
        return hits
    }

    static func tail(_ s: ArraySlice<Unicode.Scalar>) -> String {
        let t = Fingerprint.collapseWhitespace(String(String.UnicodeScalarView(s)))
        let keep = s.last.map { $0.properties.isWhitespace } == true ? t + " " : t
        return keep.count <= context ? keep : "…" + String(keep.suffix(context - 1))
    }

    static func head(_ s: ArraySlice<Unicode.Scalar>) -> String {
        let t = Fingerprint.collapseWhitespace(String(String.UnicodeScalarView(s)))
        let keep = s.first.map { $0.properties.isWhitespace } == true ? " " + t : t
        return keep.count <= context ? keep : String(keep.prefix(context - 1)) + "…"
    }

    /// Keyword-in-context lines: the match centred, then document, segment ordinal, speaker and role.
    public static func kwic(_ hits: [SearchHit]) -> String {
        hits.map { h in
            let left = h.left.count < context ? String(repeating: " ", count: context - h.left.count) + h.left : h.left
            let who = [h.speaker, h.role.map { "(\($0))" }].compactMap { $0 }.joined(separator: " ")
            return
                "\(left) [\(h.match)] \(h.right.padding(toLength: context, withPad: " ", startingAt: 0))  \(h.document) #\(h.ordinal) \(who)"
        }.joined(separator: "\n") + (hits.isEmpty ? "" : "\n")
    }

    public static let columns = [
        "document", "segment_id", "ordinal", "speaker", "role", "start", "end", "left", "match", "right",
    ]

    public static func cells(_ h: SearchHit) -> [String] {
        [
            h.document, h.segment, String(h.ordinal), h.speaker ?? "", h.role ?? "", String(h.start), String(h.end),
            h.left, h.match, h.right,
        ]
    }
}
