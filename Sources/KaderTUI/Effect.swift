import KaderCore

/// Work the controller does for ``AppState/update(_:)``: I/O stays out of the state.
public enum Effect: Hashable, Sendable {
    /// Load and open the document at this index of ``AppState/documents``, optionally at a segment.
    case openDocument(Int, segmentId: String? = nil)
    /// Write `next` to the store; on failure restore `previous` and report the error.
    case persist(previous: CodingFile, next: CodingFile)
    /// Add a new code (in-vivo or named) under `parent` (nil: a new category) and apply it to
    /// the current segment, optionally with a quote span.
    case createCode(name: String, parent: String?, span: QuoteSpan?)
    /// Rename a code in the codebook file (its id, and so every coding, stays).
    case renameCode(id: String, name: String)
    /// Merge code `from` into `into` in the codebook and in every coder's codings.
    case mergeCodes(from: String, into: String)
    /// Save this coder's code memos.
    case saveCodeMemos([String: String])
    /// Collect every segment coded with this code (and sub-codes) across documents.
    case loadRetrieval(codeId: String)
    /// Load the other coders' codings of the open document.
    case loadOtherCoders
    case quit
}
