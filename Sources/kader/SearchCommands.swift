import ArgumentParser
import Foundation
import KaderCore

enum SearchFormat: String, ExpressibleByArgument, CaseIterable {
    case text, md, csv, json, html
}

/// `kader search TERM`: keyword in context across every transcript.
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search every transcript: keyword-in-context lines with document, segment, speaker and role.",
        discussion: """
            Case and accents are ignored (e matches é, ë), as in the coding screen's search. A term matches whole \
            words; several words are a phrase; * stands for any letters within a word (leerkracht*, *vaardig*). \
            --regex takes a regular expression instead (ICU syntax, case-insensitive, accents significant).
            """
    )

    @OptionGroup var analysis: AnalysisOptions

    @Argument(help: "Word, phrase or pattern.")
    var term: String

    @Flag(name: .long, help: "TERM is a regular expression.")
    var regex = false

    @Flag(name: .long, help: "Only codable segments (no moderator or interviewer turns).")
    var codable = false

    @Option(name: .long, help: "text (keyword-in-context lines), md, csv, json or html.")
    var format: SearchFormat = .text

    @Option(name: .shortAndLong, help: "Write to this file (atomically) instead of standard output.")
    var output: String?

    func run() throws {
        try CLI.run {
            let pattern = try SearchPattern(term, regex: regex)
            let corpus = try analysis.corpus(codings: analysis.whereExpression != nil)
            let hits = CorpusSearch.run(
                corpus, pattern: pattern, filter: try analysis.filter(corpus), codableOnly: codable)
            let segments = Set(hits.map { $0.document + "\u{1}" + $0.segment }).count
            FileHandle.standardError.write(
                Data(
                    "kader: \(hits.count) hit\(hits.count == 1 ? "" : "s") in \(segments) segment\(segments == 1 ? "" : "s") of \(Set(hits.map(\.document)).count) document(s)\n"
                        .utf8))
            let rows = hits.map(CorpusSearch.cells)
            let data: Data
            switch format {
            case .text: data = Data(CorpusSearch.kwic(hits).utf8)
            case .csv: data = try QuoteTable.csv(header: CorpusSearch.columns, rows: rows)
            case .json:
                let enc = JSONEncoder()
                enc.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                data =
                    try enc.encode(rows.map { Dictionary(uniqueKeysWithValues: zip(CorpusSearch.columns, $0)) })
                    + Data([0x0A])
            case .md:
                var out = [
                    "| document | # | speaker | role | left | match | right |", "|---|---:|---|---|---:|---|---|",
                ]
                for h in hits {
                    out.append(
                        "| "
                            + [
                                h.document, String(h.ordinal), h.speaker ?? "", h.role ?? "", h.left, "**\(h.match)**",
                                h.right,
                            ].map(QuoteMarkdownCell.cell).joined(separator: " | ") + " |")
                }
                data = Data((out.joined(separator: "\n") + "\n").utf8)
            case .html:
                data = Data(
                    SVGChart.page(
                        title: "Search: \(term)", body: [SVGChart.table(header: CorpusSearch.columns, rows: rows)]
                    ).utf8)
            }
            try emit(data, to: output)
        }
    }
}

enum QuoteMarkdownCell {
    static func cell(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|") }
}

/// `kader words`: word frequencies.
struct WordsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "words",
        abstract:
            "Word frequencies over the transcripts (Dutch and English stop words left out), optionally --by an attribute.",
        discussion:
            "Counts every segment once (codable segments only unless --all-segments); --where narrows the segments."
    )

    @OptionGroup var analysis: AnalysisOptions

    @Option(name: .long, help: "Split by this attribute (or document, role, speaker).")
    var by: String?

    @Option(name: .long, help: "How many words to list.")
    var top = 50

    @Flag(name: .long, help: "Keep stop words.")
    var keepStopWords = false

    @Option(name: .long, help: "md, csv, json or html.")
    var format: TableFormat = .md

    @Option(name: .shortAndLong, help: "Write to this file (atomically) instead of standard output.")
    var output: String?

    func run() throws {
        try CLI.run {
            let corpus = try analysis.corpus(codings: analysis.whereExpression != nil)
            if let by { try corpus.checkAxis(by) }
            let units = corpus.units(where: try analysis.filter(corpus))
            let words = WordFrequencies.build(corpus, units: units, by: by, top: max(1, top), stopWords: !keepStopWords)
            let data: Data
            switch format {
            case .md: data = Data(words.markdown().utf8)
            case .csv: data = try words.csv()
            case .json: data = try words.json()
            case .html: data = Data(words.html(title: "Word frequencies").utf8)
            }
            try emit(data, to: output)
        }
    }
}

/// `kader autocode`: code every segment a search finds, for one coder; `--undo` takes the last run back.
struct AutocodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "autocode",
        abstract:
            "Apply a code to every codable segment a search finds, for one coder (--dry-run shows what it would do; --undo takes the last run back).",
        discussion: """
            Writes only the named coder's files, through the same store as the coding screen (lock, atomic saves). \
            Each run is logged in Codings/<coder>/.autocode-log.json with the segments it coded; `kader autocode \
            --undo --coder NAME` removes the code from exactly those segments (where it is still applied).
            """
    )

    @OptionGroup var options: ProjectOptions

    @Option(name: .long, help: "Word, phrase or pattern, as for `kader search`.")
    var search: String?

    @Flag(name: .long, help: "The search is a regular expression.")
    var regex = false

    @Option(name: .long, help: "The code id to apply.")
    var code: String?

    @Option(name: .long, help: "The coder whose codings are written.")
    var coder: String

    @Option(name: .long, help: "Only segments of this speaker (repeatable).")
    var speaker: [String] = []

    @Option(name: .long, help: "Only segments of this role (repeatable).")
    var role: [String] = []

    @Option(name: .customLong("where"), help: "Only segments for which this holds (see `kader query --help`).")
    var whereExpression: String?

    @Flag(name: .long, help: "Show what would be coded; write nothing.")
    var dryRun = false

    @Flag(name: .long, help: "Take back this coder's last autocode run.")
    var undo = false

    func run() throws {
        try CLI.run {
            let project = try options.open()
            _ = try CoderName.validated(coder)
            if undo {
                let (run, removed) = try AutoCoder.undo(project: project, coder: coder)
                print(
                    "Undid the autocode run of \(run.time) (\"\(run.search)\" → \(run.code)): removed the code from \(removed) segment\(removed == 1 ? "" : "s")."
                )
                return
            }
            guard let search, let code else { throw ValidationError("give --search TERM and --code ID (or --undo)") }
            guard CodeTree(project.codebook).contains(code) else { throw ExportError.unknownCode(id: code) }
            let pattern = try SearchPattern(search, regex: regex)
            let corpus = try AnalysisCorpus.load(
                project: project,
                coders: CodingStore.documentIds(projectRoot: project.root, coder: coder).isEmpty
                    ? [] : [CoderName(coder)])
            var parts: [FilterExpression] = []
            if let w = whereExpression { parts.append(try FilterExpression.parse(w)) }
            if let r = anyOf("role", role) { parts.append(r) }
            if let s = anyOf("speaker", speaker) { parts.append(s) }
            let filter = try parts.first.map { first in
                try SegmentFilter(parts.dropFirst().reduce(first) { .and($0, $1) }, corpus: corpus)
            }
            let plan = AutoCoder.plan(
                corpus, pattern: pattern, filter: filter, code: CodeID(code), coder: CoderName(coder))
            let new = plan.filter { !$0.present }
            // Listed after the run (a refused lock or a failed save codes nothing, so "coded"
            // lines printed first would be false).
            let listing = plan.map { p in
                let doc = corpus.documents[p.document].document
                let s = doc.segments[p.segment]
                let text = Fingerprint.collapseWhitespace(s.text)
                return
                    "\(p.present ? "has " : dryRun ? "would code" : "coded")  \(doc.id) #\(s.ordinal) \(s.speaker ?? "")  \(text.count > 70 ? String(text.prefix(69)) + "…" : text)"
            }
            if dryRun {
                listing.forEach { print($0) }
                print(
                    "Dry run: \(new.count) segment\(new.count == 1 ? "" : "s") would get \(code) for \(coder) (\(plan.count - new.count) already have it); nothing written."
                )
                return
            }
            let run = try AutoCoder.apply(
                corpus, plan: plan, code: CodeID(code), coder: CoderName(coder), search: search)
            listing.forEach { print($0) }
            print(
                "Coded \(run.added.count) segment\(run.added.count == 1 ? "" : "s") with \(code) for \(coder) (\(plan.count - new.count) already had it). Undo with: kader autocode --undo --coder \(coder)"
            )
        }
    }
}
