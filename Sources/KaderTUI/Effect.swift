import KaderCore

/// Work the controller does for ``AppState/update(_:)``: I/O stays out of the state.
public enum Effect: Hashable, Sendable {
    /// Load and open the document at this index of ``AppState/documents``, optionally at a segment.
    case openDocument(Int, segmentId: String? = nil)
    /// Write `next` to the store; on failure restore `previous` and report the error.
    case persist(previous: CodingFile, next: CodingFile)
    /// Propose a new code (in-vivo or named) under `parent` (nil: a new category) in this coder's
    /// proposed-codes file and apply it to the current segment, optionally with a quote span.
    /// `category` names a new category to create first and put the code under.
    case createCode(name: String, parent: String?, span: QuoteSpan?, category: String? = nil)
    /// Adopt this coder's proposed code into the team codebook (compare-before-write).
    case adoptCode(id: String)
    /// Undo the last codebook edit made from the screen (a merge), restoring every file it wrote
    /// that nobody changed since.
    case undoCodebookEdit
    /// Rename a code in the codebook file (its id, and so every coding, stays).
    case renameCode(id: String, name: String)
    /// Merge code `from` into `into` in the codebook and in every coder's codings.
    case mergeCodes(from: String, into: String)
    /// Save this coder's code memos.
    case saveCodeMemos([String: String])
    /// Save this coder's project memo (nil or empty removes it).
    case saveProjectMemo(String?)
    /// Collect every segment coded with this code (and sub-codes) across documents.
    case loadRetrieval(codeId: String)
    /// Resolve this `where` expression (already parsed once) and filter the open document by it;
    /// on an error, show it and reopen the prompt, keeping the previous filter.
    case applyWhere(String)
    /// Search every document for this term and show the hit list.
    case searchCorpus(String)
    /// Add `code` to these segments for this coder through the store; `u` undoes it.
    case codeHits(code: String, segments: [HitSegment])
    /// Load the other coders' codings of the open document.
    case loadOtherCoders
    /// Compute the overview screen from the project (codings read afresh).
    case loadOverview
    /// Open the query prompt with `text` on its line and the queries saved in `kader.yaml`.
    case openQuery(text: String)
    /// Run a query (already parsed once) over this coder's codings and show the results.
    case runQuery(expression: String, name: String?)
    case quit
}
