import Foundation

/// The result of segmenting a plain-text or Markdown transcript body.
struct PlainTextParse {
    var turns: [RawTurn]
    /// The built-in pattern chosen or forced; nil with a custom regex or when no labels were found.
    var pattern: SpeakerLabelPattern?
    /// Shown in diagnostics: the pattern's display name, `custom regex …`, or `none`.
    var patternName: String
    var warnings: [String]
}

/// Splits plain-text transcripts into speaker turns.
///
/// Works on the UTF-8 bytes of a ``TextBuffer`` and reports Unicode scalar offsets. A turn starts
/// at a line with a speaker label; following lines without a label (hard-wrapped text, further
/// paragraphs) join it. Text before the first label becomes an unlabelled turn and is reported.
/// Auto-detection counts the labels each ``SpeakerLabelPattern`` finds in the first
/// ``detectionBytes`` of the body and keeps the pattern with the most.
struct PlainTextSegmenter {
    var forcedPattern: SpeakerLabelPattern?
    var custom: CustomLabelMatcher?
    /// Labels declared in metadata: always accepted as speakers.
    var knownSpeakers: Set<String>

    /// Bytes of the body used to choose a label style (then the chosen style scans the whole file).
    static let detectionBytes = 1 << 15
    /// The shorter sample tried first; its choice stands when ``decisive(_:)``.
    static let quickDetectionBytes = 1 << 13

    /// Label counts of the best and second-best pattern on a sample.
    struct Detection {
        var best: LabelScan
        var runnerUp: Int
        var runnerUpPattern: SpeakerLabelPattern? = nil
    }

    /// A short sample's choice stands when it found at least 8 labels, no other pattern found
    /// any, and speakers recur (at most half as many speakers as labels: a header of `Key: value`
    /// lines does not count as a transcript).
    static func decisive(_ d: Detection) -> Bool {
        d.best.lines.count >= 8 && d.runnerUp == 0 && d.best.speakers.count * 2 <= d.best.lines.count
    }

    /// Tries every pattern on the lines in the first `bytes` of the body.
    private func detect(_ buf: TextBuffer, firstLine: Int, bodyStart: Int, bytes: Int) -> (
        SpeakerLabelPattern, Detection, Range<Int>
    ) {
        var sampleEnd = firstLine
        while sampleEnd < buf.lineCount && buf.lineStartByte[sampleEnd] - bodyStart < bytes { sampleEnd += 1 }
        let sample = firstLine..<sampleEnd
        var best: (pattern: SpeakerLabelPattern, scan: LabelScan)?
        var scans: [(SpeakerLabelPattern, [Int])] = []
        for candidate in SpeakerLabelPattern.allCases {
            let matcher = SpeakerLabelMatcher(pattern: candidate, known: knownSpeakers)
            let scan = LabelScan(buf, sample, known: knownSpeakers, ownLine: candidate == .ownLine) {
                matcher.match(buf.bytes, $0, $1)
            }
            scans.append((candidate, scan.lines))
            // Labels of speakers who speak again count first (a header of one-off `Key: value`
            // lines loses to real turns), then all labels.
            let beatsBest = best.map { (scan.recurring, scan.lines.count) > ($0.scan.recurring, $0.scan.lines.count) }
            if beatsBest ?? true { best = (candidate, scan) }
        }
        guard let best else { preconditionFailure("SpeakerLabelPattern.allCases is empty") }
        // The runner-up is the best style that would cut the sample differently (`00:00:03 Name`
        // is also a label alone on its line: the same reading is no competitor).
        var runnerUp = 0
        var runnerUpPattern: SpeakerLabelPattern?
        for (pattern, lines) in scans
        where pattern != best.pattern && lines != best.scan.lines && lines.count > runnerUp {
            runnerUp = lines.count
            runnerUpPattern = pattern
        }
        return (best.pattern, Detection(best: best.scan, runnerUp: runnerUp, runnerUpPattern: runnerUpPattern), sample)
    }

    func parse(_ buf: TextBuffer, bodyStart: Int) -> PlainTextParse {
        var firstLine = 0
        while firstLine < buf.lineCount && buf.lineStartByte[firstLine] < bodyStart { firstLine += 1 }
        let all = firstLine..<buf.lineCount
        var found: LabelScan
        var pattern: SpeakerLabelPattern?
        var patternName: String
        var weakEvidence: String?
        if let custom {
            found = LabelScan(buf, all, known: knownSpeakers, ownLine: false) { custom.match(buf.bytes, $0, $1) }
            patternName = custom.displayName
        } else if let forced = forcedPattern {
            pattern = forced
            let matcher = SpeakerLabelMatcher(pattern: forced, known: knownSpeakers)
            found = LabelScan(buf, all, known: knownSpeakers, ownLine: forced == .ownLine) {
                matcher.match(buf.bytes, $0, $1)
            }
            patternName = forced.displayName
        } else {
            // A short sample decides most files; a close or thin result looks at the longer one.
            var (candidate, scan, sample) = detect(
                buf, firstLine: firstLine, bodyStart: bodyStart, bytes: Self.quickDetectionBytes)
            if !Self.decisive(scan) {
                (candidate, scan, sample) = detect(
                    buf, firstLine: firstLine, bodyStart: bodyStart, bytes: Self.detectionBytes)
            }
            // No label of a recurring speaker in the sample (a long preamble, maybe after a header):
            // look at the whole body.
            if scan.best.recurring == 0 && sample != all {
                (candidate, scan, sample) = detect(buf, firstLine: firstLine, bodyStart: bodyStart, bytes: Int.max)
            }
            pattern = candidate
            found = scan.best
            let labels = scan.best.lines.count
            if labels > 0 && (labels < 3 || scan.runnerUp * 10 >= labels * 7) {
                weakEvidence =
                    "the label style \"\(candidate.displayName)\" was chosen on weak evidence (\(labels) label(s) in the sample"
                    + (scan.runnerUpPattern.map { ", \"\($0.displayName)\" found \(scan.runnerUp)" } ?? "")
                    + "); check the turns, or choose the style with --speaker-pattern"
            }
            if sample != all {
                let matcher = SpeakerLabelMatcher(pattern: candidate, known: knownSpeakers)
                found = LabelScan(buf, all, known: knownSpeakers, ownLine: candidate == .ownLine) {
                    matcher.match(buf.bytes, $0, $1)
                }
            }
            patternName = candidate.displayName
        }
        if found.lines.isEmpty {
            pattern = nil
            patternName = "none"
        }
        var styleWarning: String?
        if custom == nil && forcedPattern == nil, let chosen = pattern {
            styleWarning = styleChange(buf, all, found: found, chosen: chosen)
        }
        var builder = TurnAssembler(buf: buf)
        let footer = footerLine(buf, all)
        var next = 0
        for l in all where l != footer {
            if next < found.lines.count && found.lines[next] == l {
                builder.startTurn(found.matches[next], line: l)
                next += 1
            } else {
                builder.addLine(l)
            }
        }
        builder.close()
        var warnings = found.warnings
        if found.lines.isEmpty {
            warnings.append("no speaker labels found; each paragraph is a segment")
            return PlainTextParse(
                turns: builder.paragraphTurns(), pattern: nil, patternName: patternName, warnings: warnings)
        }
        if let f = footer {
            warnings.append(
                "the last line \"\(buf.string(bytes: buf.lineStartByte[f], buf.lineEndByte(f)))\" is an export footer, not part of any turn"
            )
        }
        if let first = builder.turns.first, first.speaker == nil {
            warnings.append(
                "text before the first speaker label (\(first.end - first.start) characters) is kept as an unlabelled segment"
            )
        }
        warnings += builder.warnings + Self.labelVariantWarnings(found.speakers)
        if let styleWarning { warnings.append(styleWarning) }
        if let weakEvidence { warnings.append(weakEvidence) }
        return PlainTextParse(turns: builder.turns, pattern: pattern, patternName: patternName, warnings: warnings)
    }

    /// A warning when the label style changes mid-file: the longest stretch without a label of the
    /// chosen style (over 4 KiB and a quarter of the body) holds recurring labels of another style.
    /// Costs one scan per other style over that stretch only.
    private func styleChange(_ buf: TextBuffer, _ all: Range<Int>, found: LabelScan, chosen: SpeakerLabelPattern)
        -> String?
    {
        guard !all.isEmpty else { return nil }
        let bodyBytes = buf.lineEndByte(all.upperBound - 1) - buf.lineStartByte[all.lowerBound]
        var gap = all.lowerBound..<all.lowerBound
        var previous = all.lowerBound
        for l in found.lines + [all.upperBound] {
            if l - previous > gap.count { gap = previous..<l }
            previous = l + 1
        }
        guard !gap.isEmpty else { return nil }
        let gapBytes = buf.lineEndByte(gap.upperBound - 1) - buf.lineStartByte[gap.lowerBound]
        guard gapBytes > 4096, gapBytes * 4 > bodyBytes else { return nil }
        for candidate in SpeakerLabelPattern.allCases where candidate != chosen {
            let matcher = SpeakerLabelMatcher(pattern: candidate, known: knownSpeakers)
            let scan = LabelScan(buf, gap, known: knownSpeakers, ownLine: candidate == .ownLine) {
                matcher.match(buf.bytes, $0, $1)
            }
            if scan.recurring >= 3 {
                return
                    "the speaker-label style seems to change at line \(gap.lowerBound + 1): \(scan.lines.count) \"\(candidate.displayName)\" labels "
                    + "in lines \(gap.lowerBound + 1)–\(gap.upperBound) were read as text of the turn before them (the file's style is \"\(chosen.displayName)\"); "
                    + "split the file or choose the style with --speaker-pattern"
            }
        }
        return nil
    }

    /// The last non-blank line when it is an export footer such as `Transcribed by https://otter.ai`.
    private func footerLine(_ buf: TextBuffer, _ lines: Range<Int>) -> Int? {
        for l in lines.reversed() {
            let a = buf.lineStartByte[l]
            let b = buf.lineEndByte(l)
            guard buf.contentEnd(a, b) != nil else { continue }
            let text = buf.string(bytes: buf.contentStart(a, b), b).lowercased()
            return text.hasPrefix("transcribed by") || text.hasPrefix("getranscribeerd door") ? l : nil
        }
        return nil
    }

    /// ``labelVariantWarnings(_:)-names`` for the speakers of `turns`.
    static func labelVariantWarnings(_ turns: [RawTurn]) -> [String] {
        labelVariantWarnings(Array(Set(turns.compactMap(\.speaker))))
    }

    /// Warnings for speaker labels that differ only in case or spacing; `names` are distinct.
    static func labelVariantWarnings(_ names: [String]) -> [String] {
        var byKey: [String: Set<String>] = [:]
        for name in names {
            let key = name.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
            byKey[key, default: []].insert(name)
        }
        return byKey.values.filter { $0.count > 1 }.map { variants in
            "speaker labels differ only in case or spacing: "
                + variants.sorted().map { "\"\($0)\"" }.joined(separator: ", ")
        }.sorted()
    }
}

/// Label matches over a range of lines, after frequency filtering.
///
/// A label seen once that is not a known speaker is kept only when it reads as a name
/// (``SpeakerLabelMatcher/nameLike(_:)``: not a sentence ending in a colon) and opens a block (after
/// a blank line or at the start) or follows another label line (one turn per line). A label alone
/// on its line (``SpeakerLabelPattern/ownLine``) is kept when it is a Markdown heading, or when it
/// opens a block or its text follows on the next line (no blank line needed) and it occurs at least
/// twice; a one-off speaker in that style is kept when its label opens a block, reads as a name,
/// has its text on the next line, and the file has at least two recurring speakers.
struct LabelScan {
    var lines: [Int] = []
    var matches: [LabelMatch] = []
    var warnings: [String] = []

    /// The distinct speakers of the accepted labels, in order of first appearance.
    var speakers: [String] = []
    /// Accepted labels of speakers who occur more than once or are declared in metadata.
    var recurring = 0

    /// A label line before frequency filtering (a struct, not a tuple: arrays of tuples copy
    /// through generic runtime calls).
    private struct Candidate {
        var line: Int
        /// Number of the speaker in order of first sight.
        var speaker: Int
        var match: LabelMatch
        var opensBlock: Bool
        var acceptSingle: Bool
        var heading: Bool
        var textFollows: Bool
    }

    init(
        _ buf: TextBuffer, _ range: Range<Int>, known: Set<String>, ownLine: Bool,
        match: (Int, Int) -> SpeakerLabelMatcher.Result
    ) {
        // Speakers are numbered on first sight so that counting needs one lookup per label.
        var numbers: [String: Int] = [:]
        var names: [String] = []
        var counts: [Int] = []
        var rejected: [String: Int] = [:]
        var candidates: [Candidate] = []
        candidates.reserveCapacity(range.count / 2)
        var previousBlank = true
        var previousLabel = false
        for l in range {
            let a = buf.lineStartByte[l]
            let b = buf.lineEndByte(l)
            let blank = buf.contentEnd(a, b) == nil
            var isLabel = false
            if !blank {
                switch match(a, b) {
                case .label(let m):
                    let heading = ownLine && buf.bytes[buf.contentStart(a, b)] == UInt8(ascii: "#")
                    let number: Int
                    if let n = numbers[m.speaker] {
                        number = n
                    } else {
                        number = names.count
                        numbers[m.speaker] = number
                        names.append(m.speaker)
                        counts.append(0)
                    }
                    counts[number] += 1
                    var textFollows = false
                    if l + 1 < range.upperBound {
                        let na = buf.lineStartByte[l + 1]
                        textFollows = buf.contentEnd(na, buf.lineEndByte(l + 1)) != nil
                    }
                    candidates.append(
                        Candidate(
                            line: l, speaker: number, match: m, opensBlock: previousBlank,
                            acceptSingle: previousBlank || previousLabel, heading: heading, textFollows: textFollows))
                    isLabel = true
                case .rejected(let word) where previousBlank:
                    rejected[word, default: 0] += 1
                default: break
                }
            }
            previousBlank = blank
            previousLabel = isLabel
        }
        let isKnown = names.map { known.contains($0) }
        lines.reserveCapacity(candidates.count)
        matches.reserveCapacity(candidates.count)
        var accepted = [Bool](repeating: false, count: names.count)
        var singles: [String] = []
        let recurringSpeakers = counts.lazy.filter { $0 > 1 }.count
        for c in candidates {
            let n = counts[c.speaker]
            let keep: Bool
            if isKnown[c.speaker] || c.heading {
                keep = true
            } else if ownLine {
                keep =
                    n > 1
                    ? (c.opensBlock || c.textFollows)
                    : (c.opensBlock && c.textFollows && recurringSpeakers >= 2
                        && SpeakerLabelMatcher.nameLike(c.match.speaker))
            } else {
                keep = n > 1 || (c.acceptSingle && SpeakerLabelMatcher.nameLike(c.match.speaker))
            }
            if keep {
                lines.append(c.line)
                matches.append(c.match)
                if !accepted[c.speaker] {
                    accepted[c.speaker] = true
                    speakers.append(names[c.speaker])
                }
                if n == 1 && !isKnown[c.speaker] { singles.append(names[c.speaker]) } else { recurring += 1 }
            }
        }
        if lines.count >= 4 && !singles.isEmpty {
            warnings.append(
                "possible false-positive speaker labels (used only once): "
                    + singles.prefix(8).map { "\"\($0)\"" }.joined(separator: ", "))
        }
        if !lines.isEmpty && !rejected.isEmpty {
            warnings.append(
                "lines starting with " + rejected.keys.sorted().prefix(8).map { "\"\($0)\"" }.joined(separator: ", ")
                    + " look like labels but were kept inside turns")
        }
    }
}
