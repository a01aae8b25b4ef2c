import Foundation

/// Speaker-label styles for plain-text and Markdown transcripts (docs/ARCHITECTURE.md §5).
///
/// Auto-detection tries every case on the opening part of the file and keeps the one that finds
/// the most turns (ties go to the earlier case, so the more specific style wins).
/// ``LoadOptions/speakerPattern`` forces one; ``LoadOptions/customLabelRegex`` replaces them all.
public enum SpeakerLabelPattern: String, Sendable, CaseIterable, Codable {
    /// `@Name: text` (ATLAS.ti style).
    case atColon
    /// `[Name] text`, as in QualCoder's sample transcript (`[id1] …`).
    case bracket
    /// `{Name} text`.
    case brace
    /// `Name 00:03:12` (or Otter's `Name  0:02`) alone on a line; the text follows on the next lines.
    case nameTime
    /// `00:03:12 Name` alone on a line (Word Transcribe, Teams docx); the text follows.
    case timeName
    /// `Name<TAB>text`.
    case tab
    /// `Name: text`; also `I:`/`R1:`, padded `Name:      text`, `DIRECTEUR:`, `**Name:**`,
    /// `Deelnemer 3 (leerkracht): text`, `[00:03:12] Name: text`, `#00:03:12-4# Name:`,
    /// `00:03:40.5Name:` and a `Name:` line whose text starts on the next line.
    case colon
    /// A label alone on its line (`Interviewer`, Markdown `### Interviewer`), text in the next paragraph.
    case ownLine

    /// How the pattern is shown to users.
    public var displayName: String {
        switch self {
        case .atColon: return "@Name:"
        case .bracket: return "[Name]"
        case .brace: return "{Name}"
        case .nameTime: return "Name 00:00:00 (line above the text)"
        case .timeName: return "00:00:00 Name (line above the text)"
        case .tab: return "Name<TAB>"
        case .colon: return "Name:"
        case .ownLine: return "Name alone on its line"
        }
    }

    /// Patterns whose label line carries no text; the turn text starts on the following lines.
    var labelOnOwnLine: Bool { self == .nameTime || self == .timeName || self == .ownLine }
}

/// A speaker label found at the start of a line. Offsets are byte offsets into the ``TextBuffer``.
struct LabelMatch: Hashable {
    var speaker: String
    var role: String?
    var timestamp: String?
    /// Byte offset where the turn text starts on this line (equals the line end when the text
    /// starts on a later line).
    var contentStart: Int
}

/// Timestamps written in transcripts: `[00:03:12]`, `(00:03:12)`, `{00:03:12}`, `#00:01:23-4#`,
/// bare `00:03:12`, `0:02`, `01:02:03.5`, `00:03:12,500`.
enum TimestampScanner {
    /// A timestamp starting at byte `i`, before `end`. Returns the timestamp text (without its
    /// brackets) and the byte offset after it. A bare timestamp must be followed by the end, a
    /// space or a tab, or, with `allowGluedLetter`, a letter (MAXQDA's `00:03:40.5Name:`).
    static func scan(_ p: [UInt8], _ i: Int, _ end: Int, allowGluedLetter: Bool = false) -> (String, Int)? {
        guard i < end else { return nil }
        var j = i
        var closer: UInt8?
        switch p[j] {
        case UInt8(ascii: "["): closer = UInt8(ascii: "]")
        case UInt8(ascii: "("): closer = UInt8(ascii: ")")
        case UInt8(ascii: "{"): closer = UInt8(ascii: "}")
        case UInt8(ascii: "#"): closer = UInt8(ascii: "#")
        default: break
        }
        if closer != nil { j += 1 }
        let start = j
        guard j < end, isDigit(p[j]) else { return nil }
        var colons = 0
        var digits = 0
        var lastWasColon = false
        while j < end {
            let c = p[j]
            if isDigit(c) {
                digits += 1
                lastWasColon = false
            } else if c == UInt8(ascii: ":") {
                if lastWasColon { return nil }
                colons += 1
                lastWasColon = true
            } else if c == UInt8(ascii: ".") || c == UInt8(ascii: ",")
                || (closer == UInt8(ascii: "#") && c == UInt8(ascii: "-"))
            {
                lastWasColon = false
            } else {
                break
            }
            j += 1
        }
        guard colons >= 1, colons <= 3, digits >= 3, !lastWasColon else { return nil }
        let text = String(decoding: p[start..<j], as: UTF8.self)
        if let closer {
            guard j < end, p[j] == closer else { return nil }
            return (text, j + 1)
        }
        if j == end || p[j] == 0x20 || p[j] == 0x09 { return (text, j) }
        if allowGluedLetter, isASCIILetter(p[j]) || p[j] >= 0xC0 { return (text, j) }
        return nil
    }

    @inline(__always) static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
    @inline(__always) static func isASCIILetter(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }
}
