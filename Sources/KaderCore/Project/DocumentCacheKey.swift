import Foundation

extension DocumentCache {
    /// What an entry must match to be used.
    struct Key {
        var text: String
        /// True when the transcript or its sidecar changed too recently to be cached.
        var racy: Bool
        /// The transcript's permission bits for reading, owner-writable: an entry is readable
        /// by exactly whoever may read the transcript.
        var mode: mode_t
        /// The largest entry this transcript can have (4× the larger of its files and the docx
        /// text limit, plus 64 MiB): a longer one is damaged and is never read into memory.
        var maxEntrySize: Int
    }

    /// The key of the transcript at `url`; nil when the cache must not be used for it (then it
    /// is loaded as usual and the loader reports any problem): the cache is off, the transcript
    /// or a sidecar is not a regular file this process may read.
    func key(url: URL, path: String, options: LoadOptions) -> Key? {
        guard Self.isEnabled, let main = Stamp(url.path), main.isRegular, access(url.path, R_OK) == 0 else {
            return nil
        }
        let base = url.deletingPathExtension()
        var sidecars: [Stamp?] = []
        for ext in ["meta.yaml", "meta.yml"] {
            let sidecar = base.appendingPathExtension(ext).path
            let stamp = Stamp(sidecar)
            if let stamp, !stamp.isRegular || access(sidecar, R_OK) != 0 { return nil }
            sidecars.append(stamp)
        }
        let now = Date().timeIntervalSince1970
        let racy = ([main] + sidecars.compactMap { $0 }).contains { now - $0.changed < racyInterval }
        let parts =
            [path, main.text] + sidecars.map { $0?.text ?? "-" } + [
                Self.optionsKeys.key(of: options), Self.binaryIdentity,
            ]
        let sizes = ([main] + sidecars.compactMap { $0 }).reduce(0) { $0 + $1.size }
        return Key(
            text: parts.joined(separator: "\u{1F}"), racy: racy, mode: (main.mode & 0o444) | 0o200,
            maxEntrySize: 4 * max(sizes, options.maxDecompressedSize) + 64 << 20)
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

    /// ``canonical(_:)`` of the load options, worked out once per distinct options (every
    /// transcript of a project is loaded with the same ones).
    static let optionsKeys = OptionsKeys()

    final class OptionsKeys: @unchecked Sendable {
        private let lock = NSLock()
        private var last: (options: LoadOptions, key: String)?

        func key(of options: LoadOptions) -> String {
            lock.lock()
            defer { lock.unlock() }
            if let last, last.options == options { return last.key }
            let key = DocumentCache.canonical(options)
            last = (options, key)
            return key
        }
    }

    /// The running executable's device, inode, size and times (a rebuilt binary segments anew).
    static let binaryIdentity: String = {
        Stamp("/proc/self/exe")?.text ?? (Bundle.main.executablePath.flatMap { Stamp($0)?.text } ?? "?")
    }()

    /// Device, inode, size, times and type of a file, as `stat` reports them.
    struct Stamp {
        var text: String
        var isRegular: Bool
        var size: Int
        var mode: mode_t
        /// Seconds since 1970 of the later of the modification and status-change times.
        var changed: Double

        /// Nil when nothing is at `path`.
        init?(_ path: String) {
            var s = stat()
            guard stat(path, &s) == 0 else { return nil }
            text = [
                UInt64(s.st_dev), UInt64(s.st_ino), UInt64(s.st_size), UInt64(s.st_mtim.tv_sec),
                UInt64(s.st_mtim.tv_nsec), UInt64(s.st_ctim.tv_sec), UInt64(s.st_ctim.tv_nsec), UInt64(s.st_mode),
            ].map(String.init).joined(separator: ":")
            isRegular = s.st_mode & S_IFMT == S_IFREG
            size = Int(s.st_size)
            mode = s.st_mode & 0o7777
            changed = max(
                Double(s.st_mtim.tv_sec) + Double(s.st_mtim.tv_nsec) / 1e9,
                Double(s.st_ctim.tv_sec) + Double(s.st_ctim.tv_nsec) / 1e9)
        }
    }
}
