import Foundation
enum DocxTranscript {
    static func load(_ data: Data, path: String, maxEntrySize: Int) throws -> FormatParse { throw LoaderError.malformed(path: path, detail: "todo") }
}
