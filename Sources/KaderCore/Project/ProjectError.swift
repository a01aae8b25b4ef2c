import Foundation

/// Errors opening or creating a project.
public enum ProjectError: Error, Equatable, LocalizedError {
    case notAProject(path: String)
    case alreadyExists(path: String)
    case noTranscripts(path: String)
    case unknownDocument(id: String, available: [String])
    case io(path: String, detail: String)

    public var errorDescription: String? {
        switch self {
        case .notAProject(let p):
            return "\(p): not a Kader project (no Transcripts/ folder); run `kader init \(p)` to make one."
        case .alreadyExists(let p): return "\(p): already holds a Kader project; nothing was changed."
        case .noTranscripts(let p):
            return "\(p): Transcripts/ holds no transcripts (.txt or .md); copy some there first."
        case .unknownDocument(let id, let available):
            return "no document \"\(id)\" in this project (available: \(available.joined(separator: ", ")))."
        case .io(let p, let d): return "\(p): \(d)."
        }
    }
}
