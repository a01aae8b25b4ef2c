import ArgumentParser
import Foundation
import KaderCore

/// `kader-dev code-loop DOC --coder C` (for the crash and store end-to-end tests): adds codes to
/// segments one at a time through ``CodingStore`` and writes `ack <segment> <code>` to stdout
/// (unbuffered) after each save returns, i.e. once the coding is durable.
struct CodeLoopCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "code-loop",
        abstract: "Apply codings in a loop and acknowledge each after it is saved."
    )

    @OptionGroup var options: DevProjectOptions
    @Option(name: .long, help: "Coder name.") var coder: String
    @Option(name: .long, help: "Stop after this many codings (default: every code on every codable segment).")
    var count: Int?
    @Flag(name: .long, help: "Save through the journal, as the coding screen does.") var journal = false
    @Argument(help: "Document id.") var document: String

    func run() throws {
        let project = try options.open()
        guard let index = project.documentIds.firstIndex(of: document) else {
            throw ProjectError.unknownDocument(id: document, available: project.documentIds)
        }
        let doc = try project.loadDocument(path: project.transcriptPaths[index])
        let store = try CodingStore(projectRoot: project.root, coder: coder, journal: journal)
        var file = try store.load(document: doc)
        let codes = project.codebook.entries.map(\.code.id)
        var done = 0
        for segment in doc.segments where segment.codable {
            for code in codes where !file.codes(forSegment: segment.id).contains(code) {
                if let count, done >= count { return }
                file = file.settingCodes(file.codes(forSegment: segment.id) + [code], on: segment, at: Timestamp.now())
                try store.save(file)
                FileHandle.standardOutput.write(Data("ack \(segment.id) \(code)\n".utf8))
                done += 1
            }
        }
    }
}
