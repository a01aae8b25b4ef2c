import Foundation

/// Every coding of a project as ``QuoteRow``s, filtered, in document order, then segment
/// ordinal, coder, and codebook order.
public struct QuoteCollection: Sendable {
    public var codebook: Codebook
    /// Ids and titles of the documents that were considered (after the document filter).
    public var documents: [(id: String, title: String)]
    /// Coders whose codings were read (after the coder filter), sorted.
    public var coders: [String]
    public var rows: [QuoteRow]

    /// Builds the rows from loaded documents and coding files (pure; nothing is read).
    /// Codings whose segment is no longer in the document are skipped.
    /// - Throws: ``ExportError/unknownCode(id:)``, ``ExportError/unknownDocument(id:available:)``,
    ///   ``ExportError/unknownCoder(name:available:)`` for filter values that match nothing.
    public static func build(
        codebook: Codebook, documents: [Document], codings: [CodingFile], filter: QuoteFilter = QuoteFilter()
    ) throws -> QuoteCollection {
        let entries = Dictionary(codebook.entries.map { ($0.code.id, $0) }, uniquingKeysWith: { a, _ in a })
        var codeIds: Set<String>?
        if !filter.codes.isEmpty {
            var ids: Set<String> = []
            for id in filter.codes {
                guard let e = entries[id] else { throw ExportError.unknownCode(id: id) }
                ids.insert(id)
                if !filter.exactCodes { ids.formUnion(Codebook(name: "", codes: [e.code]).entries.map(\.code.id)) }
            }
            codeIds = ids
        }
        let allIds = documents.map(\.id)
        for d in filter.documents where !allIds.contains(where: { $0.lowercased() == d.lowercased() }) {
            throw ExportError.unknownDocument(id: d, available: allIds)
        }
        let allCoders = Array(Set(codings.map(\.coder))).sorted()
        for c in filter.coders where !allCoders.contains(c) {
            throw ExportError.unknownCoder(name: c, available: allCoders)
        }
        let docs = documents.filter { filter.matchesText($0.id, filter.documents) }
        let coders = allCoders.filter { filter.coders.isEmpty || filter.coders.contains($0) }
        let order = Dictionary(
            codebook.entries.enumerated().map { ($0.element.code.id, $0.offset) }, uniquingKeysWith: { a, _ in a })
        var rows: [QuoteRow] = []
        for doc in docs {
            var slicer = ScalarSlicer(text: doc.text)
            // Indices, not segments: copying every segment into a dictionary cost more than the rows.
            let segmentIndex = Dictionary(
                doc.segments.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { a, _ in a })
            var docRows: [QuoteRow] = []
            for file in codings where file.document == doc.id && coders.contains(file.coder) {
                for coding in file.codings {
                    guard let index = segmentIndex[coding.segment], case let seg = doc.segments[index],
                        filter.matchesText(seg.role, filter.roles), filter.matchesText(seg.speaker, filter.speakers)
                    else { continue }
                    let sliceFits = seg.textSlice.unicodeScalars.count == seg.end - seg.start
                    for a in coding.applied where codeIds?.contains(a.code) ?? true {
                        let e = entries[a.code]
                        let category = e.flatMap { entries[$0.categoryId] }
                        let memo = [a.memo, coding.memo].compactMap { $0 }.filter { !$0.isEmpty }.joined(
                            separator: "\n\n")
                        let spans = a.spans.filter { $0.start >= seg.start && $0.end <= seg.end && $0.start < $0.end }
                        let ranges =
                            spans.isEmpty ? [(seg.start, seg.end, false)] : spans.map { ($0.start, $0.end, true) }
                        for (start, end, isSpan) in ranges {
                            docRows.append(
                                QuoteRow(
                                    document: doc.id, documentTitle: doc.title, documentType: doc.metadata.type,
                                    site: doc.metadata.site,
                                    segment: seg.id, ordinal: seg.ordinal, speaker: seg.speaker, role: seg.role,
                                    start: start, end: end,
                                    isSpan: isSpan, timestamp: seg.timestamp, categoryId: e?.categoryId ?? "",
                                    category: category?.code.name ?? "",
                                    codeId: a.code, codePath: e?.pathString ?? a.code, coder: file.coder,
                                    memo: memo.isEmpty ? nil : memo,
                                    text: slicer.text(start, end, in: seg, fits: sliceFits),
                                    review: coding.review == true))
                        }
                    }
                }
            }
            docRows.sort { a, b in
                (a.ordinal, a.coder, order[a.codeId] ?? Int.max, a.codeId, a.start, a.end) < (
                    b.ordinal, b.coder, order[b.codeId] ?? Int.max, b.codeId, b.start, b.end
                )
            }
            rows += docRows
        }
        return QuoteCollection(
            codebook: codebook, documents: docs.map { ($0.id, $0.title) }, coders: coders, rows: rows)
    }

    /// The coders `filter` selects among those with codings files, after checking that its
    /// documents and coders exist.
    /// - Throws: ``ExportError/unknownDocument(id:available:)``, ``ExportError/unknownCoder(name:available:)``.
    static func checkedCoders(project: Project, filter: QuoteFilter) throws -> [String] {
        let ids = project.documentIds
        for d in filter.documents where !ids.contains(where: { $0.lowercased() == d.lowercased() }) {
            throw ExportError.unknownDocument(id: d, available: ids)
        }
        let folders = CodingStore.coders(projectRoot: project.root)
        let withFiles = folders.filter { !CodingStore.documentIds(projectRoot: project.root, coder: $0).isEmpty }
        for c in filter.coders where !withFiles.contains(c) {
            throw ExportError.unknownCoder(name: c, available: withFiles)
        }
        return withFiles.filter { filter.coders.isEmpty || filter.coders.contains($0) }
    }

    /// Loads `project` one document at a time (its transcript and every coder's codings of it)
    /// and keeps only the rows, so memory stays near one document plus the rows.
    /// - Throws: ``LoaderError``, ``StoreError`` for unreadable files, and the filter errors.
    public static func load(project: Project, filter: QuoteFilter = QuoteFilter()) throws -> QuoteCollection {
        let coders = try checkedCoders(project: project, filter: filter)
        var perDocument = filter
        perDocument.documents = []
        perDocument.coders = []
        var documents: [(id: String, title: String)] = []
        var rows: [QuoteRow] = []
        let paths = zip(project.transcriptPaths, project.documentIds).filter {
            filter.matchesText($0.1, filter.documents)
        }.map(\.0)
        try DocumentBatchLoader(project: project).forEach(paths: paths) { _, result in
            let doc = try result.get()
            let id = doc.id
            let files = try CodingStore.readExisting(projectRoot: project.root, coders: coders, document: doc).map(
                \.file)
            let part = try build(codebook: project.codebook, documents: [doc], codings: files, filter: perDocument)
            documents += part.documents
            rows += part.rows
        }
        return QuoteCollection(codebook: project.codebook, documents: documents, coders: coders, rows: rows)
    }

    /// Every document of `project` and every coder's coding file for them.
    public static func loadAll(project: Project) throws -> ([Document], [CodingFile]) {
        let documents = try project.transcriptPaths.map { try project.loadDocument(path: $0) }
        var files: [CodingFile] = []
        for coder in CodingStore.coders(projectRoot: project.root) {
            for doc in documents {
                let url = CodingStore.fileURL(
                    projectRoot: project.root, coder: CoderName(coder), documentId: DocumentID(doc.id))
                guard FileManager.default.fileExists(atPath: url.path) else { continue }
                files.append(try CodingStore.read(projectRoot: project.root, coder: coder, document: doc))
            }
        }
        return (documents, files)
    }

    /// Codings files (`Codings/<coder>/<document>.json`) whose transcript is not in the project:
    /// exports leave them out, so callers warn about them.
    public static func filesWithoutTranscript(project: Project) -> [String] {
        let ids = Set(project.documentIds)
        return CodingStore.coders(projectRoot: project.root).flatMap { coder in
            CodingStore.documentIds(projectRoot: project.root, coder: coder).filter { !ids.contains($0) }.map {
                "Codings/\(coder)/\($0).json"
            }
        }.sorted()
    }
}

/// The text of a scalar range of one document, cut from its segment's own slice of the text
/// (``Segment/textSlice``) without decoding the whole document; when the slice does not have
/// the segment's length (`fits` false), from the document's scalars, made once.
private struct ScalarSlicer {
    let text: String
    var scalars: [Unicode.Scalar] = []

    /// `start..<end` lies inside `seg` (whole-segment rows and spans filtered to it).
    mutating func text(_ start: Int, _ end: Int, in seg: Segment, fits: Bool) -> String {
        if fits && start >= seg.start && end <= seg.end {
            if start == seg.start && end == seg.end { return String(seg.textSlice) }
            let us = seg.textSlice.unicodeScalars
            let a = us.index(us.startIndex, offsetBy: start - seg.start)
            let b = us.index(a, offsetBy: end - start)
            return String(Substring(us[a..<b]))
        }
        if scalars.isEmpty { scalars = Array(text.unicodeScalars) }
        return String(String.UnicodeScalarView(scalars[start..<end]))
    }
}
