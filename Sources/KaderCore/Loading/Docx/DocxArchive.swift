import Foundation
import ZIPFoundation

/// Reads `word/document.xml` out of a .docx (a zip archive) with a limit on the decompressed size.
enum DocxArchive {
    /// The bytes of `word/document.xml`.
    /// - Throws: ``LoaderError/malformed(path:detail:)`` when the data is not a readable zip, has no
    ///   `word/document.xml`, or the entry is corrupt or expands past `limit` bytes;
    ///   ``LoaderError/unsupportedFormat(path:format:advice:)`` for OpenDocument files.
    static func documentXML(_ data: Data, path: String, limit: Int) throws -> Data {
        guard data.starts(with: [0x50, 0x4B]) else {
            if data.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) {
                throw LoaderError.unsupportedFormat(path: path, format: "legacy Word .doc", advice: "save it as .docx or .txt and load that")
            }
            throw LoaderError.malformed(path: path, detail: "this is not a .docx file (it is not a zip archive)")
        }
        let archive: Archive
        do {
            archive = try Archive(data: data, accessMode: .read)
        } catch {
            throw LoaderError.malformed(path: path, detail: "the .docx archive is damaged or truncated and cannot be opened")
        }
        guard let entry = archive["word/document.xml"] else {
            if archive["mimetype"] != nil || archive["content.xml"] != nil {
                throw LoaderError.unsupportedFormat(path: path, format: "OpenDocument .odt", advice: "save it as .docx or .txt and load that")
            }
            throw LoaderError.malformed(path: path, detail: "the .docx has no word/document.xml, so it is not a Word document")
        }
        if entry.uncompressedSize > UInt64(limit) {
            throw bomb(path, limit)
        }
        var out = Data()
        var exceeded = false
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                if out.count + chunk.count > limit {
                    exceeded = true
                    throw CancelExtraction()
                }
                out.append(chunk)
            }
        } catch {
            if exceeded { throw bomb(path, limit) }
            throw LoaderError.malformed(path: path, detail: "word/document.xml in the .docx is damaged and cannot be decompressed")
        }
        return out
    }

    private struct CancelExtraction: Error {}

    private static func bomb(_ path: String, _ limit: Int) -> LoaderError {
        .malformed(path: path, detail: "word/document.xml expands to more than \(limit) bytes, the limit for a transcript (a possible zip bomb)")
    }
}
