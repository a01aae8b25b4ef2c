import Foundation
import KaderCore

/// `kader cooccur`, `kader query` and `kader search` on the large project, each as the command
/// does it: load every transcript (and coder `bench`'s codings) through ``AnalysisCorpus``,
/// compute, render the default output. Target: each within 2 s. Each runs twice: first with
/// the project's document cache removed (cold: every transcript segmented and the cache
/// written), then again (warm: what every later run sees); the verdict is the warm run's.
enum AnalysisCommands {
    static func run(_ ctx: BenchContext) throws -> [Row] {
        let root = try Corpus.project(ctx, bytes: ctx.largeSize)
        _ = try FirstFrame.ensureCodings(root)
        var rows: [Row] = []

        var summary = ""
        let cache = root.appendingPathComponent(".kader-cache")
        /// (cold, warm) seconds of `work`.
        func twice(_ work: () throws -> Void) throws -> (Double, Double) {
            try? FileManager.default.removeItem(at: cache)
            let cold = try timed(work).1
            return (cold, try timed(work).1)
        }
        var seconds = try twice {
            let corpus = try AnalysisCorpus.load(project: try Project(root: root))
            let table = Cooccurrence.build(corpus, units: corpus.units(), level: .category, by: nil, pooled: false)
            summary =
                "\(table.groups.first?.segments ?? 0) coded segments; \(table.markdown().utf8.count / 1000) kB of Markdown"
        }
        rows.append(row("kader cooccur --level category", ctx, seconds, summary))

        seconds = try twice {
            let corpus = try AnalysisCorpus.load(project: try Project(root: root))
            let expression = try FilterExpression.parse(
                "(digitalisering or welbevinden) and role=leerkracht and not document=focusgroep-00001")
            let filter = try SegmentFilter(expression, corpus: corpus)
            let units = filter.matches(in: corpus)
            let quotes = try corpus.quotes(of: units, codes: expression.positiveCodes(corpus.tree))
            summary =
                "\(units.count) matching units; \(quotes.rows.count) quotes, \(QuoteMarkdown.render(quotes).utf8.count / 1_000_000) MB of Markdown"
        }
        rows.append(row("kader query '(digitalisering or welbevinden) and role=leerkracht …'", ctx, seconds, summary))

        seconds = try twice {
            let corpus = try AnalysisCorpus.load(project: try Project(root: root), codings: false)
            let hits = CorpusSearch.run(corpus, pattern: try SearchPattern("gelijke kansen"))
            summary =
                "\(hits.count) hits of the phrase \"gelijke kansen\"; \(CorpusSearch.kwic(hits).utf8.count / 1_000_000) MB of keyword-in-context lines"
        }
        rows.append(row("kader search 'gelijke kansen'", ctx, seconds, summary))
        return rows
    }

    static func row(_ name: String, _ ctx: BenchContext, _ seconds: (cold: Double, warm: Double), _ comparison: String)
        -> Row
    {
        Row(
            measurement: "\(name), \(BenchContext.sizeLabel(ctx.largeSize)) project",
            median: Format.ms(seconds.warm), p99: "—",
            comparison: comparison + "; cold (no document cache): \(Format.ms(seconds.cold))",
            peakMemory: Format.mb(peakRSSBytes()), target: "≤ 2 s", verdict: Verdict(seconds.warm <= 2),
            note: "warm run (document cache current), loading every transcript (and codings file) included")
    }
}
