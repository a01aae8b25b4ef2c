import ArgumentParser
import Foundation
import KaderCore

/// `kader-dev demo-codings`: regenerates the shipped demonstration codings of the sample
/// project (`Codings/demo-an/`, `Codings/demo-bart/`, marked `"demo": true`).
struct DemoCodingsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo-codings",
        abstract: "Write demonstration codings of one transcript by two demo coders."
    )

    @OptionGroup var options: DevProjectOptions

    @Option(name: .long, help: "Document to code.")
    var document = "focusgroep-school-a"

    @Option(name: .long, parsing: .upToNextOption, help: "The two demo coders (names starting with \"demo-\").")
    var coders: [String] = ["demo-an", "demo-bart"]

    @Option(name: .long, help: "Seed of the controlled disagreement.")
    var seed: UInt64 = 3

    @Option(name: .long, help: "Timestamp written on every coding (fixed so the files are reproducible).")
    var time = "2026-03-20T09:00:00Z"

    func validate() throws {
        guard coders.count == 2, coders.allSatisfy({ $0.hasPrefix("demo-") }) else {
            throw ValidationError("--coders needs exactly two coder names starting with \"demo-\".")
        }
    }

    func run() throws {
        let project = try options.open()
        guard let i = project.documentIds.firstIndex(of: document) else {
            throw ProjectError.unknownDocument(id: document, available: project.documentIds)
        }
        let doc = try project.loadDocument(path: project.transcriptPaths[i])
        let (a, b) = DemoCoder.codings(doc, codebook: project.codebook, seed: seed)
        try DemoCoder.write(a, coder: coders[0], document: doc, projectRoot: project.root, time: time)
        try DemoCoder.write(b, coder: coders[1], document: doc, projectRoot: project.root, time: time)
        let same = a.keys.filter { a[$0] == b[$0] }.count
        print(
            "Wrote \(a.count) codings each for \(coders[0]) and \(coders[1]) on \(doc.id); "
                + "identical code sets on \(same) of \(a.count) segments.")
    }
}
