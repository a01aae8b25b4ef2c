import KaderCore

/// Work the controller does for ``AppState/update(_:)``: I/O stays out of the state.
public enum Effect: Hashable, Sendable {
    /// Load and open the document at this index of ``AppState/documents``.
    case openDocument(Int)
    /// Write `next` to the store; on failure restore `previous` and report the error.
    case persist(previous: CodingFile, next: CodingFile)
    case quit
}
