import ArgumentParser
import Foundation
import KaderCore

/// `kader demo-codings` (hidden): regenerates the shipped demonstration codings of the sample
/// project (`Codings/demo-an/`, `Codings/demo-bart/`, marked `"demo": true`).
struct DemoCodingsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo-codings",
        abstract: "Write demonstration codings of one transcript by two demo coders.",
        shouldDisplay: false
    )

    @OptionGroup var options: ProjectOptions

    @Option(name: .long, help: "Document to code.")
    var document = "focusgroep-school-a"

    @Option(name: .long, help: "The two demo coders, comma-separated.")
    var coders = "demo-an,demo-bart"

    @Option(name: .long, help: "Seed of the controlled disagreement.")
    var seed: UInt64 = 3

    @Option(name: .long, help: "Timestamp written on every coding (fixed so the files are reproducible).")
    var time = "2026-03-20T09:00:00Z"

    func run() throws {
        try CLI.run {
            let names = coders.split(separator: ",").map(String.init)
            guard names.count == 2, names.allSatisfy({ $0.hasPrefix("demo-") }) else {
                throw CLIError("--coders needs exactly two coder names starting with \"demo-\".")
            }
            let project = try options.open()
            guard let i = project.documentIds.firstIndex(of: document) else {
                throw ProjectError.unknownDocument(id: document, available: project.documentIds)
            }
            let doc = try project.loadDocument(path: project.transcriptPaths[i])
            let (a, b) = DemoCoder.codings(doc, codebook: project.codebook, seed: seed)
            try DemoCoder.write(a, coder: names[0], document: doc, projectRoot: project.root, time: time)
            try DemoCoder.write(b, coder: names[1], document: doc, projectRoot: project.root, time: time)
            let same = a.keys.filter { a[$0] == b[$0] }.count
            print("Wrote \(a.count) codings each for \(names[0]) and \(names[1]) on \(doc.id); identical code sets on \(same) of \(a.count) segments.")
        }
    }
}
