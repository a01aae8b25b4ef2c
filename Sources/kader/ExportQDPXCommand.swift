import ArgumentParser
import Foundation
import KaderCore

/// `kader export qdpx`: the whole project as REFI-QDA.
struct ExportQDPXCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qdpx",
        abstract:
            "Export the project with every coder as a REFI-QDA project (.qdpx) for NVivo, ATLAS.ti, MAXQDA, QualCoder.",
        discussion: """
            Writes project.qde and sources/<guid>.txt (the normalised text, UTF-8, LF line ends). Positions are \
            UTF-16 code units, as NVivo, MAXQDA and ATLAS.ti count (the Project origin says so); each coder \
            is a User and every Coding names its creatingUser. GUIDs derive \
            from Kader ids, so exporting again gives the same GUIDs.
            """
    )

    @OptionGroup var options: ProjectOptions

    @Option(name: .shortAndLong, help: "The .qdpx file to write (default: <project folder name>.qdpx).")
    var output: String?

    func run() throws {
        try CLI.run {
            let p = try options.open(progress: "export qdpx")
            let url = try OutputPath.resolve(output ?? p.root.lastPathComponent + ".qdpx")
            warnAboutMissingTranscripts(p)
            let s = try QDPXExporter.export(project: p, to: url)
            ProgressReporter.shared.finish("wrote \(counted(s.documents, "document")) to \(url.path)")
            print(
                "Wrote \(url.path): \(counted(s.documents, "document")), \(counted(s.coders.count, "coder")) "
                    + "(\(s.coders.joined(separator: ", "))), \(counted(s.selections, "selection")), "
                    + "\(counted(s.codings, "coding")), \(counted(s.notes, "memo")).")
        }
    }
}
