import Foundation

/// Imports a REFI-QDA project (`.qdpx`) into a Kader project folder (created when missing).
///
/// - Sources: each `TextSource`'s plain text (from `sources/`, any casing, `internal://`,
///   bare relative paths, or inline `PlainTextContent`) is decoded like a transcript. A text equal
///   to a document already in the project is matched to it; others are written as
///   `Transcripts/<name>.txt` (normalised: LF line ends, UTF-8).
/// - Codebook: merged into the project's codebook (``CodebookMerge``), or written as
///   `Codebooks/<project name>.yaml` when the project has none.
/// - Codings: every `Coding` becomes a coding of its `creatingUser` (the selection's, else
///   `imported`), named by the `User` name made safe (``safeCoderName(_:)``). A selection covers
///   the segments it overlaps; a partly covered segment gets a span. CRLF counting and the unit
///   (Unicode scalars or UTF-16 code units) are detected per source
///   (``SourceText/detectReading(_:origin:)``); a selection whose start lies after its end is
///   refused (``QDPXImportReport/refused``). Each selection is kept exactly: a
///   code gets one quote span per selection (none when its only selection is the whole segment);
///   a selection over several segments is cut at segment bounds. Existing coding files are merged
///   (codes united, existing spans and memos kept).
/// - Memos: notes on a selection without codes become the segment memo; on a selection with
///   codes, and on a `Coding`, the memo of each code applied; on a source, the document memo; on
///   a code, the code memo of the note's `creatingUser` (`Codings/<coder>/code-memos.json`); on
///   the project, the project memo of the note's `creatingUser` (`Codings/<coder>/project-memo.json`,
///   never replacing one the coder has; several notes of one user are joined by a blank line).
///
/// - Kader's own settings note (``KaderProjectNote``): the codebook name of a new codebook, the
///   shortcut keys of added codes (other added codes get the first free key, as in the TUI), and
///   the documents each coder marked done.
///
/// Everything is staged first: an archive or XML that cannot be used throws and writes nothing.
/// An archive without a usable source still makes a working project (with an empty
/// `Transcripts/`), and the report warns that no transcript was imported.
public enum QDPXImporter {
    /// - Throws: ``ExchangeError`` for the archive and XML, ``CodebookError``, ``StoreError`` (a damaged project memo file, or
    ///   a coder who is coding right now holds a lock) — always before anything is written.
    public static func importArchive(
        _ url: URL, into root: URL, limits: ArchiveLimits = ArchiveLimits(), now: String = Timestamp.now()
    ) throws -> QDPXImportReport {
        let reader = try QDPXArchiveReader(url: url, limits: limits)
        let recovered = ImportStaging.recover(root: root)
        let qdes = reader.names.filter { $0.lowercased().hasSuffix(".qde") }
        guard let qde = qdes.first(where: { !$0.contains("/") }) ?? qdes.first else {
            throw ExchangeError.missing(path: url.path, detail: "the archive has no .qde project file")
        }
        let model = try QDAProjectXML.read(try reader.data(qde), path: "\(url.path) (\(qde))")
        var report = QDPXImportReport()
        report.warnings += recovered
        report.project = root.path
        let target = try ProjectSnapshot(root: root)
        report.createdProject = !target.exists
        let settings = KaderProjectNote.find(in: model.notes)
        let merge = CodebookMerge.merge(
            model.codes, into: target.codebook, name: settings?.codebook ?? model.name,
            keys: settings?.shortcuts ?? [:],
            ids: settings?.ids ?? [:])
        let staging = try ImportStaging(root: root)
        if target.codebook == nil || !merge.added.isEmpty {
            let file =
                target.codebookURL
                ?? root.appendingPathComponent(
                    "Codebooks/\(TranscriptLoader.documentId(forFileName: model.name + ".yaml")).yaml")
            let data = try CodebookData.encode(merge.codebook, for: file)
            try staging.add(data, at: "Codebooks/" + file.lastPathComponent)
            report.codebookFile = "Codebooks/" + file.lastPathComponent
            report.codesAdded = merge.added
            report.codebookCreated = target.codebook == nil
        }
        var users = UserNames(model.users)
        let notes = Dictionary(model.notes.map { ($0.guid, $0) }, uniquingKeysWith: { a, _ in a })
        var takenIds = Set(target.documents.map(\.id))
        var collected = CodingCollector(now: now)
        var docsBySource: [String: Document] = [:]
        for source in model.sources {
            guard let (data, where_) = sourceData(source, reader: reader) else {
                report.skipped.append(
                    "\"\(source.name)\" has no plain-text representation in the archive (\(source.plainTextPath ?? source.richTextPath ?? "no path"))."
                )
                continue
            }
            let decoded: DecodedText
            let raw: String
            do {
                decoded = try TranscriptTextDecoder.decode(data, path: where_)
                raw = RawText.decode(data, encoding: decoded.encoding) ?? decoded.text
            } catch {
                report.skipped.append(
                    "\"\(source.name)\": " + ((error as? LocalizedError)?.errorDescription ?? "cannot decode the text"))
                continue
            }
            let text = SourceText(raw: raw)
            let doc: Document
            let hash = Fingerprint.sha256Hex(decoded.text)
            if let existing = target.documents.first(where: { $0.contentHash == hash }) {
                doc = existing
                report.documentsMatched.append(existing.id)
            } else {
                let id = uniqueDocumentId(source.name, taken: &takenIds)
                do {
                    doc = try TranscriptLoader().load(
                        data: Data(decoded.text.utf8), path: "Transcripts/\(id).txt", id: id, format: .plainText)
                } catch {
                    report.skipped.append(
                        "\"\(source.name)\": "
                            + ((error as? LocalizedError)?.errorDescription ?? "cannot segment the text"))
                    continue
                }
                try staging.add(Data(decoded.text.utf8), at: "Transcripts/\(id).txt")
                report.documentsAdded.append(id)
            }
            docsBySource[source.guid.uppercased()] = doc
            let reading = text.detectReading(source.selections.filter { $0.start <= $0.end }, origin: model.origin)
            report.noteReading(reading, of: source.name, text: text)
            for ref in source.noteRefs {
                guard let note = notes[ref], !note.text.isEmpty else { continue }
                collected.documentMemo(note.text, coder: users.name(for: note.creatingUser), document: doc.id)
            }
            for sel in source.selections {
                guard report.accepts(sel, of: source.name, length: text.length(reading.counting, reading.unit)) else {
                    continue
                }
                let a = text.normalised(sel.start, reading.counting, reading.unit)
                let b = text.normalised(sel.end, reading.counting, reading.unit)
                let hits = a < b ? SelectionMapper.hits(a, b, in: doc, scalars: text.scalars) : []
                let memo = (sel.noteRefs.compactMap { notes[$0]?.text } + [sel.description].compactMap { $0 })
                    .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }.joined(
                        separator: "\n\n")
                guard !hits.isEmpty else {
                    let excerpt = Fingerprint.collapseWhitespace(text.text(a..<b)).prefix(50)
                    report.unmatched.append("\"\(source.name)\" \(sel.start)–\(sel.end): \"\(excerpt)\"")
                    continue
                }
                var byCoder: [String: [(id: String, memo: String)]] = [:]
                for c in sel.codings {
                    guard let id = merge.idsByGUID[c.codeGUID] else {
                        report.warnings.append(
                            "a coding in \"\(source.name)\" refers to code \(c.codeGUID), which is not in the codebook; it was skipped"
                        )
                        continue
                    }
                    let codingMemo = c.noteRefs.compactMap { notes[$0]?.text }
                        .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }.joined(
                            separator: "\n\n")
                    byCoder[users.name(for: c.creatingUser ?? sel.creatingUser), default: []].append((id, codingMemo))
                }
                if byCoder.isEmpty && !memo.isEmpty { byCoder[users.name(for: sel.creatingUser)] = [] }
                let selCoder = users.name(for: sel.creatingUser ?? sel.codings.first?.creatingUser)
                if hits.count > 1 { report.split += 1 }
                for (coder, codes) in byCoder {
                    for hit in hits {
                        collected.add(
                            codes: codes, hit: hit, memo: coder == selCoder || byCoder.count == 1 ? memo : "",
                            coder: coder, document: doc,
                            created: sel.creationDateTime ?? sel.codings.first?.creationDateTime,
                            modified: sel.modifiedDateTime)
                    }
                }
            }
        }
        for (user, sources) in (settings?.done ?? [:]).sorted(by: { $0.key < $1.key }) {
            let coder = users.name(for: user)
            for doc in sources.compactMap({ docsBySource[$0.uppercased()] }) {
                collected.markDone(coder: coder, document: doc)
                report.done.append("\(coder) \(doc.id)")
            }
        }
        report.renamedUsers = users.renamed
        if !model.otherSources.isEmpty {
            report.warnings.append(
                "\(model.otherSources.count) non-text source(s) skipped: \(model.otherSources.joined(separator: ", "))")
        }
        let files = try collected.files(projectRoot: root, existing: target.exists)
        for file in files {
            try staging.add(try file.encoded(), at: "Codings/\(file.coder)/\(file.document).json")
            report.codings[file.coder, default: 0] += collected.count(coder: file.coder, document: file.document)
        }
        for (coder, memos) in codeMemos(model, users: &users, ids: merge.idsByGUID, notes: notes) {
            var merged = target.exists ? ((try? CodeMemoFile.load(projectRoot: root, coder: coder)) ?? [:]) : [:]
            var added = 0
            for (id, text) in memos where merged[id] == nil {
                merged[id] = text
                added += 1
            }
            guard added > 0 else { continue }
            let enc = JSONEncoder()
            enc.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            try staging.add(try enc.encode(merged) + Data([0x0A]), at: "Codings/\(coder)/\(CodeMemoFile.fileName)")
            report.codeMemos[coder, default: 0] += added
        }
        for (coder, memo) in projectMemos(model, users: &users, notes: notes).sorted(by: { $0.key < $1.key }) {
            let existing = target.exists ? try ProjectMemoFile.load(projectRoot: root, coder: coder) : nil
            guard (existing?.memo ?? "").isEmpty else { continue }
            try staging.add(try ProjectMemoFile.encode(memo), at: "Codings/\(coder)/\(ProjectMemoFile.fileName)")
            report.projectMemos.append(coder)
        }
        if report.createdProject { try staging.add(Data(Project.gitignore.utf8), at: ".gitignore") }
        let locks = try Set(files.map(\.coder)).sorted().filter {
            target.exists
                && FileManager.default.fileExists(atPath: CodingStore.folder(projectRoot: root, coder: $0).path)
        }
        .map { try CoderLock(folder: CodingStore.folder(projectRoot: root, coder: $0), coder: $0) }
        try staging.commit()
        if report.createdProject {
            // A new project works even when no source was usable: every command needs Transcripts/.
            for sub in ["Transcripts", "Codings"] {
                try? ProjectPaths.createFolder(root.appendingPathComponent(sub), below: root)
            }
        }
        if report.documentsAdded.isEmpty && report.documentsMatched.isEmpty {
            report.warnings.append(
                "no source of the archive could be used, so no transcript was imported; add transcripts to "
                    + "\(root.appendingPathComponent("Transcripts").path) yourself")
        }
        _ = locks
        // Variables and cases become rows of Attributes.csv (documents by their source names).
        if let node = try? XMLTree.parse(try reader.data(qde), path: qde) {
            try QDAAttributes.merge(QDAAttributes.read(node), into: root, documentId: AttributesTable.documentKey)
        }
        return report
    }

    /// Code memos from `NoteRef`s of codes: by coder (the note's `creatingUser`), code id to text.
    static func codeMemos(_ model: QDAProject, users: inout UserNames, ids: [String: String], notes: [String: QDANote])
        -> [String: [String: String]]
    {
        var out: [String: [String: String]] = [:]
        for top in model.codes {
            for (code, _) in top.flattened where !code.noteRefs.isEmpty {
                guard let id = ids[code.guid] else { continue }
                for ref in code.noteRefs {
                    guard let note = notes[ref] else { continue }
                    let text = note.text.trimmingCharacters(in: .whitespacesAndNewlines)
                    guard !text.isEmpty else { continue }
                    let coder = users.name(for: note.creatingUser)
                    out[coder, default: [:]][id] = out[coder]?[id].map { $0 + "\n\n" + text } ?? text
                }
            }
        }
        return out
    }

    /// Project memos from the project's `NoteRef`s: by coder (the note's `creatingUser`).
    static func projectMemos(_ model: QDAProject, users: inout UserNames, notes: [String: QDANote]) -> [String:
        ProjectMemo]
    {
        var out: [String: ProjectMemo] = [:]
        for ref in model.noteRefs {
            guard let note = notes[ref], !note.text.isEmpty else { continue }
            let coder = users.name(for: note.creatingUser)
            if var m = out[coder] {
                m.memo += "\n\n" + note.text
                m.modified = [m.modified, note.creationDateTime].compactMap { $0 }.max()
                out[coder] = m
            } else {
                out[coder] = ProjectMemo(memo: note.text, modified: note.creationDateTime)
            }
        }
        return out
    }

    /// The plain text of `source` and where it came from, or nil.
    static func sourceData(_ source: QDATextSource, reader: QDPXArchiveReader) -> (Data, String)? {
        if var p = source.plainTextPath {
            for prefix in ["internal://", "internal:/", "relative://"] where p.hasPrefix(prefix) {
                p = String(p.dropFirst(prefix.count))
            }
            let bare = p.hasPrefix("sources/") || p.hasPrefix("Sources/") ? String(p.dropFirst(8)) : p
            for candidate in ["sources/" + bare, bare, "sources/internal:/" + bare] {
                if let name = reader.entryName(matching: candidate), let data = try? reader.data(name) {
                    return (data, "\(reader.path) (\(name))")
                }
            }
        }
        if let inline = source.plainTextContent, !inline.isEmpty {
            return (Data(inline.utf8), "\(reader.path) (\(source.name))")
        }
        return nil
    }

    /// A document id from a source name (a known file extension dropped), unique among `taken`.
    static func uniqueDocumentId(_ name: String, taken: inout Set<String>) -> String {
        let ext = (name as NSString).pathExtension.lowercased()
        let known = ["txt", "docx", "doc", "pdf", "rtf", "md", "odt", "html", "htm"]
        return UniqueId.make(
            TranscriptLoader.documentId(forFileName: (known.contains(ext) ? name : name + ".txt")), taken: &taken)
    }

    /// `name` when it is already a safe coder name, else: letters folded to ASCII, other characters as `-`, at most 64.
    public static func safeCoderName(_ name: String) -> String {
        if let valid = try? CoderName.validated(name) { return valid }
        var id = TranscriptLoader.documentId(forFileName: name.replacingOccurrences(of: ".", with: "-") + ".x")
        if id == "document" { id = "coder" }
        return String(id.prefix(64))
    }
}
