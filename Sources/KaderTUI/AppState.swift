import KaderCore

/// A transcript as listed on the document screen.
public struct DocumentEntry: Hashable, Sendable {
    /// Path relative to the project (`Transcripts/x.md`).
    public var path: String
    public var id: String
    public var status: CodingStatus
    /// Segments coded by this coder, when known.
    public var coded: Int?
    public var codable: Int?
    /// True when this coder's codings file is damaged or of an unknown schema (it will not open).
    public var damaged = false
    /// True while the coder's codings file has not been read yet: a large project shows its list
    /// at once and fills in status and counts between keys (``AppController``).
    public var pending = false

    public init(path: String, id: String, status: CodingStatus = .notStarted, coded: Int? = nil, codable: Int? = nil) {
        self.path = path
        self.id = id
        self.status = status
        self.coded = coded
        self.codable = codable
    }
}

/// Which screen is showing.
public enum ScreenKind: Hashable, Sendable {
    case documents
    case coding
}

/// Whether the shown codings are on disk.
public enum SaveState: Hashable, Sendable {
    case saved
    case readOnly
    case failed
}

/// A line for the status bar.
public struct StatusMessage: Hashable, Sendable {
    public var text: String
    public var isError: Bool
    public init(_ text: String, isError: Bool = false) {
        self.text = text
        self.isError = isError
    }
}

/// The whole state of the TUI. Pure data: ``AppState/update(_:)`` changes it and returns the
/// effects (load, save, quit) for the controller to carry out.
public struct AppState: Sendable {
    public var projectName: String
    public var coder: String
    public var codebook: Codebook {
        didSet { codebookChanged() }
    }
    public private(set) var codeEntries: [CodeEntry]
    /// Position in ``codeEntries`` of the first entry with each code id / shortcut (kept in step
    /// with ``codebook``), so lookups per frame do not rebuild the tree.
    private(set) var codeEntryIndex: [String: Int] = [:]
    private(set) var shortcutIndex: [String: Int] = [:]
    public var keymap: Keymap
    public var documents: [DocumentEntry]
    public var documentCursor = 0
    public var screen: ScreenKind = .documents
    public var document: Document? {
        didSet { documentChanged() }
    }
    /// How many codable segments of the open document have each id (one, as ids are unique), and
    /// the number of codable segments (kept in step by `didSet`).
    private(set) var codableSegmentIds: [String: Int] = [:]
    private(set) var codableSegmentCount = 0
    /// This coder's codings of the open document. Setting it rebuilds the per-segment index.
    public var codings: CodingFile? {
        didSet { codingsChanged(from: oldValue) }
    }
    /// Code ids per segment id, from ``codings`` (kept in step by `didSet`).
    public private(set) var codesBySegment: [String: [String]] = [:]
    /// The first coding of each segment id in ``codings`` (what `CodingFile.coding(forSegment:)` finds).
    private(set) var codingBySegment: [String: SegmentCoding] = [:]
    /// How many codings of ``codings`` apply each code id (for the codebook panel).
    private(set) var codeCounts: [String: Int] = [:]
    /// True when no segment id occurs twice in ``codings`` (then the indexes can be updated in place).
    private var codingIndexesUnique = true
    /// Codable segments of ``document`` with at least one code in ``codings``.
    private(set) var codedSegmentCount = 0
    /// Other coders' codings of the open document (shown only when ``showOthers`` is on and this
    /// coder marked the document done: blind coding).
    public var otherCodings: [String: CodingFile] = [:]
    public var showOthers = false
    /// What has the keyboard: normal navigation, the code picker, a prompt, the memo editor …
    public var mode: Mode = .normal
    public var filter = SegmentFilter()
    public var search: TextSearch?
    /// The hits of the last search across documents (`*`).
    public var corpusHits: CorpusHits?
    /// The query results last left (by opening a segment or going back): `Q` runs that query
    /// again and shows the list at the same row.
    public var lastQuery: QueryResults?
    /// Most recently used code ids, newest first (at most 8).
    public var recentCodes: [String] = []
    /// Code memos of this coder, by code id.
    public var codeMemos: [String: String] = [:]
    /// This coder's project memo (`Codings/<coder>/project-memo.json`).
    public var projectMemo: String?
    /// Ids of codes this coder proposed that the team codebook does not have yet (shown only to
    /// this coder, marked `+`; Ctrl-A in the picker adopts one).
    public var proposedCodes: Set<String> = []
    /// What `u` undoes once the coding history is empty: the last codebook edit (a merge) or coding
    /// the hits of a search across documents (the run as a whole).
    public var codebookUndo: String?
    /// A quote span waiting for its in-vivo code to be created.
    public var pendingSpan: QuoteSpan?
    /// Screen row → segment index of the last frame, for mouse clicks.
    public var segmentRows: [Int: Int] = [:]
    /// Columns of the segment list in the last frame (clicks outside it move no cursor).
    public var segmentColumns: Range<Int> = 0..<Int.max
    /// Screen row → segment text cells of the last frame, for selecting a quote by mouse drag.
    public var textRows: [Int: TextRow] = [:]
    /// The mouse drag in progress (button 1 pressed on segment text).
    public var drag: DragSelection?
    /// Index of the current segment in `document.segments`.
    public var cursor = 0
    /// First segment shown; kept by the renderer so the cursor stays visible.
    public var scrollTop = 0
    /// Lines scrolled inside a current segment taller than the screen (reset when the cursor moves).
    public var segmentScroll = 0
    /// Lines of the current segment below the screen in the last frame (set by the controller).
    public var segmentOverflow = 0
    /// Rows available for the segment list (set by the controller from the terminal size).
    public var viewHeight = 20
    public var showHelp = false
    /// First help line shown (the help scrolls with j/k and the page keys).
    public var helpScroll = 0
    public var message: StatusMessage?
    public var saveState: SaveState = .saved
    public var undoStack: [CodingFile] = []
    public var redoStack: [CodingFile] = []
    public var lastCode: String?
    public var readOnly: Bool
    /// The clock for coding timestamps (injected; tests pin it).
    public var clock: @Sendable () -> String = { Timestamp.now() }
    /// Set by a first `q` while the last save failed; a second `q` quits anyway.
    public var quitPending = false
    /// Why the last save failed, until a later save succeeds.
    public var lastSaveError: String?
    /// Wrapped segment texts of earlier frames (a memo of ``TextWrap/wrap(_:width:)`` keyed on the
    /// text and the width, so it needs no invalidation). A reference: copies of the state share it.
    public var wrapCache = WrapCache()

    public init(
        projectName: String, coder: String, codebook: Codebook, documents: [DocumentEntry], readOnly: Bool = false,
        keymap: Keymap = Keymap()
    ) {
        self.projectName = projectName
        self.coder = coder
        self.codebook = codebook
        self.codeEntries = codebook.entries
        (codeEntryIndex, shortcutIndex) = Self.entryIndexes(codeEntries)
        self.documents = documents
        self.readOnly = readOnly
        self.keymap = keymap
        if readOnly { saveState = .readOnly }
    }

    /// The segment under the cursor.
    public var currentSegment: Segment? {
        guard let d = document, cursor >= 0, cursor < d.segments.count else { return nil }
        return d.segments[cursor]
    }

    /// Codes applied to segment `id` by this coder.
    public func codes(for id: String) -> [String] { codesBySegment[id] ?? [] }

    /// This coder's coding of segment `id` (`codings?.coding(forSegment: id)`, from the index).
    public func coding(forSegment id: String) -> SegmentCoding? { codingBySegment[id] }

    /// The codebook entry for `id` (`codebook.entry(id:)`, from the index).
    public func entry(id: String) -> CodeEntry? { codeEntryIndex[id].map { codeEntries[$0] } }

    /// Position of code `id` in codebook order, or nil.
    public func entryPosition(_ id: String) -> Int? { codeEntryIndex[id] }

    /// The entry whose shortcut is `key` (`codebook.code(forShortcut:)`, from the index).
    public func entry(forShortcut key: String) -> CodeEntry? { shortcutIndex[key].map { codeEntries[$0] } }

    static func index(_ file: CodingFile?) -> [String: [String]] {
        var result: [String: [String]] = [:]
        for c in file?.codings ?? [] where !c.codes.isEmpty { result[c.segment] = c.codes }
        return result
    }

    static func entryIndexes(_ entries: [CodeEntry]) -> (ids: [String: Int], shortcuts: [String: Int]) {
        var ids: [String: Int] = [:]
        var shortcuts: [String: Int] = [:]
        for (i, e) in entries.enumerated() {
            if ids[e.code.id] == nil { ids[e.code.id] = i }
            if let k = e.code.shortcut, shortcuts[k] == nil { shortcuts[k] = i }
        }
        return (ids, shortcuts)
    }

    private mutating func codebookChanged() {
        codeEntries = codebook.entries
        (codeEntryIndex, shortcutIndex) = Self.entryIndexes(codeEntries)
    }

    private mutating func documentChanged() {
        var ids: [String: Int] = [:]
        var count = 0
        for s in document?.segments ?? [] where s.codable {
            ids[s.id, default: 0] += 1
            count += 1
        }
        codableSegmentIds = ids
        codableSegmentCount = count
        recountCoded()
    }

    private mutating func codingsChanged(from old: CodingFile?) {
        if let old, let new = codings, updateIndexes(from: old.codings, to: new.codings) { return }
        rebuildCodingIndexes()
    }

    /// Updates the per-segment indexes for a change confined to a few neighbouring codings (a
    /// toggle, undo, redo): what differs between the common prefix and suffix of `old` and `new`
    /// is taken out and put in. Returns false (nothing changed) when a full rebuild is needed:
    /// a larger change, or a segment id that occurs twice.
    private mutating func updateIndexes(from old: [SegmentCoding], to new: [SegmentCoding]) -> Bool {
        guard codingIndexesUnique else { return false }
        let (prefix, suffix) = CodingDiff.commonEnds(old, new)
        let removed = old[prefix..<(old.count - suffix)]
        let added = new[prefix..<(new.count - suffix)]
        guard removed.count <= 8, added.count <= 8 else { return false }
        // Every added segment id must be absent once the removed ones are out (ids stay unique).
        let removedIds = Set(removed.map(\.segment))
        var addedIds: Set<String> = []
        for c in added {
            guard addedIds.insert(c.segment).inserted,
                removedIds.contains(c.segment) || codingBySegment[c.segment] == nil
            else { return false }
        }
        for c in removed {
            codingBySegment[c.segment] = nil
            if !c.codes.isEmpty {
                codesBySegment[c.segment] = nil
                codedSegmentCount -= codableSegmentIds[c.segment] ?? 0
            }
            for id in c.codes {
                let n = (codeCounts[id] ?? 0) - 1
                codeCounts[id] = n > 0 ? n : nil
            }
        }
        for c in added {
            codingBySegment[c.segment] = c
            if !c.codes.isEmpty {
                codesBySegment[c.segment] = c.codes
                codedSegmentCount += codableSegmentIds[c.segment] ?? 0
            }
            for id in c.codes { codeCounts[id, default: 0] += 1 }
        }
        return true
    }

    private mutating func rebuildCodingIndexes() {
        codesBySegment = Self.index(codings)
        var first: [String: SegmentCoding] = [:]
        var counts: [String: Int] = [:]
        for c in codings?.codings ?? [] {
            if first[c.segment] == nil { first[c.segment] = c }
            for id in c.codes { counts[id, default: 0] += 1 }
        }
        codingBySegment = first
        codingIndexesUnique = first.count == (codings?.codings.count ?? 0)
        codeCounts = counts
        recountCoded()
    }

    private mutating func recountCoded() {
        codedSegmentCount = codesBySegment.keys.reduce(0) { $0 + (codableSegmentIds[$1] ?? 0) }
    }

    /// Indices of the segments the filter lets through, in order.
    public var visibleIndices: [Int] {
        guard let d = document else { return [] }
        guard filter.isActive else { return Array(d.segments.indices) }
        let subtree = filter.code.map { SegmentFilter.subtree($0, codebook) }
        let passing = filter.expression?.passing(codings: codings, coder: coder)
        return d.segments.indices.filter {
            (passing?.contains($0) ?? true)
                && filter.accepts(d.segments[$0], codes: codes(for: d.segments[$0].id), subtree: subtree)
        }
    }

    /// Position in `visible` (ascending segment indices) of the first index ≥ `index`, or nil.
    static func position(in visible: [Int], atLeast index: Int) -> Int? {
        var lo = 0
        var hi = visible.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if visible[mid] < index { lo = mid + 1 } else { hi = mid }
        }
        return lo < visible.count ? lo : nil
    }

    /// True when other coders' codings may be shown: this coder marked the document done.
    public var othersVisible: Bool { showOthers && codings?.status == .done }

    /// Codable segments with at least one code, and codable segments in all.
    public var progress: (coded: Int, codable: Int) {
        guard document != nil else { return (0, 0) }
        return (codedSegmentCount, codableSegmentCount)
    }

    /// The keymap context of the current screen.
    public var keyContext: KeyBinding.Context { screen == .documents ? .documents : .coding }
}
