import Foundation
import KaderCore

/// Runs the TUI: turns keys into actions, carries out effects (loading documents, saving
/// codings through the store, changing the codebook) and draws frames. Saving happens before
/// the next frame is drawn, so "saved" on screen always means "on disk".
public final class AppController {
    public internal(set) var state: AppState
    public let project: Project
    let store: CodingStore
    let loader: TranscriptLoader?
    /// Documents loaded so far, by path (documents are loaded when first opened).
    var loaded: [String: Document] = [:]
    /// Saves that failed so far (each one rolled back on screen).
    private(set) var failedSaves = 0
    /// The last frame was the "terminal too small" screen.
    private(set) var tooSmall = false
    /// Every file's bytes before and after the last merge (or coding of search hits), for `u`
    /// (see ``undoCodebookEdit()``).
    var mergeUndo: (before: [URL: Data], after: [URL: Data])?
    /// The terminal while ``run(on:)`` runs, so that work reading every transcript can show a
    /// line saying so before it starts instead of leaving the screen still.
    weak var terminal: Terminal?
    /// Transcripts, attributes and codings read for the overview, queries, the `where` filter and
    /// the search across documents, kept between openings (one load of the transcripts for all).
    let analysisCache = AnalysisCache()

    /// Entries of the document list whose codings file is not read yet, from ``nextPending`` on.
    private(set) var pendingEntries = 0
    private var nextPending = 0
    /// The status line shown while entries are pending.
    private var readingNote: StatusMessage?

    /// Opens the coding screen's controller. The document list is filled from the coder's
    /// codings files for at most `listBudget` seconds here; the rest is filled between keys
    /// (``fillPendingEntries(budget:)``), so a large project shows its first frame at once.
    public init(
        project: Project, store: CodingStore, loader: TranscriptLoader? = nil, keymap: Keymap = Keymap(),
        showOthers: Bool = false, listBudget: Double = 0.025
    ) {
        self.project = project
        self.store = store
        self.loader = loader
        var entries = zip(project.transcriptPaths, project.documentIds).map { path, id in
            DocumentEntry(path: path, id: id)
        }
        for i in entries.indices { entries[i].pending = true }
        pendingEntries = entries.count
        state = AppState(
            projectName: project.root.lastPathComponent, coder: store.coder, codebook: project.codebook,
            documents: entries, readOnly: store.readOnly, keymap: keymap)
        state.showOthers = showOthers
        fillPendingEntries(budget: listBudget)
        do {
            state.codeMemos = try CodeMemoFile.load(projectRoot: project.root, coder: store.coder)
            state.projectMemo = try ProjectMemoFile.load(projectRoot: project.root, coder: store.coder)?.memo
            let proposals = try ProposedCodes.load(projectRoot: project.root, coder: store.coder)
            state.proposedCodes = ProposedCodes.proposedIds(proposals, team: project.codebook)
            if !state.proposedCodes.isEmpty { state.codebook = project.codebook.overlaying(proposals) }
        } catch {
            state.message = StatusMessage(error.localizedDescription, isError: true)
        }
        if let u = project.unreadableFiles.first {
            state.message = StatusMessage(
                u.message
                    + (project.unreadableFiles.count > 1
                        ? " (and \(project.unreadableFiles.count - 1) more; see kader check)" : ""),
                isError: true)
        }
        if let d = project.duplicateTranscripts.first {
            state.message = StatusMessage(
                d.message
                    + (project.duplicateTranscripts.count > 1
                        ? " (and \(project.duplicateTranscripts.count - 1) more; see kader check)" : ""),
                isError: true)
        }
        let clashes = project.codebook.entries.compactMap(\.code.shortcut).filter {
            $0.count == 1 && keymap.reservedCharacters.contains(Character($0))
        }
        if !clashes.isEmpty {
            state.message = StatusMessage(
                "Codebook shortcuts \(clashes.joined(separator: ", ")) are Kader keys; use the picker (c) for those codes.",
                isError: true)
        }
    }

    /// Reads the coder's file for a document (without loading the transcript) for the list.
    static func entry(path: String, id: String, project: Project, coder: String) -> DocumentEntry {
        let url = CodingStore.fileURL(projectRoot: project.root, coder: CoderName(coder), documentId: DocumentID(id))
        let exists = FileManager.default.fileExists(atPath: url.path)
        guard exists || CodingStore.orphanJournalRecords(url) != nil else { return DocumentEntry(path: path, id: id) }
        guard exists, let file = try? CodingStore.readFile(url) else {
            var entry = DocumentEntry(path: path, id: id)
            entry.damaged = true
            return entry
        }
        return DocumentEntry(
            path: path, id: id, status: file.status, coded: file.codings.filter { !$0.codes.isEmpty }.count)
    }

    /// Reads the coder's codings files of pending list entries, in list order, for about
    /// `budget` seconds (at least one file); the codable counts come from the document cache
    /// when it has them. While entries remain, the status line says how far reading got.
    /// Returns true when some entry changed.
    @discardableResult
    public func fillPendingEntries(budget: Double) -> Bool {
        guard pendingEntries > 0 else { return false }
        let start = DispatchTime.now().uptimeNanoseconds
        let cache = DocumentCache(root: project.root)
        let options = (loader ?? TranscriptLoader(options: project.settings.loadOptions)).options
        repeat {
            let i = nextPending
            nextPending += 1
            guard i < state.documents.count, state.documents[i].pending else { continue }
            let old = state.documents[i]
            var entry = Self.entry(path: old.path, id: old.id, project: project, coder: store.coder)
            entry.codable = old.codable ?? cache.summary(path: old.path, options: options)?.codableSegments
            state.documents[i] = entry
            pendingEntries -= 1
        } while pendingEntries > 0 && nextPending < state.documents.count
            && Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 < budget
        if nextPending >= state.documents.count { pendingEntries = 0 }
        let total = state.documents.count
        if pendingEntries > 0 {
            let note = StatusMessage("Reading your codings… \(total - pendingEntries) of \(total) documents")
            if state.message == nil || state.message == readingNote { state.message = note }
            readingNote = note
        } else if let note = readingNote {
            if state.message == note { state.message = nil }
            readingNote = nil
        }
        return true
    }

    /// Opens the document with this id (or file name) directly.
    /// - Throws: ``ProjectError/unknownDocument(id:available:)``.
    public func open(documentNamed name: String) throws {
        let index = try Self.documentIndex(named: name, in: project)
        state.documentCursor = index
        perform([.openDocument(index)])
    }

    /// The index in `project.transcriptPaths` of the document with this id, path or file name.
    /// - Throws: ``ProjectError/unknownDocument(id:available:)``.
    public static func documentIndex(named name: String, in project: Project) throws -> Int {
        let paths = project.transcriptPaths
        let ids = project.documentIds
        let index =
            paths.indices.first {
                ids[$0] == name || paths[$0] == name || (paths[$0] as NSString).lastPathComponent == name
            }
            ?? ids.firstIndex(of: TranscriptLoader.documentId(forFileName: name))
        guard let index else { throw ProjectError.unknownDocument(id: name, available: ids) }
        return index
    }

    /// Handles one key; returns false when the app should quit.
    @discardableResult
    public func handle(_ key: Key) -> Bool {
        // While the terminal is too small nothing is shown, so only quitting is taken.
        if tooSmall && key != .char("q") { return true }
        let history = (state.undoStack, state.redoStack)
        let saveFailures = failedSaves
        let effects = state.handle(key: key)
        perform(effects)
        if failedSaves > saveFailures {
            // The change was rolled back: the history goes back to what it was too.
            (state.undoStack, state.redoStack) = history
        }
        return !effects.contains(.quit)
    }

    /// Renders the current state at `width` × `height` and remembers the layout.
    public func frame(width: Int, height: Int) -> ScreenBuffer {
        state.viewHeight = Renderer.bodyHeight(forTerminalHeight: height)
        tooSmall = width < Renderer.minimumWidth || height < Renderer.minimumHeight
        let frame = Renderer.render(state, width: width, height: height)
        state.scrollTop = frame.scrollTop
        state.segmentRows = frame.segmentRows
        state.segmentColumns = frame.segmentColumns
        state.textRows = frame.textRows
        state.segmentOverflow = frame.segmentOverflow
        return frame.screen
    }

    /// The main loop: draw, read a key, handle it, until quit or end of input.
    public func run(on terminal: Terminal) {
        self.terminal = terminal
        defer { self.terminal = nil }
        while true {
            let (w, h) = terminal.size
            terminal.draw(frame(width: w, height: h))
            let key = terminal.readKey(idleAfter: pendingEntries > 0 ? 0 : 400) {
                if pendingEntries > 0 { return fillPendingEntries(budget: 0.03) }
                foldJournals()
                return false
            }
            guard let key else { return }
            if !handle(key) { return }
        }
    }

    /// While the coder pauses: fold the codings journal into the codings file, so the file in
    /// the project (and in git) is complete again within a second of the last change.
    func foldJournals() {
        guard store.hasJournaledChanges else { return }
        do {
            try store.compactJournals()
        } catch {
            state.message = StatusMessage(
                "Saved, but the codings file could not be rewritten: " + error.localizedDescription, isError: true)
        }
    }

    /// Runs `work`; when `reading`, first draws the screen with a status line saying that every
    /// transcript is being read (the first overview, query or search across documents of a large
    /// project takes seconds). The line goes when the work leaves no message of its own.
    func busy(_ reading: Bool, _ work: () -> Void) {
        guard reading, let terminal else { return work() }
        let note = StatusMessage("Reading every transcript and your codings… (\(state.documents.count) documents)")
        state.message = note
        let (w, h) = terminal.size
        terminal.draw(frame(width: w, height: h))
        work()
        if state.message == note { state.message = nil }
    }

    func perform(_ effects: [Effect]) {
        for effect in effects {
            switch effect {
            case .quit: break
            case .openDocument(let index, let segmentId): openDocument(index, at: segmentId)
            case .persist(let previous, let next): persist(previous: previous, next: next)
            case .createCode(let name, let parent, let span, let category):
                createCode(name, parent: parent, span: span, category: category)
            case .adoptCode(let id): adoptCode(id)
            case .undoCodebookEdit: undoCodebookEdit()
            case .renameCode(let id, let name): renameCode(id, to: name)
            case .mergeCodes(let from, let into): mergeCodes(from, into: into)
            case .saveCodeMemos(let memos): saveCodeMemos(memos)
            case .saveProjectMemo(let memo): saveProjectMemo(memo)
            case .loadRetrieval(let id): loadRetrieval(id)
            case .loadOtherCoders: loadOtherCoders()
            case .applyWhere(let text):
                busy(analysisCache.base == nil) { applyWhere(text) }
            case .searchCorpus(let term):
                busy(analysisCache.base == nil) { searchCorpus(term) }
            case .codeHits(let code, let segments): codeHits(code, segments)
            case .loadOverview: busy(true) { loadOverview() }
            case .openQuery(let text): openQuery(text)
            case .runQuery(let expression, let name): busy(true) { runQuery(expression, name: name) }
            }
        }
    }

    func document(at index: Int) throws -> Document {
        let path = state.documents[index].path
        if let d = loaded[path] { return d }
        let d = try project.loadDocument(path: path, loader: loader)
        loaded[path] = d
        return d
    }

    private func openDocument(_ index: Int, at segmentId: String? = nil) {
        let entry = state.documents[index]
        do {
            let doc = try document(at: index)
            // A damaged or unknown-schema file throws here: the document does not open, so
            // nothing can be saved over it (and CodingStore.save re-checks the file on disk).
            let (file, report) = try store.loadReanchored(document: doc)
            var anchorNote = ""
            if !report.isClean {
                anchorNote = " Transcript changed since coding: " + report.summary + "."
                if !store.readOnly {
                    do {
                        try store.save(file)
                    } catch {
                        anchorNote += " Not saved: " + error.localizedDescription
                    }
                }
            }
            state.document = doc
            state.codings = file
            state.cursor = 0
            state.scrollTop = 0
            state.undoStack = []
            state.redoStack = []
            state.otherCodings = [:]
            state.filter = SegmentFilter()
            state.screen = .coding
            state.documentCursor = index
            state.documents[index].codable = doc.codableSegmentCount
            refreshEntry(index)
            if let segmentId, let i = doc.segments.firstIndex(where: { $0.id == segmentId }) {
                state.cursor = i
            } else if let first = doc.segments.firstIndex(where: { $0.codable && file.codes(forSegment: $0.id).isEmpty }
            ) {
                state.cursor = first
            }
            if state.showOthers && file.status == .done { loadOtherCoders() }
            let d = doc.diagnostics
            state.message = StatusMessage(
                "Opened \(entry.path): \(doc.segments.count) segments, \(d.encoding.rawValue), labels \(d.labelPattern)\(d.warnings.isEmpty ? "" : "; \(d.warnings.count) warnings (kader segments shows them)").\(anchorNote)",
                isError: !report.isClean)
        } catch {
            state.message = StatusMessage(error.localizedDescription, isError: true)
        }
    }

    private func persist(previous: CodingFile, next: CodingFile) {
        do {
            try store.save(next)
            state.saveFinished(previous: previous, error: nil, readOnly: store.readOnly)
        } catch {
            failedSaves += 1
            state.saveFinished(previous: previous, error: error.localizedDescription, readOnly: store.readOnly)
        }
        if let i = state.documents.firstIndex(where: { $0.id == next.document }) { refreshEntry(i) }
    }

    private func refreshEntry(_ index: Int) {
        guard let file = state.codings, file.document == state.documents[index].id else { return }
        if state.documents[index].pending {
            state.documents[index].pending = false
            pendingEntries -= 1
        }
        state.documents[index].status = file.status
        state.documents[index].coded = file.codings.filter { !$0.codes.isEmpty }.count
    }
}
