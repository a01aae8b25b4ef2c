import Foundation

/// The source formats Kader reads.
public enum TranscriptFormat: String, Sendable, CaseIterable {
    case plainText = "plain text"
    case markdown

    /// The format implied by a file extension, or nil when the extension is not a transcript format.
    public static func from(extension ext: String) -> TranscriptFormat? {
        switch ext.lowercased() {
        case "txt", "text": return .plainText
        case "md", "markdown": return .markdown
        default: return nil
        }
    }
}

/// Options for loading a transcript.
public struct LoadOptions: Sendable, Hashable {
    public var segmentation = SegmentationOptions()
    /// Force a speaker-label pattern instead of auto-detecting one.
    public var speakerPattern: SpeakerLabelPattern?
    /// Files larger than this many bytes are refused.
    public var maxFileSize = 512 * 1024 * 1024

    public init() {}
}

/// Loads transcripts from disk into ``Document``s.
public struct TranscriptLoader: Sendable {
    public var options: LoadOptions

    public init(options: LoadOptions = LoadOptions()) {
        self.options = options
    }

    /// Extensions that are recognised but not read, with advice for the user.
    static let unsupported: [String: String] = [
        "pdf": "PDF", "doc": "legacy Word .doc", "odt": "OpenDocument .odt", "rtf": "RTF", "pages": "Apple Pages",
    ]

    /// True for file names the project scans as transcripts (sidecars excluded).
    public static func isTranscriptFile(_ name: String) -> Bool {
        if name.hasPrefix(".") || name.hasSuffix(".meta.yaml") || name.hasSuffix(".meta.yml") { return false }
        let ext = (name as NSString).pathExtension
        return TranscriptFormat.from(extension: ext) != nil
    }

    /// Reads and segments the file at `url`. `displayPath` is used in messages and stored as the
    /// document's source path (defaults to the URL's path).
    /// - Throws: ``LoaderError`` — `.unreadable`, `.empty`, `.binary`, `.undecodable`,
    ///   `.unsupportedFormat`, `.tooLarge`, `.badMetadata`, `.malformed`.
    public func load(url: URL, displayPath: String? = nil) throws -> Document {
        let path = displayPath ?? url.path
        let ext = url.pathExtension.lowercased()
        if let name = Self.unsupported[ext] {
            throw LoaderError.unsupportedFormat(path: path, format: name, advice: "save it as .docx or .txt and load that")
        }
        guard let format = TranscriptFormat.from(extension: ext) else {
            throw LoaderError.unsupportedFormat(path: path, format: ext.isEmpty ? "extension-less" : ".\(ext)", advice: "Kader reads .txt and .md transcripts")
        }
        let attrs = try? FileManager.default.attributesOfItem(atPath: url.path)
        if let size = attrs?[.size] as? Int, size > options.maxFileSize {
            throw LoaderError.tooLarge(path: path, limit: options.maxFileSize)
        }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw LoaderError.unreadable(path: path, reason: (error as NSError).localizedDescription)
        }
        var sidecar: DocumentMetadata?
        let sidecarURL = url.deletingPathExtension().appendingPathExtension("meta.yaml")
        if let yaml = try? String(contentsOf: sidecarURL, encoding: .utf8) {
            sidecar = try FrontMatter.parseMetadata(yaml, path: sidecarURL.path)
        }
        return try load(data: data, path: path, id: Self.documentId(forFileName: url.lastPathComponent), format: format, sidecar: sidecar)
    }

    /// Segments `data` as `format`. `path` is used in messages only.
    public func load(data: Data, path: String, id: String, format: TranscriptFormat, sidecar: DocumentMetadata? = nil) throws -> Document {
        if data.count > options.maxFileSize { throw LoaderError.tooLarge(path: path, limit: options.maxFileSize) }
        let decoded = try TranscriptTextDecoder.decode(data, path: path)
        let scalars = Array(decoded.text.unicodeScalars)
        var metadata = sidecar ?? DocumentMetadata()
        var bodyStart = 0
        if let (yaml, start) = FrontMatter.split(scalars) {
            let front = try FrontMatter.parseMetadata(yaml, path: path)
            metadata = Self.merge(front, over: sidecar)
            bodyStart = start
        }
        let segmenter = PlainTextSegmenter(forcedPattern: options.speakerPattern, knownSpeakers: Set(metadata.speakers.keys))
        let parse = segmenter.parse(scalars, bodyStart: bodyStart)
        let (segments, speakers) = SegmentBuilder.build(text: scalars, turns: parse.turns, metadata: metadata, options: options.segmentation)
        let diagnostics = LoadDiagnostics(
            format: format.rawValue, encoding: decoded.encoding, lineEndings: decoded.lineEndings,
            labelPattern: parse.pattern?.displayName ?? "none", warnings: parse.warnings)
        return Document(
            id: id, sourcePath: path, metadata: metadata, text: decoded.text,
            contentHash: Fingerprint.sha256Hex(decoded.text), segments: segments, speakers: speakers, diagnostics: diagnostics)
    }

    /// Front matter wins over the sidecar field by field.
    static func merge(_ front: DocumentMetadata, over sidecar: DocumentMetadata?) -> DocumentMetadata {
        guard let sidecar else { return front }
        var m = sidecar
        m.title = front.title ?? m.title
        m.type = front.type ?? m.type
        m.site = front.site ?? m.site
        m.date = front.date ?? m.date
        m.speakers.merge(front.speakers) { _, new in new }
        return m
    }

    /// A document id from a file name: the name without extension, folded to lowercase ASCII
    /// letters, digits and `-` (`Focusgroep School Ä.txt` → `focusgroep-school-a`).
    public static func documentId(forFileName name: String) -> String {
        let base = (name as NSString).deletingPathExtension
        let folded = base.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: Locale(identifier: "en_US_POSIX"))
        var out = ""
        var lastDash = true
        for s in folded.unicodeScalars {
            if (s >= "a" && s <= "z") || (s >= "0" && s <= "9") {
                out.unicodeScalars.append(s)
                lastDash = false
            } else if s >= "A" && s <= "Z" {
                out += String(s).lowercased()
                lastDash = false
            } else if !lastDash {
                out += "-"
                lastDash = true
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return out.isEmpty ? "document" : out
    }
}
