import Foundation

/// A docx table read as transcript turns: columns `time | speaker | text`, `speaker | text` or
/// NVivo-style `timespan | content | speaker`, in any order, with any further columns.
///
/// Column roles: a header row naming them (`Tijd | Spreker | Tekst`, `Timespan | Content |
/// Speaker`) decides; otherwise a time column has timestamps in most rows, the speaker column has
/// short, name-like values of at least two speakers that repeat, and the text column is the
/// remaining one with the most text. No text is dropped: a row whose speaker cell is empty (or is
/// not a name) continues the turn before it, and every further column is kept as a paragraph of the
/// row's turn (`Header: value` when the table has a header row). Tables without a speaker column
/// return nil and are read as text.
struct DocxTable {
    struct Turn {
        var time: String?
        var speaker: String?
        var role: String?
        var paragraphs: [String]
    }

    var turns: [Turn] = []
    /// The header row's cells, when the table has one (reported, not part of any turn).
    var header: [String]?
    /// Which column does what, for diagnostics: `time 1, speaker 2, text 3, kept 4–8`.
    var reading = ""
    /// Rows that continued the turn before them.
    var continuationRows = 0

    private static let speakerHeaders: Set<String> = [
        "spreker", "speaker", "naam", "name", "wie", "deelnemer", "participant", "persoon", "who", "spreker/naam",
    ]
    private static let timeHeaders: Set<String> = [
        "tijd", "time", "timespan", "tijdstip", "timestamp", "tijdcode", "timecode", "start", "begin",
    ]
    private static let textHeaders: Set<String> = [
        "tekst", "text", "content", "inhoud", "transcript", "transcriptie", "uitspraak", "utterance",
    ]

    init?(_ rows: [[[String]]]) {
        let width = rows.map(\.count).max() ?? 0
        guard rows.count >= 2, width >= 2 else { return nil }
        func cell(_ r: [[String]], _ c: Int) -> String {
            c < r.count ? r[c].joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines) : ""
        }
        let matcher = SpeakerLabelMatcher(pattern: .ownLine)
        func label(_ s: String) -> LabelMatch? {
            let bytes = Array(s.utf8)
            if case .label(let m) = matcher.match(bytes, 0, bytes.count) { return m }
            return nil
        }
        func isTime(_ s: String) -> Bool {
            let b = Array(s.utf8)
            guard let (_, end) = TimestampScanner.scan(b, 0, b.count) else { return false }
            return end == b.count || b[end] == 0x20 || b[end] == UInt8(ascii: "-")
        }
        let first = (0..<width).map {
            cell(rows[0], $0).lowercased().trimmingCharacters(in: CharacterSet(charactersIn: ":"))
        }
        var timeCol = first.firstIndex { Self.timeHeaders.contains($0) }
        var speakerCol = first.firstIndex { Self.speakerHeaders.contains($0) }
        var textCol = first.firstIndex { Self.textHeaders.contains($0) }
        let hasHeader = timeCol != nil || speakerCol != nil || textCol != nil
        let body = hasHeader ? Array(rows.dropFirst()) : rows
        if timeCol == nil {
            for c in 0..<width where c != speakerCol && c != textCol {
                let values = body.map { cell($0, c) }.filter { !$0.isEmpty }
                if values.count >= 2, values.filter(isTime).count * 10 >= values.count * 6 {
                    timeCol = c
                    break
                }
            }
        }
        if speakerCol == nil {
            var best = 0
            for c in 0..<width where c != timeCol && c != textCol {
                let values = body.map { cell($0, c) }.filter { !$0.isEmpty }
                guard values.count >= 2 else { continue }
                let labels = values.compactMap(label)
                let distinct = Set(labels.map(\.speaker)).count
                let repeats = labels.count - distinct
                if labels.count * 10 >= values.count * 7, distinct >= 2 || values.count <= 3, repeats > 0,
                    repeats > best
                {
                    speakerCol = c
                    best = repeats
                }
            }
        }
        guard let sc = speakerCol else { return nil }
        if textCol == nil {
            textCol = (0..<width).filter { $0 != sc && $0 != timeCol }.max { a, b in
                body.reduce(0) { $0 + cell($1, a).count } < body.reduce(0) { $0 + cell($1, b).count }
            }
        }
        guard let tc = textCol else { return nil }
        let extra = (0..<width).filter { $0 != sc && $0 != tc && $0 != timeCol }
        if hasHeader { header = first.indices.map { cell(rows[0], $0) } }
        var parts = [timeCol.map { "time \($0 + 1)" }, "speaker \(sc + 1)", "text \(tc + 1)"].compactMap { $0 }
        if !extra.isEmpty {
            parts.append("kept as text: column " + extra.map { String($0 + 1) }.joined(separator: ", "))
        }
        reading = parts.joined(separator: ", ")
        for r in body {
            var paragraphs = tc < r.count ? r[tc] : []
            for c in extra {
                let v = cell(r, c)
                guard !v.isEmpty else { continue }
                let name = header.map { c < $0.count ? $0[c] : "" } ?? ""
                paragraphs.append(name.isEmpty ? v : "\(name): \(v)")
            }
            let name = cell(r, sc)
            let time = timeCol.map { cell(r, $0) }.flatMap { $0.isEmpty ? nil : $0 }
            if let m = label(name) {
                turns.append(Turn(time: time, speaker: m.speaker, role: m.role, paragraphs: paragraphs))
                continue
            }
            // A continuation row: an empty speaker cell, or one that is not a name (kept as text).
            if !name.isEmpty { paragraphs.insert(name, at: 0) }
            if let t = time, !turns.isEmpty { paragraphs.insert(t, at: 0) }
            if turns.isEmpty {
                turns.append(Turn(time: time, speaker: nil, role: nil, paragraphs: paragraphs))
            } else {
                turns[turns.count - 1].paragraphs += paragraphs
            }
            continuationRows += 1
        }
        if !turns.contains(where: { $0.speaker != nil }) { return nil }
    }
}
