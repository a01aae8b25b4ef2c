import Foundation
enum TEITranscript {
    static func load(_ data: Data, path: String) throws -> FormatParse { throw LoaderError.malformed(path: path, detail: "todo") }
}
