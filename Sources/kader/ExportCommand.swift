import ArgumentParser
import Foundation
import KaderCore

/// `kader export quotes|matrix|qdpx`.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export coded quotes, code matrices, or the whole project as REFI-QDA (.qdpx).",
        subcommands: [
            ExportQuotesCommand.self, ExportMatrixCommand.self, ExportMemosCommand.self, ExportQDPXCommand.self,
        ]
    )
}

/// Filters and output shared by the quote and matrix exports.
struct QuoteFilterOptions: ParsableArguments {
    @OptionGroup var options: ProjectOptions

    @Option(name: .long, help: "Only this code id, with its sub-codes (repeatable).", completion: Completions.codes)
    var code: [String] = []

    @Flag(name: .long, help: "With --code: the code itself only, not its sub-codes.")
    var exact = false

    @Option(
        name: .long,
        help:
            "Only this coder, e.g. consensus (repeatable). Default: the only coder, else the consensus coder when there is one; otherwise --coder or --all-coders is required.",
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

    @Option(
        name: .customLong("where"),
        help:
            "Only segments for which this holds, e.g. 'schooltype=secundair and role!=moderator' (see `kader query --help`)."
    )
    var whereExpression: String?

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
        var f = filter
        let choice = try chooseCoders(project)
        f.coders = choice.coders
        let collection: QuoteCollection
        if let whereExpression {
            let corpus = try AnalysisCorpus.load(
                project: project, coders: choice.coders.map(CoderName.init), documents: document.map(DocumentID.init))
            warnAboutConflicts(corpus)
            let units = try SegmentFilter(parsing: whereExpression, corpus: corpus).matches(in: corpus)
            collection = try corpus.quotes(of: units, filter: f)
        } else {
            collection = try QuoteCollection.load(project: project, filter: f)
        }
        if let note = choice.note { FileHandle.standardError.write(Data(TerminalSafe.clean("kader: \(note)\n").utf8)) }
        return collection
    }

    /// The coders to export (``CoderChoice``); the caller says which on stderr once the export worked.
    func chooseCoders(_ project: Project) throws -> CoderChoice {
        guard !(allCoders && !coder.isEmpty) else { throw CLIError("give either --coder or --all-coders, not both.") }
        let available = CodingStore.coders(projectRoot: project.root).filter {
            !CodingStore.documentIds(projectRoot: project.root, coder: $0).isEmpty
        }
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

/// Writes `data` to `path` atomically, or to standard output when `path` is nil, then the
/// closing summary (`what`, e.g. "12 rows", and where) on a terminal's standard error.
func emit(_ data: Data, to path: String?, json: Bool = false, summary what: String) throws {
    try emit(data, to: path, json: json)
    let size = String(format: "%.1f MB", Double(data.count) / 1_000_000)
    ProgressReporter.shared.finish("wrote \(what) (\(size)) to \(path ?? "standard output")")
}

/// Writes `data` to `path` atomically, or to standard output when `path` is nil.
func emit(_ data: Data, to path: String?, json: Bool = false) throws {
    if let path {
        try AtomicFile.write(data, to: try OutputPath.resolve(path))
    } else {
        // On a terminal, control characters from transcripts are neutralised (files and pipes keep them).
        TerminalSafe.writeData(data, kind: json ? .json : .text)
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
            (the memo on the code there, then the segment memo) and text. \
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
            if canStream {
                try runStreamed()
                return
            }
            let collection = try options.collection(progress: "export quotes")
            let data: Data
            switch format {
            case .md: data = Data(QuoteMarkdown.render(collection, definitions: definitions).utf8)
            case .html: data = Data(QuoteHTML.render(collection, definitions: definitions).utf8)
            case .csv: data = try QuoteTable.csv(collection.rows, excel: excel)
            case .json: data = try QuoteTable.json(collection.rows)
            }
            try emit(
                data, to: options.output, json: format == .json, summary: counted(collection.rows.count, "quote row"))
        }
    }
}

struct ExportMatrixCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "matrix",
        abstract:
            "Export code × document, role, speaker, coder or attribute counts of segments and codings, with row and column percentages.",
        discussion: """
            Each row counts the code and its sub-codes; a cell gives distinct segments and coder × segment × code \
            codings. Column % is the share of the column's codable segments coded with the code; row % the share \
            of the code's segments in the column. --by takes document, role, speaker, coder or any attribute \
            (front matter, sidecar or Attributes.csv). HTML adds bar charts (inline SVG) above the tables.
            """
    )

    @OptionGroup var options: QuoteFilterOptions

    @Option(name: .long, help: "Columns: document, role, speaker, coder or an attribute (e.g. schooltype).")
    var by: String = "document"

    @Option(name: .long, help: "Output format.")
    var format: TableFormat = .md

    @Flag(name: .long, help: "CSV: add a UTF-8 byte-order mark and use ';' as the separator, for Excel.")
    var excel = false

    func run() throws {
        try CLI.run {
            let project = try options.openProject(progress: "export matrix")
            warnAboutMissingTranscripts(project)
            // Counted document by document: the matrix is small, the corpus need not be in memory.
            var coders: [String] = []
            var matrix = try AttributeMatrix.stream(
                project: project, coders: options.coder.map(CoderName.init),
                documents: options.document.map(DocumentID.init), by: by,
                filter: {
                    var parts: [FilterExpression] = []
                    if let w = options.whereExpression { parts.append(try FilterExpression.parse(w)) }
                    if let r = anyOf("role", options.role) { parts.append(r) }
                    if let s = anyOf("speaker", options.speaker) { parts.append(s) }
                    return parts.first.map { first in parts.dropFirst().reduce(first) { .and($0, $1) } }
                }, codes: options.code, exact: options.exact,
                loaded: { outline in
                    coders = outline.coders
                    warnAboutConflicts(outline.conflicts)
                })
            var scope: [String] = []
            scope.append("Coders: \(coders.isEmpty ? "none" : coders.joined(separator: ", ")).")
            if let w = options.whereExpression { scope.append("Where: \(w).") }
            matrix.scope = scope.joined(separator: " ")
            let data: Data
            switch format {
            case .md: data = Data(matrix.markdown().utf8)
            case .csv: data = try matrix.csv(excel: excel)
            case .json: data = try matrix.json()
            case .html: data = Data(matrix.html(title: "Codes by \(by): \(project.codebook.name)").utf8)
            }
            try emit(data, to: options.output, summary: counted(matrix.rows.count, "matrix row"))
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
            One row per memo: kind (project, document, segment, coding, code), coder, when (the last change of the \
            coding or project memo that holds it), document, segment id and ordinal, speaker, role, code id and path, the \
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
