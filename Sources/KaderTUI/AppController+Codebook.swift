import Foundation
import KaderCore

/// Codebook changes, memos, retrieval and other coders, carried out for the TUI.
extension AppController {
    /// Writes a changed codebook to its file, then shows it.
    @discardableResult
    func changeCodebook(_ success: String, _ edit: (Codebook) throws -> Codebook) -> Bool {
        do {
            let next = try edit(state.codebook)
            try CodebookFile.save(next, to: project.codebookURL)
            state.codebook = next
            state.message = StatusMessage(success)
            return true
        } catch {
            state.message = StatusMessage("Codebook not changed: " + error.localizedDescription, isError: true)
            return false
        }
    }

    /// Renames a code through ``CodebookEdits`` (ids stay, so codings stay).
    func renameCode(_ id: String, to name: String) {
        do {
            let result = try CodebookEdits.rename(project: try Project(root: project.root), id: id, to: name)
            state.codebook = result.codebook
            state.message = StatusMessage("Renamed to \"\(name)\"; every coding keeps it.")
        } catch {
            state.message = StatusMessage("Codebook not changed: " + error.localizedDescription, isError: true)
        }
    }

    /// Merges `from` into `into` for every coder (this coder's files through the open store).
    func mergeCodes(_ from: String, into: String) {
        let fromName = state.codebook.entry(id: from)?.code.name ?? from
        let intoName = state.codebook.entry(id: into)?.code.name ?? into
        do {
            let result = try CodebookEdits.merge(project: try Project(root: project.root), from: from, into: into, openStores: [store])
            state.codebook = result.codebook
            if let doc = state.document { state.codings = try store.load(document: doc) }
            state.undoStack = []
            state.redoStack = []
            if state.lastCode == from { state.lastCode = into }
            state.recentCodes.removeAll { $0 == from }
            state.message = StatusMessage("Merged \"\(fromName)\" into \"\(intoName)\": \(result.codingsMoved) codings moved in \(result.filesChanged.count) files.")
        } catch {
            state.message = StatusMessage("Not merged: " + error.localizedDescription, isError: true)
        }
    }

    func createCode(_ name: String, parent: String?, span: QuoteSpan?) {
        let reserved = Set(state.keymap.reservedCharacters.map(String.init))
        var added: Code?
        let ok = changeCodebook("") { book in
            let (next, code) = try book.addingCode(named: name, under: parent, reservedKeys: reserved)
            added = code
            return next
        }
        guard ok, let code = added else { return }
        perform(state.toggle(code.id))
        if let span, let file = state.codings, let seg = state.currentSegment, span.start >= seg.start, span.end <= seg.end {
            perform(state.commit(file, file.settingSpans([span], code: code.id, on: seg, at: Timestamp.now())))
        }
        let key = code.shortcut.map { " (key \($0))" } ?? ""
        state.message = StatusMessage("New code \"\(code.name)\"\(key) added to \(project.codebookURL.lastPathComponent) and applied.")
    }

    func saveCodeMemos(_ memos: [String: String]) {
        do {
            try CodeMemoFile.save(memos, projectRoot: project.root, coder: state.coder)
            state.message = StatusMessage("Code memo saved.")
        } catch {
            state.message = StatusMessage("Code memo not saved: " + error.localizedDescription, isError: true)
        }
    }

    /// Every segment this coder coded with `codeId` (or a sub-code), across documents.
    func loadRetrieval(_ codeId: String) {
        let ids = SegmentFilter.subtree(codeId, state.codebook)
        var rows: [RetrievalRow] = []
        var failures: [String] = []
        for index in state.documents.indices {
            let entry = state.documents[index]
            let url = CodingStore.fileURL(projectRoot: project.root, coder: state.coder, documentId: entry.id)
            guard FileManager.default.fileExists(atPath: url.path) else { continue }
            do {
                let doc = try document(at: index)
                let file = doc.id == state.codings?.document ? state.codings! : try store.load(document: doc)
                let byId = Dictionary(doc.segments.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
                for c in file.codings where c.codes.contains(where: ids.contains) {
                    guard let s = byId[c.segment] else { continue }
                    // One row per quote of the matching codes, else the segment.
                    let spans = Array(Set(c.applied.filter { ids.contains($0.code) }.flatMap(\.spans))).sorted()
                    let texts = spans.isEmpty ? [s.text] : spans.map { s.scalarText(from: $0.start, to: $0.end) }
                    for text in texts {
                        rows.append(RetrievalRow(documentIndex: index, documentId: doc.id, segmentId: s.id, ordinal: s.ordinal, speaker: s.speaker, role: s.role, text: text))
                    }
                }
            } catch {
                failures.append(entry.path)
            }
        }
        state.mode = .retrieval(Retrieval(codeId: codeId, rows: rows))
        let name = state.entry(id: codeId)?.pathString ?? codeId
        state.message = StatusMessage("\(rows.count) segments coded \(name)" + (failures.isEmpty ? "." : "; could not read \(failures.joined(separator: ", ")).") + " Enter opens, Esc returns.")
    }

    func loadOtherCoders() {
        guard let doc = state.document else { return }
        var others: [String: CodingFile] = [:]
        for coder in CodingStore.coders(projectRoot: project.root) where coder != state.coder {
            if let file = try? CodingStore.read(projectRoot: project.root, coder: coder, document: doc), !file.codings.isEmpty {
                others[coder] = file
            }
        }
        state.otherCodings = others
        state.message = StatusMessage(others.isEmpty ? "No other coder has coded this document." : "Showing codings of \(others.keys.sorted().joined(separator: ", ")).")
    }
}
