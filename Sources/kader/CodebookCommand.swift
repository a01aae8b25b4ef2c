import ArgumentParser
import Foundation
import KaderCore
import KaderTUI

/// `kader codebook …`: look at and change the codebook. Add a subcommand by writing a
/// `ParsableCommand` (in its own file, as an extension of `CodebookCommand`) and listing it in
/// `subcommands` below.
struct CodebookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "codebook",
        abstract: "Show, check and change the codebook (rename, merge and delete codes without losing codings).",
        subcommands: [
            Show.self, Check.self, Rename.self, Merge.self, Delete.self, Adopt.self, Export.self, Import.self,
        ]
    )
}

extension CodebookCommand {
    /// `kader codebook show`: the code tree with ids, shortcuts and coding counts.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the codebook: codes with ids, shortcuts and how often each is used.")

        @OptionGroup var options: ProjectOptions

        func run() throws {
            try CLI.run {
                let project = try options.open()
                let counts = CodebookUsage.count(project: project)
                print("\(project.codebook.name) (\(project.codebookURL.lastPathComponent))")
                print(
                    TextTable.render(
                        header: ["code", "id", "key", "codings"],
                        rows: project.codebook.entries.map { e in
                            [
                                String(repeating: "  ", count: e.depth) + e.code.name, e.code.id, e.code.shortcut ?? "",
                                String(counts[e.code.id] ?? 0),
                            ]
                        }))
            }
        }
    }

    /// `kader codebook check`: validation problems and codings with unknown code ids.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the codebook and the code ids used by codings (exit 1 on problems).")

        @OptionGroup var options: ProjectOptions

        func run() throws {
            try CLI.run {
                let project = try options.open()
                let known = Set(project.codebook.entries.map(\.code.id))
                let unknown = CodebookUsage.count(project: project).filter { !known.contains($0.key) }
                let noShortcut = project.codebook.entries.filter { $0.code.shortcut == nil }.map(\.code.id)
                if !noShortcut.isEmpty {
                    print(
                        "note: codes without a shortcut key (code them with the TUI's picker, c): \(noShortcut.joined(separator: ", "))"
                    )
                }
                let reserved = Keymap().reservedCharacters
                let clashes = project.codebook.entries.compactMap { e -> (id: String, shortcut: String)? in
                    guard let s = e.code.shortcut, s.count == 1, reserved.contains(Character(s)) else { return nil }
                    return (e.code.id, s)
                }
                for c in clashes {
                    print(
                        "\(project.codebookURL.lastPathComponent): code \"\(c.id)\" has shortcut \"\(c.shortcut)\", which is a Kader key; choose another key."
                    )
                }
                guard unknown.isEmpty, clashes.isEmpty else {
                    for (id, n) in unknown.sorted(by: { $0.key < $1.key }) {
                        print(
                            "\(project.codebookURL.lastPathComponent): code id \"\(id)\" is used by "
                                + "\(counted(n, "coding")) but is not in the codebook.")
                    }
                    print(
                        "Add the codes back, or move their codings with `kader codebook merge`; `kader check` lists the files."
                    )
                    throw ExitCode(1)
                }
                print(
                    "\(project.codebookURL.lastPathComponent): \(counted(project.codebook.entries.count, "code")), valid; "
                        + "every code id used by codings is in it.")
            }
        }
    }
}

/// How often each code id is used, over every coder's readable codings files.
enum CodebookUsage {
    static func count(project: Project) -> [String: Int] {
        var counts: [String: Int] = [:]
        for coder in CodingStore.coders(projectRoot: project.root) {
            for id in CodingStore.documentIds(projectRoot: project.root, coder: coder) {
                let url = CodingStore.fileURL(
                    projectRoot: project.root, coder: CoderName(coder), documentId: DocumentID(id))
                guard let file = try? CodingStore.readFile(url) else { continue }
                for c in file.codings + (file.orphans ?? []) {
                    for code in c.codes { counts[code, default: 0] += 1 }
                }
            }
        }
        return counts
    }
}
