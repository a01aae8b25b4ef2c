import Foundation

/// Word .docx transcripts (docs/ARCHITECTURE.md §5).
///
/// Structured mode, used when the body has bold-only speaker labels (at least two paragraphs
/// opening with a bold label, or one label used twice) or turn tables (see ``DocxTable``):
/// each labelled paragraph or table row starts a turn, other paragraphs continue it. Otherwise the
/// paragraphs are rendered as plain text, one per block separated by blank lines (tables as rows of
/// tab-separated cells), and segmented like a `.txt` file.
///
/// Constructed text in structured mode (``TextAssembler``): a bold-label turn starts with the label
/// as written (`Interviewer: `), a table turn with `[time] Speaker: `; the segment is the turn text.
enum DocxTranscript {
    static func load(_ data: Data, path: String, maxEntrySize: Int, options: LoadOptions = LoadOptions()) throws
        -> FormatParse
    {
        let (part, xml) = try DocxArchive.mainDocument(data, path: path, limit: maxEntrySize)
        let blocks = try DocxXMLReader.read(xml, path: path, part: part)
        let bold = blocks.map { block -> BoldLabel? in
            if case .paragraph(let runs) = block { return BoldLabel(runs) }
            return nil
        }
        let labelCounts = Dictionary(bold.compactMap { $0?.speaker }.map { ($0, 1) }, uniquingKeysWith: +)
        let tables = blocks.map { block -> DocxTable? in
            if case .table(let rows) = block { return DocxTable(rows) }
            return nil
        }
        let boldMode = labelCounts.values.reduce(0, +) >= 2 && labelCounts.values.contains { $0 >= 2 }
        let tableMode = tables.contains { $0 != nil }
        guard boldMode || tableMode else {
            return try plain(blocks, path: path, part: part, options: options)
        }
        var a = TextAssembler()
        var warnings: [String] = []
        var tableNotes: [String] = []
        var tableNumber = 0
        for (i, block) in blocks.enumerated() {
            switch block {
            case .paragraph(let runs):
                if boldMode, let label = bold[i],
                    labelCounts[label.speaker, default: 0] >= 2
                        || (label.hasText && SpeakerLabelMatcher.nameLike(label.speaker))
                {
                    a.startTurn(speaker: label.speaker, role: label.role, prefix: label.prefix)
                    a.appendParagraph(label.rest)
                } else {
                    a.appendParagraph(runs.map(\.text).joined())
                }
            case .table(let rows):
                tableNumber += 1
                if let table = tables[i] {
                    for turn in table.turns {
                        if let speaker = turn.speaker {
                            let prefix =
                                (turn.time.map { "[\($0)] " } ?? "")
                                + "\(speaker)\(turn.role.map { " (\($0))" } ?? ""): "
                            a.startTurn(speaker: speaker, role: turn.role, prefix: prefix, timestamp: turn.time)
                        } else {
                            a.startTurn(speaker: nil, timestamp: turn.time)
                        }
                        for p in turn.paragraphs { a.appendParagraph(p) }
                    }
                    a.finishTurn()
                    tableNotes.append(
                        "table \(tableNumber) read as turns (\(table.reading))"
                            + (table.continuationRows > 0
                                ? "; \(table.continuationRows) row(s) without a speaker joined the turn before them"
                                : "")
                            + (table.header.map { "; header row skipped: " + $0.joined(separator: " | ") } ?? ""))
                } else {
                    a.finishTurn()
                    for row in rows { a.appendParagraph(row.map { $0.joined(separator: " ") }.joined(separator: "\t")) }
                    a.finishTurn()
                    warnings.append(
                        "table \(tableNumber) (\(rows.count) rows × \(rows.map(\.count).max() ?? 0) columns) is not a turn table (no speaker column); read as text, one unlabelled segment"
                    )
                }
            }
        }
        let (bytes, turns) = a.finish()
        var names: [String] = []
        if boldMode { names.append("bold labels") }
        if tableMode { names.append("table rows (time | speaker | text, further columns kept)") }
        warnings += tableNotes + PlainTextSegmenter.labelVariantWarnings(turns)
        if let first = turns.first, first.speaker == nil {
            warnings.append(
                "text before the first speaker label (\(first.end - first.start) characters) is kept as an unlabelled segment"
            )
        }
        return FormatParse(
            format: .docx, bytes: bytes, turns: turns, encoding: .docxPart(part), lineEndings: .notApplicableDocx,
            labelPattern: names.joined(separator: " and "), warnings: warnings)
    }

    /// Renders the blocks as plain text and segments it like a `.txt` file.
    private static func plain(_ blocks: [DocxBlock], path: String, part: String, options: LoadOptions) throws
        -> FormatParse
    {
        var paragraphs: [String] = []
        for block in blocks {
            switch block {
            case .paragraph(let runs): paragraphs.append(TextAssembler.clean(runs.map(\.text).joined()))
            case .table(let rows):
                for row in rows {
                    paragraphs.append(
                        TextAssembler.clean(row.map { $0.joined(separator: " ") }.joined(separator: "\t")))
                }
            }
        }
        let bytes = Array(paragraphs.filter { !$0.isEmpty }.joined(separator: "\n\n").utf8)
        let custom = try options.customLabelRegex.map { try CustomLabelMatcher($0, path: path) }
        let result = PlainTextSegmenter(forcedPattern: options.speakerPattern, custom: custom, knownSpeakers: [])
            .parse(TextBuffer(bytes: bytes), bodyStart: 0)
        return FormatParse(
            format: .docx, bytes: bytes, turns: result.turns, encoding: .docxPart(part),
            lineEndings: .notApplicableDocx,
            labelPattern: result.patternName, warnings: result.warnings)
    }
}

/// A paragraph opening with bold text that reads as a speaker label (`**Interviewer:** text`,
/// `**DIRECTEUR** text`, or a bold label alone in its paragraph).
struct BoldLabel {
    var speaker: String
    var role: String?
    /// The label as written, with the separator and spaces after it.
    var prefix: String
    var rest: String
    var hasText: Bool { !rest.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }

    init?(_ runs: [DocxRun]) {
        let firstText = runs.firstIndex { !$0.text.trimmingCharacters(in: .whitespaces).isEmpty }
        guard let f = firstText, runs[f].bold else { return nil }
        let boldText = runs[..<(f + 1)].map(\.text).joined()
        let restRuns = runs[(f + 1)...].map(\.text).joined()
        var label = boldText.trimmingCharacters(in: .whitespaces)
        var rest = restRuns
        // `**Name**: text` — the colon in the plain run.
        if !label.hasSuffix(":"), rest.hasPrefix(":") {
            label += ":"
            rest.removeFirst()
        }
        if label.hasSuffix(":") { label.removeLast() }
        let bytes = Array(label.utf8)
        let matcher = SpeakerLabelMatcher(pattern: .ownLine)
        guard case .label(let m) = matcher.match(bytes, 0, bytes.count),
            label.count <= SpeakerLabelMatcher.maxLabelScalars
        else { return nil }
        speaker = m.speaker
        role = m.role
        let restTrimmed = String(rest.drop { $0 == " " || $0 == "\t" })
        let full = boldText + restRuns
        prefix = String(full.prefix(full.count - restTrimmed.count))
        if !restTrimmed.isEmpty, !prefix.hasSuffix(" "), !prefix.hasSuffix("\t") { prefix += " " }
        self.rest = restTrimmed
    }
}
