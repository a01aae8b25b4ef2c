import ArgumentParser
import Foundation
import KaderCore

/// `kader status`: progress per coder and document; exit 1 when a row needs attention.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show progress per coder and document (exit 1 when a file needs attention; see `kader check`)."
    )

    @OptionGroup var options: ProjectOptions

    func run() throws {
        try CLI.run {
            let project = try options.open(progress: "status")
            let status = ProjectStatus.gather(project: project)
            for d in project.duplicateTranscripts {
                CLI.warn(d.message)
            }
            for u in project.unreadableFiles {
                CLI.warn(u.message)
            }
            for u in status.unloadable {
                CLI.warn(u.message)
            }
            if status.rows.isEmpty {
                print(
                    "No codings yet in \(project.root.path)/Codings (\(counted(project.documentIds.count, "document")))."
                )
                if !project.duplicateTranscripts.isEmpty || !status.unloadable.isEmpty
                    || !project.unreadableFiles.isEmpty
                {
                    throw ExitCode(1)
                }
                return
            }
            print(
                TextTable.render(
                    header: ["coder", "document", "coded", "status", "last change", "attention"],
                    rows: status.rows.map { r in
                        [
                            r.coder, r.document, r.codable.map { "\(r.coded)/\($0)" } ?? "\(r.coded)",
                            r.status?.rawValue ?? "—",
                            r.lastChange ?? "—", r.problem ?? "",
                        ]
                    }))
            ProgressReporter.shared.finish(
                "status: \(counted(status.rows.count, "row")) for \(counted(project.documentIds.count, "document"))")
            AttributeSummary.printTable(project, documents: status.documents)
            if status.needsAttention || !project.duplicateTranscripts.isEmpty || !project.unreadableFiles.isEmpty {
                CLI.warn("some codings need attention; run `kader check` for details and how to fix them.")
                throw ExitCode(1)
            }
        }
    }
}
