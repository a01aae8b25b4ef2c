import Foundation

/// A per-machine cache of loaded transcripts in `.kader-cache/documents/` of a project, so a
/// command or the coding screen does not decode, segment and hash every transcript again.
///
/// The cache is never a source of truth. An entry is used only when its key matches exactly:
/// the transcript's path, device, inode, size, modification and status-change times (in
/// nanoseconds), the same of its `.meta.yaml`/`.meta.yml` sidecar (or their absence), the load
/// options, and the identity of the running `kader` binary (so a new version re-segments).
/// Transcripts changed less than ``racyInterval`` seconds before loading are not cached: a
/// second write within the file system's time resolution could otherwise go unseen. A damaged,
/// torn or stale entry is ignored and rewritten; when the folder cannot be written the cache is
/// silently not used. The folder holds its own `.gitignore` (`*`) and a `CACHEDIR.TAG`, so git
/// and backup tools leave it alone. `KADER_NO_CACHE=1` turns it off.
public struct DocumentCache: Sendable {
    /// What the document list needs, readable from the first bytes of an entry.
    public struct Summary: Sendable, Hashable {
        public var title: String
        public var segments: Int
        public var codableSegments: Int
    }

    /// The project root.
    public let root: URL
    /// `.kader-cache/documents` in the project.
    public var folder: URL { root.appendingPathComponent(".kader-cache/documents") }

    /// Transcripts (or sidecars) modified or changed less than this many seconds ago are not
    /// cached (2 by default).
    public let racyInterval: Double

    /// True unless the environment sets `KADER_NO_CACHE` to a non-empty value other than `0`.
    public static var isEnabled: Bool {
        let v = ProcessInfo.processInfo.environment["KADER_NO_CACHE"] ?? ""
        return v.isEmpty || v == "0"
    }

    public init(root: URL, racyInterval: Double = 2) {
        self.root = root
        self.racyInterval = racyInterval
    }

    /// The document of the transcript at `path` (relative to the root): from the cache when its
    /// entry is current, else loaded by `loader` and stored.
    /// - Throws: what ``TranscriptLoader/load(url:displayPath:)`` throws (a ``LoaderError``);
    ///   never an error of the cache itself.
    public func load(path: String, loader: TranscriptLoader) throws -> Document {
        let url = root.appendingPathComponent(path)
        guard let key = key(url: url, path: path, options: loader.options), folderIsSafe() else {
            return try loader.load(url: url, displayPath: path)
        }
        let entry = entryURL(path)
        if let cached = try? DocumentCacheCodec.decode(path: entry.path, key: key.text, maxSize: key.maxEntrySize) {
            return cached
        }
        let doc = try loader.load(url: url, displayPath: path)
        if !key.racy { store(doc, key: key.text, at: entry, mode: key.mode) }
        return doc
    }

    /// The summary of the transcript at `path` when its entry is current, else nil (read from the
    /// entry's header only).
    public func summary(path: String, options: LoadOptions) -> Summary? {
        let url = root.appendingPathComponent(path)
        guard let key = key(url: url, path: path, options: options), folderIsSafe(),
            let header = try? DocumentCacheCodec.readHeader(path: entryURL(path).path), header.key == key.text
        else { return nil }
        return header.summary
    }

    /// The entry file of the transcript at `path`: its document id.
    func entryURL(_ path: String) -> URL {
        folder.appendingPathComponent(TranscriptLoader.documentId(forFileName: (path as NSString).lastPathComponent))
            .appendingPathExtension("bin")
    }

    /// Writes `doc` to `entry` through a temporary file and a rename, readable by whoever may
    /// read the transcript (`mode`); failures are ignored.
    func store(_ doc: Document, key: String, at entry: URL, mode: mode_t) {
        let summary = Summary(title: doc.title, segments: doc.segments.count, codableSegments: doc.codableSegmentCount)
        guard let bytes = DocumentCacheCodec.encode(doc, key: key, summary: summary), prepareFolder() else { return }
        let temp = folder.appendingPathComponent(".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        let fd = open(temp.path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
        guard fd >= 0 else { return }
        let written = (try? bytes.withUnsafeBytes { try AtomicFile.writeAll(fd, $0, path: temp.path) }) != nil
        _ = fchmod(fd, mode)
        close(fd)
        if !written || rename(temp.path, entry.path) != 0 { unlink(temp.path) }
    }

    /// True when neither `.kader-cache` nor its `documents` folder is a symbolic link or anything
    /// but a folder (a link could point the cache's writes anywhere); missing is fine.
    func folderIsSafe() -> Bool {
        for url in [folder.deletingLastPathComponent(), folder] {
            var info = stat()
            if lstat(url.path, &info) != 0 { return errno == ENOENT }
            if info.st_mode & S_IFMT != S_IFDIR { return false }
        }
        return true
    }

    /// Creates the folder with its `.gitignore` and `CACHEDIR.TAG` (again when they went
    /// missing); false when it cannot or the folder is not safe to write into.
    func prepareFolder() -> Bool {
        let fm = FileManager.default
        let top = root.appendingPathComponent(".kader-cache")
        guard folderIsSafe() else { return false }
        let ignore = top.appendingPathComponent(".gitignore")
        if fm.fileExists(atPath: folder.path) && fm.fileExists(atPath: ignore.path) { return true }
        do {
            try fm.createDirectory(at: folder, withIntermediateDirectories: true)
            guard folderIsSafe() else { return false }
            try Data("*\n".utf8).write(to: ignore)
            try Data(
                "Signature: 8a477f597d28d172789f06886806bc55\n# Kader's cache of loaded transcripts; safe to delete.\n"
                    .utf8
            ).write(to: top.appendingPathComponent("CACHEDIR.TAG"))
            return true
        } catch {
            return false
        }
    }

    /// Removes entries of documents not in `ids` (transcripts deleted or renamed: their text
    /// must not outlive them) and temporary files older than ten minutes (a write cut short).
    public func prune(keeping ids: [String]) {
        guard folderIsSafe(), let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else {
            return
        }
        let keep = Set(ids.map { $0 + ".bin" })
        let now = Date().timeIntervalSince1970
        for name in names {
            let path = folder.appendingPathComponent(name).path
            if name.hasPrefix(".tmp-") {
                var info = stat()
                if lstat(path, &info) == 0, now - Double(info.st_mtim.tv_sec) > 600 { unlink(path) }
            } else if name.hasSuffix(".bin"), !keep.contains(name) {
                unlink(path)
            }
        }
    }
}
