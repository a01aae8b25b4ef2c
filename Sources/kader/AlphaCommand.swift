import ArgumentParser
import Foundation
import KaderCore

/// `kader alpha FILE.csv`: Krippendorff's α for reliability data from any source.
struct AlphaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alpha",
        abstract: "Krippendorff's α for a coders × units CSV (blank = missing).",
        discussion: """
            One row per coder, one column per unit; the first column is the coder name. The first \
            row is a header of unit ids when its first cell is blank or a word such as "coder", \
            "rater", "annotator", "name", "unit", "id" or "item" (--header yes|no to decide); \
            otherwise units are numbered 1, 2, …. A blank cell, ".", "*" or "NA" is missing data. \
            --transpose reads units as rows and coders as columns instead. Every such decision is \
            printed under "Read as".

            Values are compared as numbers when every value is a number (so 1 and 1.0 are one \
            value), else as text; ordinal, interval and ratio need numbers (no thousands \
            separators, no hex).

            Prints α, n (pairable values), the units, D_o, D_e and a 95% interval: by default a \
            bootstrap over units, its lower limit widened when at most 50 units disagree; \
            --interval kalpha gives Hayes & Krippendorff's (2007) bootstrap.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, csv }

    @Argument(help: "The CSV file.")
    var file: String

    @Option(name: .long, help: "Difference metric.")
    var metric: AlphaMetric = .nominal

    @Flag(name: .long, help: "Units are rows and coders are columns.")
    var transpose = false

    @Option(name: .long, help: "Whether the first row is a header.")
    var header: ReliabilityCSV.HeaderRule = .auto

    @Option(name: .long, help: "Interval method for α (auto: bootstrap over units with the small-sample bounds).")
    var interval: AlphaIntervalMethod = .auto

    @Option(name: .long, help: "Bootstrap replicates for the 95% interval (1 to 100000).")
    var bootstrap: Int = 1000

    @Option(name: .long, help: "Seed of the bootstrap.")
    var seed: UInt64 = 1

    @Option(name: .long, help: "Output format.")
    var format: Format = .table

    @Flag(name: .long, help: "CSV for Excel: UTF-8 byte-order mark and ';' as the separator.")
    var excel = false

    func validate() throws {
        try CLI.checkBootstrap(bootstrap)
    }

    func run() throws {
        try CLI.run {
            let csv = try ReliabilityCSV(url: URL(fileURLWithPath: file), transpose: transpose, header: header)
            let analysis = try AlphaAnalysis(
                csv, source: file, metric: metric, method: interval, samples: bootstrap, seed: seed)
            switch format {
            case .table: TerminalSafe.print(AlphaReport.table(analysis))
            case .json: print(try AlphaReport.json(analysis), terminator: "")
            case .csv: TerminalSafe.writeData(try AlphaReport.csv(analysis, excel: excel))
            }
        }
    }
}

extension AlphaMetric: ExpressibleByArgument {}
extension AlphaIntervalMethod: ExpressibleByArgument {}
extension ReliabilityCSV.HeaderRule: ExpressibleByArgument {}

extension CLI {
    /// `--bootstrap` must be 1 … ``AlphaInterval/maxReplicates``.
    static func checkBootstrap(_ b: Int) throws {
        guard b >= 1, b <= AlphaInterval.maxReplicates else {
            throw ValidationError(
                "--bootstrap must be between 1 and \(AlphaInterval.maxReplicates) (the --bootstrap limit); got \(b).")
        }
    }
}
