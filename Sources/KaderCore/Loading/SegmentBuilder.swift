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

    public init(maxSegmentLength: Int = 1500, nonCodableRoles: Set<String> = ["moderator", "interviewer", "gespreksleider", "interviewster", "voorzitter", "chair"]) {
        self.maxSegmentLength = maxSegmentLength
        self.nonCodableRoles = nonCodableRoles
    }
}

private struct RoleKey: Hashable {
    var speaker: String?
    var role: String?
}

/// Builds segments (ids, fingerprints, roles, codable flags) and the speaker list from raw turns.
public enum SegmentBuilder {
    /// Builds segments over `scalars` (the whole normalised document text).
    public static func build(
        text scalars: [Unicode.Scalar], turns: [RawTurn], metadata: DocumentMetadata, options: SegmentationOptions
    ) -> (segments: [Segment], speakers: [Speaker]) {
        build(buffer: TextBuffer(String(String.UnicodeScalarView(scalars))), turns: turns, metadata: metadata, options: options)
    }

    /// Segment ids: `s` + 12 hex digits of the SHA-256 of the speaker, U+001F and the segment's
    /// fingerprint, with `-2`, `-3` … for repeats.
    static func build(
        buffer: TextBuffer, turns: [RawTurn], metadata: DocumentMetadata, options: SegmentationOptions
    ) -> (segments: [Segment], speakers: [Speaker]) {
        var segments: [Segment] = []
        segments.reserveCapacity(turns.count)
        var seenIds: [String: Int] = [:]
        var speakerIndex: [String: Int] = [:]
        var speakerList: [Speaker] = []
        var roleCache: [RoleKey: (String?, Bool)] = [:]
        var scratch: [UInt8] = []
        var idBytes: [UInt8] = []
        for turn in turns {
            let role: String?, codable: Bool
            let key = RoleKey(speaker: turn.speaker, role: turn.role)
            if let cached = roleCache[key] {
                (role, codable) = cached
            } else {
                let setting = turn.speaker.flatMap { metadata.speakers[$0] }
                role = setting?.role ?? turn.role ?? turn.speaker.flatMap(RoleInference.role(fromLabel:))
                codable = setting?.codable ?? !(role.map { options.nonCodableRoles.contains($0.lowercased()) } ?? false)
                roleCache[key] = (role, codable)
            }
            if let name = turn.speaker {
                if let index = speakerIndex[name] {
                    speakerList[index].turns += 1
                } else {
                    speakerIndex[name] = speakerList.count
                    speakerList.append(Speaker(name: name, role: role, codable: codable, turns: 1))
                }
            }
            for (start, end, startByte, endByte) in pieces(of: turn, buffer: buffer, maxLength: options.maxSegmentLength) {
                let text = buffer.string(bytes: startByte, endByte)
                let print = Fingerprint.ofSegmentUTF8(buffer.bytes, startByte, endByte, scratch: &scratch)
                idBytes.removeAll(keepingCapacity: true)
                if let s = turn.speaker { idBytes.append(contentsOf: s.utf8) }
                idBytes.append(0x1F)
                idBytes.append(contentsOf: print.utf8)
                let base = Fingerprint.hexPrefix(SHA256.hash(data: idBytes), digits: 12, prefix: UInt8(ascii: "s"))
                var id = base
                if let n = seenIds[base] {
                    seenIds[base] = n + 1
                    id = "\(base)-\(n + 1)"
                } else {
                    seenIds[base] = 1
                }
                segments.append(Segment(
                    id: id, ordinal: segments.count + 1, speaker: turn.speaker, role: role,
                    start: start, end: end, text: text, timestamp: turn.timestamp, endTimestamp: turn.endTimestamp,
                    fingerprint: print, codable: codable))
            }
        }
        return (segments, speakerList)
    }

    /// Splits a turn into pieces of at most `maxLength` scalars where paragraph boundaries allow.
    /// Returns scalar and byte offsets of each piece.
    static func pieces(of turn: RawTurn, buffer: TextBuffer, maxLength: Int) -> [(Int, Int, Int, Int)] {
        let startByte = buffer.byteOffset(scalar: turn.start)
        let endByte = buffer.byteOffset(scalar: turn.end)
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
