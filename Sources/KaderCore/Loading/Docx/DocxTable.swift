import Foundation

/// A docx table read as transcript turns: columns `time | speaker | text`, `speaker | text` or
/// NVivo-style `timespan | text | speaker` in any order.
///
/// Column roles: a time column has timestamps in most rows; the speaker column has short,
/// label-like values that repeat; the text column is the remaining one with the longest text.
/// A header row (`Tijd | Spreker | Tekst`) is skipped. Tables without such columns (metadata
/// tables) return nil and are rendered as text.
struct DocxTable {
    struct Row {
        var time: String?
        var speaker: String
        var role: String?
        var paragraphs: [String]
    }

    var turnRows: [Row] = []

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
        var timeCol: Int?, speakerCol: Int?
        var bestRepeat = 0
        for c in 0..<width {
            let values = rows.map { cell($0, c) }.filter { !$0.isEmpty }
            guard values.count >= 2 else { continue }
            if timeCol == nil, values.filter(isTime).count * 10 >= values.count * 6 {
                timeCol = c
                continue
            }
            let labels = values.compactMap(label)
            let distinct = Set(labels.map(\.speaker)).count
            let repeats = labels.count - distinct
            if labels.count * 10 >= values.count * 7, repeats > 0, repeats > bestRepeat {
                speakerCol = c
                bestRepeat = repeats
            }
        }
        guard let sc = speakerCol else { return nil }
        let textCol = (0..<width).filter { $0 != sc && $0 != timeCol }.max { a, b in
            rows.reduce(0) { $0 + cell($1, a).count } < rows.reduce(0) { $0 + cell($1, b).count }
        }
        guard let tc = textCol else { return nil }
        for (i, r) in rows.enumerated() {
            let name = cell(r, sc)
            let time = timeCol.map { cell(r, $0) }
            if i == 0, let t = time, !isTime(t) { continue }  // header row
            guard let m = label(name) else { continue }
            if i == 0, ["spreker", "speaker", "naam", "name", "wie", "deelnemer"].contains(m.speaker.lowercased()) { continue }
            let paragraphs = tc < r.count ? r[tc] : []
            turnRows.append(Row(time: time.flatMap { $0.isEmpty ? nil : $0 }, speaker: m.speaker, role: m.role, paragraphs: paragraphs))
        }
        if turnRows.isEmpty { return nil }
    }
}
