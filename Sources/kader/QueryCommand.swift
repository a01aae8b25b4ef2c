import ArgumentParser
import Foundation
import KaderCore

/// `kader query EXPRESSION|NAME`: segments and quotes matching a code query.
struct QueryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Find segments by codes and attributes: 'digitalisering and welbevinden and role=leerkracht'.",
        discussion: """
            A bare word is a code (id or name) with its sub-codes; code=ID is the same, code==ID the code alone. \
            Fields: coder, document, speaker, role, and any attribute of the document or speaker. Operators =, !=, \
            <, <=, >, >= (numbers and dates compare as such; * is a wildcard in = and !=). Combine with and, or, \
            not, parentheses, and A near B (within 1 codable segment of the same document), near/K (within K), \
            near/K/speaker (within K of the same speaker's segments).

            The unit is one coder's coding of a segment: 'A and B' needs one coder to apply both. Quotes are \
            that coder's codings of the codes the query names (all codes when it names none).

            Named queries live in kader.yaml (queries: {name: expression}); run one by its name, list them \
            with --list, save one with --save NAME.
            """
    )

    @OptionGroup var analysis: AnalysisOptions

    @Argument(help: "The query, or the name of a query saved in kader.yaml.")
    var query: String?

    @Flag(
        name: .long, help: "List the segments (document, ordinal, speaker, role, coder, codes, text) instead of quotes."
    )
    var segments = false

    @Option(name: .long, help: "md, csv, json or html.")
    var format: QuoteFormat = .md

    @Flag(name: .long, help: "CSV: add a UTF-8 byte-order mark and use ';' as the separator, for Excel.")
    var excel = false

    @Flag(name: .long, help: "List the queries saved in kader.yaml.")
    var list = false

    @Option(name: .long, help: "Save the query under this name in kader.yaml.")
    var save: String?

    @Option(name: .shortAndLong, help: "Write to this file (atomically) instead of standard output.")
    var output: String?

    func run() throws {
        try CLI.run {
            let project = try analysis.options.open()
            let saved = project.settings.queries
            if list {
                if saved.isEmpty {
                    print("No saved queries in kader.yaml (add them under `queries:`, or use --save NAME).")
                }
                for (name, expr) in saved.sorted(by: { $0.key < $1.key }) { print("\(name): \(expr)") }
                return
            }
            guard let query else {
                throw ValidationError("give a query, e.g. kader query 'digitalisering and role=leerkracht', or --list")
            }
            let text = saved[query] ?? query
            let expression = try FilterExpression.parse(text)
            let corpus = try analysis.corpus()
            var filter = try SegmentFilter(expression, corpus: corpus)
            if let extra = try analysis.filter(corpus) {
                filter = try SegmentFilter(.and(expression, extra.expression), corpus: corpus)
            }
            if let save {
                try QuerySettings.save(name: save, expression: text, projectRoot: project.root)
                FileHandle.standardError.write(Data("kader: saved query \(save) in kader.yaml\n".utf8))
            }
            let units = filter.matches(in: corpus)
            let distinct = Set(units.map { $0.document << 32 | $0.segment }).count
            FileHandle.standardError.write(
                Data(
                    "kader: \(distinct) segment\(distinct == 1 ? "" : "s") (\(units.count) coder × segment unit\(units.count == 1 ? "" : "s")) match \(text)\n"
                        .utf8))
            if segments {
                try emit(try SegmentList.render(corpus, units: units, format: format, excel: excel), to: output)
            } else {
                let quotes = try corpus.quotes(of: units, codes: expression.positiveCodes(corpus.tree))
                try emit(try renderQuotes(quotes, format: format, excel: excel), to: output)
            }
        }
    }
}

/// The matching units as a table: one row per coder × segment.
enum SegmentList {
    static let header = ["document", "segment_id", "ordinal", "speaker", "role", "coder", "codes", "text"]

    static func rows(_ corpus: AnalysisCorpus, _ units: [AnalysisUnit]) -> [[String]] {
        units.map { u in
            let doc = corpus.documents[u.document]
            let s = doc.document.segments[u.segment]
            return [
                doc.document.id, s.id, String(s.ordinal), s.speaker ?? "", doc.role(segment: u.segment) ?? "",
                u.coder ?? "",
                corpus.codes(of: u).joined(separator: " "), Fingerprint.collapseWhitespace(s.text),
            ]
        }
    }

    static func render(_ corpus: AnalysisCorpus, units: [AnalysisUnit], format: QuoteFormat, excel: Bool) throws -> Data
    {
        let rows = rows(corpus, units)
        switch format {
        case .csv: return try QuoteTable.csv(header: header, rows: rows, excel: excel)
        case .json:
            let objects = rows.map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
            let enc = JSONEncoder()
            enc.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            return try enc.encode(objects) + Data([0x0A])
        case .html:
            return Data(SVGChart.page(title: "Segments", body: [SVGChart.table(header: header, rows: rows)]).utf8)
        case .md:
            var out = [
                "| " + header.joined(separator: " | ") + " |", "|" + String(repeating: "---|", count: header.count),
            ]
            for r in rows {
                var cells = r
                if cells[7].count > 120 { cells[7] = String(cells[7].prefix(119)) + "…" }
                out.append(
                    "| " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |")
            }
            return Data((out.joined(separator: "\n") + "\n").utf8)
        }
    }
}
