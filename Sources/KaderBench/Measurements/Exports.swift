import Foundation
import KaderCore

/// Exports of the large project (every document loaded, coder `bench` with a third of the
/// codable segments coded): coded quotes as CSV (`QuoteStream.writeCSV` to an atomic
/// `ExportFileWriter`, what `kader export quotes --format csv -o FILE` does: document by document,
/// never every row at once), a REFI-QDA .qdpx (`QDPXExporter.export`) and a code × document
/// matrix (`AttributeMatrix.stream`, what `kader export matrix` does), the last two streamed
/// document by document too. Each runs in a child process of its own, so its peak memory is its own.
enum Exports {
    /// Peak memory allowed for the quote export; issue 17 sets it for a 1 GB corpus, so the
    /// 100 MB project must stay far below it.
    static let quotesMemoryTarget = 300 * 1024 * 1024

    static func runQuotes(_ ctx: BenchContext) throws -> [Row] {
        let root = try Corpus.project(ctx, bytes: ctx.largeSize)
        _ = try FirstFrame.ensureCodings(root)
        var rows = 0
        var bytes = 0
        let (_, seconds) = try timed {
            let out = try ExportFileWriter(atomicTo: ctx.outDir.appendingPathComponent("quotes.csv"))
            rows = try QuoteStream(project: try Project(root: root)).writeCSV(to: out)
            try out.commit()
            bytes = out.count
        }
        let peak = peakRSSBytes()
        let rate = Double(ctx.largeSize) / 1_000_000 / seconds
        return [
            Row(
                measurement: "export quotes CSV, \(BenchContext.sizeLabel(ctx.largeSize)) project",
                median: Format.mbps(rate), p99: "—",
                comparison: "\(rows) rows, \(bytes / 1_000_000) MB of CSV in \(Format.seconds(seconds))",
                peakMemory: Format.mb(peak), target: "≥ 50 MB/s of corpus; memory ≤ 300 MiB (at 1 GB)",
                verdict: Verdict(rate >= 50 && peak <= quotesMemoryTarget),
                note: "one run, streamed document by document; loading every transcript and codings file included")
        ]
    }

    /// Memory of a streamed export beside its largest documents: the process, one batch of
    /// documents (``DocumentBatchLoader``: 8 on 2 cores), buffers and the small per-document lists.
    static let streamBudget = 64 * 1024 * 1024

    /// Peak memory a streamed export may use on the project at `root`: 2× its largest transcript
    /// plus ``streamBudget``, whatever the corpus size (issue 17).
    static func streamTarget(_ root: URL) -> (bytes: Int, text: String) {
        let folder = root.appendingPathComponent("Transcripts")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        let largest =
            names.map {
                ((try? FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent($0).path)[.size])
                    as? Int)
                    ?? 0
            }.max() ?? 0
        let bytes = 2 * largest + streamBudget
        return (bytes, "memory ≤ 2× largest document + 64 MiB (\(Format.mb(bytes)))")
    }

    static func runQDPX(_ ctx: BenchContext) throws -> [Row] {
        let root = try Corpus.project(ctx, bytes: ctx.largeSize)
        _ = try FirstFrame.ensureCodings(root)
        let url = ctx.outDir.appendingPathComponent("project.qdpx")
        var summary = ""
        let (_, seconds) = try timed {
            let s = try QDPXExporter.export(project: try Project(root: root), to: url)
            summary = "\(s.documents) documents, \(s.codings) codings"
        }
        let size = ((try? FileManager.default.attributesOfItem(atPath: url.path)[.size]) as? Int) ?? 0
        return [
            row(
                "export .qdpx, \(BenchContext.sizeLabel(ctx.largeSize)) project", ctx, seconds,
                "\(summary); archive \(size / 1_000_000) MB", target: streamTarget(root))
        ]
    }

    static func runMatrix(_ ctx: BenchContext) throws -> [Row] {
        let root = try Corpus.project(ctx, bytes: ctx.largeSize)
        _ = try FirstFrame.ensureCodings(root)
        var summary = ""
        let (_, seconds) = try timed {
            let m = try AttributeMatrix.stream(project: try Project(root: root), by: "document", filter: { nil })
            summary = "\(m.rows.count) codes × \(m.columns.count) documents, \(m.markdown().utf8.count / 1000) kB"
        }
        return [
            row(
                "export matrix --by document, \(BenchContext.sizeLabel(ctx.largeSize)) project", ctx, seconds, summary,
                target: streamTarget(root))
        ]
    }

    /// One timed run: the whole export is the figure; memory is judged against `target`.
    static func row(
        _ name: String, _ ctx: BenchContext, _ seconds: Double, _ comparison: String, target: (bytes: Int, text: String)
    ) -> Row {
        let peak = peakRSSBytes()
        return Row(
            measurement: name, median: Format.ms(seconds), p99: "—", comparison: comparison,
            peakMemory: Format.mb(peak), target: target.text, verdict: Verdict(peak <= target.bytes),
            note: "one run, streamed document by document; loading every transcript and codings file included")
    }
}
