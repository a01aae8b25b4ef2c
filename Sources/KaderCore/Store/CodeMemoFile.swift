import Foundation

/// A coder's memos on codes: `Codings/<coder>/code-memos.json`, a JSON object from code id to
/// memo text (sorted keys), written atomically like the codings files.
public enum CodeMemoFile {
    public static func url(projectRoot: URL, coder: String) -> URL {
        CodingStore.folder(projectRoot: projectRoot, coder: coder).appendingPathComponent("code-memos.json")
    }

    /// The memos, or none when the file does not exist.
    /// - Throws: ``StoreError/damaged(path:line:column:detail:)`` when the file does not parse.
    public static func load(projectRoot: URL, coder: String) throws -> [String: String] {
        let url = url(projectRoot: projectRoot, coder: coder)
        guard let data = FileManager.default.contents(atPath: url.path) else { return [:] }
        do {
            return try JSONDecoder().decode([String: String].self, from: data)
        } catch {
            throw StoreError.damaged(path: url.path, line: 1, column: 1, detail: "expected an object of code ids to memo texts")
        }
    }

    public static func save(_ memos: [String: String], projectRoot: URL, coder: String) throws {
        let url = url(projectRoot: projectRoot, coder: coder)
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try enc.encode(memos)
        data.append(0x0A)
        try ProjectPaths.createFolder(url.deletingLastPathComponent(), below: projectRoot)
        try AtomicFile.write(data, to: url, inside: projectRoot)
    }
}
