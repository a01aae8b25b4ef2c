import Foundation
import KaderCore

/// Exports of the large project (every document loaded, coder `bench` with a third of the
/// codable segments coded): coded quotes as CSV (`QuoteCollection.load` + `QuoteTable.csv`, what
/// `kader export quotes --format csv` does) and a REFI-QDA .qdpx (`QDPXExporter.export`). Each
/// runs in a child process of its own, so its peak memory is its own.
enum Exports {
    static func runQuotes(_ ctx: BenchContext) throws -> [Row] {
        let root = try Corpus.project(ctx, bytes: ctx.largeSize)
        _ = try FirstFrame.ensureCodings(root)
        var rows = 0
        var bytes = 0
        let (_, seconds) = try timed {
            let collection = try QuoteCollection.load(project: try Project(root: root))
            let data = try QuoteTable.csv(collection.rows)
            rows = collection.rows.count
            bytes = data.count
            try data.write(to: ctx.outDir.appendingPathComponent("quotes.csv"))
        }
        return [
            row(
                "export quotes CSV, \(BenchContext.sizeLabel(ctx.largeSize)) project", ctx, seconds,
                "\(rows) rows, \(bytes / 1_000_000) MB of CSV")
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
