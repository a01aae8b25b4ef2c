import ArgumentParser
import Foundation
import KaderCore

/// `kader check`: project integrity; exit 1 when something needs attention.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract:
            "Check the project: damaged codings files (and how to recover), orphaned codings, unknown codes, missing documents."
    )

    @OptionGroup var options: ProjectOptions

    func run() throws {
        try CLI.run {
            for note in ImportStaging.recover(root: options.root) { TerminalSafe.error("note: " + note) }
            let project = try options.open(progress: "check")
            let check = ProjectCheck.run(project: project)
            ProgressReporter.shared.finish(
                "check: \(counted(project.documentIds.count, "document")), \(counted(check.findings.count, "problem"))")
            guard check.needsAttention else {
                let coders = CodingStore.coders(projectRoot: project.root).count
                print(
                    "All is well: \(counted(project.documentIds.count, "document")), \(counted(coders, "coder")), "
                        + "codebook \(project.codebookURL.lastPathComponent).")
                return
            }
            for f in check.findings {
                print("\(f.path): \(f.message)")
                print("  → \(f.advice)")
            }
            print("\(counted(check.findings.count, "problem")) found.")
            throw ExitCode(1)
        }
    }
}
