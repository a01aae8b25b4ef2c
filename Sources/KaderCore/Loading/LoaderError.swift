import Foundation

/// Errors thrown while reading and segmenting a transcript. Each description is one
/// sentence naming the file and the problem.
public enum LoaderError: Error, Equatable, LocalizedError {
    case unreadable(path: String, reason: String)
    case empty(path: String)
    case binary(path: String, detail: String)
    case undecodable(path: String, detail: String)
    case unsupportedFormat(path: String, format: String, advice: String)
    case malformed(path: String, detail: String)
    case tooLarge(path: String, limit: Int)
    case badMetadata(path: String, detail: String)

    public var errorDescription: String? {
        switch self {
        case .unreadable(let p, let r): return "\(p): cannot read the file (\(r))."
        case .empty(let p): return "\(p): the file is empty; there is nothing to segment."
        case .binary(let p, let d): return "\(p): this is not a text transcript (\(d))."
        case .undecodable(let p, let d): return "\(p): the text cannot be decoded (\(d))."
        case .unsupportedFormat(let p, let f, let a): return "\(p): \(f) files are not supported; \(a)."
        case .malformed(let p, let d): return "\(p): \(d)."
        case .tooLarge(let p, let limit):
            let size = limit % (1024 * 1024) == 0 ? "\(limit / (1024 * 1024)) MiB" : "\(limit) bytes"
            return
                "\(p): the file is larger than the limit of \(size) (raise it with max-file-size-mb in kader.yaml, or --max-file-size-mb for kader segments)."
        case .badMetadata(let p, let d): return "\(p): the metadata cannot be read (\(d))."
        }
    }
}
