import Foundation

/// Builds the document text Kader constructs for structured formats (docx, WebVTT, SRT, TEI) and
/// the turns inside it, with exact Unicode scalar offsets.
///
/// Layout of the constructed text: turns are separated by one blank line (`\n\n`). A labelled turn
/// starts with its label as written (`Name: `), which lies in the gap before the segment; the turn
/// text follows. Paragraphs of one turn (docx paragraphs, TEI `<seg>`s, cues) are separated by a
/// single `\n` (or another separator the caller passes); each paragraph is trimmed of surrounding
/// whitespace and its line endings are normalised to LF. A turn with no text leaves only its label.
struct TextAssembler {
    private(set) var bytes: [UInt8] = []
    private(set) var scalars = 0
    private(set) var turns: [RawTurn] = []
    private var current: RawTurn?
    private var currentHasText = false

    /// Starts a turn, writing `prefix` (e.g. `Name: ` or `[00:01:02] Name: `) before its text.
    mutating func startTurn(
        speaker: String?, role: String? = nil, prefix: String = "", timestamp: String? = nil,
        endTimestamp: String? = nil
    ) {
        current = openTurn(
            speaker: speaker, role: role, prefix: prefix, timestamp: timestamp, endTimestamp: endTimestamp)
    }

    /// `startTurn` without storing the new turn in `current` (the caller does).
    private mutating func openTurn(
        speaker: String?, role: String? = nil, prefix: String = "", timestamp: String? = nil,
        endTimestamp: String? = nil
    ) -> RawTurn {
        finishTurn()
        if !bytes.isEmpty { append("\n\n") }
        append(prefix)
        var turn = RawTurn(
            speaker: speaker, role: role, start: scalars, end: scalars, timestamp: timestamp, endTimestamp: endTimestamp
        )
        turn.startByte = bytes.count
        turn.endByte = bytes.count
        currentHasText = false
        return turn
    }

    /// Sets the end time of the current turn (merged cues).
    mutating func setEndTimestamp(_ ts: String?) {
        if ts != nil { current?.endTimestamp = ts }
    }

    /// Appends a paragraph to the current turn (starting an unlabelled turn if none is open).
    /// Blank paragraphs are skipped. `newParagraph` marks a paragraph boundary for splitting long turns.
    mutating func appendParagraph(_ raw: String, separator: String = "\n", newParagraph: Bool = true) {
        let text = Self.clean(raw)
        guard !text.isEmpty else { return }
        var turn = current.take() ?? openTurn(speaker: nil)
        if currentHasText {
            append(separator)
            if newParagraph { turn.paragraphStarts.append(scalars) }
        } else {
            turn.start = scalars
            turn.startByte = bytes.count
        }
        append(text)
        turn.end = scalars
        turn.endByte = bytes.count
        current = turn
        currentHasText = true
    }

    /// Closes the current turn; a turn without text is dropped (its label stays in the text).
    mutating func finishTurn() {
        if let t = current, currentHasText { turns.append(t) }
        current = nil
        currentHasText = false
    }

    mutating func finish() -> (bytes: [UInt8], turns: [RawTurn]) {
        finishTurn()
        return (bytes, turns)
    }

    private mutating func append(_ s: String) {
        for b in s.utf8 {
            bytes.append(b)
            if b & 0xC0 != 0x80 { scalars += 1 }
        }
    }

    /// Normalises line endings to LF, drops NUL and trims surrounding Unicode whitespace.
    static func clean(_ s: String) -> String {
        var t = s
        if t.utf8.contains(0x0D) {
            t = t.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        }
        if t.utf8.contains(0) { t = t.replacingOccurrences(of: "\u{0}", with: "") }
        let scalars = t.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}
