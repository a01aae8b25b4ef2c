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

    public init(speaker: String?, role: String? = nil, start: Int, end: Int, timestamp: String? = nil, endTimestamp: String? = nil, paragraphStarts: [Int] = []) {
        self.speaker = speaker
        self.role = role
        self.start = start
        self.end = end
        self.timestamp = timestamp
        self.endTimestamp = endTimestamp
        self.paragraphStarts = paragraphStarts
    }
}

/// Settings for turning turns into segments.
public struct SegmentationOptions: Sendable, Hashable {
    /// Turns longer than this many Unicode scalars are split at paragraph boundaries.
    public var maxSegmentLength: Int
    /// Roles whose turns are not codable unless the metadata says otherwise.
    public var nonCodableRoles: Set<String>

    public init(maxSegmentLength: Int = 1500, nonCodableRoles: Set<String> = ["moderator", "interviewer", "gespreksleider", "interviewster", "voorzitter"]) {
        self.maxSegmentLength = maxSegmentLength
        self.nonCodableRoles = nonCodableRoles
    }
}

/// Builds segments (ids, fingerprints, roles, codable flags) and the speaker list from raw turns.
public enum SegmentBuilder {
    public static func build(
        text scalars: [Unicode.Scalar], turns: [RawTurn], metadata: DocumentMetadata, options: SegmentationOptions
    ) -> (segments: [Segment], speakers: [Speaker]) {
        var segments: [Segment] = []
        var seenIds: [String: Int] = [:]
        var speakerOrder: [String] = []
        var speakerInfo: [String: Speaker] = [:]
        for turn in turns {
            let setting = turn.speaker.flatMap { metadata.speakers[$0] }
            let role = setting?.role ?? turn.role ?? turn.speaker.flatMap(RoleInference.role(fromLabel:))
            let codable = setting?.codable ?? !(role.map { options.nonCodableRoles.contains($0.lowercased()) } ?? false)
            if let name = turn.speaker {
                if speakerInfo[name] == nil {
                    speakerOrder.append(name)
                    speakerInfo[name] = Speaker(name: name, role: role, codable: codable, turns: 0)
                }
                speakerInfo[name]!.turns += 1
            }
            for (start, end) in pieces(of: turn, scalars: scalars, maxLength: options.maxSegmentLength) {
                let text = String(String.UnicodeScalarView(scalars[start..<end]))
                let print = Fingerprint.ofSegmentText(text)
                let base = "s" + String(Fingerprint.sha256Hex((turn.speaker ?? "") + "\u{1F}" + Fingerprint.collapseWhitespace(text)).prefix(12))
                let n = (seenIds[base] ?? 0) + 1
                seenIds[base] = n
                segments.append(Segment(
                    id: n == 1 ? base : "\(base)-\(n)", ordinal: segments.count + 1, speaker: turn.speaker, role: role,
                    start: start, end: end, text: text, timestamp: turn.timestamp, endTimestamp: turn.endTimestamp,
                    fingerprint: print, codable: codable))
            }
        }
        return (segments, speakerOrder.map { speakerInfo[$0]! })
    }

    /// Splits a turn into pieces of at most `maxLength` scalars where paragraph boundaries allow.
    static func pieces(of turn: RawTurn, scalars: [Unicode.Scalar], maxLength: Int) -> [(Int, Int)] {
        guard turn.end - turn.start > maxLength, !turn.paragraphStarts.isEmpty else { return [(turn.start, turn.end)] }
        var result: [(Int, Int)] = []
        var pieceStart = turn.start
        let bounds = turn.paragraphStarts.filter { $0 > turn.start && $0 < turn.end } + [turn.end]
        var lastBoundary = turn.start
        for b in bounds {
            if b - pieceStart > maxLength && lastBoundary > pieceStart {
                result.append((pieceStart, trimEnd(scalars, pieceStart, lastBoundary)))
                pieceStart = lastBoundary
            }
            lastBoundary = b
        }
        result.append((pieceStart, turn.end))
        return result
    }

    /// Moves `end` back over trailing whitespace, never before `start`.
    static func trimEnd(_ scalars: [Unicode.Scalar], _ start: Int, _ end: Int) -> Int {
        var e = end
        while e > start && scalars[e - 1].properties.isWhitespace { e -= 1 }
        return e
    }
}

/// Infers a role from a speaker label such as `Leerkracht 2`, `Moderator` or `Deelnemer 3`.
public enum RoleInference {
    static let knownRoles: [String: String] = [
        "moderator": "moderator", "interviewer": "interviewer", "gespreksleider": "moderator",
        "leerkracht": "leerkracht", "leraar": "leerkracht", "lerares": "leerkracht", "juf": "leerkracht", "meester": "leerkracht",
        "directeur": "directeur", "directrice": "directeur", "ict-coördinator": "ict-coördinator", "ict-coordinator": "ict-coördinator",
        "zorgcoördinator": "zorgcoördinator", "zorgcoordinator": "zorgcoördinator", "expert": "expert",
        "leerling": "leerling", "ouder": "ouder", "beleidsmedewerker": "beleidsmedewerker", "respondent": "respondent",
    ]

    /// The role implied by a label's first word, or nil.
    public static func role(fromLabel label: String) -> String? {
        let first = label.split(whereSeparator: { $0 == " " || $0.isNumber }).first.map { $0.lowercased() } ?? ""
        return knownRoles[first]
    }
}
