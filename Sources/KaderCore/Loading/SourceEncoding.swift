import Foundation

/// How a transcript's bytes were decoded (``LoadDiagnostics/encoding``). The raw value is the name
/// shown by `kader segments` and written to JSON, e.g. `UTF-8 with BOM`; it encodes as that single
/// string, and every raw string decodes again (an unknown name as ``other(_:)``).
public enum SourceEncoding: Sendable, Hashable, Codable, RawRepresentable, CustomStringConvertible {
    /// `UTF-8`.
    case utf8
    /// `UTF-8 with BOM`.
    case utf8WithBOM
    /// `UTF-16LE with BOM`.
    case utf16LEWithBOM
    /// `UTF-16BE with BOM`.
    case utf16BEWithBOM
    /// `UTF-32LE with BOM`.
    case utf32LEWithBOM
    /// `UTF-32BE with BOM`.
    case utf32BEWithBOM
    /// `Windows-1252`.
    case windows1252
    /// `UTF-8 mixed with Windows-1252 (first non-UTF-8 byte on line N)`: valid UTF-8 kept, every
    /// other byte read as Windows-1252; `firstLine` is 1-based.
    case mixedUTF8Windows1252(firstLine: Int)
    /// `UTF-8 (docx part word/document.xml)`: the main document part of a .docx.
    case docxPart(String)
    /// Another name, as an XML parser reports it (TEI), e.g. `UTF-16` or `ISO-8859-1`.
    case other(String)

    private static let fixed: [String: SourceEncoding] = [
        "UTF-8": .utf8, "UTF-8 with BOM": .utf8WithBOM, "UTF-16LE with BOM": .utf16LEWithBOM,
        "UTF-16BE with BOM": .utf16BEWithBOM, "UTF-32LE with BOM": .utf32LEWithBOM,
        "UTF-32BE with BOM": .utf32BEWithBOM, "Windows-1252": .windows1252,
    ]
    static let mixedPrefix = "UTF-8 mixed with Windows-1252 (first non-UTF-8 byte on line "
    static let docxPrefix = "UTF-8 (docx part "

    /// The name; never fails (a name Kader does not know is ``other(_:)``).
    public init(rawValue: String) {
        if let hit = Self.fixed[rawValue] {
            self = hit
        } else if rawValue.hasPrefix(Self.mixedPrefix), rawValue.hasSuffix(")"),
            let line = Int(rawValue.dropFirst(Self.mixedPrefix.count).dropLast())
        {
            self = .mixedUTF8Windows1252(firstLine: line)
        } else if rawValue.hasPrefix(Self.docxPrefix), rawValue.hasSuffix(")") {
            self = .docxPart(String(rawValue.dropFirst(Self.docxPrefix.count).dropLast()))
        } else {
            self = .other(rawValue)
        }
    }

    public var rawValue: String {
        // A switch, not a table lookup: `==` on a RawRepresentable may compare raw values.
        switch self {
        case .utf8: return "UTF-8"
        case .utf8WithBOM: return "UTF-8 with BOM"
        case .utf16LEWithBOM: return "UTF-16LE with BOM"
        case .utf16BEWithBOM: return "UTF-16BE with BOM"
        case .utf32LEWithBOM: return "UTF-32LE with BOM"
        case .utf32BEWithBOM: return "UTF-32BE with BOM"
        case .windows1252: return "Windows-1252"
        case .mixedUTF8Windows1252(let line): return Self.mixedPrefix + "\(line))"
        case .docxPart(let part): return Self.docxPrefix + part + ")"
        case .other(let name): return name
        }
    }

    public var description: String { rawValue }

    public init(from decoder: Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }
}

/// The line endings a transcript had before they were normalised to LF
/// (``LoadDiagnostics/lineEndings``); the raw value is the name shown and written to JSON.
public enum LineEndings: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    case lf = "LF"
    case crlf = "CRLF"
    case cr = "CR"
    /// More than one kind.
    case mixed
    /// No line break at all (a single line).
    case none
    /// TEI: XML line breaks are not the text's.
    case notApplicableXML = "n/a (XML)"
    /// docx: paragraphs, not line breaks.
    case notApplicableDocx = "n/a (docx)"

    public var description: String { rawValue }
}
