import ArgumentParser
import Foundation
import KaderCore

extension CodebookExchange.Format: ExpressibleByArgument {}

extension CodebookCommand {
    /// `kader codebook export`: the codebook as REFI-QDA .qdc, Markdown or YAML.
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Export the codebook: REFI-QDA .qdc, Markdown (methods appendix) or YAML.",
            discussion:
                "Coders' code memos (Codings/<coder>/code-memos.json) are included in .qdc descriptions (\"Memo by <coder>: …\") and in Markdown; YAML is the codebook alone."
        )

        @OptionGroup var options: ProjectOptions

        @Option(name: .long, help: "Output format: REFI-QDA codebook, Markdown or YAML.")
        var format: CodebookExchange.Format = .qdc

        @Option(name: .shortAndLong, help: "Write to this file (atomically) instead of standard output.")
        var output: String?

        func run() throws {
            try CLI.run {
                let p = try options.open()
                let memos = CodeMemoFile.loadAll(projectRoot: p.root)
                if let bad = memos.damaged.first { throw bad }
                try emit(try CodebookExchange.export(p.codebook, format: format, codeMemos: memos.memos), to: output)
            }
        }
    }

    /// `kader codebook import FILE.qdc`: merge a REFI-QDA codebook into the project's codebook.
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Merge a REFI-QDA codebook (.qdc) into the project's codebook (or create one).",
            discussion:
                "Codes are matched by GUID, then by name path; only new codes are added, existing codes are kept as they are. Coders' code memos in the descriptions (\"Memo by <coder>: …\", as `codebook export` writes them) go to Codings/<coder>/code-memos.json, never replacing a memo the coder already has."
        )

        @Argument(help: "The .qdc file.")
        var file: String

        @OptionGroup var options: ProjectOptions

        func run() throws {
            try CLI.run {
                let r = try CodebookExchange.importQDC(URL(fileURLWithPath: file), into: options.root)
                if r.created {
                    print("Wrote \(r.file.path) with \(counted(r.total, "code")).")
                } else if r.added.isEmpty {
                    print(
                        "\(r.file.path): every code of \(file) is already in the codebook"
                            + (r.codeMemos.isEmpty ? "; nothing changed." : "."))
                } else {
                    print(
                        "\(r.file.path): added \(counted(r.added.count, "code")): \(r.added.joined(separator: ", ")).")
                }
                for (coder, n) in r.codeMemos.sorted(by: { $0.key < $1.key }) {
                    print("Codings/\(coder)/\(CodeMemoFile.fileName): added \(counted(n, "code memo")).")
                }
                if r.codeMemosKept > 0 {
                    print(
                        "\(counted(r.codeMemosKept, "code memo")) of \(file) left out: the coder already has a different memo on that code."
                    )
                }
            }
        }
    }
}
