import ArgumentParser
import CursesTerminal
import Foundation
import KaderCore
import KaderTUI

/// `kader reconcile A B [--into consensus]`: step through the disagreements of two coders and
/// write the consensus coder.
struct ReconcileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reconcile",
        abstract: "Step through the segments two coders coded differently and write a consensus coder.",
        discussion: """
            Shows each disagreement (documents both coders marked done) with both codings side by side \
            and the code definitions. Keys: a accept A, b accept B, u union, i intersection, e edit \
            (toggle codes by shortcut), m memo, j/k next/previous, n next open, ? help, q quit. \
            Every resolution is saved at once in Codings/<into>/; A's and B's files are never changed. \
            Reopening continues where you left off: a segment is resolved once the consensus file has a \
            coding for it.
            """
    )

    @Argument(help: "The first coder (A).", completion: Completions.coders)
    var first: String

    @Argument(help: "The second coder (B).", completion: Completions.coders)
    var second: String

    @Option(name: .long, help: "The coder to write the consensus as.")
    var into = "consensus"

    @OptionGroup var options: ProjectOptions

    func validate() throws {
        guard first != second else {
            throw ValidationError("reconcile needs two different coders (got \(first) twice).")
        }
        guard into != first, into != second else {
            throw ValidationError(
                "--into must name a third coder; \(into) is one of the coders being reconciled, "
                    + "whose codings are never changed.")
        }
    }

    func run() throws {
        try CLI.run {
            for n in [first, second, into] { _ = try CoderName.validated(n) }
            let project = try options.open()
            let known = CodingStore.coders(projectRoot: project.root)
            if let missing = [first, second].first(where: { !known.contains($0) }) {
                throw CLIError(
                    "no codings for coder \"\(missing)\" in \(project.root.path)/Codings (coders: \(known.isEmpty ? "none" : known.joined(separator: ", ")))."
                )
            }
            let store = try CodingStore(projectRoot: project.root, coder: into)
            let controller = try ReconcileController(project: project, first: first, second: second, store: store)
            let terminal = try CursesTerminal()
            defer { terminal.shutdown() }
            controller.run(on: terminal)
        }
    }
}
