import ArgumentParser
import Foundation
import KaderCore

/// `kader init DIR`: an empty project with the starter codebook.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create an empty project: Codebooks/ (with a starter codebook), Transcripts/, Codings/."
    )

    @Argument(help: "Folder to create the project in (created if missing).")
    var directory: String = "."

    func run() throws {
        try CLI.run {
            let root = URL(fileURLWithPath: directory)
            try Project.initialize(at: root)
            print("Created a Kader project in \(root.path).")
            print("Copy transcripts (.txt, .md) into \(root.appendingPathComponent("Transcripts").path)/ and run `kader` there.")
        }
    }
}
