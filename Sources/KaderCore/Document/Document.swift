import Foundation

/// A participant in a transcript and what the metadata says about them.
public struct Speaker: Sendable, Hashable, Codable {
    /// The label as it appears in the transcript.
    public var name: String
    public var role: String?
    /// Whether this speaker's turns are coded (moderators and interviewers are not, by default).
    public var codable: Bool
    /// Number of turns (not segments) by this speaker.
    public var turns: Int

    public init(name: String, role: String? = nil, codable: Bool = true, turns: Int = 0) {
        self.name = name
        self.role = role
        self.codable = codable
        self.turns = turns
    }
}

/// What the loader detected and decided while reading a file.
public struct LoadDiagnostics: Sendable, Hashable, Codable {
    /// The format read; written as its raw value (`plain text`, `markdown`, `docx`, `webvtt`, `srt`,
    /// `tei`, `otter`).
    public var format: TranscriptFormat
    /// `UTF-8`, `UTF-8 with BOM`, `UTF-16LE with BOM`, `Windows-1252`, … (written as the name).
    public var encoding: SourceEncoding
    /// `LF`, `CRLF`, `CR`, `mixed`, or `none` (a single line); `n/a (XML)` and `n/a (docx)`.
    public var lineEndings: LineEndings
    /// Human name of the speaker-label pattern chosen, e.g. `Name:`.
    public var labelPattern: String
    public var warnings: [String]

    public init(
        format: TranscriptFormat, encoding: SourceEncoding, lineEndings: LineEndings, labelPattern: String,
        warnings: [String] = []
    ) {
        self.format = format
        self.encoding = encoding
        self.lineEndings = lineEndings
        self.labelPattern = labelPattern
        self.warnings = warnings
    }
}

/// Document metadata from YAML front matter or a `FILE.meta.yaml` sidecar.
public struct DocumentMetadata: Sendable, Hashable, Codable {
    public var title: String?
    /// `focusgroep` / `focus group`, `interview`, or another free word.
    public var type: String?
    public var site: String?
    public var date: String?
    /// Speaker settings keyed by label.
    public var speakers: [String: SpeakerSetting]
    /// Every scalar key of the front matter or sidecar but `speakers` (title, type, site and date
    /// included), keyed in lowercase, typed (``AttributeValue``); a list of scalars is one value,
    /// its items joined with `, `.
    public var attributes: Attributes = [:]

    public init(
        title: String? = nil, type: String? = nil, site: String? = nil, date: String? = nil,
        speakers: [String: SpeakerSetting] = [:]
    ) {
        self.title = title
        self.type = type
        self.site = site
        self.date = date
        self.speakers = speakers
    }

    /// True for focus groups and interviews, whose moderator/interviewer turns are not coded.
    public var isConversation: Bool {
        guard let t = type?.lowercased() else { return false }
        return t.contains("focus") || t.contains("interview")
    }
}

public struct SpeakerSetting: Sendable, Hashable, Codable {
    public var role: String?
    public var codable: Bool?
    /// The speaker's other keys (`jaren-ervaring: 12`, `vak: wiskunde`), keyed in lowercase.
    public var attributes: Attributes = [:]
    public init(role: String? = nil, codable: Bool? = nil) {
        self.role = role
        self.codable = codable
    }
}

/// A loaded, normalised transcript.
///
/// ``text`` is immutable after loading: line endings normalised to LF, decoded from the
/// source encoding. Every offset in Kader is a Unicode scalar offset into it.
public struct Document: Sendable, Hashable {
    /// Stable id derived from the file name (lowercase ASCII, digits and `-`).
    public var id: String
    /// Path of the source file relative to the project, or as given.
    public var sourcePath: String
    public var metadata: DocumentMetadata
    public var text: String
    /// SHA-256 of the normalised text's UTF-8 bytes, lowercase hex.
    public var contentHash: String
    public var segments: [Segment]
    public var speakers: [Speaker]
    public var diagnostics: LoadDiagnostics

    public init(
        id: String, sourcePath: String, metadata: DocumentMetadata, text: String, contentHash: String,
        segments: [Segment], speakers: [Speaker], diagnostics: LoadDiagnostics
    ) {
        self.id = id
        self.sourcePath = sourcePath
        self.metadata = metadata
        self.text = text
        self.contentHash = contentHash
        self.segments = segments
        self.speakers = speakers
        self.diagnostics = diagnostics
    }

    /// Title from metadata, else the id.
    public var title: String { metadata.title ?? id }

    public var codableSegmentCount: Int { segments.reduce(0) { $0 + ($1.codable ? 1 : 0) } }
}
