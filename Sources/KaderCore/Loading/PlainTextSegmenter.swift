import Foundation

/// The result of segmenting a plain-text or Markdown transcript body.
struct PlainTextParse {
    var turns: [RawTurn]
    var pattern: SpeakerLabelPattern?
    var warnings: [String]
}

/// Splits plain-text transcripts into speaker turns.
///
/// Lines are scanned as Unicode scalars. A turn starts at a line with a speaker label; following
/// lines without a label (hard-wrapped text, further paragraphs) join it. Text before the first
/// label becomes an unlabelled turn and is reported.
struct PlainTextSegmenter {
    var forcedPattern: SpeakerLabelPattern?
    /// Labels declared in metadata: always accepted as speakers.
    var knownSpeakers: Set<String>

    func parse(_ s: [Unicode.Scalar], bodyStart: Int) -> PlainTextParse {
        let lines = Self.lines(s, from: bodyStart)
        let candidates = forcedPattern.map { [$0] } ?? SpeakerLabelPattern.allCases
        var best: (SpeakerLabelPattern, [Int: LabelMatch])?
        for pattern in candidates {
            let found = labels(s, lines, pattern)
            if best == nil || found.count > best!.1.count { best = (pattern, found) }
        }
        guard let (pattern, labelsByLine) = best, !labelsByLine.isEmpty else {
            let turns = turnsWithoutLabels(s, lines)
            return PlainTextParse(turns: turns, pattern: nil, warnings: ["no speaker labels found; each paragraph is a segment"])
        }
        var warnings: [String] = []
        var turns: [RawTurn] = []
        var current: RawTurn?
        var lastContentEnd = -1
        var pendingParagraph = false
        var openingText: RawTurn?

        func close() {
            guard var t = current else { return }
            if t.start >= 0 && lastContentEnd > t.start {
                t.end = lastContentEnd
                turns.append(t)
            } else if t.speaker != nil {
                warnings.append("speaker label \"\(t.speaker!)\" has no text; skipped")
            }
            current = nil
        }
        for (index, line) in lines.enumerated() {
            if let label = labelsByLine[index] {
                close()
                current = RawTurn(speaker: label.speaker, role: label.role, start: label.contentStart, end: label.contentStart, timestamp: label.timestamp)
                lastContentEnd = label.contentStart
                if let e = Self.contentEnd(s, label.contentStart, line.end) { lastContentEnd = e } else { current!.start = -1 }
                pendingParagraph = false
                continue
            }
            guard let e = Self.contentEnd(s, line.start, line.end) else {
                pendingParagraph = true
                continue
            }
            let textStart = Self.contentStart(s, line.start, line.end)
            if current == nil {
                current = RawTurn(speaker: nil, start: textStart, end: textStart)
                if turns.isEmpty { openingText = current }
            } else if current!.start < 0 {
                current!.start = textStart
            } else if pendingParagraph {
                current!.paragraphStarts.append(textStart)
            }
            lastContentEnd = e
            pendingParagraph = false
        }
        close()
        if openingText != nil, let first = turns.first, first.speaker == nil {
            warnings.append("text before the first speaker label (\(first.end - first.start) characters) is kept as an unlabelled segment")
        }
        warnings += labelVariantWarnings(turns)
        return PlainTextParse(turns: turns, pattern: pattern, warnings: warnings)
    }

    /// Label matches by line index, after frequency filtering: a label seen once that is not a
    /// known speaker is accepted only when it opens a block (after a blank line or at the start).
    private func labels(_ s: [Unicode.Scalar], _ lines: [LineRange], _ pattern: SpeakerLabelPattern) -> [Int: LabelMatch] {
        let matcher = SpeakerLabelMatcher(pattern: pattern)
        var found: [Int: LabelMatch] = [:]
        var counts: [String: Int] = [:]
        for (i, line) in lines.enumerated() {
            if let m = matcher.match(s, line.start, line.end) {
                found[i] = m
                counts[m.speaker, default: 0] += 1
            }
        }
        for (i, m) in found where counts[m.speaker] == 1 && !knownSpeakers.contains(m.speaker) {
            let opensBlock = i == 0 || Self.contentEnd(s, lines[i - 1].start, lines[i - 1].end) == nil
            if !opensBlock { found[i] = nil }
        }
        return found
    }

    private func turnsWithoutLabels(_ s: [Unicode.Scalar], _ lines: [LineRange]) -> [RawTurn] {
        var turns: [RawTurn] = []
        var current: RawTurn?
        for line in lines {
            if let e = Self.contentEnd(s, line.start, line.end) {
                if current == nil { current = RawTurn(speaker: nil, start: Self.contentStart(s, line.start, line.end), end: e) }
                current!.end = e
            } else if let c = current {
                turns.append(c)
                current = nil
            }
        }
        if let c = current { turns.append(c) }
        return turns
    }

    private func labelVariantWarnings(_ turns: [RawTurn]) -> [String] {
        var byKey: [String: Set<String>] = [:]
        for t in turns {
            guard let name = t.speaker else { continue }
            let key = name.lowercased().split(separator: " ").joined(separator: " ")
            byKey[key, default: []].insert(name)
        }
        return byKey.values.filter { $0.count > 1 }.map { variants in
            "speaker labels differ only in case or spacing: " + variants.sorted().map { "\"\($0)\"" }.joined(separator: ", ")
        }.sorted()
    }

    struct LineRange { var start: Int; var end: Int }

    static func lines(_ s: [Unicode.Scalar], from: Int) -> [LineRange] {
        var result: [LineRange] = []
        var start = from
        var i = from
        while i < s.count {
            if s[i] == "\n" {
                result.append(LineRange(start: start, end: i))
                start = i + 1
            }
            i += 1
        }
        if start < s.count { result.append(LineRange(start: start, end: s.count)) }
        return result
    }

    /// Offset after the last non-whitespace scalar in `a..<b`, or nil if the range is blank.
    static func contentEnd(_ s: [Unicode.Scalar], _ a: Int, _ b: Int) -> Int? {
        var e = b
        while e > a && s[e - 1].properties.isWhitespace { e -= 1 }
        return e > a ? e : nil
    }

    static func contentStart(_ s: [Unicode.Scalar], _ a: Int, _ b: Int) -> Int {
        var i = a
        while i < b && s[i].properties.isWhitespace { i += 1 }
        return i
    }
}
