import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// One writer per coder per project: an advisory `flock` on `Codings/<coder>/.kader.lock`,
/// held for the life of this object (the kernel releases it when the process dies, even on
/// `kill -9`). The file names the holder: line 1 its process id, line 2 what it is
/// (`kader code --coder ann on host h since 2026-11-29T10:00:00Z`). Lock files are not data:
/// projects ignore them in git (`**/.kader.lock`).
public final class CoderLock: @unchecked Sendable {
    private var fd: Int32

    /// Takes the lock or throws ``StoreError/locked(coder:pid:holder:lockPath:)`` naming the holder.
    /// `folder` is `<project>/Codings/<coder>`: `Codings/`, the coder's folder and the lock file
    /// must not be symbolic links (``StoreError/symlink(path:)``; see ``ProjectPaths``).
    /// - Parameter purpose: what this process is, written for a second instance to read
    ///   (default: its command line).
    public init(folder: URL, coder: String, purpose: String? = nil) throws {
        let root = folder.deletingLastPathComponent().deletingLastPathComponent()
        do {
            try ProjectPaths.createFolder(folder, below: root)
        } catch StoreError.io {
            throw StoreError.io(path: folder.path, detail: "cannot create the coder's folder")
        }
        let path = folder.appendingPathComponent(".kader.lock").path
        fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o644)
        if fd < 0 && errno == ELOOP { throw StoreError.symlink(path: path) }
        guard fd >= 0 else {
            throw StoreError.io(path: path, detail: "cannot open the lock file: \(AtomicFile.errnoText())")
        }
        var info = stat()
        if fstat(fd, &info) != 0 || info.st_mode & S_IFMT != S_IFREG {
            close(fd)
            throw StoreError.io(path: path, detail: "the lock file is not an ordinary file")
        }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            var buf = [UInt8](repeating: 0, count: 512)
            let n = pread(fd, &buf, 511, 0)
            close(fd)
            let lines = n > 0 ? String(decoding: buf[0..<n], as: UTF8.self).split(separator: "\n").map(String.init) : []
            let pid = lines.first.flatMap { Int32($0.trimmingCharacters(in: .whitespaces)) }
            throw StoreError.locked(coder: coder, pid: pid, holder: lines.count > 1 ? lines[1] : nil, lockPath: path)
        }
        var args = CommandLine.arguments
        if !args.isEmpty { args[0] = (args[0] as NSString).lastPathComponent }
        let what = purpose ?? args.joined(separator: " ")
        var name = [UInt8](repeating: 0, count: 256)
        let host =
            name.withUnsafeMutableBufferPointer { buf in
                buf.baseAddress.map {
                    gethostname(UnsafeMutableRawPointer($0).assumingMemoryBound(to: CChar.self), 255) == 0
                } ?? false
            } ? String(decoding: name.prefix { $0 != 0 }, as: UTF8.self) : "?"
        let text = Array("\(getpid())\n\(what) on host \(host) since \(Timestamp.now())\n".utf8)
        _ = ftruncate(fd, 0)
        _ = pwrite(fd, text, text.count, 0)
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }
}
