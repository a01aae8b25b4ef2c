import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Kader's symbolic-link policy for the files it writes (README, "Links and untrusted projects").
///
/// A project travels through git, so a link inside it may point anywhere. Kader follows only the
/// links the user gave on the command line: the project folder itself (`--project`, the current
/// folder) and an export's `-o` file. Every folder and file it writes inside the project —
/// `Codebooks/`, the codebook, `Transcripts/` (imports), `Codings/`, `Codings/<coder>/`, the lock
/// file, codings files, last-good copies, temporary files, import staging folders — must be a
/// real folder or file: a link there is refused with ``StoreError/symlink(path:)`` before
/// anything is written, and nothing is deleted in a linked folder. Reading through links is fine.
public enum ProjectPaths {
    /// Throws when `url` or any existing folder between `root` and it is a symbolic link.
    /// `root` itself (given by the user) may be a link. Components that do not exist yet are fine.
    /// - Throws: ``StoreError/symlink(path:)``.
    public static func refuseLinks(_ url: URL, below root: URL) throws {
        let base = root.standardizedFileURL.pathComponents
        let parts = url.standardizedFileURL.pathComponents
        guard parts.count > base.count, Array(parts.prefix(base.count)) == base else { return }
        var path = root.standardizedFileURL
        for part in parts.dropFirst(base.count) {
            path.appendPathComponent(part)
            var info = stat()
            guard lstat(path.path, &info) == 0 else { return }
            if info.st_mode & S_IFMT == S_IFLNK { throw StoreError.symlink(path: path.path) }
        }
    }

    /// Creates `folder` (and missing parents below `root`) without following links, then checks.
    /// - Throws: ``StoreError/symlink(path:)``, ``StoreError/io(path:detail:)``.
    public static func createFolder(_ folder: URL, below root: URL) throws {
        try refuseLinks(folder, below: root)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw StoreError.io(path: folder.path, detail: "cannot create the folder")
        }
        try refuseLinks(folder, below: root)
    }
}

/// Test-only fault injection: `KADER_FAULT_DISK_FULL=1` in the environment makes every write of
/// ``AtomicFile`` fail with `ENOSPC`, as on a full disk (used by the bad-input tests where no
/// small file system can be mounted).
enum FaultInjection {
    static let diskFull = ProcessInfo.processInfo.environment["KADER_FAULT_DISK_FULL"] == "1"
}
