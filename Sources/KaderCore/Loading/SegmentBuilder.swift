import Crypto
import Foundation

/// A speaker turn found by a format parser, before it becomes segments.
/// Offsets are Unicode scalar offsets into the document text.
public struct RawTurn: Sendable, Hashable {
    public var speaker: String?
    public var role: String?
    public var start: Int
    public var end: Int
    public var timestamp: String?
    public var endTimestamp: String?
    /// Scalar offsets inside `start..<end` where a new paragraph starts (after a blank line),
    /// used to split long turns.
    public var paragraphStarts: [Int]
    /// Byte offsets of `start` and `end` in the UTF-8 document text when the parser knows them
    /// (else -1); they spare ``SegmentBuilder`` the conversion back from scalar offsets. Not part of
    /// equality or hashing.
    var startByte = -1
    var endByte = -1

    public init(
        speaker: String?, role: String? = nil, start: Int, end: Int, timestamp: String? = nil,
        endTimestamp: String? = nil, paragraphStarts: [Int] = []
    ) {
        self.speaker = speaker
        self.role = role
        self.start = start
        self.end = end
        self.timestamp = timestamp
        self.endTimestamp = endTimestamp
        self.paragraphStarts = paragraphStarts
    }

    public static func == (a: RawTurn, b: RawTurn) -> Bool {
        a.speaker == b.speaker && a.role == b.role && a.start == b.start && a.end == b.end && a.timestamp == b.timestamp
            && a.endTimestamp == b.endTimestamp && a.paragraphStarts == b.paragraphStarts
    }

    public func hash(into h: inout Hasher) {
        h.combine(speaker)
        h.combine(role)
        h.combine(start)
        h.combine(end)
        h.combine(timestamp)
        h.combine(endTimestamp)
        h.combine(paragraphStarts)
    }
}

/// Settings for turning turns into segments.
public struct SegmentationOptions: Sendable, Hashable {
    /// Turns longer than this many Unicode scalars are split at paragraph boundaries.
    public var maxSegmentLength: Int
    /// Roles whose turns are not codable unless the metadata says otherwise.
    public var nonCodableRoles: Set<String>

    public init(
        maxSegmentLength: Int = 1500,
        nonCodableRoles: Set<String> = [
            "moderator", "interviewer", "gespreksleider", "interviewster", "voorzitter", "chair",
        ]
    ) {
        self.maxSegmentLength = maxSegmentLength
        self.nonCodableRoles = nonCodableRoles
    }
}

/// What ``SegmentBuilder`` works out once per distinct speaker label and role.
struct SpeakerFacts: Sendable {
    var role: String?
    var codable: Bool
    /// Index in the speaker list, or -1 for unlabelled turns.
    var speakerIndex: Int
    /// UTF-8 of the speaker label (empty when unlabelled) followed by U+001F: the start of the
    /// bytes hashed for a segment id.
    var idPrefix: [UInt8]
}

/// Facts for one (speaker label, role) pair met while building segments.
private struct KnownSpeaker {
    var speaker: String?
    var role: String?
    var facts: SpeakerFacts
}

/// Builds segments (ids, fingerprints, roles, codable flags) and the speaker list from raw turns.
public enum SegmentBuilder {
    /// Builds segments over `scalars` (the whole normalised document text).
    public static func build(
        text scalars: [Unicode.Scalar], turns: [RawTurn], metadata: DocumentMetadata, options: SegmentationOptions
    ) -> (segments: [Segment], speakers: [Speaker]) {
        build(
            buffer: TextBuffer(String(String.UnicodeScalarView(scalars))), turns: turns, metadata: metadata,
            options: options)
    }

    /// Segment ids: `s` + 12 hex digits of the SHA-256 of the speaker, U+001F and the segment's
    /// fingerprint, with `-2`, `-3` … for repeats.
    ///
    /// `text`, when given, must be the document text whose UTF-8 is `buffer.bytes`; segment texts
    /// are then sliced from it without validating the bytes again.
    static func build(
        buffer: TextBuffer, text: String? = nil, turns: [RawTurn], metadata: DocumentMetadata,
        options: SegmentationOptions
    ) -> (segments: [Segment], speakers: [Speaker]) {
        var speakerList: [Speaker] = []
        var speakerIndex: [String: Int] = [:]
        // Facts per distinct (speaker, role); consecutive turns of one speaker skip the lookup, a
        // change of speaker is one hash lookup (linear in the number of turns, whatever the number
        // of distinct speakers).
        var known: [KnownSpeaker] = []
        var knownIndex: [SpeakerKey: Int] = [:]
        var last = 0
        // Which facts each turn has and where its segments start; the segments themselves are
        // made afterwards (``SegmentPlan``), on every core for a large document.
        var factsOf = [Int](repeating: 0, count: turns.count)
        var firstSegment = [Int](repeating: 0, count: turns.count + 1)
        var total = 0
        turns.withUnsafeBufferPointer { turns in
            for i in turns.indices {
                if last >= known.count || known[last].speaker != turns[i].speaker || known[last].role != turns[i].role {
                    // A short linear search while there are few speakers (cheaper than hashing),
                    // a dictionary beyond that.
                    let found =
                        known.count <= 16
                        ? known.firstIndex(where: { $0.speaker == turns[i].speaker && $0.role == turns[i].role })
                        : knownIndex[SpeakerKey(speaker: turns[i].speaker, role: turns[i].role)]
                    if let found {
                        last = found
                    } else {
                        let setting = turns[i].speaker.flatMap { metadata.speakers[$0] }
                        let role =
                            setting?.role ?? turns[i].role ?? turns[i].speaker.flatMap(RoleInference.role(fromLabel:))
                        let codable =
                            setting?.codable
                            ?? !(role.map { options.nonCodableRoles.contains($0.lowercased()) } ?? false)
                        var index = -1
                        if let name = turns[i].speaker {
                            if let existing = speakerIndex[name] {
                                index = existing
                            } else {
                                index = speakerList.count
                                speakerIndex[name] = index
                                speakerList.append(Speaker(name: name, role: role, codable: codable, turns: 0))
                            }
                        }
                        let f = SpeakerFacts(
                            role: role, codable: codable, speakerIndex: index,
                            idPrefix: Array((turns[i].speaker ?? "").utf8) + [0x1F])
                        known.append(KnownSpeaker(speaker: turns[i].speaker, role: turns[i].role, facts: f))
                        last = known.count - 1
                        knownIndex[SpeakerKey(speaker: turns[i].speaker, role: turns[i].role)] = last
                    }
                }
                let f = known[last].facts
                if f.speakerIndex >= 0 { speakerList[f.speakerIndex].turns += 1 }
                factsOf[i] = last
                firstSegment[i] = total
                total +=
                    isWhole(turns[i], maxLength: options.maxSegmentLength)
                    ? 1 : pieces(of: turns[i], buffer: buffer, maxLength: options.maxSegmentLength).count
            }
        }
        firstSegment[turns.count] = total
        let plan = SegmentPlan(
            turns: turns, facts: known.map(\.facts), factsOf: factsOf, firstSegment: firstSegment,
            maxLength: options.maxSegmentLength)
        return (plan.segments(buffer: buffer, text: text), speakerList)
    }

    /// True when `turn` is one segment whose byte offsets the parser gave.
    static func isWhole(_ turn: RawTurn, maxLength: Int) -> Bool {
        turn.startByte >= 0 && turn.endByte >= 0 && (turn.end - turn.start <= maxLength || turn.paragraphStarts.isEmpty)
    }

    private struct SpeakerKey: Hashable {
        var speaker: String?
        var role: String?
    }

    /// The UTF-8 bytes `a..<b` (on scalar boundaries) of a native string, as a slice sharing its
    /// storage.
    @inline(__always)
    static func slice(_ text: String, _ a: Int, _ b: Int) -> Substring {
        let u = text.utf8
        let i = u.index(u.startIndex, offsetBy: a)
        let j = u.index(u.startIndex, offsetBy: b)
        return Substring(u[i..<j])
    }

    /// Splits a turn into pieces of at most `maxLength` scalars where paragraph boundaries allow.
    /// Returns scalar and byte offsets of each piece.
    static func pieces(of turn: RawTurn, buffer: TextBuffer, maxLength: Int) -> [(Int, Int, Int, Int)] {
        let startByte = turn.startByte >= 0 ? turn.startByte : buffer.byteOffset(scalar: turn.start)
        let endByte = turn.endByte >= 0 ? turn.endByte : buffer.byteOffset(scalar: turn.end)
        guard turn.end - turn.start > maxLength, !turn.paragraphStarts.isEmpty else {
            return [(turn.start, turn.end, startByte, endByte)]
        }
        var result: [(Int, Int, Int, Int)] = []
        var pieceStart = turn.start
        let bounds = turn.paragraphStarts.filter { $0 > turn.start && $0 < turn.end } + [turn.end]
        var lastBoundary = turn.start
        for b in bounds {
            if b - pieceStart > maxLength && lastBoundary > pieceStart {
                let a = buffer.byteOffset(scalar: pieceStart)
                let e = buffer.contentEnd(a, buffer.byteOffset(scalar: lastBoundary)) ?? a
                result.append((pieceStart, pieceStart + TextBuffer.countScalars(buffer.bytes, a, e), a, e))
                pieceStart = lastBoundary
            }
            lastBoundary = b
        }
        result.append((pieceStart, turn.end, buffer.byteOffset(scalar: pieceStart), endByte))
        return result
    }
}

/// Infers a role from a speaker label such as `Leerkracht 2`, `Moderator` or `Deelnemer 3`.
public enum RoleInference {
    static let knownRoles: [String: String] = [
        "moderator": "moderator", "interviewer": "interviewer", "gespreksleider": "moderator",
        "leerkracht": "leerkracht", "leraar": "leerkracht", "lerares": "leerkracht", "juf": "leerkracht",
        "meester": "leerkracht",
        "directeur": "directeur", "directrice": "directeur", "ict-coördinator": "ict-coördinator",
        "ict-coordinator": "ict-coördinator",
        "zorgcoördinator": "zorgcoördinator", "zorgcoordinator": "zorgcoördinator", "expert": "expert",
        "leerling": "leerling", "ouder": "ouder", "beleidsmedewerker": "beleidsmedewerker", "respondent": "respondent",
    ]

    /// The role implied by a label's first word, or nil.
    public static func role(fromLabel label: String) -> String? {
        let first = label.split(whereSeparator: { $0 == " " || $0.isNumber }).first.map { $0.lowercased() } ?? ""
        return knownRoles[first]
    }
}
