import Crypto
import Dispatch
import Foundation

extension TranscriptLoader {
    /// Plain text files from this size on are parsed while another core validates and hashes them.
    static let overlapFrom = 4 << 20

    /// The validated text and content hash worked out beside the parse.
    private final class SideWork: @unchecked Sendable {
        var text: String?
        var hash: String?
    }

    /// A large plain-text, Markdown or Otter file that can only be UTF-8 with LF line endings (no
    /// byte-order mark, binary signature, NUL or CR) parsed on this thread while another validates
    /// the UTF-8 into the document text and hashes the bytes: the parse, and the content hash.
    ///
    /// Nil when the file is not such a file or is not valid UTF-8 (the caller then decodes it the
    /// usual way, so what the parse found on bytes that were not UTF-8 is dropped); otherwise exactly
    /// what the usual path gives, errors included.
    /// - Throws: ``LoaderError/empty(path:)`` for a file of whitespace, else what the parse throws.
    func overlappedPlainParse(
        _ data: [UInt8], format: TranscriptFormat, path: String, sidecar: DocumentMetadata?
    ) throws -> (parse: FormatParse, contentHash: String)? {
        guard data.count >= Self.overlapFrom, ProcessInfo.processInfo.activeProcessorCount > 1,
            format == .plainText || format == .markdown || format == .otter,
            let first = data.first, first != 0xEF, first != 0xFF, first != 0xFE, first != 0x00,
            BinarySignature.detect(data) == nil
        else { return nil }
        let clean = data.withUnsafeBufferPointer { p in
            p.baseAddress.map { memchr($0, 0, p.count) == nil && memchr($0, 0x0D, p.count) == nil } ?? false
        }
        guard clean else { return nil }
        let sniffed = format == .plainText ? Self.sniffCueFormat(data) ?? format : format
        guard sniffed != .webVTT && sniffed != .srt else { return nil }
        // Without CR this only looks for LF: `.lf` or `.none`, the bytes untouched.
        var unchanged = data
        let endings = TranscriptTextDecoder.normaliseLineEndings(&unchanged)
        let side = SideWork()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) {
            guard let text = String(validating: data, as: UTF8.self) else { return }
            side.text = text
            side.hash = Fingerprint.hexPrefix(SHA256.hash(data: data), digits: 64)
        }
        let parsed = Result {
            try plainParse(data, format: sniffed, encoding: .utf8, lineEndings: endings, path: path, sidecar: sidecar)
        }
        group.wait()
        guard let text = side.text, let hash = side.hash else { return nil }
        if TranscriptTextDecoder.isBlank(data) { throw LoaderError.empty(path: path) }
        var parse = try parsed.get()
        parse.text = text
        return (parse, hash)
    }
}
