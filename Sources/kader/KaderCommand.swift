import ArgumentParser
import Foundation
import KaderCore

/// `kader`: the root command. Without a subcommand it opens the coding TUI (`kader code`).
///
/// Exit statuses: 0 success; 1 an error (one sentence on standard error) or a report that
/// needs attention (`status`, `check`, `codebook check`); 64 a usage error (usage is printed).
@main
struct KaderCommand: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "kader",
        abstract: "A keyboard-first terminal workbench for qualitative coding of transcripts.",
        discussion: """
            Run it in a project folder (Codebooks/, Transcripts/, Codings/) to code transcripts in the \
            terminal. Codings are saved per coder in Codings/<coder>/<document>.json.
            """,
        version: version,
        subcommands: [
            CodeCommand.self, SegmentsCommand.self, InitCommand.self, StatusCommand.self, CheckCommand.self,
            CodebookCommand.self, AgreeCommand.self, AlphaCommand.self, ReconcileCommand.self, ExportCommand.self,
            ImportCommand.self, QueryCommand.self, CooccurCommand.self, AttributesCommand.self, SearchCommand.self,
            WordsCommand.self, AutocodeCommand.self,
        ],
        defaultSubcommand: CodeCommand.self
    )

    /// The one error funnel: argument errors and `--help` go through swift-argument-parser
    /// (usage, status 64); every other error thrown by a command becomes one sentence on
    /// standard error and status 1.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let suggestion = CommandSuggestion.forMistyped(arguments, commands: configuration.subcommands) {
            CLI.report(suggestion)
            Foundation.exit(ExitCode.validationFailure.rawValue)
        }
        let command: ParsableCommand
        do {
            command = try parseAsRoot(arguments)
        } catch {
            exit(withError: error)
        }
        do {
            var command = command
            try command.run()
        } catch {
            // ExitCode, CleanExit, ValidationError, and the parser's own errors that surface
            // here (`--help` runs an internal help command that throws one) keep their meaning.
            let fromParser =
                error is ExitCode || error is CleanExit || error is ValidationError
                || String(reflecting: type(of: error)).hasPrefix("ArgumentParser.")
            if fromParser { exit(withError: error) }
            CLI.report(error)
            Foundation.exit(1)
        }
        Foundation.exit(0)
    }
}

/// Messages to the user on standard error, always one cleaned line each, `kader: ` first.
enum CLI {
    /// Writes `error`'s description as one line.
    static func report(_ error: Error) {
        let message = (error as? LocalizedError)?.errorDescription ?? String(describing: error)
        warn(message)
    }

    /// Writes `message` as one line through the terminal funnel (``TerminalSafe``: control
    /// characters shown as `�`), newlines as spaces.
    static func warn(_ message: String) {
        TerminalSafe.error(message.replacingOccurrences(of: "\n", with: " "))
    }

    /// Runs `body`. Kept so commands written before the funnel in ``KaderCommand/main()``
    /// still compile; errors simply propagate to it. New commands throw directly.
    static func run(_ body: () throws -> Void) throws {
        try body()
    }
}

/// "1 document", "2 documents": `count` and the word, in the singular for exactly one.
func counted(_ count: Int, _ singular: String, _ plural: String? = nil) -> String {
    "\(count) \(count == 1 ? singular : plural ?? singular + "s")"
}
