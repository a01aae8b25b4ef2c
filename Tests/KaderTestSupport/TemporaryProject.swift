import Foundation

/// A scratch folder for one test, laid out as a Kader project on request, removed by `remove()`
/// (call it in a `defer`).
public struct TemporaryProject: Sendable {
    public let root: URL

    /// Creates `<tmp>/<prefix>-<8 hex>`; with `layout`, also `Codebooks/`, `Transcripts/`, `Codings/`.
    /// - Throws: file-system errors.
    public init(_ prefix: String = "kader-test", layout: Bool = true) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString.prefix(8))")
        let folders = layout ? ["Codebooks", "Transcripts", "Codings"] : [""]
        for folder in folders {
            try FileManager.default.createDirectory(
                at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
    }

    /// Writes `text` (UTF-8) to `relativePath` under the root, creating folders as needed.
    /// - Throws: file-system errors.
    @discardableResult
    public func write(_ text: String, to relativePath: String) throws -> URL {
        try write(Data(text.utf8), to: relativePath)
    }

    /// Writes `data` to `relativePath` under the root, creating folders as needed.
    /// - Throws: file-system errors.
    @discardableResult
    public func write(_ data: Data, to relativePath: String) throws -> URL {
        let url = root.appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
        return url
    }

    /// Copies the sample codebook of the repository (Codebooks/analysekader.yaml) into the project.
    /// - Throws: file-system errors.
    public func addSampleCodebook() throws {
        let source = Tools.repositoryRoot.appendingPathComponent("Codebooks/analysekader.yaml")
        try write(try Data(contentsOf: source), to: "Codebooks/analysekader.yaml")
    }

    public func remove() {
        try? FileManager.default.removeItem(at: root)
    }
}
