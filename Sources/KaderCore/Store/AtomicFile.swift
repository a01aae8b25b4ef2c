#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Durable atomic file replacement: write a temporary file in the same folder, `fsync` it,
/// `rename` it over the target, then `fsync` the folder. A reader (or a crash at any instant)
/// sees either the old or the new file whole, never a torn one.
public enum AtomicFile {
    /// Writes `data` to `url` atomically and durably.
    /// - Throws: ``StoreError/io(path:detail:)`` naming the file and the failing step.
    public static func write(_ data: Data, to url: URL) throws {
        let dir = url.deletingLastPathComponent().path
        let tmp = dir + "/.\(url.lastPathComponent).\(getpid()).tmp"
        let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw StoreError.io(path: url.path, detail: "cannot create a temporary file: \(errnoText())") }
        var ok = false
        defer {
            if !ok { unlink(tmp) }
        }
        let written = data.withUnsafeBytes { buf -> Bool in
            var offset = 0
            while offset < buf.count {
                let n = Glibc.write(fd, buf.baseAddress! + offset, buf.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += n
            }
            return true
        }
        guard written else {
            close(fd)
            throw StoreError.io(path: url.path, detail: "write failed: \(errnoText())")
        }
        guard fsync(fd) == 0 else {
            close(fd)
            throw StoreError.io(path: url.path, detail: "fsync failed: \(errnoText())")
        }
        close(fd)
        guard rename(tmp, url.path) == 0 else {
            throw StoreError.io(path: url.path, detail: "rename failed: \(errnoText())")
        }
        ok = true
        let dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dfd >= 0 {
            fsync(dfd)
            close(dfd)
        }
    }

    static func errnoText() -> String { String(cString: strerror(errno)) }
}
