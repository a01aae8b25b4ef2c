import Foundation

/// Errors reading, validating or changing a codebook. Descriptions name the file and the code.
public enum CodebookError: Error, Equatable, LocalizedError {
    case unreadable(path: String, reason: String)
    case invalid(path: String, detail: String)
    case problems(path: String, problems: [String])
    case notFound(folder: String)
    case unknownCode(id: String)
    case codeInUse(id: String, codings: Int)

    public var errorDescription: String? {
        switch self {
        case .unreadable(let p, let r): return "\(p): cannot read the codebook (\(r))."
        case .invalid(let p, let d): return "\(p): the codebook is not valid (\(d))."
        case .problems(let p, let list): return "\(p): " + list.joined(separator: "; ") + "."
        case .notFound(let f): return "\(f): no codebook found (expected a .yaml, .yml or .json file in Codebooks/)."
        case .unknownCode(let id): return "there is no code with id \"\(id)\" in the codebook."
        case .codeInUse(let id, let n):
            return
                "code \"\(id)\" has \(n) coding\(n == 1 ? "" : "s"); name the code \(n == 1 ? "it" : "they") should move to."
        }
    }
}
