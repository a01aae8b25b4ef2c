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
            for u in status.unloadable {
                CLI.warn(u.message)
            }
            if status.rows.isEmpty {
                print("No codings yet in \(project.root.path)/Codings (\(counted(project.documentIds.count, "document"))).")
                if !project.duplicateTranscripts.isEmpty || !status.unloadable.isEmpty { throw ExitCode(1) }
                return
            }
            print(Table.render(
                header: ["coder", "document", "coded", "status", "last change", "attention"],
                rows: status.rows.map { r in
                    [
                        r.coder, r.document, r.codable.map { "\(r.coded)/\($0)" } ?? "\(r.coded)", r.status?.rawValue ?? "—",
                        r.lastChange ?? "—", r.problem ?? "",
                    ]
                }))
            ProgressReporter.shared.finish("status: \(counted(status.rows.count, "row")) for \(counted(project.documentIds.count, "document"))")
            if status.needsAttention || !project.duplicateTranscripts.isEmpty {
                CLI.warn("some codings need attention; run `kader check` for details and how to fix them.")
                throw ExitCode(1)
            }
        }
    }
}

/// Plain left-aligned text tables for the command line.
enum Table {
    static func render(header: [String], rows: [[String]]) -> String {
        let all = [header] + rows
        let widths = header.indices.map { c in all.map { $0[c].count }.max() ?? 0 }
        return all.map { row in
            row.enumerated().map { c, cell in
                c == row.count - 1 ? cell : cell.padding(toLength: widths[c] + 2, withPad: " ", startingAt: 0)
            }.joined().replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }.joined(separator: "\n")
    }
}
