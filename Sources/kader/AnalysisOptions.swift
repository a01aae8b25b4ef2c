import ArgumentParser
import Foundation
import KaderCore

/// Options shared by the analysis commands: project, coders, documents and `--where`.
struct AnalysisOptions: ParsableArguments {
    @OptionGroup var options: ProjectOptions

    @Option(
        name: .long,
        help: "Only this coder, e.g. consensus (repeatable; default: every coder, each counted on their own).")
    var coder: [String] = []

    @Option(name: .long, help: "Only this document id (repeatable).")
    var document: [String] = []

    @Option(
        name: .customLong("where"),
        help:
            "Only segments for which this holds, e.g. 'schooltype=secundair and role!=moderator' (see `kader query --help`)."
    )
    var whereExpression: String?

    /// Loads the project for analysis (codings of the selected coders unless `codings` is false).
    func corpus(codings: Bool = true) throws -> AnalysisCorpus {
        let project = try options.open()
        if codings { warnAboutMissingTranscripts(project) }
        let corpus = try AnalysisCorpus.load(
            project: project, coders: coder.map(CoderName.init), documents: document.map(DocumentID.init),
            codings: codings)
        warnAboutConflicts(corpus)
        return corpus
    }

    /// The `--where` filter, and'ed with `extra` clauses, or nil when there is none.
    func filter(_ corpus: AnalysisCorpus, and extra: [FilterExpression] = []) throws -> SegmentFilter? {
        var parts = extra
        if let w = whereExpression { parts.insert(try FilterExpression.parse(w), at: 0) }
        guard let first = parts.first else { return nil }
        return try SegmentFilter(parts.dropFirst().reduce(first) { .and($0, $1) }, corpus: corpus)
    }

    /// ``filter(_:and:)`` with one required expression, so there always is a filter.
    func filter(_ corpus: AnalysisCorpus, requiring extra: FilterExpression) throws -> SegmentFilter {
        let combined = try whereExpression.map { FilterExpression.and(try FilterExpression.parse($0), extra) } ?? extra
        return try SegmentFilter(combined, corpus: corpus)
    }
}

/// Says on stderr where `Attributes.csv` and the front matter disagree.
func warnAboutConflicts(_ corpus: AnalysisCorpus) {
    warnAboutConflicts(corpus.conflicts)
}

/// Says each front matter / `Attributes.csv` difference on stderr.
func warnAboutConflicts(_ conflicts: [AttributeConflict]) {
    for c in conflicts {
        FileHandle.standardError.write(Data(TerminalSafe.clean("kader: warning: \(c.message)\n").utf8))
    }
}

/// `--role`, `--speaker` flags as filter clauses (any of the values).
func anyOf(_ field: String, _ values: [String]) -> FilterExpression? {
    guard let first = values.first else { return nil }
    return values.dropFirst().reduce(FilterExpression.compare(field: field, op: .equal, value: first)) {
        .or($0, .compare(field: field, op: .equal, value: $1))
    }
}

/// Renders quotes in one of the quote formats.
func renderQuotes(_ collection: QuoteCollection, format: QuoteFormat, excel: Bool = false) throws -> Data {
    switch format {
    case .md: return Data(QuoteMarkdown.render(collection).utf8)
    case .html: return Data(QuoteHTML.render(collection).utf8)
    case .csv: return try QuoteTable.csv(collection.rows, excel: excel)
    case .json: return try QuoteTable.json(collection.rows)
    }
}
