import Foundation

extension QDPXExporter {
    /// Exports `project` with every coder to `url` (written atomically), streamed: each document
    /// is loaded (``DocumentBatchLoader``), its text added to the archive and its `TextSource` and
    /// notes written to nameless temporary files, then dropped; `project.qde` is put together
    /// from those files at the end (``QDAProjectXML`` pieces). Memory: a batch of documents and a
    /// few MB, plus per document its attributes, its id in the done lists and its archive
    /// directory entry; never the texts, selections or archive of the whole project. The bytes
    /// are those of the whole model (every source and note kept, ``QDAProjectXML/write(_:)``,
    /// one zip built in memory), which is how this was written before.
    /// - Throws: ``LoaderError``, ``StoreError`` reading the project; ``ExchangeError/io(path:detail:)`` writing.
    public static func export(project: Project, to url: URL, date: Date = Date()) throws -> Summary {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        let coders = CodingStore.coders(projectRoot: project.root).filter {
            !CodingStore.documentIds(projectRoot: project.root, coder: $0).isEmpty
        }
        var builder = Builder(
            name: project.root.lastPathComponent, codebook: project.codebook, coders: [], date: f.string(from: date))
        let writer = try QDPXArchiveWriter(to: url, date: date)
        do {
            let sources: SpoolFile
            let notes: SpoolFile
            do {
                sources = try SpoolFile(beside: url)
                notes = try SpoolFile(beside: url)
            } catch let e as StoreError {
                throw QDPXArchiveWriter.exchangeError(e, url)
            }
            var used: Set<String> = []
            var done: [String: [String]] = [:]
            let attributesTable = try AttributesTable.load(projectRoot: project.root)
            var attributes: [QDADocumentAttributes] = []
            try DocumentBatchLoader(project: project).forEach { _, result in
                let doc = try result.get()
                attributes.append(
                    QDADocumentAttributes(
                        documentId: doc.id,
                        attributes: attributesTable?.resolve(doc) ?? ResolvedAttributes(document: doc)))
                let read = try CodingStore.readExisting(projectRoot: project.root, coders: coders, document: doc)
                for (coder, file) in read {
                    used.insert(coder)
                    if file.status == .done { done[coder, default: []].append(doc.id) }
                }
                let files = read.map(\.file)
                let taken = builder.take(doc, codings: files)
                try writer.add(path: taken.path, data: taken.data)
                do {
                    try sources.write(QDAProjectXML.source(taken.source))
                    for n in taken.notes { try notes.write(QDAProjectXML.note(n)) }
                } catch let e as StoreError {
                    throw QDPXArchiveWriter.exchangeError(e, url)
                }
            }
            let memos = CodeMemoFile.loadAll(projectRoot: project.root).memos
            builder.addCodeMemos(memos)
            let projectMemos = ProjectMemoFile.loadAll(projectRoot: project.root).memos
            builder.addProjectMemos(projectMemos)
            builder.setUsers(Array(used.union(memos.keys).union(projectMemos.keys)))
            var model = builder.project
            model.documentAttributes = attributes
            model.notes.append(KaderProjectNote.of(project.codebook, done: done).note(date: builder.date))
            do {
                try sources.flush()
                try notes.flush()
            } catch let e as StoreError {
                throw QDPXArchiveWriter.exchangeError(e, url)
            }
            var parts: [QDPXArchiveWriter.Part] = [.bytes(Data(QDAProjectXML.head(model).utf8))]
            if builder.summary.documents > 0 {
                parts += [
                    .bytes(Data(QDAProjectXML.sourcesOpen.utf8)), .spool(sources),
                    .bytes(Data(QDAProjectXML.sourcesClose.utf8)),
                ]
            }
            // The Kader settings note is always there, so Notes always is.
            parts += [
                .bytes(Data(QDAProjectXML.notesOpen.utf8)), .spool(notes),
                .bytes(Data((model.notes.map(QDAProjectXML.note).joined() + QDAProjectXML.notesClose).utf8)),
                .bytes(Data(QDAProjectXML.tail(model).utf8)),
            ]
            try writer.finish(projectXML: parts)
        } catch {
            writer.abandon()
            throw error
        }
        return builder.summary
    }
}
