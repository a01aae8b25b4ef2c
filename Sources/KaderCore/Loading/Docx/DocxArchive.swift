import Foundation

/// Reads `word/document.xml` out of a .docx (a zip archive) with a limit on the decompressed size.
///
/// The archive is read with ``ZipReader`` (bounds-checked, the one zip reader for untrusted files).
enum DocxArchive {
    /// The bytes of `word/document.xml`.
    /// - Throws: ``LoaderError/malformed(path:detail:)`` when the data is not a readable zip, has no
    ///   `word/document.xml`, or the entry is corrupt or expands past `limit` bytes;
    ///   ``LoaderError/unsupportedFormat(path:format:advice:)`` for OpenDocument and legacy .doc files.
    static func documentXML(_ data: Data, path: String, limit: Int) throws -> Data {
        guard data.starts(with: [0x50, 0x4B]) else {
            if data.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) {
                throw LoaderError.unsupportedFormat(path: path, format: "legacy Word .doc", advice: "save it as .docx or .txt and load that")
            }
            throw LoaderError.malformed(path: path, detail: "this is not a .docx file (it is not a zip archive)")
        }
        let damaged = LoaderError.malformed(path: path, detail: "the .docx archive is damaged or truncated and cannot be opened")
        let zip: ZipReader
        do throws(ZipError) {
            zip = try ZipReader(data)
        } catch .tooManyEntries(let limit) {
            throw LoaderError.malformed(path: path, detail: "the .docx archive has more than \(limit) entries")
        } catch {
            throw damaged
        }
        guard let entry = zip.entries.first(where: { $0.name == "word/document.xml" }) else {
            let names = Set(zip.entries.map(\.name))
            if names.contains("mimetype") || names.contains("content.xml") {
                throw LoaderError.unsupportedFormat(path: path, format: "OpenDocument .odt", advice: "save it as .docx or .txt and load that")
            }
            if names.isEmpty { throw damaged }
            throw LoaderError.malformed(path: path, detail: "the .docx has no word/document.xml, so it is not a Word document")
        }
        do throws(ZipError) {
            return try zip.data(entry, limit: limit, checkCRC: false)
        } catch .tooLarge {
            throw bomb(path, limit)
        } catch .unsupportedMethod(_, let method) {
            throw LoaderError.malformed(path: path, detail: "word/document.xml uses an unsupported zip compression method (\(method))")
        } catch .corrupt {
            throw LoaderError.malformed(path: path, detail: "word/document.xml in the .docx is damaged and cannot be decompressed")
        } catch {
            throw damaged
        }
    }

    private static func bomb(_ path: String, _ limit: Int) -> LoaderError {
        .malformed(path: path, detail: "word/document.xml expands to more than \(limit) bytes, the limit for a transcript (a possible zip bomb)")
    }
}
