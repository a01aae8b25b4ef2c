import Foundation

/// Turns WebVTT and SRT cues into speaker turns and Kader's constructed document text.
///
/// Speaker of a cue: the voice tag `<v Name>` (Teams, Whisper), else a `Name:` or
/// `Name (role):` prefix on the first payload line (Zoom, SRT), which keeps its role. A prefix used
/// on one cue only is a speaker only when at least a fifth of the cues carry a label and it reads as
/// a name (``SpeakerLabelMatcher/nameLike(_:)``); otherwise (`Une chose en sa faveur:` amid hundreds
/// of unlabelled subtitles) it stays in the cue's text and is reported.
///
/// Speaker continuity, one rule for WebVTT and SRT alike, decided by the kind of label: a cue
/// without a speaker continues the speaker before it when that speaker came from a `Name:` prefix
/// (prefixes are written when the speaker changes); after a voice-tagged cue it is an unlabelled
/// turn of its own (voice tags mark every cue, so a cue without one has no known speaker). A cue
/// that is only a sound mark (`(gelach)`, `[muziek]`) or starts with a dash (`- `, `– `: a change
/// of speaker in subtitle style) is never given to a speaker; how many cues continued a speaker is
/// reported. Consecutive cues of one speaker merge into one turn whose `timestamp` is the
/// first cue's start and `endTimestamp` the last cue's end. Empty cues are skipped and counted.
///
/// Constructed text (see ``TextAssembler``): per turn the label as written (`Name (role): `) then
/// one line per cue; turns are separated by a blank line. The segment covers the cue lines.
enum CueTranscript {
    struct Output {
        var bytes: [UInt8]
        var turns: [RawTurn]
        var labelPattern: String
        var warnings: [String]
    }

    private struct Labelled {
        var cue: Cue
        var voice: String?
        var prefix: LabelMatch?
        var prefixText = ""
        var body: String
        var rest: String
    }

    static func build(_ text: String, srt: Bool) -> Output {
        let parsed = CueParser.parse(text)
        var warnings: [String] = []
        if !srt && !parsed.hasHeader { warnings.append("the file does not start with WEBVTT; read as WebVTT anyway") }
        if parsed.orphanBlocks > 0 {
            warnings.append(
                "\(parsed.orphanBlocks) text block(s) without a timing line were joined to the cue before them")
        }
        let matcher = SpeakerLabelMatcher(pattern: .colon)
        var cues: [Labelled] = []
        cues.reserveCapacity(parsed.cues.count)
        var prefixCounts: [String: Int] = [:]
        for cue in parsed.cues {
            let (voice, body) = CueText.split(cue.lines)
            var c = Labelled(cue: cue, voice: voice, body: body, rest: body)
            if voice == nil {
                let bytes = Array(body.utf8)
                var lineEnd = 0
                while lineEnd < bytes.count && bytes[lineEnd] != 0x0A { lineEnd += 1 }
                if case .label(let m) = matcher.match(bytes, 0, lineEnd), m.contentStart < bytes.count {
                    c.prefix = m
                    c.prefixText = String(decoding: bytes[..<m.contentStart], as: UTF8.self)
                    c.rest = String(decoding: bytes[m.contentStart...], as: UTF8.self)
                    prefixCounts[m.speaker, default: 0] += 1
                }
            }
            cues.append(c)
        }
        let labelled = cues.lazy.filter { $0.voice != nil || $0.prefix != nil }.count
        let dense = labelled * 5 >= max(cues.count, 1)
        var voices = 0
        var prefixes = 0
        var empty = 0
        var carried = 0
        var oneOff: [String] = []
        // Each non-empty cue with its accepted speaker, role, label and text.
        var resolved: [(cue: Cue, speaker: String?, role: String?, label: String, body: String, voiced: Bool)] = []
        for c in cues {
            var speaker = c.voice
            var role: String?
            var label = c.voice.map { "\($0): " } ?? ""
            var body = c.body
            if let m = c.prefix {
                if prefixCounts[m.speaker, default: 0] >= 2 || (dense && SpeakerLabelMatcher.nameLike(m.speaker)) {
                    speaker = m.speaker
                    role = m.role
                    label = c.prefixText
                    body = c.rest
                } else if oneOff.count < 8 {
                    oneOff.append(m.speaker)
                }
            }
            body = TextAssembler.clean(body)
            if body.isEmpty {
                empty += 1
                continue
            }
            resolved.append((c.cue, speaker, role, label, body, c.voice != nil))
        }
        var assembler = TextAssembler()
        var currentSpeaker: String?
        var currentRole: String?
        var currentFromPrefix = false
        var open = false
        for r in resolved {
            var speaker = r.speaker
            var role = r.role
            var label = r.label
            let body = r.body
            if r.voiced { voices += 1 } else if speaker != nil { prefixes += 1 }
            let dash = body.hasPrefix("- ") || body.hasPrefix("– ") || body.hasPrefix("-- ")
            let soundMark = (body.hasPrefix("(") && body.hasSuffix(")")) || (body.hasPrefix("[") && body.hasSuffix("]"))
            if speaker == nil && open && !dash && !soundMark && currentFromPrefix && currentSpeaker != nil {
                speaker = currentSpeaker
                role = currentRole
                carried += 1
            }
            if open, let s = speaker, s == currentSpeaker, role == currentRole || r.speaker == nil {
                assembler.appendParagraph(body)
                assembler.setEndTimestamp(r.cue.end)
                continue
            }
            if !label.hasSuffix(" ") && !label.isEmpty { label += " " }
            assembler.startTurn(
                speaker: speaker, role: role, prefix: speaker.map { label.isEmpty ? "\($0): " : label } ?? "",
                timestamp: r.cue.start, endTimestamp: r.cue.end)
            assembler.appendParagraph(body)
            currentSpeaker = speaker
            currentRole = role
            currentFromPrefix = speaker != nil && !r.voiced
            open = true
        }
        let (bytes, turns) = assembler.finish()
        if empty > 0 { warnings.append("\(empty) empty cue(s) skipped") }
        if parsed.cues.isEmpty { warnings.append("no cues with a timing line found") }
        if !oneOff.isEmpty {
            warnings.append(
                "text before a colon used once amid unlabelled cues was kept as text, not taken as a speaker: "
                    + oneOff.map { "\"\($0)\"" }.joined(separator: ", "))
        }
        if carried > 0 {
            warnings.append(
                "\(carried) cue(s) without a speaker continue the speaker before them (Name: labels mark a change of speaker)"
            )
        }
        let pattern: String
        switch (voices > 0, prefixes > 0) {
        case (true, true): pattern = "voice tags <v Name> and Name: prefixes"
        case (true, false): pattern = "voice tags <v Name>"
        case (false, true): pattern = "Name: prefixes"
        default: pattern = "none"
        }
        if pattern == "none" && !turns.isEmpty { warnings.append("no speakers found; each cue is a segment") }
        warnings += PlainTextSegmenter.labelVariantWarnings(turns)
        return Output(bytes: bytes, turns: turns, labelPattern: pattern, warnings: warnings)
    }
}
