import Foundation

/// Project integrity for `kader check`: damaged codings files (with how to recover), orphaned
/// codings, codings to review, segments added after a coder marked the document done, unknown code ids, codings of documents that are missing,
/// transcripts that cannot be loaded. Reads only; nothing is written.
public struct ProjectCheck: Sendable {
    public enum Kind: String, Sendable, Hashable {
        case damaged, unknownSchema, orphaned, review, addedAfterDone, unknownCode, documentMissing, transcript,
            spanOutsideSegment, duplicateDocumentId
    }

    public struct Finding: Sendable, Hashable {
        public var kind: Kind
        /// The file concerned, relative to the project.
        public var path: String
        /// One sentence: the problem.
        public var message: String
        /// One sentence: what to do about it.
        public var advice: String
    }

    public var findings: [Finding]

    /// True when something needs attention.
    public var needsAttention: Bool { !findings.isEmpty }

    public static func run(project: Project, loader: TranscriptLoader? = nil) -> ProjectCheck {
        let documents = ProjectDocuments(project: project, loader: loader)
        let known = Set(project.codebook.entries.map(\.code.id))
        var findings: [Finding] = []
        for d in project.duplicateTranscripts {
            findings.append(
                Finding(
                    kind: .duplicateDocumentId, path: d.path,
                    message:
                        "has the same document id \"\(d.documentId)\" as \(d.keptPath), so Kader leaves it out (two transcripts cannot share Codings/<coder>/\(d.documentId).json).",
                    advice: "Rename or remove one of the two files; codings stay with \(d.keptPath)."))
        }
        for u in project.unreadableFiles {
            findings.append(
                Finding(
                    kind: .transcript, path: u.path, message: "is not read: \(u.advice).",
                    advice: "Convert it to a format Kader reads, or move it out of Transcripts/."))
        }
        for (path, id) in zip(project.transcriptPaths, project.documentIds) {
            if case .failure(let error) = documents.document(id) {
                // The loader's sentence starts with the file it names; the finding names it already.
                var message = error.localizedDescription
                var advice = "Fix or remove the transcript; codings of it are kept."
                if let named = message.range(of: ": "),
                    message[..<named.lowerBound].hasSuffix(".meta.yaml")
                        || message[..<named.lowerBound].hasSuffix(".meta.yml")
                {
                    advice =
                        "Fix or remove the metadata file \(message[..<named.lowerBound]); codings of the transcript are kept."
                } else if message.hasPrefix(path + ": ") {
                    message.removeFirst(path.count + 2)
                }
                findings.append(Finding(kind: .transcript, path: path, message: message, advice: advice))
            }
        }
        for coder in CodingStore.coders(projectRoot: project.root) {
            // Codes the coder proposed while coding are known for their own codings (they wait
            // for `kader codebook adopt`); a proposals file that does not parse is a finding.
            var proposed = Set<String>()
            let proposalsRel = "Codings/\(coder)/proposed-codes.yaml"
            do {
                proposed = Set(try ProposedCodes.load(projectRoot: project.root, coder: coder).entries.map(\.code.id))
            } catch {
                findings.append(
                    Finding(
                        kind: .damaged, path: proposalsRel,
                        message: "cannot be read: \(error.localizedDescription)",
                        advice:
                            "Fix the YAML (it is in the codebook format), or restore it with `git checkout \(proposalsRel)`."
                    ))
            }
            findings += orphanJournals(project: project, coder: coder)
            // Each codings file is read and re-anchored on every core; findings stay in order.
            let ids = CodingStore.documentIds(projectRoot: project.root, coder: coder)
            let knownCodes = known.union(proposed)
            findings += Parallel.map(count: ids.count) { n in
                fileFindings(project: project, coder: coder, id: ids[n], documents: documents, known: knownCodes)
            }.flatMap { $0 }
        }
        findings += damagedMemoFiles(
            CodeMemoFile.loadAll(projectRoot: project.root).damaged, root: project.root,
            shape: "a JSON object of code ids to memo texts")
        findings += damagedMemoFiles(
            ProjectMemoFile.loadAll(projectRoot: project.root).damaged, root: project.root,
            shape: "a JSON object {\"memo\": text, \"modified\": time}")
        return ProjectCheck(findings: findings)
    }

    /// The findings of one codings file: damaged, transcript missing, segments added after done,
    /// spans outside their segment, orphans, codings to review, unknown codes (`known` includes
    /// the coder's proposed codes).
    static func fileFindings(
        project: Project, coder: String, id: String, documents: ProjectDocuments, known: Set<String>
    ) -> [Finding] {
        var findings: [Finding] = []
        let rel = "Codings/\(coder)/\(id).json"
        let url = project.root.appendingPathComponent(rel)
        let file: CodingFile
        do {
            file = try CodingStore.readFile(url)
        } catch let error as StoreError {
            findings.append(damaged(error, rel: rel, url: url))
            return findings
        } catch {
            findings.append(
                Finding(
                    kind: .damaged, path: rel, message: error.localizedDescription,
                    advice: "Check the file's permissions."))
            return findings
        }
        var anchored = file
        switch documents.document(id) {
        case .none:
            let n = file.codings.count + (file.orphans?.count ?? 0)
            findings.append(
                Finding(
                    kind: .documentMissing, path: rel,
                    message: "\(n) segment codings belong to document \"\(id)\", which is not in Transcripts/.",
                    advice:
                        "Put the transcript back in Transcripts/ (same file name), or delete \(rel) if the document was dropped on purpose."
                ))
        case .some(.failure): break
        case .some(.success(let doc)):
            anchored = file.reanchored(to: doc).file
            if let finding = spansOutside(file, doc, rel: rel) { findings.append(finding) }
            let added = anchored.segmentsAddedAfterDone(in: doc).map(\.ordinal)
            if !added.isEmpty {
                findings.append(
                    Finding(
                        kind: .addedAfterDone, path: rel,
                        message:
                            "\(added.count) segment\(added.count == 1 ? " was" : "s were") added to the transcript after this coder marked it done (segment\(added.count == 1 ? "" : "s") \(added.prefix(8).map(String.init).joined(separator: ", "))\(added.count > 8 ? ", …" : "")); agreement treats them as missing for this coder, not as \"no code\".",
                        advice:
                            "Open the document in Kader, look at those segments, code them or leave them uncoded, and mark the document done again (D twice)."
                    ))
            }
        }
        if let orphans = anchored.orphans, !orphans.isEmpty {
            let list = orphans.prefix(5).map {
                "\($0.segment) (was segment \($0.ordinal): \($0.codes.joined(separator: ", ")))"
            }
            findings.append(
                Finding(
                    kind: .orphaned, path: rel,
                    message:
                        "\(orphans.count) codings lost their segment after the transcript changed: \(list.joined(separator: "; "))\(orphans.count > 5 ? "; …" : "").",
                    advice:
                        "They are kept under \"orphans\" in the file; re-code those passages in Kader and then delete the entries from \"orphans\", or restore the transcript text."
                ))
        }
        let review = anchored.codings.filter { $0.review == true }
        if !review.isEmpty {
            findings.append(
                Finding(
                    kind: .review, path: rel,
                    message:
                        "\(review.count) codings were re-attached to segments whose text changed (segments \(review.prefix(8).map { String($0.ordinal) }.joined(separator: ", "))\(review.count > 8 ? ", …" : "")).",
                    advice:
                        "Open the document in Kader and confirm or change the codes on those segments; any edit clears the flag."
                ))
        }
        let unknown = Set((file.codings + (file.orphans ?? [])).flatMap(\.codes)).subtracting(known).sorted()
        if !unknown.isEmpty {
            findings.append(
                Finding(
                    kind: .unknownCode, path: rel,
                    message:
                        "uses code ids that are not in \(project.codebookURL.lastPathComponent): \(unknown.joined(separator: ", ")).",
                    advice:
                        "Add the codes back to the codebook, or move the codings with `kader codebook merge`."))
        }
        return findings
    }

    /// One finding per damaged memo file (code memos, project memos); `shape` says what the file holds.
    static func damagedMemoFiles(_ errors: [StoreError], root: URL, shape: String) -> [Finding] {
        errors.compactMap { error in
            guard case .damaged(let path, let line, let column, let detail) = error else { return nil }
            let rel = path.hasPrefix(root.path + "/") ? String(path.dropFirst(root.path.count + 1)) : path
            return Finding(
                kind: .damaged, path: rel,
                message: "damaged at line \(line), column \(column) (\(detail)); Kader will not write over it.",
                advice:
                    "Repair the file by hand at the position given (\(shape)), or restore it from git (`git checkout -- \(rel)`)."
            )
        }
    }

    /// Quote spans of the file as stored that reach outside their segment (a hand-edited file):
    /// loading clips them to the segment and flags the coding for review.
    static func spansOutside(_ file: CodingFile, _ doc: Document, rel: String) -> Finding? {
        let segments = Dictionary(doc.segments.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let bad = file.codings.filter { c in
            guard c.hasSpans, let seg = segments[c.segment] else { return false }
            let shift = seg.start - (c.segmentStart ?? seg.start)
            return c.allSpans.contains { span in
                span.start >= span.end || span.start + shift < seg.start || span.end + shift > seg.end
            }
        }
        guard !bad.isEmpty else { return nil }
        return Finding(
            kind: .spanOutsideSegment, path: rel,
            message: (bad.count == 1 ? "1 quote span lies" : "\(bad.count) quote spans lie")
                + " outside its segment (segment\(bad.count == 1 ? "" : "s") \(bad.prefix(8).map { String($0.ordinal) }.joined(separator: ", "))\(bad.count > 8 ? ", …" : "")); exports quote the whole segment instead.",
            advice:
                "Open the document in Kader and select those quotes again (`s` on the segment), or delete the \"span\" entries from the file."
        )
    }

    /// Journals holding saved changes whose codings file is gone (see
    /// ``CodingStore/orphanJournalRecords(_:)``).
    static func orphanJournals(project: Project, coder: String) -> [Finding] {
        let folder = "Codings/\(coder)"
        let names =
            (try? FileManager.default.contentsOfDirectory(
                atPath: project.root.appendingPathComponent(folder).path)) ?? []
        return names.sorted().compactMap { name -> Finding? in
            guard name.hasPrefix("."), name.hasSuffix(".json.journal") else { return nil }
            let file = String(name.dropFirst().dropLast(".journal".count))
            let rel = "\(folder)/\(file)"
            guard !file.hasPrefix("."),
                let records = CodingStore.orphanJournalRecords(project.root.appendingPathComponent(rel))
            else { return nil }
            let relJournal = "\(folder)/\(name)"
            return Finding(
                kind: .damaged, path: rel,
                message:
                    "is gone (deleted, or removed by git?) while \(records == 1 ? "a saved change was" : "\(records) saved changes were") still in its journal \(relJournal); Kader does not open the document for \(coder) until this is settled.",
                advice:
                    "To keep those changes, put the file back (e.g. `git checkout HEAD@{1} -- \(rel)`, or from a stash) and open the document in Kader so it folds the journal in; to drop them, delete the journal (`rm \(relJournal)`)."
            )
        }
    }

    static func damaged(_ error: StoreError, rel: String, url: URL) -> Finding {
        let lastGood = CodingStore.lastGoodURL(for: url)
        let relGood = (rel as NSString).deletingLastPathComponent + "/" + lastGood.lastPathComponent
        var advice = "Repair the file by hand at the position given, or restore it from git (`git checkout -- \(rel)`)."
        if let good = try? CodingStore.readFile(lastGood) {
            let time = (good.codings + (good.orphans ?? [])).map(\.modified).max() ?? "unknown"
            advice =
                "Kader kept the last version it wrote (\(good.codings.count) segment codings, last change \(time)): "
                + "to restore it, move the damaged file aside and copy the last-good one back — "
                + "`mv \(rel) \(rel).damaged && cp \(relGood) \(rel)` — or repair the file by hand at the position given."
        }
        switch error {
        case .damaged(_, let line, let column, let detail):
            return Finding(
                kind: .damaged, path: rel,
                message: "damaged at line \(line), column \(column) (\(detail)); Kader will not write over it.",
                advice: advice)
        case .unknownSchema(_, let version):
            return Finding(
                kind: .unknownSchema, path: rel,
                message: "schema version \(version) is unknown to this Kader; it will not write over it.",
                advice: "Use the newer Kader that wrote it, or " + advice.prefix(1).lowercased() + advice.dropFirst())
        case .journalConflict(let journal, _):
            let relJournal = (rel as NSString).deletingLastPathComponent + "/" + (journal as NSString).lastPathComponent
            return Finding(
                kind: .damaged, path: rel,
                message:
                    "the file was replaced (by git?) while saved changes were still in its journal \(relJournal); Kader uses neither until this is settled.",
                advice:
                    "To keep those changes, put back the version of the file they were made on (e.g. `git checkout HEAD@{1} -- \(rel)`), open the document in Kader so it folds the journal in, then merge again with git; to drop them, delete the journal (`rm \(relJournal)`)."
            )
        default:
            return Finding(
                kind: .damaged, path: rel, message: error.errorDescription ?? "\(error)",
                advice: "Check the file's permissions.")
        }
    }
}
