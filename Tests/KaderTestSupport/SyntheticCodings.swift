import Foundation
import KaderCore

/// Synthetic codings files and a save-latency probe for the tests and `kader-dev save-bench`
/// (`make bench` has its own corpus in Sources/KaderBench).
public enum SyntheticCodings {
    /// Code ids used by synthetic files (those of the starter codebook).
    public static let codeIds = [
        "veranderingsprocessen", "welbevinden", "gelijke-onderwijskansen", "digitalisering", "digitale-kloof",
        "digitale-vaardigheden", "didactiek", "structuur-zelfregulering", "stroomlijning", "werkdruk",
        "school-teamwerking",
    ]

    /// `count` synthetic segments: ids `s` + 12 hex digits, ordinals 1…count, 200 scalars each.
    public static func segments(count: Int) -> [Segment] {
        (1...max(1, count)).map { n in
            let h = Fingerprint.sha256Hex("segment \(n)")
            return Segment(
                id: "s" + h.prefix(12), ordinal: n, speaker: "Deelnemer \(n % 7 + 1)", role: "leerkracht",
                start: (n - 1) * 200, end: n * 200, text: "", fingerprint: String(h.suffix(16)))
        }
    }

    /// A codings file over `segments` with `codings` code applications spread evenly
    /// (5,000 segments and 20,000 codings give 4 codes per segment), every tenth with a memo.
    /// With `spansPerCode` > 0 every code gets that many quote spans (with their words) and every
    /// tenth code a memo of its own, as schema 2 files of careful coders have.
    public static func file(
        coder: String = "bench", document: String = "synthetic", segments: [Segment], codings: Int,
        spansPerCode: Int = 0
    ) -> CodingFile {
        var file = CodingFile(
            coder: CoderName(coder), document: DocumentID(document), contentHash: Fingerprint.sha256Hex(document),
            status: .inProgress)
        let perSegment = max(1, min(codeIds.count, (codings + segments.count - 1) / max(1, segments.count)))
        var left = codings
        for s in segments where left > 0 {
            let n = min(perSegment, left)
            left -= n
            let codes = Array(Set((0..<n).map { codeIds[(s.ordinal + $0 * 3) % codeIds.count] })).sorted()
            let applied = codes.enumerated().map { i, code in
                AppliedCode(
                    code: code,
                    spans: (0..<spansPerCode).map { k in
                        let start = s.start + (i * spansPerCode + k) * 12 % 150
                        return QuoteSpan(
                            start: start, end: start + 40, text: "citaat \(s.ordinal)-\(i)-\(k): de werkdruk is enorm")
                    },
                    memo: spansPerCode > 0 && (s.ordinal + i) % 10 == 0 ? "Memo bij \(code): waarom dit citaat." : nil)
            }
            file.codings.append(
                SegmentCoding(
                    segment: SegmentID(s.id), ordinal: s.ordinal, fingerprint: s.fingerprint, applied: applied,
                    memo: s.ordinal % 10 == 0
                        ? "Memo bij segment \(s.ordinal): \"let op\" — zie ook de vorige beurt." : nil,
                    segmentStart: s.start, created: "2026-11-29T10:00:00Z", modified: "2026-11-29T10:00:00Z"))
        }
        return file
    }

    /// Save latencies in milliseconds.
    public struct Result: Sendable {
        /// One per save, in order.
        public var milliseconds: [Double]
        /// Size of the codings file in bytes.
        public var fileBytes: Int
        /// Median time to encode the file alone (no disk), in milliseconds.
        public var encodeMilliseconds: Double = 0

        /// The `p`-th percentile (0…100), nearest rank.
        public func percentile(_ p: Double) -> Double {
            let sorted = milliseconds.sorted()
            guard !sorted.isEmpty else { return 0 }
            let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
            return sorted[max(0, min(sorted.count - 1, rank - 1))]
        }

        public var p50: Double { percentile(50) }
        public var p99: Double { percentile(99) }
    }

    /// Saves one change at a time through a real ``CodingStore`` in `projectRoot` (a scratch
    /// folder; `Codings/bench/` is created in it) and times each: the edit (toggling one code on
    /// one segment) plus ``CodingStore/save(_:)`` until it returns, i.e. until the change is durable.
    /// - Parameters: `segments` and `codings` size the file; `saves` is the number of timed saves;
    ///   `spansPerCode` quote spans per code (see ``file(coder:document:segments:codings:spansPerCode:)``).
    /// - Throws: ``StoreError``.
    public static func measureSaves(
        projectRoot: URL, segments: Int = 5000, codings: Int = 20000, saves: Int = 200,
        spansPerCode: Int = 0
    ) throws -> Result {
        let segs = Self.segments(count: segments)
        let store = try CodingStore(projectRoot: projectRoot, coder: "bench")
        var file = Self.file(segments: segs, codings: codings, spansPerCode: spansPerCode)
        try store.save(file)
        var times: [Double] = []
        times.reserveCapacity(saves)
        for i in 0..<saves {
            let segment = segs[(i * 7919) % segs.count]
            let started = DispatchTime.now().uptimeNanoseconds
            file = file.toggling(code: "werkdruk", on: segment, at: Timestamp.now())
            try store.save(file)
            times.append(Double(DispatchTime.now().uptimeNanoseconds - started) / 1_000_000)
        }
        var encodes: [Double] = []
        for _ in 0..<20 {
            let started = DispatchTime.now().uptimeNanoseconds
            _ = file.encodedBytes()
            encodes.append(Double(DispatchTime.now().uptimeNanoseconds - started) / 1_000_000)
        }
        let size =
            (try? FileManager.default.attributesOfItem(atPath: store.fileURL(documentId: file.document).path)[.size]
                as? Int) ?? 0
        return Result(milliseconds: times, fileBytes: size, encodeMilliseconds: encodes.sorted()[encodes.count / 2])
    }
}
