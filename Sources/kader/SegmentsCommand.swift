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

    @Option(name: .long, help: "Force the speaker-label style instead of detecting it.")
    var speakerPattern: SpeakerLabelPattern?

    @Option(
        name: .long,
        help:
            "Your own speaker-label regex, matched at the start of a line, with a named group `speaker` (optional `role`, `time`), e.g. '^(?<speaker>[A-Z][a-z]+) says: '."
    )
    var speakerRegex: String?

    @Option(name: .long, help: "Largest file read, in MiB (default 512).")
    var maxFileSizeMb: Int?

    func validate() throws {
        if let n = maxFileSizeMb, !(1...65536).contains(n) {
            throw ValidationError("--max-file-size-mb must be from 1 to 65536.")
        }
    }

    func run() throws {
        try CLI.run {
            var options = LoadOptions()
            options.speakerPattern = speakerPattern
            options.customLabelRegex = speakerRegex
            if let n = maxFileSizeMb { options.maxFileSize = n * 1024 * 1024 }
            let doc = try TranscriptLoader(options: options).load(url: URL(fileURLWithPath: file), displayPath: file)
            if json {
                if isatty(1) == 1 {
                    TerminalSafe.print(try SegmentsReport.json(doc), kind: .json)
                } else {
                    try SegmentsReport.writeJSON(doc)
                }
            } else if isatty(1) == 1 {
                print(SegmentsReport.table(doc))
            } else {
                SegmentsReport.writeTable(doc)
            }
        }
    }
}

extension SpeakerLabelPattern: ExpressibleByArgument {}
