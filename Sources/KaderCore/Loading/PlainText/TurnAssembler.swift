import Foundation

/// Collects speaker turns line by line for ``PlainTextSegmenter``: label lines open turns,
/// other non-blank lines continue the current turn, blank lines mark paragraph boundaries.
/// Tracks byte offsets internally and records Unicode scalar offsets in the ``RawTurn``s.
struct TurnAssembler {
    let buf: TextBuffer
    private(set) var turns: [RawTurn] = []
    private(set) var warnings: [String] = []
    /// Every paragraph (scalar start, end, byte start, end) seen, for files without labels.
    private var paragraphs: [(Int, Int, Int, Int)] = []
    private var current: RawTurn?
    /// True while the current turn has a label but no text yet.
    private var awaitingText = false
    private var lastContentEnd = 0
    private var lastContentEndByte = 0
    private var pendingParagraph = true
    private var emptyLabels: [String] = []

    init(buf: TextBuffer) { self.buf = buf }

    mutating func startTurn(_ m: LabelMatch, line l: Int) {
        close()
        current = RawTurn(speaker: m.speaker, role: m.role, start: 0, end: 0, timestamp: m.timestamp)
        awaitingText = true
        pendingParagraph = true
        let b = buf.lineEndByte(l)
        if let e = buf.contentEnd(m.contentStart, b) {
            addText(buf.contentStart(m.contentStart, b), e, line: l)
        }
    }

    mutating func addLine(_ l: Int) {
        let a = buf.lineStartByte[l]
        let b = buf.lineEndByte(l)
        guard let e = buf.contentEnd(a, b) else {
            pendingParagraph = true
            return
        }
        addText(buf.contentStart(a, e), e, line: l)
    }

    private mutating func addText(_ a: Int, _ e: Int, line l: Int) {
        let start = buf.scalarOffset(byte: a, line: l)
        let end = buf.scalarOffset(byte: e, line: l)
        if var turn = current.take() {
            if awaitingText {
                turn.start = start
                turn.startByte = a
            } else if pendingParagraph {
                turn.paragraphStarts.append(start)
            }
            current = turn
        } else {
            var turn = RawTurn(speaker: nil, start: start, end: end)
            turn.startByte = a
            current = turn
        }
        if pendingParagraph {
            paragraphs.append((start, end, a, e))
        } else {
            paragraphs[paragraphs.count - 1].1 = end
            paragraphs[paragraphs.count - 1].3 = e
        }
        awaitingText = false
        pendingParagraph = false
        lastContentEnd = end
        lastContentEndByte = e
    }

    /// Ends the current turn. A label with no text is dropped and reported.
    mutating func close() {
        guard var turn = current.take() else { return }
        if awaitingText {
            if emptyLabels.count < 8, let s = turn.speaker { emptyLabels.append(s) }
            if emptyLabels.count == 1 { warnings.append("") }
            warnings[warnings.count - 1] =
                "speaker labels without text were skipped: "
                + emptyLabels.map { "\"\($0)\"" }.joined(separator: ", ")
            awaitingText = false
            return
        }
        turn.end = lastContentEnd
        turn.endByte = lastContentEndByte
        turn.endTimestamp = trailingF4Timestamp(before: lastContentEndByte)
        turns.append(turn)
    }

    /// An f4/ATLAS.ti timestamp `#00:01:23-4#` ending the turn (kept in the text; also reported
    /// as the turn's end time).
    private func trailingF4Timestamp(before e: Int) -> String? {
        let p = buf.bytes
        guard e > 0, p[e - 1] == UInt8(ascii: "#") else { return nil }
        var h = e - 2
        while h >= 0 && e - h < 20 && p[h] != UInt8(ascii: "#") { h -= 1 }
        guard h >= 0, p[h] == UInt8(ascii: "#"), let (ts, after) = TimestampScanner.scan(p, h, e), after == e else {
            return nil
        }
        return ts
    }

    /// One unlabelled turn per paragraph, for files without speaker labels.
    func paragraphTurns() -> [RawTurn] {
        paragraphs.map {
            var t = RawTurn(speaker: nil, start: $0.0, end: $0.1)
            t.startByte = $0.2
            t.endByte = $0.3
            return t
        }
    }
}
