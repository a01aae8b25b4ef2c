import Foundation

/// Recognises speaker labels at the start of a line of a ``TextBuffer``, for one
/// ``SpeakerLabelPattern``, with guards against false positives (`Bijvoorbeeld:`, `Vraag 3:`,
/// `om 10:30`, URLs, transcription marks such as `[onverstaanbaar]`, a wrapped line starting with
/// `00:00:52]`). Works on UTF-8 bytes; only label characters are decoded to scalars.
struct SpeakerLabelMatcher {
    static let maxLabelScalars = 48
    static let maxLabelWords = 5

    enum Result {
        case label(LabelMatch)
        /// The line starts like a label but the word is a known false positive (e.g. `Bijvoorbeeld:`).
        case rejected(String)
        case none
    }

    let pattern: SpeakerLabelPattern
    /// Speakers declared in metadata: accepted even when they look like a stop word, a
    /// transcription mark or start with a digit (`No`, `Naam`, `1`).
    let known: Set<String>
    /// Plausibility verdicts per label text (labels repeat, so this saves most of the work).
    private let cache = PlausibilityCache()

    init(pattern: SpeakerLabelPattern, known: Set<String> = []) {
        self.pattern = pattern
        self.known = known
    }

    final class PlausibilityCache: @unchecked Sendable {
        var verdicts: [String: Bool] = [:]
    }

    func match(_ p: [UInt8], _ lineStart: Int, _ lineEnd: Int) -> Result {
        var i = skipBlanks(p, lineStart, lineEnd)
        guard i < lineEnd else { return .none }
        switch pattern {
        case .nameTime: return nameTime(p, i, lineEnd)
        case .timeName:
            guard let (ts, next) = TimestampScanner.scan(p, i, lineEnd) else { return .none }
            return labelToLineEnd(p, skipBlanks(p, next, lineEnd), lineEnd, timestamp: ts)
        default: break
        }
        var timestamp: String?
        if let (ts, next) = TimestampScanner.scan(p, i, lineEnd, allowGluedLetter: pattern == .colon) {
            timestamp = ts
            i = skipBlanks(p, next, lineEnd)
        }
        switch pattern {
        case .colon, .atColon: return colon(p, i, lineEnd, timestamp)
        case .bracket: return delimited(p, i, lineEnd, open: UInt8(ascii: "["), close: UInt8(ascii: "]"), timestamp)
        case .brace: return delimited(p, i, lineEnd, open: UInt8(ascii: "{"), close: UInt8(ascii: "}"), timestamp)
        case .tab:
            let name = scanName(p, i, lineEnd)
            guard name.end > i, name.next < lineEnd, p[name.next] == 0x09 else { return .none }
            return accept(p, i, name.end, role: name.role, timestamp, content: skipBlanks(p, name.next, lineEnd))
        case .ownLine:
            var j = i
            while j < lineEnd && p[j] == UInt8(ascii: "#") { j += 1 }
            if j > i {
                guard j < lineEnd, p[j] == 0x20 else { return .none }
                j = skipBlanks(p, j, lineEnd)
            }
            if case .label(let m) = labelToLineEnd(p, j, lineEnd, timestamp: timestamp) {
                if known.contains(m.speaker) { return .label(m) }
                // A reply alone on its line (`OK.`, `Ja.`, `Dank u.`) ends like a sentence.
                if m.speaker.hasSuffix(".") && m.speaker.split(separator: " ").count <= 2
                    && !m.speaker.dropLast().contains(".")
                {
                    return .none
                }
                let bare = m.speaker.hasSuffix(".") ? String(m.speaker.dropLast()) : m.speaker
                return Self.ownLineStopWords.contains(bare.lowercased()) ? .none : .label(m)
            }
            return .none
        case .nameTime, .timeName: return .none
        }
    }

    /// `Name:` / `@Name:` / `**Name:**` / `**Name**:`, with an optional `(role)` before the colon.
    private func colon(_ p: [UInt8], _ from: Int, _ lineEnd: Int, _ timestamp: String?) -> Result {
        var i = from
        let hasAt = i < lineEnd && p[i] == UInt8(ascii: "@")
        if hasAt { i += 1 }
        if pattern == .atColon && !hasAt { return .none }
        let stars = skipStars(p, i, lineEnd)
        i = stars
        let name = scanName(p, i, lineEnd)
        var j = skipStars(p, name.next, lineEnd)
        guard name.end > i, j < lineEnd, p[j] == UInt8(ascii: ":") else { return .none }
        // `https://`, `10:30`, `Vraag 3:3`: a colon followed by `/` or a digit is no label.
        if j + 1 < lineEnd, p[j + 1] == UInt8(ascii: "/") || TimestampScanner.isDigit(p[j + 1]) { return .none }
        j = skipStars(p, j + 1, lineEnd)
        return accept(p, i, name.end, role: name.role, timestamp, content: skipBlanks(p, j, lineEnd))
    }

    /// `[Name] text` or `{Name} text`, optionally `[Name]: text`.
    private func delimited(_ p: [UInt8], _ from: Int, _ lineEnd: Int, open: UInt8, close: UInt8, _ timestamp: String?)
        -> Result
    {
        guard from < lineEnd, p[from] == open else { return .none }
        let name = scanName(p, from + 1, lineEnd)
        let j = skipBlanks(p, name.next, lineEnd)
        guard name.end > from + 1, j < lineEnd, p[j] == close else { return .none }
        let label = String(decoding: p[(from + 1)..<name.end], as: UTF8.self)
        if Self.transcriptionMarks.contains(label.lowercased()) && !known.contains(label) { return .rejected(label) }
        var content = j + 1
        if content < lineEnd && p[content] == UInt8(ascii: ":") { content += 1 }
        return accept(p, from + 1, name.end, role: name.role, timestamp, content: skipBlanks(p, content, lineEnd))
    }

    /// `Speaker 2  0:09` / `Interviewer 00:03:12` with nothing after the time.
    private func nameTime(_ p: [UInt8], _ from: Int, _ lineEnd: Int) -> Result {
        var e = lineEnd
        while e > from && (p[e - 1] == 0x20 || p[e - 1] == 0x09) { e -= 1 }
        var t = e
        while t > from && p[t - 1] != 0x20 && p[t - 1] != 0x09 { t -= 1 }
        guard t > from, let (ts, after) = TimestampScanner.scan(p, t, e), after == e else { return .none }
        let name = scanName(p, from, t)
        guard name.end > from, skipBlanks(p, name.next, t) == t else { return .none }
        return accept(p, from, name.end, role: name.role, ts, content: lineEnd)
    }

    /// A name (with optional role and `:`) that fills the rest of the line.
    private func labelToLineEnd(_ p: [UInt8], _ from: Int, _ lineEnd: Int, timestamp: String?) -> Result {
        let name = scanName(p, from, lineEnd)
        guard name.end > from else { return .none }
        var j = skipStars(p, name.next, lineEnd)
        if j < lineEnd && p[j] == UInt8(ascii: ":") { j = skipStars(p, j + 1, lineEnd) }
        guard skipBlanks(p, j, lineEnd) == lineEnd else { return .none }
        return accept(p, from, name.end, role: name.role, timestamp, content: lineEnd)
    }

    private func accept(_ p: [UInt8], _ a: Int, _ b: Int, role: String?, _ timestamp: String?, content: Int) -> Result {
        let label = String(decoding: p[a..<b], as: UTF8.self)
        let plausible: Bool
        if let cached = cache.verdicts[label] {
            plausible = cached
        } else {
            // A label starting with a digit (`1:`) counts only when metadata declares it.
            plausible = known.contains(label) || (!TimestampScanner.isDigit(p[a]) && Self.plausibleLabel(label))
            if cache.verdicts.count < 10_000 { cache.verdicts[label] = plausible }
        }
        guard plausible else { return Self.looksLikeWord(label) ? .rejected(label) : .none }
        return .label(LabelMatch(speaker: label, role: role, timestamp: timestamp, contentStart: content))
    }

    /// Scans a label name from `from`: it starts with a letter and contains letters, digits,
    /// spaces, `.`, `-`, `'`, `’` and `&`. An optional `(role)` may follow. Returns the end of
    /// the trimmed name (equal to `from` when there is no name), the role and the offset after both.
    func scanName(_ p: [UInt8], _ from: Int, _ lineEnd: Int) -> (end: Int, role: String?, next: Int) {
        var i = from
        var count = 0
        guard i < lineEnd, isLetter(p, i) || (!known.isEmpty && TimestampScanner.isDigit(p[i])) else {
            return (from, nil, from)
        }
        while i < lineEnd, count <= Self.maxLabelScalars {
            let c = p[i]
            if c < 0x80 {
                guard
                    TimestampScanner.isASCIILetter(c) || TimestampScanner.isDigit(c) || c == 0x20
                        || c == UInt8(ascii: ".")
                        || c == UInt8(ascii: "-") || c == UInt8(ascii: "'") || c == UInt8(ascii: "&")
                        || c == UInt8(ascii: "_")
                else { break }
                i += 1
            } else {
                let (s, len) = TextBuffer.scalar(p, i)
                guard s.properties.isAlphabetic || s == "’" || s.properties.generalCategory == .nonspacingMark else {
                    break
                }
                i += len
            }
            count += 1
        }
        if count > Self.maxLabelScalars { return (from, nil, from) }
        var end = i
        while end > from && p[end - 1] == 0x20 { end -= 1 }
        guard i < lineEnd, p[i] == UInt8(ascii: "(") else { return (end, nil, i) }
        var j = i + 1
        while j < lineEnd && p[j] != UInt8(ascii: ")") && j - i <= Self.maxLabelScalars * 2 { j += 1 }
        guard j < lineEnd, p[j] == UInt8(ascii: ")") else { return (from, nil, from) }
        var ra = i + 1
        var rb = j
        while ra < rb && p[ra] == 0x20 { ra += 1 }
        while rb > ra && p[rb - 1] == 0x20 { rb -= 1 }
        let role = String(decoding: p[ra..<rb], as: UTF8.self)
        return (end, role.isEmpty ? nil : role, skipBlanks(p, j + 1, lineEnd))
    }

    private func isLetter(_ p: [UInt8], _ i: Int) -> Bool {
        p[i] < 0x80 ? TimestampScanner.isASCIILetter(p[i]) : TextBuffer.scalar(p, i).0.properties.isAlphabetic
    }

    private func skipBlanks(_ p: [UInt8], _ i: Int, _ end: Int) -> Int {
        var i = i
        while i < end && (p[i] == 0x20 || p[i] == 0x09) { i += 1 }
        return i
    }

    private func skipStars(_ p: [UInt8], _ i: Int, _ end: Int) -> Int {
        var j = i
        while j < end && j - i < 2 && p[j] == UInt8(ascii: "*") { j += 1 }
        return j
    }
}
