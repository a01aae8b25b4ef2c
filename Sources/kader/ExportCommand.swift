import ArgumentParser
import Foundation
import KaderCore

/// `kader export quotes|matrix|qdpx`.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export coded quotes, code matrices, or the whole project as REFI-QDA (.qdpx).",
        subcommands: [ExportQuotesCommand.self, ExportMatrixCommand.self, ExportMemosCommand.self, ExportQDPXCommand.self]
    )
}

/// Filters and output shared by the quote and matrix exports.
struct QuoteFilterOptions: ParsableArguments {
    @OptionGroup var options: ProjectOptions

    @Option(name: .long, help: "Only this code id, with its sub-codes (repeatable).", completion: Completions.codes)
    var code: [String] = []

    @Flag(name: .long, help: "With --code: the code itself only, not its sub-codes.")
    var exact = false

    @Option(name: .long, help: "Only this coder, e.g. consensus (repeatable). Default: the only coder, else the consensus coder when there is one; otherwise --coder or --all-coders is required.",
            completion: Completions.coders)
    var coder: [String] = []

    @Flag(name: .long, help: "Take every coder's codings (each quote names its coder).")
    var allCoders = false

    @Option(name: .long, help: "Only segments of speakers with this role (repeatable).")
    var role: [String] = []

    @Option(name: .long, help: "Only this document id (repeatable).", completion: Completions.documents)
    var document: [String] = []

    @Option(name: .long, help: "Only this speaker (repeatable).")
    var speaker: [String] = []

    @Option(name: .shortAndLong, help: "Write to this file (atomically) instead of standard output.")
    var output: String?

    var filter: QuoteFilter {
        var f = QuoteFilter()
        f.codes = code
        f.exactCodes = exact
        f.coders = coder
        f.roles = role
        f.documents = document
        f.speakers = speaker
        return f
    }

    func openProject() throws -> Project {
        try options.open()
    }

    func collection() throws -> QuoteCollection {
        let project = try openProject()
        warnAboutMissingTranscripts(project)
        var f = filter
        let choice = try chooseCoders(project)
        f.coders = choice.coders
        let collection = try QuoteCollection.load(project: project, filter: f)
        if let note = choice.note { FileHandle.standardError.write(Data(TerminalSafe.clean("kader: \(note)\n").utf8)) }
        return collection
    }

    /// The coders to export (``CoderChoice``); the caller says which on stderr once the export worked.
    func chooseCoders(_ project: Project) throws -> CoderChoice {
        guard !(allCoders && !coder.isEmpty) else { throw CLIError("give either --coder or --all-coders, not both.") }
        let available = CodingStore.coders(projectRoot: project.root).filter { !CodingStore.documentIds(projectRoot: project.root, coder: $0).isEmpty }
        return try CoderChoice.resolve(available: available, requested: coder, all: allCoders)
    }
}

/// Says on stderr which codings an export leaves out because their transcript is gone.
func warnAboutMissingTranscripts(_ project: Project) {
    let files = QuoteCollection.filesWithoutTranscript(project: project)
    guard !files.isEmpty else { return }
    CLI.warn(
        "warning: \(counted(files.count, "codings file")) \(files.count == 1 ? "has" : "have") no transcript in "
            + "Transcripts/ and \(files.count == 1 ? "is" : "are") left out: \(files.joined(separator: ", "))")
}

/// Writes `data` to `path` atomically, or to standard output when `path` is nil.
func emit(_ data: Data, to path: String?) throws {
    if let path {
        try AtomicFile.write(data, to: try OutputPath.resolve(path))
    } else {
        // On a terminal, control characters from transcripts are shown as � (files keep them).
        if isatty(1) == 1, let text = String(data: data, encoding: .utf8) {
            FileHandle.standardOutput.write(Data(TerminalSafe.clean(text).utf8))
        } else {
            FileHandle.standardOutput.write(data)
        }
    }
}

enum QuoteFormat: String, ExpressibleByArgument, CaseIterable {
    case md, csv, json, html
}

struct ExportQuotesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quotes",
        abstract: "Export coded quotes: a Markdown or HTML report grouped by category, or one CSV/JSON row per coding.",
        discussion: """
        Each quote is a span the coder selected for that code, else the whole segment: one row per code \
        and quote span. CSV and JSON have document, document type, site, segment id, ordinal, speaker, \
        role, start and end (Unicode scalar offsets), timestamp, category, code id and path, coder, memo \
        (the memo on the code there, then the segment memo) and text.
        Coders: with several coders, the consensus coder by default when there is one; otherwise name \
        them with --coder or take all with --all-coders. Which coders were included is said on stderr \
        (and in the Markdown/HTML header).
        """
    )

    @OptionGroup var options: QuoteFilterOptions

    @Option(name: .long, help: "Output format.")
    var format: QuoteFormat = .md

    @Flag(name: .long, help: "Markdown/HTML: start with the codebook definitions.")
    var definitions = false

    @Flag(name: .long, help: "CSV: add a UTF-8 byte-order mark and use ';' as the separator, for Excel.")
    var excel = false

    func run() throws {
        try CLI.run {
            let collection = try options.collection()
            let data: Data
            switch format {
            case .md: data = Data(QuoteMarkdown.render(collection, definitions: definitions).utf8)
            case .html: data = Data(QuoteHTML.render(collection, definitions: definitions).utf8)
            case .csv: data = try QuoteTable.csv(collection.rows, excel: excel)
            case .json: data = try QuoteTable.json(collection.rows)
            }
            try emit(data, to: options.output)
        }
    }
}

enum MatrixFormat: String, ExpressibleByArgument, CaseIterable {
    case csv, md
}

extension CodeMatrix.Axis: ExpressibleByArgument {}

struct ExportMatrixCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "matrix",
        abstract: "Export code × document (or code × role) counts of segments and codings.",
        discussion: "Each row counts the code and its sub-codes; a cell gives distinct segments and coder × segment codings."
    )

    @OptionGroup var options: QuoteFilterOptions

    @Option(name: .long, help: "Columns: per document or per speaker role.")
    var by: CodeMatrix.Axis = .document

    @Option(name: .long, help: "Output format.")
    var format: MatrixFormat = .md

    @Flag(name: .long, help: "CSV: add a UTF-8 byte-order mark and use ';' as the separator, for Excel.")
    var excel = false

    func run() throws {
        try CLI.run {
            let matrix = CodeMatrix.build(try options.collection(), by: by)
            let data = format == .md ? Data(matrix.markdown().utf8) : try matrix.csv(excel: excel)
            try emit(data, to: options.output)
        }
    }
}

enum MemoFormat: String, ExpressibleByArgument, CaseIterable {
    case md, csv, json
}

struct ExportMemosCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "memos",
        abstract: "Export every memo: on the project, documents, segments, codes on segments, and codes.",
        discussion: """
        One row per memo: kind (project, document, segment, coding, code), coder, when (the last change of the
        coding or project memo that holds it), document, segment id and ordinal, speaker, role, code id and path, the
        quoted text (the code's quote spans, else the segment) and the memo. Every coder by default.
        """
    )

    @OptionGroup var options: ProjectOptions

    @Option(name: .long, help: "Only this coder (repeatable; default: every coder).")
    var coder: [String] = []

    @Option(name: .long, help: "md, csv or json.")
    var format: MemoFormat = .md

    @Flag(name: .long, help: "CSV: add a UTF-8 byte-order mark and use ';' as the separator, for Excel.")
    var excel = false

    @Option(name: .shortAndLong, help: "Write to this file (atomically) instead of standard output.")
    var output: String?

    func run() throws {
        try CLI.run {
            let project = try options.open()
            warnAboutMissingTranscripts(project)
            let rows = try MemoExport.load(project: project, coders: coder)
            let data: Data
            switch format {
            case .md: data = Data(MemoExport.markdown(rows, title: project.root.lastPathComponent).utf8)
            case .csv: data = try MemoExport.csv(rows, excel: excel)
            case .json: data = try MemoExport.json(rows)
            }
            try emit(data, to: output)
        }
    }
}
