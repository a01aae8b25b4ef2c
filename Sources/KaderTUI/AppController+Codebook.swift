import Foundation
import KaderCore

/// Codebook changes, memos, retrieval and other coders, carried out for the TUI.
extension AppController {
    /// The team codebook as it is on disk now (edits are applied to it, never to the copy read
    /// at start, so a codebook changed by another coder is not overwritten).
    func teamCodebookOnDisk() throws -> Codebook { try CodebookFile.load(project.codebookURL) }

    /// Shows `team` with this coder's proposals laid over it.
    func showCodebook(team: Codebook, proposals: Codebook) {
        state.proposedCodes = ProposedCodes.proposedIds(proposals, team: team)
        state.codebook = team.overlaying(proposals)
    }

    /// Renames a code through ``CodebookEdits`` (ids stay, so codings stay); a proposed code is
    /// renamed in this coder's proposals only.
    func renameCode(_ id: String, to name: String) {
        do {
            var proposals = try ProposedCodes.load(projectRoot: project.root, coder: state.coder)
            let team: Codebook
            if state.proposedCodes.contains(id) {
                team = try teamCodebookOnDisk()
                proposals.codes = proposals.codes.renaming(id, to: name)
                try ProposedCodes.save(proposals, projectRoot: project.root, coder: state.coder)
            } else {
                team = try CodebookEdits.rename(project: try Project(root: project.root), id: id, to: name).codebook
            }
            showCodebook(team: team, proposals: proposals)
            state.message = StatusMessage("Renamed to \"\(name)\"; every coding keeps it.")
        } catch {
            state.message = StatusMessage("Codebook not changed: " + error.localizedDescription, isError: true)
        }
    }

    /// Every file a merge may write: the codebook and each coder's codings, with their bytes
    /// (this coder's journals folded in and closed first, so the files hold every saved change).
    func codebookSnapshot() -> [URL: Data] {
        try? store.suspendJournals()
        var files: [URL: Data] = [:]
        files[project.codebookURL] = FileManager.default.contents(atPath: project.codebookURL.path)
        for coder in CodingStore.coders(projectRoot: project.root) {
            for id in CodingStore.documentIds(projectRoot: project.root, coder: coder) {
                let url = CodingStore.fileURL(
                    projectRoot: project.root, coder: CoderName(coder), documentId: DocumentID(id))
                files[url] = FileManager.default.contents(atPath: url.path)
            }
        }
        return files
    }

    /// Merges `from` into `into` for every coder (this coder's files through the open store),
    /// after the user confirmed; remembers every file's bytes before and after, so `u` can undo it.
    func mergeCodes(_ from: String, into: String) {
        let fromName = state.codebook.entry(id: from)?.code.name ?? from
        let intoName = state.codebook.entry(id: into)?.code.name ?? into
        guard !state.proposedCodes.contains(from), !state.proposedCodes.contains(into) else {
            state.message = StatusMessage(
                "Not merged: adopt proposed codes into the team codebook first (Ctrl-A in the picker).", isError: true)
            return
        }
        let before = codebookSnapshot()
        do {
            let result = try CodebookEdits.merge(
                project: try Project(root: project.root), from: from, into: into, openStores: [store])
            showCodebook(
                team: result.codebook, proposals: try ProposedCodes.load(projectRoot: project.root, coder: state.coder))
            if let doc = state.document { state.codings = try store.load(document: doc) }
            state.undoStack = []
            state.redoStack = []
            if state.lastCode == from { state.lastCode = into }
            state.recentCodes.removeAll { $0 == from }
            mergeUndo = (before: before, after: codebookSnapshot())
            state.codebookUndo = "merge of \"\(fromName)\" into \"\(intoName)\""
            state.message = StatusMessage(
                "Merged \"\(fromName)\" into \"\(intoName)\": \(result.codingsMoved) codings moved in \(result.filesChanged.count) files (u undoes it)."
            )
        } catch {
            state.message = StatusMessage("Not merged: " + error.localizedDescription, isError: true)
        }
    }

    /// Restores the files the last merge wrote, unless someone changed them since.
    func undoCodebookEdit() {
        guard let undo = mergeUndo, let what = state.codebookUndo else { return }
        let now = codebookSnapshot()
        let changed = undo.after.keys.filter { now[$0] != undo.after[$0] } + now.keys.filter { undo.after[$0] == nil }
        if let first = changed.first {
            state.message = StatusMessage(
                "Cannot undo the \(what): \(CorpusHitsView.count(changed.count, "file")) changed since (\(first.lastPathComponent)\(changed.count > 1 ? ", …" : "")).",
                isError: true)
            return
        }
        do {
            for (url, data) in undo.before where undo.after[url] != data {
                try AtomicFile.write(data, to: url)
            }
            // Files the edit created (coding search hits in a document not started) go again.
            for url in undo.after.keys where undo.before[url] == nil {
                try FileManager.default.removeItem(at: url)
            }
            showCodebook(
                team: try teamCodebookOnDisk(),
                proposals: try ProposedCodes.load(projectRoot: project.root, coder: state.coder))
            if let doc = state.document { state.codings = try store.load(document: doc) }
            mergeUndo = nil
            state.codebookUndo = nil
            refreshDocumentEntries()
            state.message = StatusMessage("Undone: the \(what); the codebook and every coder's codings are as before.")
        } catch {
            state.message = StatusMessage("Undo failed: " + error.localizedDescription, isError: true)
        }
    }

    /// Proposes a new code: written to this coder's proposed-codes file only (the team codebook
    /// is not touched), applied to the current segment. `category` first proposes a new category.
    func createCode(_ name: String, parent: String?, span: QuoteSpan?, category: String?) {
        let reserved = Set(state.keymap.reservedCharacters.map(String.init))
        let code: Code
        do {
            let team = try teamCodebookOnDisk()
            var proposals = try ProposedCodes.load(projectRoot: project.root, coder: state.coder)
            var under = parent
            if let category {
                let (_, cat) = try team.overlaying(proposals).addingCode(
                    named: category, under: nil, reservedKeys: reserved)
                proposals = try proposals.proposing(cat, under: nil, team: team)
                under = cat.id
            }
            let (_, added) = try team.overlaying(proposals).addingCode(
                named: name, under: under, reservedKeys: reserved)
            proposals = try proposals.proposing(added, under: under, team: team)
            try ProposedCodes.save(proposals, projectRoot: project.root, coder: state.coder)
            showCodebook(team: team, proposals: proposals)
            code = added
        } catch {
            state.message = StatusMessage("No code created: " + error.localizedDescription, isError: true)
            return
        }
        perform(state.toggle(code.id))
        if let span, let file = state.codings, let seg = state.currentSegment, span.start >= seg.start,
            span.end <= seg.end
        {
            perform(state.commit(file, file.settingSpans([span], code: CodeID(code.id), on: seg, at: state.clock())))
        }
        let key = code.shortcut.map { " (key \($0))" } ?? ""
        let path = state.entry(id: code.id)?.pathString ?? code.name
        state.message = StatusMessage(
            "Proposed code \"\(path)\"\(key), applied. Only you see it until the team adopts it (Ctrl-A in the picker)."
        )
    }

    /// Adopts a proposed code (with its proposed category, if that is new too) into the team
    /// codebook as it is on disk now; a shortcut taken meanwhile is dropped.
    func adoptCode(_ id: String) {
        do {
            let result = try ProposedCodes.adopt(CodeID(id), coder: CoderName(state.coder), project: project)
            showCodebook(team: result.team, proposals: result.proposals)
            state.message = StatusMessage(
                "Adopted into the team codebook: "
                    + result.adopted.compactMap { state.entry(id: $0)?.code.name }.joined(separator: ", ") + ".")
        } catch {
            state.message = StatusMessage("Not adopted: " + error.localizedDescription, isError: true)
        }
    }

    func saveCodeMemos(_ memos: [String: String]) {
        do {
            try CodeMemoFile.save(memos, projectRoot: project.root, coder: state.coder)
            state.message = StatusMessage("Code memo saved.")
        } catch {
            state.message = StatusMessage("Code memo not saved: " + error.localizedDescription, isError: true)
        }
    }

    func saveProjectMemo(_ memo: String?) {
        do {
            try ProjectMemoFile.save(
                memo.map { ProjectMemo(memo: $0, modified: state.clock()) }, projectRoot: project.root,
                coder: state.coder)
            state.message = StatusMessage(memo == nil ? "Project memo removed." : "Project memo saved.")
        } catch {
            state.message = StatusMessage("Project memo not saved: " + error.localizedDescription, isError: true)
        }
    }

    /// Every segment this coder coded with `codeId` (or a sub-code), across documents.
    func loadRetrieval(_ codeId: String) {
        let ids = SegmentFilter.subtree(codeId, state.codebook)
        var rows: [RetrievalRow] = []
        var failures: [String] = []
        for index in state.documents.indices {
            let entry = state.documents[index]
            let url = CodingStore.fileURL(
                projectRoot: project.root, coder: CoderName(state.coder), documentId: DocumentID(entry.id))
            guard FileManager.default.fileExists(atPath: url.path) else { continue }
            do {
                let doc = try document(at: index)
                let file: CodingFile
                if let open = state.codings, open.document == doc.id {
                    file = open
                } else {
                    file = try store.load(document: doc)
                }
                let byId = Dictionary(doc.segments.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
                for c in file.codings where c.codes.contains(where: ids.contains) {
                    guard let s = byId[c.segment] else { continue }
                    // One row per quote of the matching codes, else the segment.
                    let spans = Array(Set(c.applied.filter { ids.contains($0.code) }.flatMap(\.spans))).sorted()
                    let texts = spans.isEmpty ? [s.text] : spans.map { s.scalarText(from: $0.start, to: $0.end) }
                    for text in texts {
                        rows.append(
                            RetrievalRow(
                                documentIndex: index, documentId: DocumentID(doc.id), segmentId: SegmentID(s.id),
                                ordinal: s.ordinal,
                                speaker: s.speaker, role: s.role, text: text))
                    }
                }
            } catch {
                failures.append(entry.path)
            }
        }
        state.mode = .retrieval(Retrieval(codeId: codeId, rows: rows))
        let name = state.entry(id: codeId)?.pathString ?? codeId
        state.message = StatusMessage(
            "\(rows.count) segments coded \(name)"
                + (failures.isEmpty ? "." : "; could not read \(failures.joined(separator: ", ")).")
                + " Enter opens, Esc returns.")
    }

    func loadOtherCoders() {
        guard let doc = state.document else { return }
        var others: [String: CodingFile] = [:]
        for coder in CodingStore.coders(projectRoot: project.root) where coder != state.coder {
            if let file = try? CodingStore.read(projectRoot: project.root, coder: coder, document: doc),
                !file.codings.isEmpty
            {
                others[coder] = file
            }
        }
        state.otherCodings = others
        state.message = StatusMessage(
            others.isEmpty
                ? "No other coder has coded this document."
                : "Showing codings of \(others.keys.sorted().joined(separator: ", ")).")
    }
}
