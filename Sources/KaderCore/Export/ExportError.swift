import Foundation

/// Errors building or writing exports (quotes, matrices). Descriptions are one sentence.
public enum ExportError: Error, Equatable, LocalizedError {
    case unknownCode(id: String)
    case unknownDocument(id: String, available: [String])
    case unknownCoder(name: String, available: [String])
    case unknownFormat(String, allowed: [String])
    case nothingToExport(reason: String)
    /// Several coders and no consensus: the export must be told whose codings to take.
    case chooseCoders(available: [String])
    case io(path: String, detail: String)

    public var errorDescription: String? {
        switch self {
        case .unknownCode(let id): return "there is no code with id \"\(id)\" in the codebook."
        case .unknownDocument(let id, let available):
            return "no document \"\(id)\" in this project (available: \(available.joined(separator: ", ")))."
        case .unknownCoder(let name, let available):
            let list = available.isEmpty ? "none yet" : available.joined(separator: ", ")
            return "no codings by coder \"\(name)\" in this project (coders: \(list))."
        case .unknownFormat(let f, let allowed):
            return "unknown format \"\(f)\" (use \(allowed.joined(separator: ", ")))."
        case .nothingToExport(let reason): return "nothing to export: \(reason)."
        case .chooseCoders(let available):
            return
                "this project has \(available.count) coders (\(available.joined(separator: ", "))) and no consensus coder: choose whose codings to export with --coder NAME (repeatable) or --all-coders."
        case .io(let p, let d): return "\(p): \(d)."
        }
    }
}
