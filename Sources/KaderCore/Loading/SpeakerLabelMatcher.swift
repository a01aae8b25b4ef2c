import Foundation

/// Speaker-label styles for plain-text transcripts (DESIGN.md section 5).
public enum SpeakerLabelPattern: String, Sendable, CaseIterable, Codable {
    /// `Name: text`, optionally `[00:03:12] Name: text`, `Deelnemer 3 (leerkracht): text`, `@Name: text`.
    case colon
    /// `[Name] text`, as in QualCoder's sample transcript.
    case bracket

    /// How the pattern is shown to users.
    public var displayName: String {
        switch self {
        case .colon: return "Name:"
        case .bracket: return "[Name]"
        }
    }
}

/// A speaker label found at the start of a line.
struct LabelMatch: Hashable {
    var speaker: String
    var role: String?
    var timestamp: String?
    /// Absolute scalar offset where the turn text starts on this line (may equal the line end).
    var contentStart: Int
}

/// Recognises speaker labels at the start of a line, with guards against false positives
/// (`Bijvoorbeeld:`, `Vraag 3:`, `om 10:30`, URLs, transcription marks).
struct SpeakerLabelMatcher {
    static let maxLabelLength = 48
    static let maxLabelWords = 5
    /// Words that introduce speech content, not speakers, when followed by a colon.
    static let stopWords: Set<String> = [
        "bijvoorbeeld", "vraag", "antwoord", "let op", "opmerking", "noot", "nota", "tip", "conclusie", "dus", "maar",
        "en", "want", "ook", "toen", "nu", "daarna", "eerst", "ten eerste", "ten tweede", "samengevat", "kortom",
        "note", "example", "question", "answer", "e.g", "i.e", "ps", "nb", "zie", "thema", "onderwerp", "stelling", "opdracht",
        "http", "https", "ftp", "mailto", "www", "om", "tot", "van", "dat", "wat", "hoe", "waarom", "punt",
    ]
    /// Bracketed words that are transcription marks, not speakers.
    static let transcriptionMarks: Set<String> = [
        "onverstaanbaar", "onduidelijk", "lacht", "lachen", "gelach", "stilte", "pauze", "zucht", "naam", "naam school",
        "inaudible", "crosstalk", "laughs", "laughter", "pause", "silence", "unclear", "overlap", "door elkaar", "...", "…",
        "x", "anoniem", "geanonimiseerd", "school", "plaats",
    ]

    let pattern: SpeakerLabelPattern

    func match(_ s: [Unicode.Scalar], _ lineStart: Int, _ lineEnd: Int) -> LabelMatch? {
        var i = lineStart
        while i < lineEnd && (s[i] == " " || s[i] == "\t") { i += 1 }
        var timestamp: String?
        if let (ts, next) = Self.timestamp(s, i, lineEnd) {
            timestamp = ts
            i = next
            while i < lineEnd && (s[i] == " " || s[i] == "\t") { i += 1 }
        }
        switch pattern {
        case .colon: return colonLabel(s, i, lineEnd, timestamp)
        case .bracket: return bracketLabel(s, i, lineEnd, timestamp)
        }
    }

    private func colonLabel(_ s: [Unicode.Scalar], _ from: Int, _ lineEnd: Int, _ timestamp: String?) -> LabelMatch? {
        var i = from
        if i < lineEnd && s[i] == "@" { i += 1 }
        let labelStart = i
        guard i < lineEnd, s[i].properties.isAlphabetic else { return nil }
        while i < lineEnd, s[i] != ":", s[i] != "(" {
            let c = s[i]
            guard c.properties.isAlphabetic || c.properties.numericType != nil || c == " " || c == "." || c == "-" || c == "'" || c == "’" else { return nil }
            i += 1
            if i - labelStart > Self.maxLabelLength { return nil }
        }
        var labelEnd = i
        while labelEnd > labelStart && s[labelEnd - 1] == " " { labelEnd -= 1 }
        var role: String?
        if i < lineEnd && s[i] == "(" {
            let roleStart = i + 1
            var j = roleStart
            while j < lineEnd && s[j] != ")" { j += 1 }
            guard j < lineEnd, j > roleStart, j - roleStart <= Self.maxLabelLength else { return nil }
            role = Self.string(s, roleStart, j).trimmingCharacters(in: .whitespaces)
            i = j + 1
            while i < lineEnd && s[i] == " " { i += 1 }
        }
        guard i < lineEnd, s[i] == ":" else { return nil }
        // `https://`, `10:30`, `Vraag 3:3`: a colon directly followed by `/` or a digit is no label.
        if i + 1 < lineEnd && (s[i + 1] == "/" || s[i + 1].properties.numericType != nil) { return nil }
        let label = Self.string(s, labelStart, labelEnd)
        guard Self.plausibleLabel(label) else { return nil }
        var content = i + 1
        while content < lineEnd && (s[content] == " " || s[content] == "\t") { content += 1 }
        return LabelMatch(speaker: label, role: role?.isEmpty == true ? nil : role, timestamp: timestamp, contentStart: content)
    }

    private func bracketLabel(_ s: [Unicode.Scalar], _ from: Int, _ lineEnd: Int, _ timestamp: String?) -> LabelMatch? {
        guard from < lineEnd, s[from] == "[" || s[from] == "{" else { return nil }
        let close: Unicode.Scalar = s[from] == "[" ? "]" : "}"
        var j = from + 1
        while j < lineEnd && s[j] != close && s[j] != "[" { j += 1 }
        guard j < lineEnd, s[j] == close, j - from - 1 <= Self.maxLabelLength else { return nil }
        let label = Self.string(s, from + 1, j).trimmingCharacters(in: .whitespaces)
        guard let first = label.unicodeScalars.first, first.properties.isAlphabetic else { return nil }
        guard !Self.transcriptionMarks.contains(label.lowercased()), Self.plausibleLabel(label) else { return nil }
        var content = j + 1
        if content < lineEnd && s[content] == ":" { content += 1 }
        while content < lineEnd && (s[content] == " " || s[content] == "\t") { content += 1 }
        return LabelMatch(speaker: label, role: nil, timestamp: timestamp, contentStart: content)
    }

    static func plausibleLabel(_ label: String) -> Bool {
        let words = label.split(separator: " ")
        guard !words.isEmpty, words.count <= maxLabelWords else { return false }
        let lower = label.lowercased()
        if stopWords.contains(lower) { return false }
        if let first = words.first, stopWords.contains(first.lowercased()) { return false }
        return true
    }

    /// A timestamp at `i`: `[hh:mm:ss]`, `[mm:ss]`, `(hh:mm:ss)`, or bare `hh:mm:ss` followed by a space.
    /// Returns the timestamp text (without brackets) and the offset after it.
    static func timestamp(_ s: [Unicode.Scalar], _ i: Int, _ end: Int) -> (String, Int)? {
        guard i < end else { return nil }
        var j = i
        var closer: Unicode.Scalar?
        if s[j] == "[" { closer = "]"; j += 1 } else if s[j] == "(" { closer = ")"; j += 1 } else if s[j] == "#" { closer = "#"; j += 1 }
        let tsStart = j
        var colons = 0, digits = 0
        while j < end, s[j].properties.numericType != nil || s[j] == ":" || s[j] == "." || s[j] == "," || (closer == "#" && s[j] == "-") {
            if s[j] == ":" { colons += 1 } else if s[j].properties.numericType != nil { digits += 1 }
            j += 1
        }
        guard colons >= 1, digits >= 3 else { return nil }
        let ts = string(s, tsStart, j)
        if let closer {
            guard j < end, s[j] == closer else { return nil }
            return (ts, j + 1)
        }
        guard j == end || s[j] == " " || s[j] == "\t" else { return nil }
        return (ts, j)
    }

    static func string(_ s: [Unicode.Scalar], _ a: Int, _ b: Int) -> String {
        String(String.UnicodeScalarView(s[a..<b]))
    }
}
