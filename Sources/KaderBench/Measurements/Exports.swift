import Foundation
import KaderCore

/// Exports of the large project (every document loaded, coder `bench` with a third of the
/// codable segments coded): coded quotes as CSV (`QuoteStream.writeCSV` to an atomic
/// `ExportFileWriter`, what `kader export quotes --format csv -o FILE` does: document by document,
/// never every row at once) and a REFI-QDA .qdpx (`QDPXExporter.export`). Each runs in a child
/// process of its own, so its peak memory is its own.
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
                "\(summary); archive \(size / 1_000_000) MB")
        ]
    }

    /// One timed run: the whole export is the figure; memory is judged against the corpus size.
    static func row(_ name: String, _ ctx: BenchContext, _ seconds: Double, _ comparison: String) -> Row {
        let peak = peakRSSBytes()
        return Row(
            measurement: name, median: Format.ms(seconds), p99: "—", comparison: comparison,
            peakMemory: Format.mb(peak), target: "memory ≤ 3× corpus",
            verdict: Verdict(Double(peak) <= 3 * Double(ctx.largeSize)),
            note: "one run, loading every transcript and codings file included")
    }
}
