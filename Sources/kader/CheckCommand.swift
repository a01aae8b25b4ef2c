import ArgumentParser
import Foundation
import KaderCore

/// `kader check`: project integrity; exit 1 when something needs attention.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the project: damaged codings files (and how to recover), orphaned codings, unknown codes, missing documents."
    )

    @OptionGroup var options: ProjectOptions

    func run() throws {
        try CLI.run {
            for note in ImportStaging.recover(root: options.root) { TerminalSafe.error("note: " + note) }
            let project = try options.open()
            let check = ProjectCheck.run(project: project)
            guard check.needsAttention else {
                print("All is well: \(project.documentIds.count) documents, \(CodingStore.coders(projectRoot: project.root).count) coders, codebook \(project.codebookURL.lastPathComponent).")
                return
            }
            for f in check.findings {
                print("\(f.path): \(f.message)")
                print("  → \(f.advice)")
            }
            print("\(check.findings.count) problem\(check.findings.count == 1 ? "" : "s") found.")
            throw ExitCode(1)
        }
    }
}
