import Foundation

/// One unit of coding: a speaker turn, or a paragraph of a long turn.
///
/// Offsets are **Unicode scalar offsets** into the document's normalised text
/// (``Document/text``): `start` is inclusive, `end` exclusive. The segment's
/// ``text`` is exactly that slice, so `document.text.unicodeScalars[start..<end]`
/// reproduces it.
public struct Segment: Sendable, Hashable, Codable {
    /// Stable id: `s` + 12 hex digits of the SHA-256 of speaker and text, with
    /// `-2`, `-3` … appended when the same speaker says the same thing again.
    /// It does not change when other turns are inserted or removed.
    public var id: String
    /// 1-based position of the segment in its document.
    public var ordinal: Int
    /// The speaker label as written (e.g. `Els`, `Deelnemer 3`), or nil for unlabelled text.
    public var speaker: String?
    /// The speaker's role (e.g. `leerkracht`, `moderator`), from metadata or the label.
    public var role: String?
    /// Unicode scalar offset of the first scalar of the segment text.
    public var start: Int
    /// Unicode scalar offset one past the last scalar of the segment text.
    public var end: Int
    /// The segment text (the slice `start..<end` of the normalised document text). Stored as
    /// ``textSlice``, which shares the document text's storage; each read makes a `String`.
    public var text: String {
        get { String(textSlice) }
        set { textSlice = Substring(newValue) }
    }
    /// The segment text as a slice of the document text it was cut from (no copy of its own).
    public private(set) var textSlice: Substring
    /// Start time as written in the source (`00:03:12`, `0:01:02.500`), if any.
    public var timestamp: String?
    /// End time for cue-based formats (WebVTT, SRT), if any.
    public var endTimestamp: String?
    /// Text fingerprint: 16 hex digits of the SHA-256 of the whitespace-collapsed text.
    public var fingerprint: String
    /// False for turns that are not coded (moderator, interviewer by default).
    public var codable: Bool

    public init(
        id: String, ordinal: Int, speaker: String?, role: String?, start: Int, end: Int,
        text: String, timestamp: String? = nil, endTimestamp: String? = nil,
        fingerprint: String, codable: Bool = true
    ) {
        self.id = id
        self.ordinal = ordinal
        self.speaker = speaker
        self.role = role
        self.start = start
        self.end = end
        self.textSlice = Substring(text)
        self.timestamp = timestamp
        self.endTimestamp = endTimestamp
        self.fingerprint = fingerprint
        self.codable = codable
    }

    /// ``init(id:ordinal:speaker:role:start:end:text:timestamp:endTimestamp:fingerprint:codable:)``
    /// with the text as a slice of the document text.
    init(
        id: String, ordinal: Int, speaker: String?, role: String?, start: Int, end: Int, textSlice: Substring,
        timestamp: String?, endTimestamp: String?, fingerprint: String, codable: Bool
    ) {
        self.init(
            id: id, ordinal: ordinal, speaker: speaker, role: role, start: start, end: end, text: "",
            timestamp: timestamp, endTimestamp: endTimestamp, fingerprint: fingerprint, codable: codable)
        self.textSlice = textSlice
    }

    enum CodingKeys: String, CodingKey {
        case id, ordinal, speaker, role, start, end, text, timestamp, endTimestamp, fingerprint, codable
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try c.decode(String.self, forKey: .id), ordinal: try c.decode(Int.self, forKey: .ordinal),
            speaker: try c.decodeIfPresent(String.self, forKey: .speaker),
            role: try c.decodeIfPresent(String.self, forKey: .role),
            start: try c.decode(Int.self, forKey: .start), end: try c.decode(Int.self, forKey: .end),
            text: try c.decode(String.self, forKey: .text),
            timestamp: try c.decodeIfPresent(String.self, forKey: .timestamp),
            endTimestamp: try c.decodeIfPresent(String.self, forKey: .endTimestamp),
            fingerprint: try c.decode(String.self, forKey: .fingerprint),
            codable: try c.decode(Bool.self, forKey: .codable))
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(ordinal, forKey: .ordinal)
        try c.encodeIfPresent(speaker, forKey: .speaker)
        try c.encodeIfPresent(role, forKey: .role)
        try c.encode(start, forKey: .start)
        try c.encode(end, forKey: .end)
        try c.encode(text, forKey: .text)
        try c.encodeIfPresent(timestamp, forKey: .timestamp)
        try c.encodeIfPresent(endTimestamp, forKey: .endTimestamp)
        try c.encode(fingerprint, forKey: .fingerprint)
        try c.encode(codable, forKey: .codable)
    }
}
