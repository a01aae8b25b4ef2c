import Foundation

/// What a format reader hands to ``TranscriptLoader``: the normalised document text as UTF-8
/// bytes, the turns in it (Unicode scalar offsets), and diagnostics fields.
struct FormatParse {
    /// The format as reported in ``LoadDiagnostics/format``.
    var format: TranscriptFormat
    /// Document text (LF line endings, valid UTF-8).
    var bytes: [UInt8]
    var turns: [RawTurn]
    var encoding: SourceEncoding
    var lineEndings: LineEndings
    var labelPattern: String
    var warnings: [String]
    /// Metadata found in the file itself (YAML front matter, TEI header title).
    var frontMatter: DocumentMetadata?
    /// ``bytes`` as a `String`, when the reader already has it (spares validating them again).
    var text: String?
    /// The line table over ``bytes``, when the reader already built it.
    var buffer: TextBuffer?

    init(
        format: TranscriptFormat, bytes: [UInt8], turns: [RawTurn], encoding: SourceEncoding, lineEndings: LineEndings,
        labelPattern: String, warnings: [String], frontMatter: DocumentMetadata? = nil
    ) {
        self.format = format
        self.bytes = bytes
        self.turns = turns
        self.encoding = encoding
        self.lineEndings = lineEndings
        self.labelPattern = labelPattern
        self.warnings = warnings
        self.frontMatter = frontMatter
    }
}
