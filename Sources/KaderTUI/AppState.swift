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
        didSet { codeEntries = codebook.entries }
    }
    public private(set) var codeEntries: [CodeEntry]
    public var keymap: Keymap
    public var documents: [DocumentEntry]
    public var documentCursor = 0
    public var screen: ScreenKind = .documents
    public var document: Document?
    /// This coder's codings of the open document. Setting it rebuilds the per-segment index.
    public var codings: CodingFile? {
        didSet { codesBySegment = Self.index(codings) }
    }
    /// Code ids per segment id, from ``codings`` (kept in step by `didSet`).
    public private(set) var codesBySegment: [String: [String]] = [:]
    /// Other coders' codings of the open document (shown only when ``showOthers`` is on and this
    /// coder marked the document done: blind coding).
    public var otherCodings: [String: CodingFile] = [:]
    public var showOthers = false
    /// What has the keyboard: normal navigation, the code picker, a prompt, the memo editor …
    public var mode: Mode = .normal
    public var filter = SegmentFilter()
    public var search: TextSearch?
    /// Most recently used code ids, newest first (at most 8).
    public var recentCodes: [String] = []
    /// Code memos of this coder, by code id.
    public var codeMemos: [String: String] = [:]
    /// A quote span waiting for its in-vivo code to be created.
    public var pendingSpan: QuoteSpan?
    /// Screen row → segment index of the last frame, for mouse clicks.
    public var segmentRows: [Int: Int] = [:]
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
    public var quitRequested = false
    /// Set by a first `q` while the last save failed; a second `q` quits anyway.
    public var quitPending = false
    /// Why the last save failed, until a later save succeeds.
    public var lastSaveError: String?

    public init(projectName: String, coder: String, codebook: Codebook, documents: [DocumentEntry], readOnly: Bool = false, keymap: Keymap = Keymap()) {
        self.projectName = projectName
        self.coder = coder
        self.codebook = codebook
        self.codeEntries = codebook.entries
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

    static func index(_ file: CodingFile?) -> [String: [String]] {
        var result: [String: [String]] = [:]
        for c in file?.codings ?? [] where !c.codes.isEmpty { result[c.segment] = c.codes }
        return result
    }

    /// Indices of the segments the filter lets through, in order.
    public var visibleIndices: [Int] {
        guard let d = document else { return [] }
        guard filter.isActive else { return Array(d.segments.indices) }
        return d.segments.indices.filter { filter.accepts(d.segments[$0], codes: codes(for: d.segments[$0].id), codebook: codebook) }
    }

    /// True when other coders' codings may be shown: this coder marked the document done.
    public var othersVisible: Bool { showOthers && codings?.status == .done }

    /// Codable segments with at least one code, and codable segments in all.
    public var progress: (coded: Int, codable: Int) {
        guard let d = document else { return (0, 0) }
        let coded = d.segments.reduce(0) { $0 + ($1.codable && codesBySegment[$1.id] != nil ? 1 : 0) }
        return (coded, d.codableSegmentCount)
    }

    /// The keymap context of the current screen.
    public var keyContext: KeyBinding.Context { screen == .documents ? .documents : .coding }
}
