import ArgumentParser
import Foundation
import KaderCore

/// `kader segments FILE`: how a file is segmented and what was detected.
struct SegmentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "segments",
        abstract: "Show how a transcript is split into segments, with what the loader detected."
    )

    @Argument(help: "A transcript file.")
    var file: String

    @Flag(name: .long, help: "Print the document and its segments as JSON.")
    var json = false

    @Option(name: .long, help: "Force the speaker-label pattern: colon or bracket (default: detect).")
    var speakerPattern: SpeakerLabelPattern?

    func run() throws {
        try CLI.run {
            var options = LoadOptions()
            options.speakerPattern = speakerPattern
            let doc = try TranscriptLoader(options: options).load(url: URL(fileURLWithPath: file), displayPath: file)
            if json {
                print(try SegmentsReport.json(doc))
            } else {
                print(TerminalSafe.visible(SegmentsReport.table(doc)))
            }
        }
    }
}

extension SpeakerLabelPattern: ExpressibleByArgument {}
