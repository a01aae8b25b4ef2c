import ArgumentParser
import Foundation
import KaderCore

/// `kader debug-code-loop DOC --coder C` (hidden, for the crash test): adds codes to segments
/// one at a time through ``CodingStore`` and writes `ack <segment> <code>` to stdout (unbuffered)
/// after each save returns, i.e. once the coding is durable.
struct DebugCodeLoopCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "debug-code-loop",
        abstract: "Test only: apply codings in a loop and acknowledge each after it is saved.",
        shouldDisplay: false
    )

    @OptionGroup var options: ProjectOptions
    @Option(name: .long, help: "Coder name.") var coder: String
    @Option(name: .long, help: "Stop after this many codings (default: until every code is on every codable segment).") var count: Int?
    @Argument(help: "Document id.") var document: String

    func run() throws {
        try CLI.run {
            let project = try options.open()
            guard let index = project.documentIds.firstIndex(of: document) else {
                throw ProjectError.unknownDocument(id: document, available: project.documentIds)
            }
            let doc = try project.loadDocument(path: project.transcriptPaths[index])
            let store = try CodingStore(projectRoot: project.root, coder: coder)
            var file = try store.load(document: doc)
            let codes = project.codebook.entries.map(\.code.id)
            var done = 0
            for segment in doc.segments where segment.codable {
                for code in codes where !file.codes(forSegment: segment.id).contains(code) {
                    if let count, done >= count { return }
                    file = file.settingCodes(file.codes(forSegment: segment.id) + [code], on: segment, at: Timestamp.now())
                    try store.save(file)
                    TerminalSafe.write("ack \(segment.id) \(code)\n", fd: 1)
                    done += 1
                }
            }
        }
    }
}
