#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// One writer per coder per project: an advisory `flock` on `Codings/<coder>/.kader.lock`,
/// held for the life of this object. The file holds the holder's process id.
public final class CoderLock: @unchecked Sendable {
    private var fd: Int32

    /// Takes the lock or throws ``StoreError/locked(coder:pid:lockPath:)`` naming the holder.
    public init(folder: URL, coder: String) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent(".kader.lock").path
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw StoreError.io(path: path, detail: "cannot open the lock file: \(AtomicFile.errnoText())") }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            var buf = [UInt8](repeating: 0, count: 32)
            let n = pread(fd, &buf, 31, 0)
            let pid = n > 0 ? Int32(String(decoding: buf[0..<n], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) : nil
            close(fd)
            throw StoreError.locked(coder: coder, pid: pid, lockPath: path)
        }
        let text = Array("\(getpid())\n".utf8)
        _ = ftruncate(fd, 0)
        _ = pwrite(fd, text, text.count, 0)
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }
}
