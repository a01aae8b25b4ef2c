import ArgumentParser
import Foundation
import KaderCore

/// `kader export quotes|matrix|qdpx`.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export coded quotes, code matrices, or the whole project as REFI-QDA (.qdpx).",
        subcommands: [ExportQuotesCommand.self, ExportMatrixCommand.self, ExportQDPXCommand.self]
    )
}

/// Filters and output shared by the quote and matrix exports.
struct QuoteFilterOptions: ParsableArguments {
    @OptionGroup var options: ProjectOptions

    @Option(name: .long, help: "Only this code id, with its sub-codes (repeatable).", completion: Completions.codes)
    var code: [String] = []

    @Flag(name: .long, help: "With --code: the code itself only, not its sub-codes.")
    var exact = false

    @Option(name: .long, help: "Only this coder, e.g. consensus (repeatable; default: all coders).",
            completion: Completions.coders)
    var coder: [String] = []

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

    func openProject(progress label: String? = nil) throws -> Project {
        try options.open(progress: label)
    }

    func collection(progress label: String? = nil) throws -> QuoteCollection {
        let project = try openProject(progress: label)
        warnAboutMissingTranscripts(project)
        return try QuoteCollection.load(project: project, filter: filter)
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

/// Writes `data` to `path` atomically, or to standard output when `path` is nil, then the
/// closing summary (`what`, e.g. "12 rows", and where) on a terminal's standard error.
func emit(_ data: Data, to path: String?, summary what: String) throws {
    try emit(data, to: path)
    let size = String(format: "%.1f MB", Double(data.count) / 1_000_000)
    ProgressReporter.shared.finish("wrote \(what) (\(size)) to \(path ?? "standard output")")
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
        Each quote is the exact span the coder selected, else the whole segment. CSV and JSON have one \
        row per coding with document, document type, site, segment id, ordinal, speaker, role, start and \
        end (Unicode scalar offsets), timestamp, category, code id and path, coder, memo and text.
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
            let collection = try options.collection(progress: "export quotes")
            let data: Data
            switch format {
            case .md: data = Data(QuoteMarkdown.render(collection, definitions: definitions).utf8)
            case .html: data = Data(QuoteHTML.render(collection, definitions: definitions).utf8)
            case .csv: data = try QuoteTable.csv(collection.rows, excel: excel)
            case .json: data = try QuoteTable.json(collection.rows)
            }
            try emit(data, to: options.output, summary: counted(collection.rows.count, "quote row"))
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
            let matrix = CodeMatrix.build(try options.collection(progress: "export matrix"), by: by)
            let data = format == .md ? Data(matrix.markdown().utf8) : try matrix.csv(excel: excel)
            try emit(data, to: options.output, summary: counted(matrix.rows.count, "matrix row"))
        }
    }
}
