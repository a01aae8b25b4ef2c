import ArgumentParser
import Foundation
import KaderCore

/// `--project DIR`, shared by the commands that work on a project.
struct ProjectOptions: ParsableArguments {
    @Option(name: .long, help: "Project folder (default: the current folder).")
    var project: String?

    /// The project folder, standardised (it need not be a project yet).
    var root: URL {
        URL(fileURLWithPath: project ?? FileManager.default.currentDirectoryPath).standardizedFileURL
    }

    /// Opens the project.
    /// - Throws: ``ProjectError``, ``CodebookError``.
    func open() throws -> Project {
        try Project(root: root)
    }
}
