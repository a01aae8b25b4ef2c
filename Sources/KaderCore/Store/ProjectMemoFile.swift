import Foundation

/// A coder's memo on the whole project.
public struct ProjectMemo: Sendable, Hashable, Codable {
    public var memo: String
    /// ISO 8601 UTC time of the last change; nil when unknown (e.g. imported without a date).
    public var modified: String?

    public init(memo: String, modified: String? = nil) {
        self.memo = memo
        self.modified = modified
    }
}

/// A coder's project memo: `Codings/<coder>/project-memo.json`, an object
/// `{"memo": text, "modified": time}` (sorted keys, pretty-printed, trailing newline), written
/// atomically like the codings files. One file per coder, so coders' memos never conflict in a
/// git merge. It is not a codings file: `status`, `check` and the exports know it by name, so no
/// transcript may have the document id `project-memo`.
public enum ProjectMemoFile {
    public static let fileName = "project-memo.json"

    public static func url(projectRoot: URL, coder: String) -> URL {
        CodingStore.folder(projectRoot: projectRoot, coder: coder).appendingPathComponent(fileName)
    }

    /// The memo, or nil when the file does not exist.
    /// - Throws: ``StoreError/damaged(path:line:column:detail:)`` when the file does not parse
    ///   or is not an object with a string `memo` (and optionally a string `modified`).
    public static func load(projectRoot: URL, coder: String) throws -> ProjectMemo? {
        let url = url(projectRoot: projectRoot, coder: coder)
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        return try decode(data, path: url.path)
    }

    /// Parses the content of a project memo file read from `path`.
    public static func decode(_ data: Data, path: String) throws -> ProjectMemo {
        let object = try JSONDuplicateKeys.parse(data, path: path) { key in "\"\(key)\" is given more than once" }
        guard let dict = object as? [String: Any], let memo = dict["memo"] as? String,
            dict["modified"] == nil || dict["modified"] is String,
            Set(dict.keys).isSubset(of: ["memo", "modified"])
        else {
            throw StoreError.damaged(
                path: path, line: 1, column: 1,
                detail: "expected an object with a text \"memo\" and a time \"modified\"")
        }
        return ProjectMemo(memo: memo, modified: dict["modified"] as? String)
    }

    /// Every coder's project memo, by coder (empty memos left out); coders whose file is
    /// damaged are left out and named in `damaged`.
    public static func loadAll(projectRoot: URL) -> (memos: [String: ProjectMemo], damaged: [StoreError]) {
        var all: [String: ProjectMemo] = [:]
        var damaged: [StoreError] = []
        for coder in CodingStore.coders(projectRoot: projectRoot) {
            do {
                if let m = try load(projectRoot: projectRoot, coder: coder), !m.memo.isEmpty { all[coder] = m }
            } catch let e as StoreError {
                damaged.append(e)
            } catch {}
        }
        return (all, damaged)
    }

    /// The canonical bytes of a project memo file.
    public static func encode(_ memo: ProjectMemo) throws -> Data {
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try enc.encode(memo) + Data([0x0A])
    }

    /// Writes `memo` as the coder's project memo (atomically); an empty or nil memo removes the file.
    /// - Throws: ``StoreError`` when the folder or file cannot be written.
    public static func save(_ memo: ProjectMemo?, projectRoot: URL, coder: String) throws {
        let url = url(projectRoot: projectRoot, coder: coder)
        guard let memo, !memo.memo.isEmpty else {
            guard FileManager.default.fileExists(atPath: url.path) else { return }
            do { try FileManager.default.removeItem(at: url) } catch {
                throw StoreError.io(path: url.path, detail: "cannot remove the project memo")
            }
            return
        }
        try ProjectPaths.createFolder(url.deletingLastPathComponent(), below: projectRoot)
        try AtomicFile.write(try encode(memo), to: url, inside: projectRoot)
    }
}
