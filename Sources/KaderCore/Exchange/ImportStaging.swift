#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Files bound for a project, written first into a hidden staging folder and moved into place
/// (one `rename` each) only by ``commit()``. Until then the project is untouched; ``discard()``
/// (or deinit without a commit) removes the staging folder.
final class ImportStaging {
    let root: URL
    let stage: URL
    private(set) var files: [String] = []
    private var committed = false

    /// Stages inside `root` when it exists (same file system, so moves are renames), else next to it.
    init(root: URL) throws {
        self.root = root
        let fm = FileManager.default
        let base = fm.fileExists(atPath: root.path) ? root : root.deletingLastPathComponent()
        stage = base.appendingPathComponent(".kader-import-\(UUID().uuidString.prefix(8))")
        do {
            try fm.createDirectory(at: stage, withIntermediateDirectories: true)
        } catch {
            throw ExchangeError.io(path: stage.path, detail: "cannot create the staging folder")
        }
    }

    deinit {
        if !committed { discard() }
    }

    /// Stages `data` for `relative` (e.g. `Transcripts/x.txt`).
    func add(_ data: Data, at relative: String) throws {
        let url = stage.appendingPathComponent(relative)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        } catch {
            throw ExchangeError.io(path: url.path, detail: "cannot write the staged file")
        }
        if !files.contains(relative) { files.append(relative) }
    }

    /// Moves every staged file into `root`, replacing files of the same name, then removes the
    /// staging folder.
    func commit() throws {
        let fm = FileManager.default
        for rel in files {
            let from = stage.appendingPathComponent(rel), to = root.appendingPathComponent(rel)
            do {
                try fm.createDirectory(at: to.deletingLastPathComponent(), withIntermediateDirectories: true)
            } catch {
                throw ExchangeError.io(path: to.deletingLastPathComponent().path, detail: "cannot create the folder")
            }
            if rename(from.path, to.path) != 0 {
                guard let data = fm.contents(atPath: from.path) else {
                    throw ExchangeError.io(path: to.path, detail: "cannot move the imported file into place")
                }
                try AtomicFile.write(data, to: to)
            }
        }
        committed = true
        discard()
    }

    func discard() { try? FileManager.default.removeItem(at: stage) }
}
