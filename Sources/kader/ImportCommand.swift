import ArgumentParser
import Foundation
import KaderCore

/// `kader import qdpx`.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a REFI-QDA project (.qdpx) from NVivo, ATLAS.ti, MAXQDA, QualCoder or qc.",
        subcommands: [ImportQDPXCommand.self]
    )
}

struct ImportQDPXCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qdpx",
        abstract:
            "Import sources, codebook and every coder's codings from a .qdpx into a project (created if missing).",
        discussion: """
            Sources become Transcripts/<name>.txt (a text equal to an existing transcript is matched instead). \
            Codes are merged into the project's codebook (matched by GUID, then by name path; new codes are \
            added) or written to Codebooks/ when the project has none. Each selection codes the segments it \
            overlaps, with a span when it covers part of a segment; selections that fit no segment are listed, \
            a selection whose start lies after its end is refused. Per source, the report says how positions \
            were read (CRLF as 1 or 2; Unicode scalars or UTF-16 code units) and why, and warns when the \
            evidence was weak. Nothing is written when the archive or its XML cannot be used.
            """
    )

    @Argument(help: "The .qdpx file.")
    var file: String

    @Option(name: .long, help: "Project folder (default: the current folder; created when it is not a project).")
    var project: String?

    @Flag(name: .long, help: "No closing summary on standard error (it appears only on a terminal).")
    var quiet = false

    func run() throws {
        try CLI.run {
            ProgressReporter.shared.start("import", quiet: quiet)
            let root = URL(fileURLWithPath: project ?? FileManager.default.currentDirectoryPath).standardizedFileURL
            let report = try QDPXImporter.importArchive(URL(fileURLWithPath: file), into: root)
            print(report.lines.joined(separator: "\n"))
            ProgressReporter.shared.finish("imported \(file) into \(root.path)")
        }
    }
}
