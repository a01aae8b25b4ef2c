import Foundation
import KaderCore

/// Runs the TUI: turns keys into actions, carries out effects (loading documents, saving
/// codings through the store) and draws frames. Saving happens before the next frame is drawn,
/// so "saved" on screen always means "on disk".
public final class AppController {
    public private(set) var state: AppState
    public let project: Project
    let store: CodingStore
    let loader: TranscriptLoader

    public init(project: Project, store: CodingStore, loader: TranscriptLoader = TranscriptLoader(), keymap: Keymap = Keymap()) {
        self.project = project
        self.store = store
        self.loader = loader
        let entries = zip(project.transcriptPaths, project.documentIds).map { path, id in
            Self.entry(path: path, id: id, project: project, coder: store.coder)
        }
        state = AppState(
            projectName: project.root.lastPathComponent, coder: store.coder, codebook: project.codebook,
            documents: entries, readOnly: store.readOnly, keymap: keymap)
    }

    /// Reads the coder's file for a document (without loading the transcript) for the list.
    static func entry(path: String, id: String, project: Project, coder: String) -> DocumentEntry {
        let url = CodingStore.fileURL(projectRoot: project.root, coder: coder, documentId: id)
        guard let data = try? Data(contentsOf: url) else { return DocumentEntry(path: path, id: id) }
        guard let file = try? CodingFile.decode(data, path: url.path) else {
            var entry = DocumentEntry(path: path, id: id)
            entry.damaged = true
            return entry
        }
        return DocumentEntry(path: path, id: id, status: file.status, coded: file.codings.filter { !$0.codes.isEmpty }.count)
    }

    /// Opens the document with this id (or file name) directly.
    /// - Throws: ``ProjectError/unknownDocument(id:available:)``.
    public func open(documentNamed name: String) throws {
        let index = state.documents.firstIndex { $0.id == name || $0.path == name || ($0.path as NSString).lastPathComponent == name }
            ?? state.documents.firstIndex { $0.id == TranscriptLoader.documentId(forFileName: name) }
        guard let index else { throw ProjectError.unknownDocument(id: name, available: state.documents.map(\.id)) }
        state.documentCursor = index
        perform([.openDocument(index)])
    }

    /// Handles one key; returns false when the app should quit.
    @discardableResult
    public func handle(_ key: Key) -> Bool {
        let effects = state.handle(key: key)
        perform(effects)
        return !state.quitRequested
    }

    /// Renders the current state at `width` × `height` and remembers the scroll position.
    public func frame(width: Int, height: Int) -> ScreenBuffer {
        state.viewHeight = Renderer.bodyHeight(forTerminalHeight: height)
        let (screen, top) = Renderer.render(state, width: width, height: height)
        state.scrollTop = top
        return screen
    }

    /// The main loop: draw, read a key, handle it, until quit or end of input.
    public func run(on terminal: Terminal) {
        while true {
            let (w, h) = terminal.size
            terminal.draw(frame(width: w, height: h))
            guard let key = terminal.readKey() else { return }
            if !handle(key) { return }
        }
    }

    func perform(_ effects: [Effect]) {
        for effect in effects {
            switch effect {
            case .quit: break
            case .openDocument(let index): openDocument(index)
            case .persist(let previous, let next): persist(previous: previous, next: next)
            }
        }
    }

    private func openDocument(_ index: Int) {
        let entry = state.documents[index]
        do {
            let doc = try project.loadDocument(path: entry.path, loader: loader)
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
            state.screen = .coding
            state.documents[index].codable = doc.codableSegmentCount
            refreshEntry(index)
            if let first = doc.segments.firstIndex(where: { $0.codable && file.codes(forSegment: $0.id).isEmpty }) { state.cursor = first }
            state.message = StatusMessage("Opened \(entry.path): \(doc.segments.count) segments, \(doc.diagnostics.encoding), labels \(doc.diagnostics.labelPattern).\(anchorNote)", isError: !report.isClean)
        } catch {
            state.message = StatusMessage(error.localizedDescription, isError: true)
        }
    }

    private func persist(previous: CodingFile, next: CodingFile) {
        do {
            try store.save(next)
            state.saveState = store.readOnly ? .readOnly : .saved
        } catch {
            state.codings = previous
            state.saveState = .failed
            state.message = StatusMessage("Not saved: " + error.localizedDescription, isError: true)
        }
        if let i = state.documents.firstIndex(where: { $0.id == next.document }) { refreshEntry(i) }
    }

    private func refreshEntry(_ index: Int) {
        guard let file = state.codings, file.document == state.documents[index].id else { return }
        state.documents[index].status = file.status
        state.documents[index].coded = file.codings.filter { !$0.codes.isEmpty }.count
    }
}
