import Foundation

/// One coder's codings in one project: `Codings/<coder>/<document-id>.json`.
///
/// Durability: every ``save(_:)`` replaces the file atomically (temporary file, fsync, rename,
/// fsync of the folder) before returning, so a caller that shows "saved" after `save` returns
/// never shows anything that a crash could lose.
public final class CodingStore: @unchecked Sendable {
    public let projectRoot: URL
    public let coder: String
    public let readOnly: Bool
    private let lock: CoderLock?

    /// Opens the store for `coder`. Unless `readOnly`, takes the coder's lock.
    /// - Throws: ``StoreError/unsafeCoderName(_:)``, ``StoreError/locked(coder:pid:lockPath:)``.
    public init(projectRoot: URL, coder: String, readOnly: Bool = false) throws {
        self.projectRoot = projectRoot
        self.coder = try CoderName.validated(coder)
        self.readOnly = readOnly
        self.lock = readOnly ? nil : try CoderLock(folder: Self.folder(projectRoot: projectRoot, coder: coder), coder: coder)
    }

    public static func folder(projectRoot: URL, coder: String) -> URL {
        projectRoot.appendingPathComponent("Codings").appendingPathComponent(coder)
    }

    public static func fileURL(projectRoot: URL, coder: String, documentId: String) -> URL {
        folder(projectRoot: projectRoot, coder: coder).appendingPathComponent(documentId + ".json")
    }

    public func fileURL(documentId: String) -> URL {
        Self.fileURL(projectRoot: projectRoot, coder: coder, documentId: documentId)
    }

    /// The coder's codings of `document`, or an empty file when none exist yet.
    /// - Throws: ``StoreError/damaged(path:line:column:detail:)``, ``StoreError/unknownSchema(path:version:)``,
    ///   ``StoreError/io(path:detail:)``. A damaged file is never touched.
    public func load(document: Document) throws -> CodingFile {
        try Self.read(projectRoot: projectRoot, coder: coder, document: document)
    }

    /// Reads any coder's file for `document` (read-only; no lock).
    public static func read(projectRoot: URL, coder: String, document: Document) throws -> CodingFile {
        let url = fileURL(projectRoot: projectRoot, coder: coder, documentId: document.id)
        guard FileManager.default.fileExists(atPath: url.path) else {
            return CodingFile(coder: coder, document: document.id, contentHash: document.contentHash)
        }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw StoreError.io(path: url.path, detail: "cannot read the codings file")
        }
        return try CodingFile.decode(data, path: url.path)
    }

    /// Writes `file` durably and atomically. Unchanged content is not rewritten.
    /// - Throws: ``StoreError/readOnly(coder:)``, ``StoreError/io(path:detail:)``.
    public func save(_ file: CodingFile) throws {
        guard !readOnly else { throw StoreError.readOnly(coder: coder) }
        let url = fileURL(documentId: file.document)
        let data = try file.encoded()
        if let existing = try? Data(contentsOf: url), existing == data { return }
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try AtomicFile.write(data, to: url)
    }

    /// Coders with a folder under `Codings/`, sorted.
    public static func coders(projectRoot: URL) -> [String] {
        let dir = projectRoot.appendingPathComponent("Codings")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { (try? CoderName.validated($0)) != nil }.filter { name in
            var isDir: ObjCBool = false
            return FileManager.default.fileExists(atPath: dir.appendingPathComponent(name).path, isDirectory: &isDir) && isDir.boolValue
        }.sorted()
    }
}
