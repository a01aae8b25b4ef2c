import ArgumentParser
import Foundation
import KaderCore

/// `kader export qdpx`: the whole project as REFI-QDA.
struct ExportQDPXCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qdpx",
        abstract: "Export the project with every coder as a REFI-QDA project (.qdpx) for NVivo, ATLAS.ti, MAXQDA, QualCoder.",
        discussion: """
        Writes project.qde and sources/<guid>.txt (the normalised text, UTF-8, LF line ends). Positions are
        Unicode scalar offsets; each coder is a User and every Coding names its creatingUser. GUIDs derive
        from Kader ids, so exporting again gives the same GUIDs.
        """
    )

    @OptionGroup var options: ProjectOptions

    @Option(name: .shortAndLong, help: "The .qdpx file to write (default: <project folder name>.qdpx).")
    var output: String?

    func run() throws {
        try CLI.run {
            let p = try options.open()
            let url = try OutputPath.resolve(output ?? p.root.lastPathComponent + ".qdpx")
            warnAboutMissingTranscripts(p)
            let s = try QDPXExporter.export(project: p, to: url)
            print("Wrote \(url.path): \(s.documents) documents, \(s.coders.count) coders (\(s.coders.joined(separator: ", "))), "
                + "\(s.selections) selections, \(s.codings) codings, \(s.notes) memos.")
        }
    }
}

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
        abstract: "Import sources, codebook and every coder's codings from a .qdpx into a project (created if missing).",
        discussion: """
        Sources become Transcripts/<name>.txt (a text equal to an existing transcript is matched instead).
        Codes are merged into the project's codebook (matched by GUID, then by name path; new codes are
        added) or written to Codebooks/ when the project has none. Each selection codes the segments it
        overlaps, with a span when it covers part of a segment; selections that fit no segment are listed.
        Nothing is written when the archive or its XML cannot be used.
        """
    )

    @Argument(help: "The .qdpx file.")
    var file: String

    @Option(name: .long, help: "Project folder (default: the current folder; created when it is not a project).")
    var project: String?

    func run() throws {
        try CLI.run {
            let root = URL(fileURLWithPath: project ?? FileManager.default.currentDirectoryPath).standardizedFileURL
            let report = try QDPXImporter.importArchive(URL(fileURLWithPath: file), into: root)
            print(report.lines.joined(separator: "\n"))
        }
    }
}
