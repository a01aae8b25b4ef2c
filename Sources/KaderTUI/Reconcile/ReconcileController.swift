import Foundation
import KaderCore

/// Runs `kader reconcile`: finds the disagreements of two coders, turns keys into
/// ``ReconcileState`` changes and writes each resolution through the consensus coder's
/// ``CodingStore`` before the next frame is drawn.
///
/// Disagreements: codable segments of documents that **both** coders marked done, whose code
/// sets differ. The two coders' files are only read, never written.
/// Resolved = the consensus file has a coding for the segment (possibly with no codes, which
/// records "no code applies"), so progress survives closing and reopening. The first time a
/// document's consensus is written, the segments both coders coded alike are copied into it as
/// well; the consensus file is `done` once every disagreement in it is resolved. The consensus
/// keeps the coders' quote spans and memos of the codes it keeps (``ConsensusCoding``).
public final class ReconcileController {
    public private(set) var state: ReconcileState
    let project: Project
    let store: CodingStore
    var documents: [String: Document] = [:]
    var agreed: [String: [(Segment, [String])]] = [:]
    /// Both coders' files by document id, for the spans and memos the consensus keeps.
    var sources: [String: (CodingFile, CodingFile)] = [:]
    var consensus: [String: CodingFile] = [:]
    let time: () -> String

    /// Reads both coders' codings and the consensus file. `store` is the consensus coder's store.
    /// - Throws: ``StoreError`` for a damaged codings file, a loader error for a transcript.
    public init(
        project: Project, first: String, second: String, store: CodingStore,
        loader: TranscriptLoader? = nil, time: @escaping () -> String = Timestamp.now
    ) throws {
        self.project = project
        self.store = store
        self.time = time
        var items: [ReconcileItem] = []
        var resolutions: [Int: Resolution] = [:]
        for path in project.transcriptPaths {
            let doc = try project.loadDocument(path: path, loader: loader)
            let a = try CodingStore.read(projectRoot: project.root, coder: first, document: doc)
            let b = try CodingStore.read(projectRoot: project.root, coder: second, document: doc)
            guard a.status == .done, b.status == .done else { continue }
            let c = try store.load(document: doc)
            documents[doc.id] = doc
            consensus[doc.id] = c
            sources[doc.id] = (a, b)
            /// Each code's quotes as text (several joined with ` … `).
            func quotes(_ file: CodingFile, _ s: Segment) -> [String: String] {
                var out: [String: String] = [:]
                for applied in file.coding(forSegment: s.id)?.applied ?? [] where !applied.spans.isEmpty {
                    out[applied.code] = applied.spans.map { $0.text ?? s.scalarText(from: $0.start, to: $0.end) }
                        .joined(separator: " … ")
                }
                return out
            }
            for (k, s) in doc.segments.enumerated() where s.codable {
                let ca = a.codes(forSegment: s.id)
                let cb = b.codes(forSegment: s.id)
                if Set(ca) == Set(cb) {
                    if !ca.isEmpty { agreed[doc.id, default: []].append((s, ca)) }
                    continue
                }
                if let existing = c.coding(forSegment: s.id) {
                    let picks = ReconcileState.inferredPicks(
                        of: existing,
                        coders: [(first, a.coding(forSegment: s.id)), (second, b.coding(forSegment: s.id))],
                        segment: s)
                    resolutions[items.count] = Resolution(codes: existing.codes, memo: existing.memo, picks: picks)
                }
                var item = ReconcileItem(
                    documentId: doc.id, documentTitle: doc.title, segment: s, first: ca, second: cb,
                    previous: k > 0 ? doc.segments[k - 1] : nil,
                    next: k + 1 < doc.segments.count ? doc.segments[k + 1] : nil,
                    firstMemo: a.coding(forSegment: s.id)?.memo, secondMemo: b.coding(forSegment: s.id)?.memo,
                    firstQuotes: quotes(a, s), secondQuotes: quotes(b, s))
                item.firstCoding = a.coding(forSegment: s.id)
                item.secondCoding = b.coding(forSegment: s.id)
                items.append(item)
            }
        }
        state = ReconcileState(
            firstCoder: first, secondCoder: second, consensusCoder: store.coder,
            codebook: project.codebook, items: items, resolutions: resolutions)
        if items.isEmpty { state.message = "Nothing to reconcile; q quits." }
    }

    /// Handles one key; returns false when the app should quit.
    @discardableResult
    public func handle(_ key: Key) -> Bool {
        let before = state.resolutions
        for effect in state.handle(key: key) {
            if case .save(let index, let resolution) = effect { save(index, resolution, previous: before[index]) }
        }
        return !state.quitRequested
    }

    public func frame(width: Int, height: Int) -> ScreenBuffer {
        ReconcileView.render(state, width: width, height: height)
    }

    /// Draw, read a key, handle it, until quit or end of input.
    public func run(on terminal: Terminal) {
        while true {
            let (w, h) = terminal.size
            terminal.draw(frame(width: w, height: h))
            guard let key = terminal.readKey() else { return }
            if !handle(key) { return }
        }
    }

    func save(_ index: Int, _ resolution: Resolution, previous: Resolution?) {
        let item = state.items[index]
        guard var file = consensus[item.documentId] else { return }
        let now = time()
        let (a, b) =
            sources[item.documentId] ?? (
                CodingFile(coder: "", document: "", contentHash: ""),
                CodingFile(coder: "", document: "", contentHash: "")
            )
        func coders(_ s: Segment) -> [(name: String, coding: SegmentCoding?)] {
            [(state.firstCoder, a.coding(forSegment: s.id)), (state.secondCoder, b.coding(forSegment: s.id))]
        }
        if file.codings.isEmpty {
            for (s, codes) in agreed[item.documentId] ?? [] {
                file.codings.append(
                    ConsensusCoding.merge(
                        codes: codes, memo: nil, coders: coders(s), segment: s, created: now, modified: now))
            }
        }
        let s = item.segment
        let created = file.coding(forSegment: s.id)?.created ?? now
        let merged = ConsensusCoding.merge(
            codes: resolution.codes, memo: resolution.memo, coders: coders(s), segment: s, created: created,
            modified: now, spanPicks: resolution.picks)
        if let i = file.codings.firstIndex(where: { $0.segment == s.id }) {
            file.codings[i] = merged
        } else {
            file.codings.append(merged)
        }
        file.codings.sort { ($0.ordinal, $0.segment) < ($1.ordinal, $1.segment) }
        let open = state.items.indices.contains {
            state.items[$0].documentId == item.documentId && state.resolutions[$0] == nil
        }
        if let doc = documents[item.documentId] {
            file = file.settingStatus(open ? .inProgress : .done, document: doc)
        } else {
            file.status = open ? .inProgress : .done
        }
        do {
            try store.save(file)
            consensus[item.documentId] = file
            state.lastSaveFailed = false
        } catch {
            state.resolutions[index] = previous
            state.lastSaveFailed = true
            state.message = "Not saved: " + error.localizedDescription
        }
    }
}
