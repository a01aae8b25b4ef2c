import Foundation

/// Errors of the coding store. Descriptions are one sentence naming the file and the problem.
public enum StoreError: Error, Equatable, LocalizedError {
    case io(path: String, detail: String)
    /// The file does not parse; line and column are 1-based.
    case damaged(path: String, line: Int, column: Int, detail: String)
    case unknownSchema(path: String, version: Int)
    case unsafeCoderName(String)
    /// Another process holds the coder's lock; `holder` is what it said it was.
    case locked(coder: String, pid: Int32?, holder: String?, lockPath: String)
    case readOnly(coder: String)
    case mismatch(path: String, detail: String)
    /// The file changed on disk (another program, `git pull`) since this store read or wrote it.
    case changedOnDisk(path: String)
    /// A file or folder Kader would write is a symbolic link (see ``ProjectPaths``).
    case symlink(path: String)
    /// The codings file was replaced (e.g. by `git pull`) while saved changes were still in its
    /// journal (``CodingJournal``): neither is applied to the other; both are kept.
    case journalConflict(path: String, codings: String)
    /// The codings file is gone (deleted, or removed by git) while saved changes were still in
    /// its journal: the journal is kept and the document is not opened for writing.
    case journalWithoutFile(path: String, codings: String)

    public var errorDescription: String? {
        switch self {
        case .io(let p, let d): return "\(p): \(d)."
        case .damaged(let p, let l, let c, let d):
            return
                "\(p): the codings file is damaged at line \(l), column \(c) (\(d)); it was left untouched — run `kader check` to see how to recover."
        case .unknownSchema(let p, let v):
            return
                "\(p): the codings file has schema version \(v), which this Kader does not know; it was left untouched."
        case .unsafeCoderName(let n):
            return
                "\"\(n)\" cannot be a coder name: use letters, digits, '.', '_' or '-' (at most 64, not starting with '.' or '-')."
        case .locked(let c, let pid, let holder, let p):
            var who = pid.map { "process \($0)" } ?? "another process"
            if let holder { who += " (\(holder))" }
            return
                "coder \"\(c)\" is already coding in this project: \(who) holds \(p); open read-only with --read-only or use another --coder."
        case .readOnly(let c): return "coder \"\(c)\" is open read-only; changes are not saved."
        case .mismatch(let p, let d): return "\(p): \(d)."
        case .changedOnDisk(let p):
            return
                "\(p): the codings file was changed by another program since Kader read it; nothing was saved — reopen the document to see the changes."
        case .symlink(let p):
            return
                "\(p) is a symbolic link: Kader does not write through links inside a project; replace it with a real file or folder (nothing was written)."
        case .journalConflict(let p, let c):
            return
                "\(p): saved changes in this journal were made on another version of \(c), which was replaced since (by git?); both were left untouched — run `kader check` to see how to recover."
        case .journalWithoutFile(let p, let c):
            return
                "\(p): this journal holds saved changes, but the codings file \(c) is gone (deleted, or removed by git?); the journal was left untouched — run `kader check` to see how to recover."
        }
    }
}
