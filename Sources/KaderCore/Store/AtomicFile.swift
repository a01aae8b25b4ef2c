#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Durable atomic file replacement: write a temporary file in the same folder, `fsync` it,
/// `rename` it over the target, then `fsync` the folder. A reader (or a crash at any instant)
/// sees either the old or the new file whole, never a torn one.
///
/// Why atomic replace rather than a journal: a codings file is a few hundred kilobytes to a few
/// megabytes, which the canonical writer produces in about a millisecond, so rewriting it whole
/// costs one data `fsync` and one folder `fsync` per change — and the file on disk is always the
/// complete, canonical, git-friendly file, with no replay or compaction step that could fail.
///
/// Temporary files are named `.<name>.<pid>.tmp`; a crash can leave one behind, and
/// ``CodingStore`` removes them when it takes the coder's lock.
public enum AtomicFile {
    /// Writes `data` to `url` atomically and durably.
    /// - Throws: ``StoreError/io(path:detail:)`` naming the file and the failing step.
    public static func write(_ data: Data, to url: URL) throws {
        try data.withUnsafeBytes { try write(bytes: $0, to: url) }
    }

    /// Writes `bytes` to `url` atomically and durably (see ``write(_:to:)``).
    public static func write(_ bytes: [UInt8], to url: URL) throws {
        try bytes.withUnsafeBytes { try write(bytes: $0, to: url) }
    }

    /// Writes `bytes` to `url` atomically but without waiting for the disk: for copies that are
    /// nice to have (the last-good copy), never for data the user was told is saved.
    public static func writeUnsynced(_ bytes: [UInt8], to url: URL) throws {
        try bytes.withUnsafeBytes { try write(bytes: $0, to: url, durable: false) }
    }

    static func write(bytes buf: UnsafeRawBufferPointer, to url: URL, durable: Bool = true) throws {
        let dir = url.deletingLastPathComponent().path
        let tmp = dir + "/.\(url.lastPathComponent).\(getpid()).tmp"
        let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw StoreError.io(path: url.path, detail: "cannot create a temporary file: \(errnoText())") }
        var ok = false
        defer {
            if !ok { unlink(tmp) }
        }
        var offset = 0
        while offset < buf.count {
            let n = Glibc.write(fd, buf.baseAddress! + offset, buf.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                let text = errnoText()
                close(fd)
                throw StoreError.io(path: url.path, detail: "write failed: \(text)")
            }
            offset += n
        }
        if durable, fsync(fd) != 0 {
            let text = errnoText()
            close(fd)
            throw StoreError.io(path: url.path, detail: "fsync failed: \(text)")
        }
        close(fd)
        guard rename(tmp, url.path) == 0 else {
            throw StoreError.io(path: url.path, detail: "rename failed: \(errnoText())")
        }
        ok = true
        guard durable else { return }
        let dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard dfd >= 0 else { throw StoreError.io(path: url.path, detail: "cannot open the folder to fsync it: \(errnoText())") }
        defer { close(dfd) }
        guard fsync(dfd) == 0 else { throw StoreError.io(path: url.path, detail: "fsync of the folder failed: \(errnoText())") }
    }

    /// Removes temporary files (`.*.tmp`) a crashed writer left in `folder`. Only call this while
    /// holding the lock of every writer of that folder.
    static func removeLeftovers(in folder: URL) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for name in names where name.hasPrefix(".") && name.hasSuffix(".tmp") {
            unlink(folder.appendingPathComponent(name).path)
        }
    }

    static func errnoText() -> String { String(cString: strerror(errno)) }
}
