import ArgumentParser
import Foundation
import KaderCore

/// `kader`: the root command. Without a subcommand it opens the coding TUI (`kader code`).
@main
struct KaderCommand: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "kader",
        abstract: "A keyboard-first terminal workbench for qualitative coding of transcripts.",
        discussion: """
        Run it in a project folder (Codebooks/, Transcripts/, Codings/) to code transcripts in the
        terminal. Codings are saved per coder in Codings/<coder>/<document>.json.
        """,
        version: version,
        subcommands: [
            CodeCommand.self, SegmentsCommand.self, InitCommand.self, StatusCommand.self, CheckCommand.self, CodebookCommand.self,
            AgreeCommand.self, AlphaCommand.self, ReconcileCommand.self, ExportCommand.self, ImportCommand.self,
            DemoCodingsCommand.self, DebugCodeLoopCommand.self, DebugSaveBenchCommand.self,
        ],
        defaultSubcommand: CodeCommand.self
    )
}

/// One exit point for errors: one sentence on stderr, a non-zero status.
enum CLI {
    static func fail(_ error: Error) -> ExitCode {
        let message = (error as? LocalizedError)?.errorDescription ?? String(describing: error)
        TerminalSafe.error(message.replacingOccurrences(of: "\n", with: " "))
        return ExitCode(1)
    }

    static func run(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let e as ExitCode {
            throw e
        } catch {
            throw fail(error)
        }
    }
}
