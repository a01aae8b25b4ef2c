import Foundation

/// Turns WebVTT and SRT cues into speaker turns and Kader's constructed document text.
///
/// Speaker of a cue: the voice tag `<v Name>` (Teams, Whisper), else a `Name:` prefix on the first
/// payload line (Zoom, SRT). Consecutive cues of the same named speaker merge into one turn whose
/// `timestamp` is the first cue's start and `endTimestamp` the last cue's end. A WebVTT cue without
/// a speaker is kept as an unlabelled turn of its own; in SRT, where labels are usually written only
/// when the speaker changes, it continues the previous speaker. Empty cues are skipped.
///
/// Constructed text (see ``TextAssembler``): per turn `Name: ` then one line per cue; turns are
/// separated by a blank line. The segment covers the cue lines, not the `Name: ` prefix.
enum CueTranscript {
    struct Output {
        var bytes: [UInt8]
        var turns: [RawTurn]
        var labelPattern: String
        var warnings: [String]
    }

    static func build(_ text: String, srt: Bool) -> Output {
        let parsed = CueParser.parse(text)
        var warnings: [String] = []
        if !srt && !parsed.hasHeader { warnings.append("the file does not start with WEBVTT; read as WebVTT anyway") }
        if parsed.orphanBlocks > 0 { warnings.append("\(parsed.orphanBlocks) text block(s) without a timing line were joined to the cue before them") }
        var voices = 0, prefixes = 0, empty = 0
        var assembler = TextAssembler()
        var currentSpeaker: String?
        var open = false
        let matcher = SpeakerLabelMatcher(pattern: .colon)
        for cue in parsed.cues {
            var (speaker, body) = CueText.split(cue.lines)
            if speaker != nil {
                voices += 1
            } else {
                let bytes = Array(body.utf8)
                var lineEnd = 0
                while lineEnd < bytes.count && bytes[lineEnd] != 0x0A { lineEnd += 1 }
                if case .label(let m) = matcher.match(bytes, 0, lineEnd), m.contentStart < bytes.count {
                    speaker = m.speaker
                    body = String(decoding: bytes[m.contentStart...], as: UTF8.self)
                    prefixes += 1
                }
            }
            body = TextAssembler.clean(body)
            if body.isEmpty {
                empty += 1
                continue
            }
            if srt && speaker == nil && open { speaker = currentSpeaker }
            if open, let s = speaker, s == currentSpeaker {
                assembler.appendParagraph(body)
                assembler.setEndTimestamp(cue.end)
                continue
            }
            assembler.startTurn(speaker: speaker, prefix: speaker.map { "\($0): " } ?? "", timestamp: cue.start, endTimestamp: cue.end)
            assembler.appendParagraph(body)
            currentSpeaker = speaker
            open = true
        }
        let (bytes, turns) = assembler.finish()
        if empty > 0 { warnings.append("\(empty) empty cue(s) skipped") }
        if parsed.cues.isEmpty { warnings.append("no cues with a timing line found") }
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
