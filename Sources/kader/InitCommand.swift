import ArgumentParser
import Foundation
import KaderCore

/// `kader init DIR [--codebook empty|analysekader|FILE]`: an empty project with a starter codebook.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create an empty project: Codebooks/ (with a starter codebook), Transcripts/, Codings/.",
        discussion: """
            --codebook empty (the default) starts with a codebook without codes; analysekader starts \
            with the sample study's Dutch analysis frame; a .qdc (REFI-QDA, from NVivo, ATLAS.ti, \
            MAXQDA, QualCoder), .yaml or .json file starts with your own codebook, checked first.
            """
    )

    @Argument(help: "Folder to create the project in (created if missing).", completion: .directory)
    var directory: String = "."

    @Option(
        name: .long, help: "empty, analysekader, or a codebook file (.qdc, .yaml, .json).",
        completion: .file(extensions: ["qdc", "yaml", "yml", "json"]))
    var codebook = "empty"

    func run() throws {
        let root = URL(fileURLWithPath: directory)
        try Project.initialize(at: root, codebook: StarterCodebook(argument: codebook))
        print("Created a Kader project in \(root.path).")
        print(
            "Copy transcripts (.txt, .md, .docx, .vtt, .srt, .xml) into "
                + "\(root.appendingPathComponent("Transcripts").path)/ and run `kader` there.")
    }
}
