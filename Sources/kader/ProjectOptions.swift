import ArgumentParser
import Foundation
import KaderCore

/// `--project DIR` and `--quiet`, shared by the commands that work on a project.
struct ProjectOptions: ParsableArguments {
    @Option(name: .long, help: "Project folder (default: the current folder).")
    var project: String?

    @Flag(name: .long, help: "No progress or closing summary on standard error (they appear only on a terminal).")
    var quiet = false

    /// The project folder, standardised (it need not be a project yet).
    var root: URL {
        URL(fileURLWithPath: project ?? FileManager.default.currentDirectoryPath).standardizedFileURL
    }

    /// Opens the project; with `progress` (the command's name), starts progress reporting on
    /// standard error (see ``ProgressReporter``).
    /// - Throws: ``ProjectError``, ``CodebookError``.
    func open(progress label: String? = nil) throws -> Project {
        if let label { ProgressReporter.shared.start(label, quiet: quiet) }
        return try Project(root: root)
    }
}
