import Foundation

/// Gathers imported codings per coder, document and segment — each code with its own selections
/// kept exactly — then merges them with the coding files already on disk.
struct CodingCollector {
    struct PendingCode {
        /// A selection covered the whole segment.
        var full = false
        var spans: [QuoteSpan] = []
        var memos: [String] = []
    }

    struct Pending {
        var segment: Segment
        var codes: [String: PendingCode] = [:]
        var memos: [String] = []
        var created: String
        var modified: String
    }

    let now: String
    private var pending: [String: [String: [String: Pending]]] = [:]
    private var documents: [String: Document] = [:]
    private var docMemos: [String: [String: [String]]] = [:]
    /// Coder → documents to mark done.
    private var done: [String: Set<String>] = [:]

    init(now: String) { self.now = now }

    /// Adds one selection's cut of one segment: `codes` with the memos of their `Coding`s, and
    /// the selection's own memo (given to each code, or to the segment when there are no codes).
    mutating func add(
        codes: [(id: String, memo: String)], hit: SelectionMapper.Hit, memo: String, coder: String, document: Document,
        created: String?, modified: String?
    ) {
        documents[document.id] = document
        let created = created ?? now
        var p =
            pending[coder]?[document.id]?[hit.segment.id]
            ?? Pending(segment: hit.segment, created: created, modified: modified ?? created)
        if codes.isEmpty, !memo.isEmpty, !p.memos.contains(memo) { p.memos.append(memo) }
        for (id, codingMemo) in codes {
            var c = p.codes[id] ?? PendingCode()
            if let span = hit.span { c.spans.append(span) } else { c.full = true }
            for m in [memo, codingMemo] where !m.isEmpty && !c.memos.contains(m) { c.memos.append(m) }
            p.codes[id] = c
        }
        p.created = min(p.created, created)
        p.modified = max(p.modified, modified ?? created)
        pending[coder, default: [:]][document.id, default: [:]][hit.segment.id] = p
    }

    /// Marks `document` done for `coder` (a coding file is written even without codings).
    mutating func markDone(coder: String, document: Document) {
        documents[document.id] = document
        if pending[coder]?[document.id] == nil { pending[coder, default: [:]][document.id] = [:] }
        done[coder, default: []].insert(document.id)
    }

    mutating func documentMemo(_ text: String, coder: String, document: String) {
        docMemos[coder, default: [:]][document, default: []].append(text)
    }

    func count(coder: String, document: String) -> Int { pending[coder]?[document]?.count ?? 0 }

    /// The application of one pending code: no span when only whole-segment selections gave
    /// it, else every selection as a span (a whole-segment one as a span of the whole segment).
    static func applied(_ id: String, _ c: PendingCode, segment: Segment) -> AppliedCode {
        var spans = c.spans
        if !spans.isEmpty && c.full { spans.append(QuoteSpan(start: segment.start, end: segment.end)) }
        return AppliedCode(
            code: id, spans: spans.map { $0.quoting(segment) },
            memo: c.memos.isEmpty ? nil : c.memos.joined(separator: "\n\n"))
    }

    /// One coding file per coder and document: the imported codings merged into the file on disk
    /// (codes united; a code already there keeps its spans and memo when it has any).
    func files(projectRoot: URL, existing: Bool) throws -> [CodingFile] {
        var out: [CodingFile] = []
        for coder in pending.keys.sorted() {
            for (docId, segments) in (pending[coder] ?? [:]).sorted(by: { $0.key < $1.key }) {
                guard let doc = documents[docId] else { continue }
                var file =
                    existing
                    ? try CodingStore.read(projectRoot: projectRoot, coder: coder, document: doc)
                    : CodingFile(
                        coder: CoderName(coder), document: DocumentID(docId), contentHash: doc.contentHash,
                        segmentCount: doc.segments.count)
                for p in segments.values {
                    let memo = p.memos.isEmpty ? nil : p.memos.joined(separator: "\n\n")
                    let incoming = p.codes.map { Self.applied($0.key, $0.value, segment: p.segment) }
                    if let i = file.codings.firstIndex(where: { $0.segment == p.segment.id }) {
                        var c = file.codings[i]
                        for a in incoming {
                            if let k = c.applied.firstIndex(where: { $0.code == a.code }) {
                                if c.applied[k].spans.isEmpty && c.applied[k].memo == nil { c.applied[k] = a }
                            } else {
                                c.applied = SegmentCoding.normalized(c.applied + [a])
                            }
                        }
                        if c.memo == nil { c.memo = memo }
                        if c.hasSpans { c.segmentStart = p.segment.start }
                        file.codings[i] = c
                    } else {
                        file.codings.append(
                            SegmentCoding(
                                segment: SegmentID(p.segment.id), ordinal: p.segment.ordinal,
                                fingerprint: p.segment.fingerprint,
                                applied: incoming, memo: memo, segmentStart: p.segment.start, created: p.created,
                                modified: p.modified))
                    }
                }
                if let memos = docMemos[coder]?[docId], file.memo == nil { file.memo = memos.joined(separator: "\n\n") }
                if done[coder]?.contains(docId) == true {
                    file = file.settingStatus(.done, document: doc)
                } else if file.status == .notStarted {
                    file.status = .inProgress
                }
                out.append(file)
            }
        }
        return out
    }
}
