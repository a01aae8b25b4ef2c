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
        row is a header of unit ids when its first cell is blank or "coder"/"unit"/"id"; \
        otherwise units are numbered 1, 2, …. A blank cell, ".", "*" or "NA" is missing data. \
        --transpose reads units as rows and coders as columns instead.

        Prints α, n (pairable values), the units, the observed and expected disagreement D_o and \
        D_e, and a bootstrap 95% interval (Krippendorff 2011; Hayes & Krippendorff 2007).
        """
    )

    @Argument(help: "The CSV file.")
    var file: String

    @Option(name: .long, help: "Difference metric.")
    var metric: AlphaMetric = .nominal

    @Flag(name: .long, help: "Units are rows and coders are columns.")
    var transpose = false

    @Option(name: .long, help: "Bootstrap replicates for the 95% interval.")
    var bootstrap: Int = 1000

    @Option(name: .long, help: "Seed of the bootstrap.")
    var seed: UInt64 = 1

    func validate() throws {
        guard bootstrap >= 1 else { throw ValidationError("--bootstrap must be at least 1.") }
    }

    func run() throws {
        try CLI.run {
            let csv = try ReliabilityCSV(url: URL(fileURLWithPath: file), transpose: transpose)
            let result: AlphaResult
            let interval: Computed<AlphaBootstrapResult>
            if metric == .nominal {
                let data = csv.textData
                result = KrippendorffAlpha.nominal(data)
                interval = AlphaBootstrap.nominal(data, samples: bootstrap, seed: seed)
            } else {
                let data = try csv.numericData(source: file)
                result = KrippendorffAlpha.compute(data, metric: metric)
                interval = AlphaBootstrap.compute(data, metric: metric, samples: bootstrap, seed: seed)
            }
            print(Self.render(result, interval: interval, csv: csv, file: file))
        }
    }

    static func render(_ a: AlphaResult, interval: Computed<AlphaBootstrapResult>, csv: ReliabilityCSV, file: String) -> String {
        var out: [String] = []
        out.append("Krippendorff's α (\(a.metric)) for \(file): \(csv.coders.count) coders × \(csv.unitIds.count) units")
        switch a.value {
        case .value(let v):
            let flag = AgreementCells.flag(a.verdict)
            out.append("α      = \(String(format: "%.6f", v))" + (flag.isEmpty ? "" : "  (\(flag): α \(v < 0.667 ? "< .667" : "< .800"))"))
        case .notComputable(let reason):
            out.append("α      = n/c (not computable: \(reason))")
        }
        out.append("n      = \(fmt(a.pairableValues)) pairable values")
        let dropped = a.unitCount - Int(a.pairableUnits.rounded())
        out.append("units  = \(a.unitCount) (\(fmt(a.pairableUnits)) pairable\(dropped > 0 ? ", \(dropped) with fewer than 2 values left out" : ""))")
        out.append("D_o    = \(String(format: "%.6f", a.observedDisagreement))  observed disagreement")
        out.append("D_e    = \(String(format: "%.6f", a.expectedDisagreement))  expected disagreement")
        switch interval {
        case .computed(let b):
            out.append("95% CI = [\(String(format: "%.4f", b.lower)), \(String(format: "%.4f", b.upper))]  bootstrap, \(b.samples) replicates of \(b.drawsPerSample) pairs, seed \(b.seed)")
            let q = zip(b.thresholds, b.probabilitiesBelow).map { "P(α < \(String(format: "%.3f", $0))) = \(String(format: "%.3f", $1))" }
            out.append("         " + q.joined(separator: ", "))
        case .notComputable(let reason):
            out.append("95% CI = n/c (\(reason))")
        }
        out.append("")
        out.append("α = 1 − D_o/D_e over the coincidence matrix; units with fewer than 2 values are left out (Krippendorff 2011,")
        out.append("\"Computing Krippendorff's Alpha-Reliability\"). Interval: Hayes & Krippendorff (2007) bootstrap.")
        return out.joined(separator: "\n")
    }

    static func fmt(_ x: Double) -> String { x == x.rounded() ? String(Int(x)) : String(format: "%.3f", x) }
}

extension AlphaMetric: ExpressibleByArgument {}
