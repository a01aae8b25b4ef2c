import Foundation

/// One timed cue of a WebVTT or SRT file.
struct Cue {
    /// Start and end time as written (`00:00:03.120`, `0:0:3.45`, `00:01:02,500`).
    var start: String
    var end: String
    /// Payload lines, raw (tags and entities not yet resolved).
    var lines: [String]
}

/// Lenient block parser shared by WebVTT and SRT (docs/ARCHITECTURE.md §5).
///
/// Blocks are separated by blank lines. A block's first line containing a parsable
/// `start --> end` timing line makes it a cue; lines before it are identifiers (any shape) or, for
/// the first block, the `WEBVTT` header with metadata lines; lines after it are the payload.
/// `NOTE`, `STYLE` and `REGION` blocks are skipped. Timestamps may omit hours and need not be
/// zero-padded. A block without a timing line following a cue continues that cue's text (a blank
/// line directly after a timing line). `-->` inside text is text.
enum CueParser {
    struct Result {
        var cues: [Cue] = []
        var hasHeader = false
        var skippedBlocks = 0
        var orphanBlocks = 0
    }

    static func parse(_ text: String) -> Result {
        var result = Result()
        var block: [Substring] = []
        var isFirstBlock = true
        func flush() {
            defer {
                block.removeAll(keepingCapacity: true)
                isFirstBlock = false
            }
            guard !block.isEmpty else { return }
            if isFirstBlock, block[0].hasPrefix("WEBVTT") {
                result.hasHeader = true
                block.removeFirst()
                // Header metadata lines up to the first timing line (when no blank line follows the header).
                guard let t = block.firstIndex(where: { timing($0) != nil }) else { return }
                block.removeFirst(t)
            }
            let first = block[0].trimmingCharacters(in: .whitespaces)
            if first == "NOTE" || first.hasPrefix("NOTE ") || first.hasPrefix("NOTE\t") || first == "STYLE"
                || first == "REGION"
            {
                result.skippedBlocks += 1
                return
            }
            let firstTiming = block.indices.lazy.compactMap { i in timing(block[i]).map { (index: i, times: $0) } }
                .first
            if let found = firstTiming {
                let (start, end) = found.times
                result.cues.append(Cue(start: start, end: end, lines: block[(found.index + 1)...].map(String.init)))
            } else if !result.cues.isEmpty {
                result.cues[result.cues.count - 1].lines += block.map(String.init)
                result.orphanBlocks += 1
            } else {
                result.skippedBlocks += 1
            }
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) {
                flush()
            } else {
                block.append(line)
            }
        }
        flush()
        return result
    }

    /// Parses `start --> end [settings]`; nil when the line is not a timing line.
    static func timing(_ line: Substring) -> (String, String)? {
        guard let arrow = line.range(of: "-->") else { return nil }
        let start = line[..<arrow.lowerBound].trimmingCharacters(in: .whitespaces)
        let rest = line[arrow.upperBound...].trimmingCharacters(in: .whitespaces)
        let end = rest.split(whereSeparator: { $0 == " " || $0 == "\t" }).first.map(String.init) ?? ""
        guard isTime(start), isTime(end) else { return nil }
        return (start, end)
    }

    /// `[h:]m:s[.fff]` or `[h:]m:s,fff` with 1–2-digit (or longer hour) fields.
    static func isTime(_ s: String) -> Bool {
        let parts = s.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3 else { return false }
        for (i, part) in parts.enumerated() {
            if i == parts.count - 1 {
                let secs = part.split(
                    maxSplits: 1, omittingEmptySubsequences: false, whereSeparator: { $0 == "." || $0 == "," })
                guard let whole = secs.first, !whole.isEmpty, whole.count <= 2, whole.allSatisfy(\.isASCIIDigit) else {
                    return false
                }
                if secs.count == 2 {
                    guard !secs[1].isEmpty, secs[1].count <= 3, secs[1].allSatisfy(\.isASCIIDigit) else { return false }
                }
            } else {
                guard !part.isEmpty, part.count <= (i == 0 ? 4 : 2), part.allSatisfy(\.isASCIIDigit) else {
                    return false
                }
            }
        }
        return true
    }
}

extension Character {
    var isASCIIDigit: Bool { asciiValue.map { $0 >= 0x30 && $0 <= 0x39 } ?? false }
}
