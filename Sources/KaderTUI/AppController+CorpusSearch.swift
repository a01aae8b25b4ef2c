import Foundation
import KaderCore

/// The `where` filter and the search across documents, carried out for the TUI. Both read
/// documents and attributes only: no other coder's codings are loaded (blind coding).
extension AppController {
    /// Every document with its attributes, no codings: the transcripts the overview and the
    /// query view use too (``AnalysisCache/base``), loaded once, at the first use of any of them.
    /// - Throws: ``LoaderError``, ``AnalysisError`` (a bad `Attributes.csv`).
    func analysisCorpus() throws -> AnalysisCorpus {
        var c: AnalysisCorpus
        if let cached = analysisCache.base {
            c = cached
        } else {
            c = try AnalysisCorpus.load(project: project, codings: false)
            analysisCache.base = c
        }
        c.tree = CodeTree(state.codebook)
        return c
    }

    /// Resolves `text` against the codebook (with this coder's proposals) and the attributes and
    /// filters the open document by it; on an error reopens the prompt, keeping the old filter.
    func applyWhere(_ text: String) {
        guard let doc = state.document else { return }
        do {
            var corpus = try analysisCorpus()
            corpus.tree = CodeTree(state.codebook)
            let filter = try KaderCore.SegmentFilter(parsing: text, corpus: corpus)
            _ = try filter.expression.refusingCoderField()
            guard let base = corpus.documents.first(where: { $0.document.id == doc.id }) else {
                throw AnalysisError.io(path: doc.sourcePath, detail: "is not among the project's transcripts")
            }
            state.filter.expression = ExpressionFilter(
                text: text, filter: filter, document: ExpressionFilter.analysisDocument(base, for: doc))
            state.message = StatusMessage(
                "Where \(text): \(CorpusHitsView.count(state.visibleIndices.count, "segment")) shown.")
            state.moveIntoFilter()
            state.keepCursorVisible()
        } catch {
            state.mode = .prompt(Prompt(kind: .whereFilter, text: text))
            state.message = StatusMessage("Not filtered: " + error.localizedDescription, isError: true)
        }
    }

    /// Re-reads every document's status and coded count for the list (after files changed).
    func refreshDocumentEntries() {
        for i in state.documents.indices {
            let e = state.documents[i]
            var fresh = Self.entry(path: e.path, id: e.id, project: project, coder: state.coder)
            fresh.codable = e.codable
            state.documents[i] = fresh
        }
    }

    /// Searches every document's codable segments for `term` and shows the hit list.
    func searchCorpus(_ term: String) {
        do {
            let corpus = try analysisCorpus()
            let hits = CorpusSearch.run(corpus, pattern: try SearchPattern(term), codableOnly: true)
            var documentIndex: [String: Int] = [:]
            for (i, e) in state.documents.enumerated() where documentIndex[e.id] == nil { documentIndex[e.id] = i }
            var corpusIndex: [String: Int] = [:]
            for (i, d) in corpus.documents.enumerated() { corpusIndex[d.document.id] = i }
            let rows: [CorpusHitRow] = hits.compactMap { hit in
                guard let d = documentIndex[hit.document], let c = corpusIndex[hit.document],
                    let s = corpus.documents[c].segmentIndex[hit.segment]
                else { return nil }
                let segment = corpus.documents[c].document.segments[s]
                return CorpusHitRow(
                    documentIndex: d, documentId: DocumentID(hit.document), segmentId: SegmentID(hit.segment),
                    ordinal: hit.ordinal,
                    speaker: hit.speaker, role: hit.role, left: hit.left, match: hit.match, right: hit.right,
                    text: segment.text, matchOffset: hit.start - segment.start)
            }
            let found = CorpusHits(term: term, rows: rows)
            state.corpusHits = found
            state.mode = .corpusHits
            state.message = StatusMessage(
                rows.isEmpty
                    ? "No codable segment has \"\(term)\"."
                    : "\(CorpusHitsView.count(rows.count, "hit")) in \(CorpusHitsView.count(found.segments.count, "segment")) of \(CorpusHitsView.count(found.documentCount, "document")). Enter opens · c codes them all · Esc returns."
            )
        } catch {
            state.mode = .prompt(Prompt(kind: .corpusSearch, text: term))
            state.message = StatusMessage("Not searched: " + error.localizedDescription, isError: true)
        }
    }

    /// Adds `code` to every segment of `segments` that lacks it, for this coder only, through
    /// the open store (one save per document; the open document's codings too). Every file's
    /// bytes before and after are kept, so `u` in the coding screen undoes the whole run.
    func codeHits(_ code: String, _ segments: [HitSegment]) {
        guard !store.readOnly else {
            state.message = StatusMessage("Read-only: nothing is coded.", isError: true)
            return
        }
        let name = state.entry(id: code)?.code.name ?? code
        let before = codebookSnapshot()
        let time = state.clock()
        var added = 0
        var already = 0
        var documents = 0
        var failure: String?
        var order: [Int] = []
        var byDocument: [Int: [String]] = [:]
        for s in segments {
            if byDocument[s.documentIndex] == nil { order.append(s.documentIndex) }
            byDocument[s.documentIndex, default: []].append(s.segmentId)
        }
        for index in order where failure == nil {
            do {
                let doc = try document(at: index)
                let isOpen = state.document?.id == doc.id
                var file: CodingFile
                if isOpen, let open = state.codings { file = open } else { file = try store.load(document: doc) }
                let original = file
                let wanted = Set(byDocument[index] ?? [])
                for seg in doc.segments where seg.codable && wanted.contains(seg.id) {
                    let codes = file.codes(forSegment: seg.id)
                    if codes.contains(code) {
                        already += 1
                        continue
                    }
                    file = file.settingCodes(codes + [code], on: seg, at: time)
                    added += 1
                }
                guard file != original else { continue }
                try store.save(file)
                documents += 1
                if isOpen { state.codings = file }
                state.documents[index].status = file.status
                state.documents[index].coded = file.codings.filter { !$0.codes.isEmpty }.count
            } catch {
                failure = "\(state.documents[index].path): \(error.localizedDescription)"
            }
        }
        if documents > 0 {
            // The open document's history predates the run: `u` now takes back the run itself.
            state.undoStack = []
            state.redoStack = []
            mergeUndo = (before: before, after: codebookSnapshot())
            state.codebookUndo = "coding of \(CorpusHitsView.count(added, "segment")) with \"\(name)\""
        }
        let note = already > 0 ? " (\(already) had it already)" : ""
        let undo = documents > 0 ? "; u in the coding screen undoes it" : ""
        let counts = "\(CorpusHitsView.count(added, "segment")) in \(CorpusHitsView.count(documents, "document"))"
        let text = "Coded \(counts) with \(name) for \(state.coder)\(note)\(undo)."
        if let failure {
            state.message = StatusMessage(text + " Stopped at " + failure, isError: true)
        } else {
            state.message = StatusMessage(text)
        }
    }
}
