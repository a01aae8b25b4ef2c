import Foundation

/// Gathers imported codings per coder, document and segment, then merges them with the coding
/// files already on disk.
struct CodingCollector {
    struct Pending {
        var segment: Segment
        var codes: Set<String> = []
        var full = false
        var spans: [QuoteSpan] = []
        var memos: [String] = []
        var created: String
        var modified: String
    }

    let now: String
    private var pending: [String: [String: [String: Pending]]] = [:]
    private var documents: [String: Document] = [:]
    private var docMemos: [String: [String: [String]]] = [:]

    init(now: String) { self.now = now }

    mutating func add(codes: [String], hit: SelectionMapper.Hit, memo: String, coder: String, document: Document, created: String?, modified: String?) {
        documents[document.id] = document
        let created = created ?? now
        var p = pending[coder]?[document.id]?[hit.segment.id]
            ?? Pending(segment: hit.segment, created: created, modified: modified ?? created)
        p.codes.formUnion(codes)
        if let span = hit.span { p.spans.append(span) } else { p.full = true }
        if !memo.isEmpty && !p.memos.contains(memo) { p.memos.append(memo) }
        p.created = min(p.created, created)
        p.modified = max(p.modified, modified ?? created)
        pending[coder, default: [:]][document.id, default: [:]][hit.segment.id] = p
    }

    mutating func documentMemo(_ text: String, coder: String, document: String) {
        docMemos[coder, default: [:]][document, default: []].append(text)
    }

    func count(coder: String, document: String) -> Int { pending[coder]?[document]?.count ?? 0 }

    /// One coding file per coder and document: the imported codings merged into the file on disk.
    func files(projectRoot: URL, existing: Bool) throws -> [CodingFile] {
        var out: [CodingFile] = []
        for coder in pending.keys.sorted() {
            for (docId, segments) in pending[coder]!.sorted(by: { $0.key < $1.key }) {
                let doc = documents[docId]!
                var file = existing ? try CodingStore.read(projectRoot: projectRoot, coder: coder, document: doc)
                    : CodingFile(coder: coder, document: docId, contentHash: doc.contentHash, segmentCount: doc.segments.count)
                for p in segments.values {
                    // One span per segment coding: several selections in a segment give their union;
                    // a union that covers the whole segment is no span.
                    var span: QuoteSpan? = p.full || p.spans.isEmpty ? nil
                        : QuoteSpan(start: p.spans.map(\.start).min()!, end: p.spans.map(\.end).max()!)
                    if let s = span, s.start <= p.segment.start && s.end >= p.segment.end { span = nil }
                    let memo = p.memos.isEmpty ? nil : p.memos.joined(separator: "\n\n")
                    if let i = file.codings.firstIndex(where: { $0.segment == p.segment.id }) {
                        var c = file.codings[i]
                        c.codes = Array(Set(c.codes).union(p.codes)).sorted()
                        if c.memo == nil { c.memo = memo }
                        file.codings[i] = c
                    } else {
                        file.codings.append(SegmentCoding(segment: p.segment.id, ordinal: p.segment.ordinal, fingerprint: p.segment.fingerprint,
                                                          codes: p.codes.sorted(), span: span, spanSegmentStart: p.segment.start, memo: memo, created: p.created, modified: p.modified))
                    }
                }
                if let memos = docMemos[coder]?[docId], file.memo == nil { file.memo = memos.joined(separator: "\n\n") }
                if file.status == .notStarted { file.status = .inProgress }
                out.append(file)
            }
        }
        return out
    }
}
