import Dispatch
import Foundation
import KaderCore

/// The analysis effects: the overview screen and queries, computed from the project once per
/// request (never per key).
extension AppController {
    /// The project for analysis with the codings as they are now: every coder's (`allCoders`)
    /// or only this coder's. Transcripts and attributes are loaded once and kept; a codings file
    /// is read again only when it changed on disk (see ``AnalysisCache``), and the open
    /// document's codings come from memory. Returns the files that could not be read
    /// (`coder/document`) too.
    /// - Throws: what ``AnalysisCorpus/load(project:coders:documents:codings:)`` throws.
    func analysisCorpus(allCoders: Bool) throws -> (corpus: AnalysisCorpus, failures: [String]) {
        let cache = analysisCache
        var corpus = try analysisCorpus()
        let root = project.root
        let coders = allCoders ? CodingStore.coders(projectRoot: root) : [state.coder]
        let filesOf = coders.map { Set(CodingStore.documentIds(projectRoot: root, coder: $0)) }
        let me = state.coder
        let open = state.codings
        let documents = corpus.documents
        let slots = Parallel.map(count: documents.count) { n in
            let doc = documents[n]
            var slot: (files: [CodingFile], codes: [CoderCodes], failures: [String]) = ([], [], [])
            for (coder, ids) in zip(coders, filesOf) where ids.contains(doc.document.id) {
                if coder == me, let open, open.document == doc.document.id {
                    slot.files.append(open)
                    slot.codes.append(
                        CoderCodes(coder: coder, codes: CodingAccess.codes(of: open, segmentIndex: doc.segmentIndex)))
                    continue
                }
                do {
                    let entry = try cache.read(root: root, coder: coder, document: doc, full: coder == me)
                    slot.files.append(entry.file)
                    slot.codes.append(entry.codes)
                } catch {
                    slot.failures.append("\(coder)/\(doc.document.id)")
                }
            }
            return slot
        }
        var failures: [String] = []
        var used: Set<String> = []
        for (n, slot) in slots.enumerated() {
            corpus.documents[n].files = slot.files
            corpus.documents[n].coders = slot.codes
            failures += slot.failures
            used.formUnion(slot.codes.map(\.coder))
        }
        corpus.coders = coders.filter(used.contains).sorted()
        return (corpus, failures)
    }

    func loadOverview() {
        do {
            let (corpus, failures) = try analysisCorpus(allCoders: true)
            state.mode = .overview(Overview.build(corpus, coder: state.coder))
            state.message = StatusMessage(
                failures.isEmpty
                    ? "Your own codings only (blind coding). j/k PgDn scroll, Esc closes."
                    : "Could not read \(Self.list(failures)); the overview leaves them out.",
                isError: !failures.isEmpty)
        } catch {
            state.message = StatusMessage(error.localizedDescription, isError: true)
        }
    }

    func openQuery(_ text: String) {
        let queries = (try? ProjectSettings.load(root: project.root).queries) ?? project.settings.queries
        let saved = queries.sorted { $0.key < $1.key }.map { SavedQuery(name: $0.key, expression: $0.value) }
        state.mode = .queryPrompt(QueryPrompt(saved: saved, text: text))
        state.message = nil
    }

    /// Runs `expression` over this coder's codings; on an error the prompt stays open with the
    /// error in the status line.
    func runQuery(_ expression: String, name: String?) {
        do {
            let (corpus, failures) = try analysisCorpus(allCoders: false)
            let filter = try KaderCore.SegmentFilter(parsing: expression, corpus: corpus)
            _ = try filter.expression.refusingCoderField()
            let units = filter.matches(in: corpus)
            let codes = filter.expression.positiveCodes(corpus.tree)
            let indexOf = Dictionary(
                state.documents.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { a, _ in a })
            var rows: [RetrievalRow] = []
            // This coder's codings of the document at hand by segment id (units come in document order).
            var codings: (document: Int, bySegment: [String: SegmentCoding]) = (-1, [:])
            for u in units {
                let doc = corpus.documents[u.document]
                guard let index = indexOf[doc.document.id] else { continue }
                let s = doc.document.segments[u.segment]
                if codings.document != u.document {
                    var bySegment: [String: SegmentCoding] = [:]
                    for c in doc.files.first?.codings ?? [] where bySegment[c.segment] == nil {
                        bySegment[c.segment] = c
                    }
                    codings = (u.document, bySegment)
                }
                let applied = codings.bySegment[s.id]?.applied ?? []
                let spans = Array(Set(applied.filter { codes.contains($0.code) }.flatMap(\.spans))).sorted()
                let texts = spans.isEmpty ? [s.text] : spans.map { s.scalarText(from: $0.start, to: $0.end) }
                for text in texts {
                    rows.append(
                        RetrievalRow(
                            documentIndex: index, documentId: DocumentID(doc.document.id), segmentId: SegmentID(s.id),
                            ordinal: s.ordinal,
                            speaker: s.speaker, role: doc.role(segment: u.segment), text: text))
                }
            }
            let segments = Set(units.map { $0.document << 32 | $0.segment }).count
            var results = QueryResults(expression: expression, name: name, rows: rows, segments: segments)
            if let last = state.lastQuery, last.expression == expression {
                results.selected = max(0, min(last.selected, rows.count - 1))
            }
            state.mode = .queryResults(results)
            state.message = StatusMessage(
                "\(segments) segment\(segments == 1 ? "" : "s") match\(segments == 1 ? "es" : "") in your codings"
                    + (failures.isEmpty ? "" : "; could not read \(Self.list(failures))")
                    + "; Enter opens, Q edits, Esc returns.", isError: !failures.isEmpty)
        } catch {
            state.message = StatusMessage("Query: " + error.localizedDescription, isError: true)
        }
    }

    static func list(_ names: [String]) -> String {
        names.prefix(5).joined(separator: ", ") + (names.count > 5 ? " and \(names.count - 5) more" : "")
    }
}
