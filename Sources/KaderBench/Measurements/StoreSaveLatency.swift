import Foundation
import KaderCore

/// Save latency per change: one code toggled on a document of 5,000 segments carrying 20,000
/// codings, then `CodingStore.save` (what the TUI does before it shows "saved"). Two files: codes
/// without quote spans (the issue's case), and schema 2 at its heaviest: every code with its own
/// quote span of half its turn (with its words, so the file holds the transcript twice over) and
/// every tenth code its own memo. Each through the journal (what the coding screen does: append
/// the change and `fdatasync`, the file folded whole while the coder pauses — here after every
/// 25 changes, timed apart) and by rewriting the whole file per save (the other writers).
enum StoreSaveLatency {
    static func run(_ ctx: BenchContext) throws -> [Row] {
        try [true, false].flatMap { journal in try [false, true].map { try run(ctx, withSpans: $0, journal: journal) } }
    }

    static func run(_ ctx: BenchContext, withSpans: Bool, journal: Bool) throws -> Row {
        let segmentCount = 5_000
        let codingsPerSegment = 4
        let root = ctx.outDir.appendingPathComponent("store-project")
        try? FileManager.default.removeItem(at: root)
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("Codings"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }

        let doc = try TranscriptLoader().load(
            data: Corpus.turns(segmentCount, seed: 11), path: "store.txt", id: "store", format: .plainText)
        guard doc.segments.count == segmentCount else {
            throw BenchError.check("store document has \(doc.segments.count) segments, expected \(segmentCount)")
        }
        let codebook = try CodebookFile.load(ctx.repoRoot.appendingPathComponent("Codebooks/analysekader.yaml"))
        let codeIds = codebook.entries.map(\.code.id)
        var rng = BenchRNG(seed: 5)
        let time = "2026-03-12T10:00:00Z"
        let codings = doc.segments.map { s -> SegmentCoding in
            var set = Set<String>()
            while set.count < codingsPerSegment { set.insert(rng.pick(codeIds)) }
            let applied = set.sorted().enumerated().map { i, code in
                let length = max(1, (s.end - s.start) / 2)
                let start = s.start + (s.end - s.start - length) * i / codingsPerSegment
                return AppliedCode(
                    code: code, spans: withSpans ? [QuoteSpan(start: start, end: start + length).quoting(s)] : [],
                    memo: (s.ordinal + i) % 10 == 0 ? "Waarom \(code) hier: zie het citaat." : nil)
            }
            return SegmentCoding(
                segment: SegmentID(s.id), ordinal: s.ordinal, fingerprint: s.fingerprint, applied: applied,
                segmentStart: s.start,
                created: time, modified: time)
        }
        var file = CodingFile(
            coder: "bench", document: DocumentID(doc.id), contentHash: doc.contentHash, status: .inProgress,
            codings: codings)
        let store = try CodingStore(projectRoot: root, coder: "bench", journal: journal)
        try store.save(file)
        let fileBytes = (try? Data(contentsOf: store.fileURL(documentId: doc.id)).count) ?? 0

        let changes = ctx.quick ? 100 : 300
        var samples: [Double] = []
        var folds: [Double] = []
        for i in 0..<changes {
            if journal, i > 0, i % 25 == 0 {
                let (_, f) = try timed { try store.compactJournals() }
                folds.append(f)
            }
            let seg = doc.segments[rng.int(segmentCount)]
            file = file.toggling(
                code: CodeID(rng.pick(codeIds)), on: seg, at: "2026-03-12T10:\(String(format: "%02d", i % 60)):00Z")
            let (_, s) = try timed { try store.save(file) }
            samples.append(s)
        }
        let stats = Stats(samples)
        let foldNote =
            folds.isEmpty
            ? ""
            : "; folding the journal into the file (on a pause): median \(Format.ms(Stats(folds).median)), max \(Format.ms(Stats(folds).maximum))"
        return
            Row(
                measurement:
                    "store: save per change, \(segmentCount.formatted()) segments / \((segmentCount * codingsPerSegment).formatted()) codings"
                    + (withSpans ? " with a quote span each (half its turn)" : ", no quote spans")
                    + (journal ? ", through the journal (coding screen)" : ", whole file per save"),
                median: Format.ms(stats.median),
                p99: Format.ms(stats.p99),
                comparison: "file \(Format.mb(fileBytes)); \(changes) changes" + foldNote,
                peakMemory: Format.mb(peakRSSBytes()),
                target: "p99 ≤ 10 ms",
                verdict: Verdict(stats.p99 <= 0.010),
                note: journal
                    ? "CodingStore.save: changed segment codings appended to the journal + fdatasync (a new journal: + fsync of file and folder)"
                    : "CodingStore.save: canonical JSON encode + temp file + fsync + rename + folder fsync")
    }
}
