import ArgumentParser
import Foundation
import KaderCore

extension CodebookCommand {
    /// `kader codebook rename ID "New name"`.
    struct Rename: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Rename a code; its id stays, so every coding keeps it.")

        @OptionGroup var options: ProjectOptions
        @Argument(help: "The code's id.", completion: Completions.codes) var id: String
        @Argument(help: "The new name.") var name: String

        func run() throws {
            try CLI.run {
                let project = try options.open()
                _ = try CodebookEdits.rename(project: project, id: id, to: name)
                print(
                    "Renamed code \"\(id)\" to \"\(name)\" in \(project.codebookURL.lastPathComponent); codings keep the id."
                )
            }
        }
    }

    /// `kader codebook merge FROM INTO`.
    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Merge code FROM into INTO: every coder's codings of FROM move to INTO, and FROM leaves the codebook.")

        @OptionGroup var options: ProjectOptions
        @Argument(help: "Id of the code to merge away.", completion: Completions.codes) var from: String
        @Argument(help: "Id of the code that receives its codings.", completion: Completions.codes) var into: String

        func run() throws {
            try CLI.run {
                let project = try options.open()
                let result = try CodebookEdits.merge(project: project, from: from, into: into)
                print(
                    "Merged \"\(from)\" into \"\(into)\": \(counted(result.codingsMoved, "coding")) moved in "
                        + "\(counted(result.filesChanged.count, "file")).")
            }
        }
    }

    /// `kader codebook delete ID [--move-to ID]`.
    struct Delete: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete a code; refused while codings use it unless --move-to names where they go.")

        @OptionGroup var options: ProjectOptions
        @Argument(help: "Id of the code to delete.", completion: Completions.codes) var id: String
        @Option(
            name: .long, help: "Id of the code that receives the deleted code's codings.", completion: Completions.codes
        )
        var moveTo: String?

        func run() throws {
            try CLI.run {
                let project = try options.open()
                let result = try CodebookEdits.delete(project: project, id: id, moveTo: moveTo)
                if let moveTo {
                    print(
                        "Deleted \"\(id)\": \(counted(result.codingsMoved, "coding")) moved to \"\(moveTo)\" in "
                            + "\(counted(result.filesChanged.count, "file")).")
                } else {
                    print("Deleted \"\(id)\" (no codings used it).")
                }
            }
        }
    }

    /// `kader codebook adopt CODE --coder NAME`: the picker's `Ctrl-A` from the command line.
    struct Adopt: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Adopt a code a coder proposed while coding (Codings/<coder>/proposed-codes.yaml) into the team codebook.",
            discussion: """
                The same operation as Ctrl-A in the TUI's code picker: a proposed category comes with its \
                sub-codes; a proposed code under a team category goes under it; a proposed code in a \
                proposed category brings that category along. A shortcut the team codebook already uses \
                is dropped. The coder's codings already use the code's id, so nothing else changes.
                """)

        @OptionGroup var options: ProjectOptions
        @Argument(help: "Id of the proposed code.") var code: String
        @Option(name: .long, help: "The coder who proposed it.", completion: Completions.coders) var coder: String

        func run() throws {
            let project = try options.open()
            let proposals = try ProposedCodes.load(projectRoot: project.root, coder: coder)
            let proposed = ProposedCodes.proposedIds(proposals, team: project.codebook)
            guard proposed.contains(code) else {
                let list = proposed.sorted().joined(separator: ", ")
                throw CLIError(
                    project.codebook.entry(id: code) != nil
                        ? "\"\(code)\" is already in the team codebook."
                        : "\(coder) proposed no code \"\(code)\" (proposed: \(list.isEmpty ? "none" : list)).")
            }
            let result = try ProposedCodes.adopt(CodeID(code), coder: CoderName(coder), project: project)
            let names = result.adopted.compactMap { id in result.team.entry(id: id).map { "\($0.pathString) (\(id))" } }
            print(
                "Adopted into \(project.codebookURL.lastPathComponent): \(names.joined(separator: ", ")); "
                    + "removed from \(coder)'s proposed codes.")
        }
    }
}
