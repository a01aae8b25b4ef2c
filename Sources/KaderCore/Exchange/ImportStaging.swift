import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Files bound for a project, written first into a hidden staging folder
/// `<project>/.kader-import-<random>/` and moved into place (one `rename` each) only by
/// ``commit()``. Until then the project is untouched; ``discard()`` (or deinit without a commit)
/// removes the staging folder.
///
/// Old or new, even when killed: the staging folder holds a lock (`.lock`, `flock`) while its
/// import runs, and ``commit()`` first writes the list of files to move (`.commit`, atomically);
/// only then are files renamed. ``recover(root:)`` — run by the next import, `kader check` and
/// `kader code` — finishes the moves of a folder with a `.commit` list (the new state) and
/// removes one without (the old state). The folder holds a `.gitignore` of `*`, so `git add -A`
/// never picks it up, whatever the project's own `.gitignore` says.
public final class ImportStaging {
    let root: URL
    let stage: URL
    private(set) var files: [String] = []
    private var committed = false
    private var lockFD: Int32 = -1

    static let prefix = ".kader-import-"

    /// Creates the project folder when missing, then the staging folder inside it (same file
    /// system, so moves are renames), exclusively.
    /// - Throws: ``ExchangeError/io(path:detail:)``, ``StoreError/symlink(path:)``.
    init(root: URL) throws {
        self.root = root
        do {
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        } catch {
            throw ExchangeError.io(path: root.path, detail: "cannot create the project folder")
        }
        stage = root.appendingPathComponent(Self.prefix + AtomicFile.randomSuffix())
        guard mkdir(stage.path, 0o755) == 0 else {
            throw ExchangeError.io(
                path: stage.path, detail: "cannot create the staging folder: \(AtomicFile.errnoText())")
        }
        lockFD = open(
            stage.appendingPathComponent(".lock").path, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        if lockFD >= 0 { _ = flock(lockFD, LOCK_EX | LOCK_NB) }
        try put(Data("*\n".utf8), at: ".gitignore")
    }

    deinit {
        if !committed { discard() }
        if lockFD >= 0 { close(lockFD) }
    }

    /// Stages `data` for `relative` (e.g. `Transcripts/x.txt`).
    /// - Throws: ``ExchangeError/io(path:detail:)`` (a full disk, for one).
    func add(_ data: Data, at relative: String) throws {
        try put(data, at: relative)
        if !files.contains(relative) { files.append(relative) }
    }

    private func put(_ data: Data, at relative: String) throws {
        let url = stage.appendingPathComponent(relative)
        do {
            try ProjectPaths.createFolder(url.deletingLastPathComponent(), below: stage)
            try AtomicFile.write(data, to: url)
        } catch {
            throw ExchangeError.io(path: url.path, detail: "cannot write the staged file (\(Self.reason(error)))")
        }
    }

    /// Moves every staged file into `root`, replacing files of the same name, then removes the
    /// staging folder. A folder on the way that is a link is refused before anything moves.
    /// - Throws: ``StoreError/symlink(path:)``, ``ExchangeError/io(path:detail:)``.
    func commit() throws {
        for rel in files {
            try ProjectPaths.refuseLinks(root.appendingPathComponent(rel), below: root)
        }
        do {
            try AtomicFile.write(Data(files.joined(separator: "\n").utf8), to: stage.appendingPathComponent(".commit"))
        } catch {
            throw ExchangeError.io(
                path: stage.path, detail: "cannot write the list of staged files (\(Self.reason(error)))")
        }
        try Self.move(files, from: stage, to: root)
        committed = true
        discard()
    }

    func discard() { try? FileManager.default.removeItem(at: stage) }

    static func move(_ files: [String], from stage: URL, to root: URL) throws {
        for rel in files {
            let from = stage.appendingPathComponent(rel)
            let to = root.appendingPathComponent(rel)
            var info = stat()
            guard lstat(from.path, &info) == 0 else { continue }  // moved before a kill
            try ProjectPaths.createFolder(to.deletingLastPathComponent(), below: root)
            try ProjectPaths.refuseLinks(to, below: root)
            if rename(from.path, to.path) != 0 {
                throw ExchangeError.io(
                    path: to.path, detail: "cannot move the imported file into place: \(AtomicFile.errnoText())")
            }
        }
    }

    /// Finishes or removes the staging folders of imports that were killed (see the type's
    /// documentation); folders whose import still runs (their lock is held) are left alone, and
    /// so is anything that is a link.
    /// - Returns: one sentence per folder handled.
    @discardableResult
    public static func recover(root: URL) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        var notes: [String] = []
        for name in names.sorted() where name.hasPrefix(prefix) {
            let stage = root.appendingPathComponent(name)
            var info = stat()
            guard lstat(stage.path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else { continue }
            let fd = open(stage.appendingPathComponent(".lock").path, O_RDWR | O_NOFOLLOW | O_CLOEXEC)
            if fd >= 0 {
                defer { close(fd) }
                guard flock(fd, LOCK_EX | LOCK_NB) == 0 else { continue }  // that import is running
            }
            let list = stage.appendingPathComponent(".commit")
            if lstat(list.path, &info) == 0, info.st_mode & S_IFMT == S_IFREG,
                let data = FileManager.default.contents(atPath: list.path)
            {
                let files = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
                    .filter { !$0.hasPrefix("/") && !$0.split(separator: "/").contains("..") }
                do {
                    try move(files, from: stage, to: root)
                    notes.append("finished an interrupted import (\(files.count) files moved into place from \(name)).")
                } catch {
                    notes.append("could not finish an interrupted import from \(name): \(reason(error))")
                    continue
                }
            } else {
                notes.append(
                    "removed \(name), the staging folder of an interrupted import (nothing of it had been written to the project)."
                )
            }
            try? FileManager.default.removeItem(at: stage)
        }
        return notes
    }

    static func reason(_ error: Error) -> String {
        (error as? LocalizedError)?.errorDescription ?? "\(error)"
    }
}
