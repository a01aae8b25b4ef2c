import Foundation

/// A coder's memos on codes: `Codings/<coder>/code-memos.json`, a JSON object from code id to
/// memo text (sorted keys, pretty-printed, trailing newline), written atomically like the codings
/// files. It is not a codings file: `status`, `check` and the exports know it by name, so no
/// transcript may have the document id `code-memos`.
public enum CodeMemoFile {
    public static let fileName = "code-memos.json"

    public static func url(projectRoot: URL, coder: String) -> URL {
        CodingStore.folder(projectRoot: projectRoot, coder: coder).appendingPathComponent(fileName)
    }

    /// The memos, or none when the file does not exist.
    /// - Throws: ``StoreError/damaged(path:line:column:detail:)`` when the file does not parse,
    ///   is not an object of strings, or gives a code id twice.
    public static func load(projectRoot: URL, coder: String) throws -> [String: String] {
        let url = url(projectRoot: projectRoot, coder: coder)
        guard let data = FileManager.default.contents(atPath: url.path) else { return [:] }
        return try decode(data, path: url.path)
    }

    /// Parses the content of a code memo file read from `path`.
    public static func decode(_ data: Data, path: String) throws -> [String: String] {
        let object = try JSONDuplicateKeys.parse(data, path: path) { key in
            "the memo of \"\(key)\" is given more than once"
        }
        guard let memos = object as? [String: String] else {
            throw StoreError.damaged(
                path: path, line: 1, column: 1, detail: "expected an object of code ids to memo texts")
        }
        return memos
    }

    /// Every coder's code memos, by coder; coders whose file is damaged are left out and named
    /// in `damaged` (as errors).
    public static func loadAll(projectRoot: URL) -> (memos: [String: [String: String]], damaged: [StoreError]) {
        var all: [String: [String: String]] = [:]
        var damaged: [StoreError] = []
        for coder in CodingStore.coders(projectRoot: projectRoot) {
            do {
                let m = try load(projectRoot: projectRoot, coder: coder)
                if !m.isEmpty { all[coder] = m }
            } catch let e as StoreError {
                damaged.append(e)
            } catch {}
        }
        return (all, damaged)
    }

    /// The canonical bytes of a memo file: sorted keys, pretty-printed, trailing newline.
    public static func encode(_ memos: [String: String]) throws -> Data {
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try enc.encode(memos)
        data.append(0x0A)
        return data
    }

    public static func save(_ memos: [String: String], projectRoot: URL, coder: String) throws {
        let url = url(projectRoot: projectRoot, coder: coder)
        let data = try encode(memos)
        try ProjectPaths.createFolder(url.deletingLastPathComponent(), below: projectRoot)
        try AtomicFile.write(data, to: url, inside: projectRoot)
    }
}
