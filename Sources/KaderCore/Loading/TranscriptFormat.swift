import Foundation

/// The source formats Kader reads.
public enum TranscriptFormat: String, Sendable, CaseIterable, Codable {
    /// `.txt`: speaker-labelled plain text (see ``SpeakerLabelPattern``).
    case plainText = "plain text"
    /// `.md`: like plain text, plus `### Name` headings as labels and `**Name:**` bold labels.
    case markdown
    /// Word `.docx`: paragraphs and tables in body order, tracked changes resolved, bold labels.
    case docx
    /// WebVTT `.vtt` (Teams, Zoom, Whisper shapes).
    case webVTT = "webvtt"
    /// SubRip `.srt`.
    case srt
    /// TEI XML with `<u>` utterances (ParlaMint), `.xml` or `.tei`.
    case tei
    /// Otter.ai text export (`Name  0:02` lines above the text); `.txt` files in this shape are
    /// detected automatically and reported with this format name.
    case otter

    /// The format implied by a file extension, or nil when the extension is not a transcript format.
    public static func from(extension ext: String) -> TranscriptFormat? {
        switch ext.lowercased() {
        case "txt", "text": return .plainText
        case "md", "markdown": return .markdown
        case "docx": return .docx
        case "vtt", "webvtt": return .webVTT
        case "srt": return .srt
        case "xml", "tei": return .tei
        default: return nil
        }
    }
}

/// Options for loading a transcript.
public struct LoadOptions: Sendable, Hashable {
    public var segmentation = SegmentationOptions()
    /// Force a speaker-label pattern for plain text and Markdown instead of auto-detecting one.
    public var speakerPattern: SpeakerLabelPattern?
    /// A custom speaker-label regex for plain text and Markdown, matched at each line start; it
    /// overrides ``speakerPattern``. Group `speaker` (or group 1) is the label; optional groups
    /// `role` and `time`. The text starts after the match. An invalid regex makes loading throw
    /// ``LoaderError/malformed(path:detail:)``.
    public var customLabelRegex: String?
    /// Files larger than this many bytes are refused (default 512 MiB; `max-file-size-mb` in
    /// `kader.yaml`, `--max-file-size-mb` for `kader segments`).
    public var maxFileSize = 512 * 1024 * 1024
    /// Largest decompressed size, in bytes, of the XML read from a .docx (zip-bomb guard).
    public var maxDecompressedSize = 256 * 1024 * 1024

    public init() {}
}
