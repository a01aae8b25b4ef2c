import ArgumentParser
import Foundation
import KaderCore

/// `--project DIR`, shared by the commands that work on a project.
struct ProjectOptions: ParsableArguments {
    @Option(name: .long, help: "Project folder (default: the current folder).")
    var project: String?

    /// Opens the project.
    /// - Throws: ``ProjectError``, ``CodebookError``.
    func open() throws -> Project {
        try Project(root: URL(fileURLWithPath: project ?? FileManager.default.currentDirectoryPath))
    }
}
