import ArgumentParser
import Foundation
import KaderCore

/// `kader-dev`: developer drivers that are not part of the product (the tests and the
/// maintainers run them; `make install` and `make dist` never ship them).
@main
struct KaderDevCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kader-dev",
        abstract: "Kader's test and demo drivers (not installed).",
        subcommands: [CodeLoopCommand.self, SaveBenchCommand.self, DemoCodingsCommand.self]
    )

    /// Errors from Kader's core as one line, `kader-dev: <sentence>`, status 1 (as `kader` does).
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as LocalizedError {
            let line = (error.errorDescription ?? "\(error)").replacingOccurrences(of: "\n", with: " ")
            FileHandle.standardError.write(Data("kader-dev: \(line)\n".utf8))
            Foundation.exit(1)
        } catch {
            exit(withError: error)
        }
    }
}

/// `--project DIR` for the developer commands.
struct DevProjectOptions: ParsableArguments {
    @Option(name: .long, help: "Project folder (default: the current folder).")
    var project: String?

    /// Opens the project.
    /// - Throws: ``ProjectError``, ``CodebookError``.
    func open() throws -> Project {
        try Project(root: URL(fileURLWithPath: project ?? FileManager.default.currentDirectoryPath).standardizedFileURL)
    }
}
