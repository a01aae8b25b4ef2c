import Crypto
import Foundation

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
            throw LoaderError.unsupportedFormat(
                path: path, format: name, advice: "save it as .docx or .txt and load that")
        }
        guard let format = TranscriptFormat.from(extension: ext) else {
            throw LoaderError.unsupportedFormat(
                path: path, format: ext.isEmpty ? "extension-less" : ".\(ext)",
                advice: "Kader reads .txt, .md, .docx, .vtt, .srt and TEI .xml transcripts")
        }
        let bytes = try Self.readBytes(url.path, displayPath: path, maxSize: options.maxFileSize)
        let sidecar = try Self.sidecar(of: url, displayPath: path)
        return try load(
            bytes: bytes, path: path, id: Self.documentId(forFileName: url.lastPathComponent), format: format,
            sidecar: sidecar)
    }

    /// The metadata of `FILE.meta.yaml` (or `FILE.meta.yml`) next to `url`, if there is one.
    /// Decoded like a transcript (BOM, UTF-8, Windows-1252); `---` fences around it are allowed.
    /// - Throws: ``LoaderError`` naming the sidecar when it cannot be read, decoded or parsed.
    static func sidecar(of url: URL, displayPath: String) throws -> DocumentMetadata? {
        let base = url.deletingPathExtension()
        for ext in ["meta.yaml", "meta.yml"] {
            let sidecarURL = base.appendingPathExtension(ext)
            var info = stat()
            guard stat(sidecarURL.path, &info) == 0 else { continue }
            let shown = (displayPath as NSString).deletingPathExtension + "." + ext
            let bytes = try readBytes(sidecarURL.path, displayPath: shown)
            if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return DocumentMetadata() }
            let decoded = try TranscriptTextDecoder.decodeToUTF8Text(bytes: bytes, path: shown)
            let yaml = FrontMatter.split(bytes: decoded.bytes)?.yaml ?? String(decoding: decoded.bytes, as: UTF8.self)
            return try FrontMatter.parseMetadata(yaml, path: shown)
        }
        return nil
    }

    /// The whole file at `path`, read straight into an array (no intermediate `Data`).
    /// - Throws: ``LoaderError/unreadable(path:reason:)`` with the system's reason
    ///   (`permission denied`, …) or for anything but a regular file, ``LoaderError/tooLarge(path:limit:)``
    ///   when the file is larger than `maxSize` bytes; `displayPath` names the file.
    static func readBytes(_ path: String, displayPath: String, maxSize: Int = .max) throws -> [UInt8] {
        func failure(_ code: Int32) -> LoaderError {
            .unreadable(path: displayPath, reason: String(cString: strerror(code)).lowercased())
        }
        // Pipes, devices and sockets would block or never end: only regular files are read.
        var before = stat()
        guard stat(path, &before) == 0 else { throw failure(errno) }
        guard before.st_mode & S_IFMT == S_IFREG else {
            throw LoaderError.unreadable(
                path: displayPath,
                reason: before.st_mode & S_IFMT == S_IFDIR
                    ? "it is a folder, not a transcript file" : "it is not a regular file but a pipe, device or socket")
        }
        if Int(before.st_size) > maxSize { throw LoaderError.tooLarge(path: displayPath, limit: maxSize) }
        let fd = open(path, O_RDONLY | O_NONBLOCK)
        guard fd >= 0 else { throw failure(errno) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw failure(errno) }
        func readInto(_ p: UnsafeMutableRawPointer, _ count: Int) throws -> Int {
            var got = 0
            while got < count {
                let n = read(fd, p + got, count - got)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw failure(errno)
                }
                if n == 0 { break }
                got += n
            }
            return got
        }
        // One read of the size fstat reports (plus one byte to see the end); more if the file grew.
        let size = max(Int(info.st_size), 0) + 1
        var result = try [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            // `size` is at least 1, so the buffer has a base address.
            guard let base = buffer.baseAddress else {
                count = 0
                return
            }
            count = try readInto(base, size)
        }
        guard result.count == size else { return result }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = try chunk.withUnsafeMutableBytes { raw in
                guard let base = raw.baseAddress else { return 0 }
                return try readInto(base, raw.count)
            }
            result.append(contentsOf: chunk[0..<n])
            if n < chunk.count { return result }
        }
    }

    /// Segments `data` as `format`. `path` is used in messages only.
    ///
    /// Plain text and Markdown keep the decoded text as the document text. For docx, WebVTT, SRT
    /// and TEI the document text is constructed (see ``TextAssembler``): turns separated by blank
    /// lines, each starting with its label (`Name: `) outside the segment. A `.txt` that starts with
    /// `WEBVTT` or an SRT cue is read as that format.
    /// - Throws: ``LoaderError`` (one sentence naming `path` and the problem); never anything else.
    public func load(data: Data, path: String, id: String, format: TranscriptFormat, sidecar: DocumentMetadata? = nil)
        throws -> Document
    {
        try load(bytes: [UInt8](data), path: path, id: id, format: format, sidecar: sidecar)
    }

    /// ``load(data:path:id:format:sidecar:)`` on bytes in an array.
    func load(bytes data: [UInt8], path: String, id: String, format: TranscriptFormat, sidecar: DocumentMetadata? = nil)
        throws -> Document
    {
        if data.count > options.maxFileSize { throw LoaderError.tooLarge(path: path, limit: options.maxFileSize) }
        var parse: FormatParse
        var contentHash: String?
        switch format {
        case .docx:
            parse = try DocxTranscript.load(
                Data(data), path: path, maxEntrySize: options.maxDecompressedSize, options: options)
        case .tei: parse = try TEITranscript.load(Data(data), path: path)
        case .webVTT, .srt, .plainText, .markdown, .otter:
            // A large UTF-8 file is parsed while another core validates and hashes it.
            if let overlapped = try overlappedPlainParse(data, format: format, path: path, sidecar: sidecar) {
                parse = overlapped.parse
                contentHash = overlapped.contentHash
            } else {
                parse = try decodedParse(data, format: format, path: path, sidecar: sidecar)
            }
        }
        if case .mixedUTF8Windows1252(let line) = parse.encoding {
            parse.warnings.append(
                "the file mixes UTF-8 and Windows-1252: valid UTF-8 was kept and every other byte read as Windows-1252"
                    + " (first non-UTF-8 byte on line \(line)); check the accented characters there")
        }
        var metadata = sidecar ?? DocumentMetadata()
        if let front = parse.frontMatter { metadata = Self.merge(front, over: sidecar) }
        let buffer = parse.buffer ?? TextBuffer(bytes: parse.bytes)
        let text = parse.text ?? String(decoding: parse.bytes, as: UTF8.self)
        let (segments, speakers) = SegmentBuilder.build(
            buffer: buffer, text: text, turns: parse.turns, metadata: metadata, options: options.segmentation)
        if segments.isEmpty { parse.warnings.append("no text to code was found") }
        let diagnostics = LoadDiagnostics(
            format: parse.format, encoding: parse.encoding, lineEndings: parse.lineEndings,
            labelPattern: parse.labelPattern, warnings: parse.warnings)
        return Document(
            id: id, sourcePath: path, metadata: metadata, text: text,
            contentHash: contentHash ?? Fingerprint.hexPrefix(SHA256.hash(data: parse.bytes), digits: 64),
            segments: segments,
            speakers: speakers, diagnostics: diagnostics)
    }

    /// The text formats decoded first (encoding, line endings) and then parsed, one after the other.
    private func decodedParse(_ data: [UInt8], format: TranscriptFormat, path: String, sidecar: DocumentMetadata?)
        throws -> FormatParse
    {
        var parse: FormatParse
        let (bytes, decodedText, encoding, endings) = try TranscriptTextDecoder.decodeToUTF8Text(
            bytes: data, path: path)
        let sniffed = format == .plainText ? Self.sniffCueFormat(bytes) ?? format : format
        if sniffed == .webVTT || sniffed == .srt {
            let out = CueTranscript.build(String(decoding: bytes, as: UTF8.self), srt: sniffed == .srt)
            parse = FormatParse(
                format: sniffed, bytes: out.bytes, turns: out.turns, encoding: encoding,
                lineEndings: endings, labelPattern: out.labelPattern, warnings: out.warnings)
        } else {
            parse = try plainParse(
                bytes, format: sniffed, encoding: encoding, lineEndings: endings, path: path, sidecar: sidecar)
            parse.text = decodedText
        }
        return parse
    }

    /// Front matter, speaker labels and turns of decoded UTF-8 text (LF line endings).
    /// - Throws: ``LoaderError/badMetadata(path:detail:)`` for bad front matter, a ``LoaderError`` for a bad custom
    ///   label regex.
    func plainParse(
        _ bytes: [UInt8], format: TranscriptFormat, encoding: SourceEncoding, lineEndings: LineEndings, path: String,
        sidecar: DocumentMetadata?
    ) throws -> FormatParse {
        var front: DocumentMetadata?
        var bodyStart = 0
        if let (yaml, start) = FrontMatter.split(bytes: bytes) {
            front = try FrontMatter.parseMetadata(yaml, path: path)
            bodyStart = start
        }
        let custom = try options.customLabelRegex.map { try CustomLabelMatcher($0, path: path) }
        let known = Set((front?.speakers.keys.map { $0 } ?? []) + (sidecar?.speakers.keys.map { $0 } ?? []))
        let segmenter = PlainTextSegmenter(
            forcedPattern: format == .otter ? .nameTime : options.speakerPattern, custom: custom, knownSpeakers: known)
        let buffer = TextBuffer(bytes: bytes)
        let result = segmenter.parse(buffer, bodyStart: bodyStart)
        var name = format
        if format == .plainText && result.pattern == .nameTime { name = .otter }
        var parse = FormatParse(
            format: name, bytes: bytes, turns: result.turns, encoding: encoding, lineEndings: lineEndings,
            labelPattern: result.patternName, warnings: result.warnings)
        parse.frontMatter = front
        parse.buffer = buffer
        return parse
    }

    /// `.webVTT` for text starting with `WEBVTT`, `.srt` for text starting with an index line and
    /// a `-->` timing line; nil otherwise.
    static func sniffCueFormat(_ bytes: [UInt8]) -> TranscriptFormat? {
        let head = String(decoding: bytes.prefix(256), as: UTF8.self)
        if head.hasPrefix("WEBVTT") { return .webVTT }
        let lines = head.split(separator: "\n", maxSplits: 3, omittingEmptySubsequences: true)
        if lines.count >= 2, lines[0].trimmingCharacters(in: .whitespaces).allSatisfy(\.isASCIIDigit),
            CueParser.timing(lines[1]) != nil
        {
            return .srt
        }
        return nil
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
        m.attributes.merge(front.attributes) { _, new in new }
        return m
    }

    /// A document id from a file name: the name without extension, folded to lowercase ASCII
    /// letters, digits and `-` (`Focusgroep School Ä.txt` → `focusgroep-school-a`).
    public static func documentId(forFileName name: String) -> String {
        let base = (name as NSString).deletingPathExtension
        if base.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }),
            let first = base.utf8.first, first != 0x2D, base.utf8.last != 0x2D, !base.contains("--")
        {
            return base
        }
        let folded = base.folding(
            options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive],
            locale: Locale(identifier: "en_US_POSIX"))
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
