import Foundation

/// Errors of REFI-QDA exchange (`.qdpx` projects, `.qdc` codebooks). Each description is one
/// sentence naming the file and the problem; an import that throws has written nothing.
public enum ExchangeError: Error, Equatable, LocalizedError {
    /// Not a zip archive, or a damaged one.
    case badArchive(path: String, detail: String)
    /// An entry name that is absolute, climbs out with `..`, or is a link.
    case unsafeEntry(path: String, entry: String)
    case tooLarge(path: String, detail: String)
    /// The XML does not parse, has a DTD, or lacks required elements or attributes.
    case badXML(path: String, detail: String)
    case missing(path: String, detail: String)
    case io(path: String, detail: String)
    /// A `.qdc` export of a codebook without codes (the schema needs at least one `Code`).
    case emptyCodebook(name: String)

    public var errorDescription: String? {
        switch self {
        case .badArchive(let p, let d): return "\(p): not a readable REFI-QDA archive (\(d)); nothing was imported."
        case .unsafeEntry(let p, let e):
            return
                "\(p): the archive entry \"\(e)\" would be written outside the target folder, so the archive was refused; nothing was imported."
        case .tooLarge(let p, let d): return "\(p): \(d); nothing was imported."
        case .badXML(let p, let d): return "\(p): the XML cannot be used (\(d)); nothing was imported."
        case .missing(let p, let d): return "\(p): \(d); nothing was imported."
        case .io(let p, let d): return "\(p): \(d)."
        case .emptyCodebook(let n):
            return
                "The codebook \"\(n)\" has no codes, and a REFI-QDA .qdc needs at least one; nothing was written."
        }
    }
}
