import ArgumentParser
import Foundation
import KaderCore

extension Cooccurrence.Level: ExpressibleByArgument {}

enum TableFormat: String, ExpressibleByArgument, CaseIterable {
    case md, csv, json, html

    /// The same format for quotes.
    var quoteFormat: QuoteFormat {
        switch self {
        case .md: return .md
        case .csv: return .csv
        case .json: return .json
        case .html: return .html
        }
    }
}

/// `kader cooccur`: which codes (or categories) are applied to the same segments.
struct CooccurCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cooccur",
        abstract: "Co-occurrence of codes or categories per segment: counts, Jaccard, share of each code's segments.",
        discussion: """
            The unit is a segment as coded by one coder; each coder is a group of their own (--coder consensus \
            for the reconciled coding), or --pooled counts a segment for every code any selected coder applied. \
            --by ATTRIBUTE splits the groups by a document or speaker attribute (or document, role, speaker). \
            --pair A,B lists the quotes of segments coded with both A and B (with their sub-codes) instead.
            """
    )

    @OptionGroup var analysis: AnalysisOptions

    @Option(name: .long, help: "code or category.")
    var level: Cooccurrence.Level = .code

    @Option(name: .long, help: "Split by this attribute (or document, role, speaker).")
    var by: String?

    @Flag(name: .long, help: "One group for all selected coders (a segment carries every code any of them applied).")
    var pooled = false

    @Option(name: .long, help: "Two code ids A,B: list the quotes where both apply.")
    var pair: String?

    @Option(name: .long, help: "md, csv, json or html.")
    var format: TableFormat = .md

    @Flag(name: .long, help: "CSV: add a UTF-8 byte-order mark and use ';' as the separator, for Excel.")
    var excel = false

    @Option(name: .shortAndLong, help: "Write to this file (atomically) instead of standard output.")
    var output: String?

    func run() throws {
        try CLI.run {
            let corpus = try analysis.corpus()
            if let by { try corpus.checkAxis(by) }
            if let pair {
                let ids = pair.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
                guard ids.count == 2 else { throw ValidationError("--pair takes two code ids: --pair A,B") }
                let both = FilterExpression.and(.code(ids[0], exact: false), .code(ids[1], exact: false))
                let filter = try analysis.filter(corpus, requiring: both)
                let units = filter.matches(in: corpus)
                let quotes = try corpus.quotes(of: units, codes: both.positiveCodes(corpus.tree))
                try emit(try renderQuotes(quotes, format: format.quoteFormat, excel: excel), to: output)
                return
            }
            let units = corpus.units(where: try analysis.filter(corpus))
            let table = Cooccurrence.build(corpus, units: units, level: level, by: by, pooled: pooled)
            let data: Data
            switch format {
            case .md: data = Data(table.markdown().utf8)
            case .csv: data = try table.csv(excel: excel)
            case .json: data = try table.json()
            case .html: data = Data(table.html(title: "Co-occurrence: \(corpus.project.codebook.name)").utf8)
            }
            try emit(data, to: output)
        }
    }
}
