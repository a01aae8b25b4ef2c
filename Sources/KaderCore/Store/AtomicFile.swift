import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Durable atomic file replacement: write a temporary file in the same folder, `fsync` it,
/// `rename` it over the target, then `fsync` the folder. A reader (or a crash at any instant)
/// sees either the old or the new file whole, never a torn one.
///
/// Codings files are written this way by every writer; the coding screen saves most changes
/// through a ``CodingJournal`` first, because waiting for a whole multi-megabyte file to reach the
/// disk on every key took up to 20–40 ms at the 99th percentile, and folds it in with this.
///
/// Temporary files are named `.<name>.<16 random hex digits>.tmp` and created exclusively
/// (`O_CREAT|O_EXCL|O_NOFOLLOW`), so a file or link planted under a predictable name is never
/// opened; a crash can leave one behind, and ``CodingStore`` removes them when it takes the
/// coder's lock.
///
/// Links: a target that is a symbolic link is refused (``StoreError/symlink(path:)``), never
/// replaced or written through; with `inside: root`, so is every folder between `root` and the
/// target (see ``ProjectPaths``). Exports resolve the link the user gave first (``OutputPath``).
public enum AtomicFile {
    /// Writes `data` to `url` atomically and durably.
    /// - Throws: ``StoreError/io(path:detail:)`` naming the file and the failing step.
    /// - Parameter root: when given, a folder between `root` and `url` that is a link is refused too.
    public static func write(_ data: Data, to url: URL, inside root: URL? = nil) throws {
        if let root { try ProjectPaths.refuseLinks(url.deletingLastPathComponent(), below: root) }
        try data.withUnsafeBytes { try write(bytes: $0, to: url) }
    }

    /// Writes `bytes` to `url` atomically and durably (see ``write(_:to:inside:)``).
    public static func write(_ bytes: [UInt8], to url: URL, inside root: URL? = nil) throws {
        if let root { try ProjectPaths.refuseLinks(url.deletingLastPathComponent(), below: root) }
        try bytes.withUnsafeBytes { try write(bytes: $0, to: url) }
    }

    /// Writes `bytes` to `url` atomically but without waiting for the disk: for copies that are
    /// nice to have (the last-good copy), never for data the user was told is saved.
    public static func writeUnsynced(_ bytes: [UInt8], to url: URL) throws {
        try bytes.withUnsafeBytes { try write(bytes: $0, to: url, durable: false) }
    }

    /// Writes all of `buf` to `fd`, going on after short writes and interruptions.
    /// - Throws: ``StoreError/io(path:detail:)`` naming `path` with the system's reason.
    static func writeAll(_ fd: Int32, _ buf: UnsafeRawBufferPointer, path: String) throws {
        var offset = 0
        // A non-empty buffer has a base address.
        while offset < buf.count, let base = buf.baseAddress {
            let n = FaultInjection.diskFull ? -1 : Glibc.write(fd, base + offset, buf.count - offset)
            if n < 0 {
                if FaultInjection.diskFull { errno = ENOSPC }
                if errno == EINTR { continue }
                throw StoreError.io(path: path, detail: "write failed: \(errnoText())")
            }
            offset += n
        }
    }

    static func write(bytes buf: UnsafeRawBufferPointer, to url: URL, durable: Bool = true) throws {
        var link = stat()
        if lstat(url.path, &link) == 0, link.st_mode & S_IFMT == S_IFLNK { throw StoreError.symlink(path: url.path) }
        let (fd, tmp) = try createTemporary(for: url)
        var ok = false
        defer {
            if !ok { unlink(tmp) }
        }
        do {
            try writeAll(fd, buf, path: url.path)
        } catch {
            close(fd)
            throw error
        }
        if durable {
            // After a rename the temporary path is gone, so the deferred unlink is harmless.
            try install(fd, temporary: tmp, over: url)
            ok = true
            return
        }
        close(fd)
        guard rename(tmp, url.path) == 0 else {
            throw StoreError.io(path: url.path, detail: "rename failed: \(errnoText())")
        }
        ok = true
    }

    /// Creates `.<name>.<random>.tmp` next to `url` exclusively, never following a link, open for
    /// writing (`readable`: for reading too).
    /// - Returns: the open descriptor and the path. - Throws: ``StoreError/io(path:detail:)``.
    static func createTemporary(for url: URL, readable: Bool = false) throws -> (Int32, String) {
        let dir = url.deletingLastPathComponent().path
        for _ in 0..<8 {
            let tmp = dir + "/.\(url.lastPathComponent).\(randomSuffix()).tmp"
            let fd = open(tmp, (readable ? O_RDWR : O_WRONLY) | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
            if fd >= 0 { return (fd, tmp) }
            if errno != EEXIST { break }
        }
        throw StoreError.io(path: url.path, detail: "cannot create a temporary file: \(errnoText())")
    }

    /// 16 hex digits from the system's random source.
    static func randomSuffix() -> String {
        var g = SystemRandomNumberGenerator()
        let v = g.next() as UInt64
        let hex = String(v, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// Makes the temporary file `tmp` (open as `fd`, which is closed) durable and renames it over
    /// `url`, then `fsync`s the folder. On failure `tmp` is left for the caller to remove.
    /// - Throws: ``StoreError/io(path:detail:)`` naming `url` and the failing step.
    static func install(_ fd: Int32, temporary tmp: String, over url: URL) throws {
        if fsync(fd) != 0 {
            let text = errnoText()
            close(fd)
            throw StoreError.io(path: url.path, detail: "fsync failed: \(text)")
        }
        close(fd)
        guard rename(tmp, url.path) == 0 else {
            throw StoreError.io(path: url.path, detail: "rename failed: \(errnoText())")
        }
        let dfd = open(url.deletingLastPathComponent().path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard dfd >= 0 else {
            throw StoreError.io(path: url.path, detail: "cannot open the folder to fsync it: \(errnoText())")
        }
        defer { close(dfd) }
        guard fsync(dfd) == 0 else {
            throw StoreError.io(path: url.path, detail: "fsync of the folder failed: \(errnoText())")
        }
    }

    /// Removes temporary files (`.*.tmp`, regular files only) a crashed writer left in `folder`.
    /// Only call this while holding the lock of every writer of that folder, and never on a
    /// folder that is a link (``ProjectPaths/refuseLinks(_:below:)`` first).
    static func removeLeftovers(in folder: URL) {
        var info = stat()
        guard lstat(folder.path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else { return }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for name in names where name.hasPrefix(".") && name.hasSuffix(".tmp") {
            let path = folder.appendingPathComponent(name).path
            if lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG { unlink(path) }
        }
    }

    static func errnoText() -> String { String(cString: strerror(errno)) }
}
