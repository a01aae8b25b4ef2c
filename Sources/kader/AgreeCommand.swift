import ArgumentParser
import Foundation
import KaderCore

/// `kader agree --coders A,B[,C…]`: inter-coder agreement per code, per category and overall.
struct AgreeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agree",
        abstract: "Inter-coder agreement per code, per category and overall (κ, α with 95% CI, AC1, …).",
        discussion: """
            Units are the codable segments of documents that at least two of the coders marked done; \
            a coder who did not finish a document is missing data for it, never zeros. Figures: \
            n, the 2×2 counts (2 coders) or codes applied per coder (3+), percent agreement, \
            Cohen's κ (2 coders) or Fleiss' κ (3+), Krippendorff's α (nominal) with a 95% interval \
            (default: a bootstrap over units, widened when few units disagree), \
            Gwet's AC1 and Brennan–Prediger κ; overall the pooled α and set-valued α with \
            MASI and Jaccard distances. α below .667 is flagged unreliable, .667–.800 tentative.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, csv, json, md }

    @OptionGroup var options: ProjectOptions

    @Option(
        name: .long, parsing: .upToNextOption,
        help: "Coders to compare (at least 2): --coders ann bart, or --coders ann,bart.",
        completion: Completions.coders)
    var coders: [String]

    /// The coder names, commas and spaces both separating.
    var names: [String] {
        coders.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }.filter {
            !$0.isEmpty
        }
    }

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Also report per document, per speaker role, or per value of an attribute.",
            discussion:
                "document, role, or an attribute name such as schooltype (the speaker's value, else the document's).",
            valueName: "document|role|attribute"))
    var by: AgreementBreakdown?

    @Option(name: .long, help: "Output format.")
    var format: Format = .table

    @Flag(name: .long, help: "List every segment the coders code differently, with each coder's codes.")
    var disagreements = false

    @Flag(name: .long, help: "Also count documents still in progress (uncoded segments there are missing data).")
    var includeUnfinished = false

    @Option(name: .long, help: "Interval method for α (auto: bootstrap over units with the small-sample bounds).")
    var interval: AlphaIntervalMethod = .auto

    @Option(name: .long, help: "Bootstrap replicates for the α interval (1 to 100000).")
    var bootstrap: Int = 1000

    @Flag(name: .long, help: "CSV for Excel: UTF-8 byte-order mark and ';' as the separator.")
    var excel = false

    @Option(name: .long, help: "Seed of the bootstrap (the same seed gives the same interval).")
    var seed: UInt64 = 1

    func validate() throws {
        guard names.count >= 2 else {
            throw ValidationError("--coders needs at least two coder names (e.g. --coders ann bart).")
        }
        guard Set(names).count == names.count else {
            throw ValidationError("--coders names a coder twice: \(names.joined(separator: ",")).")
        }
        try CLI.checkBootstrap(bootstrap)
    }

    func run() throws {
        try CLI.run {
            for n in names { _ = try CoderName.validated(n) }
            let project = try options.open(progress: "agree")
            let known = CodingStore.coders(projectRoot: project.root)
            if let missing = names.first(where: { !known.contains($0) }) {
                throw CLIError(
                    "no codings for coder \"\(missing)\" in \(project.root.path)/Codings (coders: \(known.isEmpty ? "none" : known.joined(separator: ", ")))."
                )
            }
            var withAttributes = false
            if case .attribute = by { withAttributes = true }
            let units = try ProjectUnits(
                project: project, coders: names, includeUnfinished: includeUnfinished, withAttributes: withAttributes)
            let agreement = try ProjectAgreement(
                units: units, codebook: project.codebook, breakdown: by,
                bootstrapSamples: bootstrap, seed: seed, method: interval)
            ProgressReporter.shared.finish(
                "agree: \(counted(units.units.count, "unit")) of \(counted(units.documents.count, "document"))")
            switch format {
            case .table, .md:
                TerminalSafe.print(
                    AgreementReportFormatter(
                        agreement: agreement, codebook: project.codebook, markdown: format == .md,
                        showDisagreements: disagreements
                    ).render())
            case .json:
                TerminalSafe.print(
                    try AgreementReportExport.json(agreement, codebook: project.codebook, disagreements: disagreements),
                    kind: .json)
            case .csv:
                TerminalSafe.writeData(
                    try AgreementReportExport.csv(agreement, codebook: project.codebook, excel: excel))
            }
        }
    }
}

extension AgreementBreakdown: ExpressibleByArgument {
    public init?(argument: String) {
        let word = argument.trimmingCharacters(in: .whitespaces)
        guard !word.isEmpty else { return nil }
        self.init(word)
    }
}

/// A command-line usage error: one sentence.
struct CLIError: Error, LocalizedError {
    let message: String
    init(_ message: String) { self.message = message }
    var errorDescription: String? { message }
}
