import Foundation

/// Errors of the coding store. Descriptions are one sentence naming the file and the problem.
public enum StoreError: Error, Equatable, LocalizedError {
    case io(path: String, detail: String)
    /// The file does not parse; line and column are 1-based.
    case damaged(path: String, line: Int, column: Int, detail: String)
    case unknownSchema(path: String, version: Int)
    case unsafeCoderName(String)
    case locked(coder: String, pid: Int32?, lockPath: String)
    case readOnly(coder: String)
    case mismatch(path: String, detail: String)

    public var errorDescription: String? {
        switch self {
        case .io(let p, let d): return "\(p): \(d)."
        case .damaged(let p, let l, let c, let d):
            return "\(p): the codings file is damaged at line \(l), column \(c) (\(d)); it was left untouched — run `kader check` to see how to recover."
        case .unknownSchema(let p, let v):
            return "\(p): the codings file has schema version \(v), which this Kader does not know; it was left untouched."
        case .unsafeCoderName(let n):
            return "\"\(n)\" cannot be a coder name: use letters, digits, '.', '_' or '-' (at most 64, not starting with '.' or '-')."
        case .locked(let c, let pid, let p):
            let who = pid.map { "process \($0)" } ?? "another process"
            return "coder \"\(c)\" is already coding in this project (\(who) holds \(p)); open read-only with --read-only or use another --coder."
        case .readOnly(let c): return "coder \"\(c)\" is open read-only; changes are not saved."
        case .mismatch(let p, let d): return "\(p): \(d)."
        }
    }
}
