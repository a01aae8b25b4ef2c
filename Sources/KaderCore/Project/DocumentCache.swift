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
        guard let key = key(url: url, path: path, options: loader.options) else {
            return try loader.load(url: url, displayPath: path)
        }
        let entry = entryURL(path)
        if let cached = try? DocumentCacheCodec.decode(path: entry.path, key: key.text) { return cached }
        let doc = try loader.load(url: url, displayPath: path)
        if !key.racy { store(doc, key: key.text, at: entry) }
        return doc
    }

    /// The summary of the transcript at `path` when its entry is current, else nil (read from the
    /// entry's header only).
    public func summary(path: String, options: LoadOptions) -> Summary? {
        let url = root.appendingPathComponent(path)
        guard let key = key(url: url, path: path, options: options),
            let header = try? Self.readHeader(entryURL(path).path), header.key == key.text
        else { return nil }
        return header.summary
    }

    /// The entry file of the transcript at `path`: its document id.
    func entryURL(_ path: String) -> URL {
        folder.appendingPathComponent(TranscriptLoader.documentId(forFileName: (path as NSString).lastPathComponent))
            .appendingPathExtension("bin")
    }

    /// Writes `doc` to `entry` through a temporary file and a rename; failures are ignored.
    func store(_ doc: Document, key: String, at entry: URL) {
        let summary = Summary(title: doc.title, segments: doc.segments.count, codableSegments: doc.codableSegmentCount)
        guard let bytes = DocumentCacheCodec.encode(doc, key: key, summary: summary), prepareFolder() else { return }
        let temp = folder.appendingPathComponent(
            ".\(entry.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max))")
        do {
            try Data(bytes).write(to: temp)
            if rename(temp.path, entry.path) != 0 { try? FileManager.default.removeItem(at: temp) }
        } catch {
            try? FileManager.default.removeItem(at: temp)
        }
    }

    /// Creates the folder with its `.gitignore` and `CACHEDIR.TAG`; false when it cannot.
    func prepareFolder() -> Bool {
        let fm = FileManager.default
        let top = root.appendingPathComponent(".kader-cache")
        if fm.fileExists(atPath: folder.path) { return true }
        do {
            try fm.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data("*\n".utf8).write(to: top.appendingPathComponent(".gitignore"))
            try Data(
                "Signature: 8a477f597d28d172789f06886806bc55\n# Kader's cache of loaded transcripts; safe to delete.\n"
                    .utf8
            ).write(to: top.appendingPathComponent("CACHEDIR.TAG"))
            return true
        } catch {
            return false
        }
    }

    struct Key {
        var text: String
        /// True when the transcript or its sidecar changed too recently to be cached.
        var racy: Bool
    }

    /// The key of the transcript at `url`; nil when it cannot be examined (then it is loaded
    /// without the cache, and the loader reports the problem).
    func key(url: URL, path: String, options: LoadOptions) -> Key? {
        guard Self.isEnabled, let main = TranscriptStamp(url.path) else { return nil }
        let base = url.deletingPathExtension()
        let sidecars = ["meta.yaml", "meta.yml"].map { TranscriptStamp(base.appendingPathExtension($0).path) }
        let now = Date().timeIntervalSince1970
        let racy = ([main] + sidecars.compactMap { $0 }).contains { now - $0.modified < racyInterval }
        let parts =
            [path, main.text] + sidecars.map { $0?.text ?? "-" } + [Self.canonical(options), Self.binaryIdentity]
        return Key(text: parts.joined(separator: "\u{1F}"), racy: racy)
    }

    /// A description of `value` that is the same for equal values in every process: every
    /// stored property by name, recursively, with the members of sets sorted (their iteration
    /// order differs between instances).
    static func canonical(_ value: Any) -> String {
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .set: return "{" + mirror.children.map { canonical($0.value) }.sorted().joined(separator: ",") + "}"
        case .dictionary:
            return "[" + mirror.children.map { canonical($0.value) }.sorted().joined(separator: ",") + "]"
        case .struct, .class, .tuple, .optional, .collection, .enum:
            if mirror.children.isEmpty { return String(reflecting: value) }
            let parts = mirror.children.map { ($0.label ?? "") + "=" + canonical($0.value) }
            return "\(type(of: value))(" + parts.joined(separator: ",") + ")"
        default: return String(reflecting: value)
        }
    }

    /// The running executable's size and modification time (a rebuilt binary segments anew).
    static let binaryIdentity: String = {
        TranscriptStamp("/proc/self/exe")?.text
            ?? (Bundle.main.executablePath.flatMap { TranscriptStamp($0)?.text } ?? "?")
    }()

    /// The key and summary in the header of the entry at `path`: its first 4 KiB, or as much
    /// more as the header's length says.
    static func readHeader(_ path: String) throws -> (key: String, summary: Summary) {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw DocumentCacheCodec.Damaged() }
        defer { try? handle.close() }
        var data = [UInt8](try handle.read(upToCount: 4096) ?? Data())
        let needed = try DocumentCacheCodec.headerEnd(data[...])
        if needed > data.count, needed - data.count <= 1 << 24 {
            data += [UInt8](try handle.read(upToCount: needed - data.count) ?? Data())
        }
        return try DocumentCacheCodec.decodeHeader(data[...])
    }
}

/// Device, inode, size and times of a file, as `stat` reports them.
struct TranscriptStamp {
    var text: String
    /// Seconds since 1970 of the later of the modification and status-change times.
    var modified: Double

    init?(_ path: String) {
        var s = stat()
        guard stat(path, &s) == 0, s.st_mode & S_IFMT == S_IFREG else { return nil }
        text = [
            UInt64(s.st_dev), UInt64(s.st_ino), UInt64(s.st_size), UInt64(s.st_mtim.tv_sec), UInt64(s.st_mtim.tv_nsec),
            UInt64(s.st_ctim.tv_sec), UInt64(s.st_ctim.tv_nsec),
        ].map(String.init).joined(separator: ":")
        let m = Double(s.st_mtim.tv_sec) + Double(s.st_mtim.tv_nsec) / 1e9
        let c = Double(s.st_ctim.tv_sec) + Double(s.st_ctim.tv_nsec) / 1e9
        modified = max(m, c)
    }
}
