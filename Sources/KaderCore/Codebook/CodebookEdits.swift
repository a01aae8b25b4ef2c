import Foundation

/// Changes to a project's codebook that keep every coding: rename (ids stay, so codings stay),
/// merge (codings move from one code to another in every coder's files), delete (refused while
/// codings use the code, unless the user names where they go).
///
/// Every coder's lock is taken and every codings file is read before anything is written, so a
/// coder who is coding right now, or a damaged file, stops the change with nothing changed. The
/// codings files are written first and the codebook last: a crash in between leaves codings
/// that point at a code that still exists.
public enum CodebookEdits {
    /// What a change did.
    public struct Result: Sendable, Hashable {
        public var codebook: Codebook
        /// Codings files rewritten (`Codings/<coder>/<document>.json`, relative to the project).
        public var filesChanged: [String]
        /// Segment codings whose codes changed.
        public var codingsMoved: Int
    }

    /// Renames code `id`; codings refer to ids, so none change.
    /// - Throws: ``CodebookError/unknownCode(id:)``, ``CodebookError/invalid(path:detail:)`` for an empty name.
    public static func rename(project: Project, id: String, to name: String) throws -> Result {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else {
            throw CodebookError.invalid(path: project.codebookURL.path, detail: "a code name cannot be empty")
        }
        var book = project.codebook
        guard book.updateCode(id, { $0.name = name }) else { throw CodebookError.unknownCode(id: id) }
        try save(book, project: project)
        return Result(codebook: book, filesChanged: [], codingsMoved: 0)
    }

    /// Merges code `from` into `into`: every coder's codings of `from` become `into`, the
    /// sub-codes of `from` become sub-codes of `into`, and `from` leaves the codebook.
    /// - Throws: ``CodebookError/unknownCode(id:)``, ``CodebookError/invalid(path:detail:)`` when
    ///   `into` is `from` or one of its sub-codes; ``StoreError`` (locked coder, damaged file).
    /// `openStores` are stores this process already holds (the TUI's own coder); they are used
    /// instead of taking those coders' locks again.
    public static func merge(project: Project, from: String, into: String, openStores: [CodingStore] = []) throws
        -> Result
    {
        var book = project.codebook
        guard let removed = book.removeCode(from) else { throw CodebookError.unknownCode(id: from) }
        guard book.entry(id: into) != nil else {
            if Codebook(name: "", codes: [removed]).entry(id: into) != nil {
                throw CodebookError.invalid(
                    path: project.codebookURL.path,
                    detail: "cannot merge \"\(from)\" into itself or one of its sub-codes")
            }
            throw CodebookError.unknownCode(id: into)
        }
        _ = book.updateCode(into) { $0.children += removed.children }
        return try rewrite(project: project, book: book, mapping: [from: into], openStores: openStores)
    }

    /// Deletes code `id`. Refused when codings use it unless `moveTo` names the code they go to;
    /// refused when it has sub-codes (delete or merge those first).
    /// - Throws: ``CodebookError/unknownCode(id:)``, ``CodebookError/codeInUse(id:codings:)``,
    ///   ``CodebookError/invalid(path:detail:)``, ``StoreError``.
    public static func delete(project: Project, id: String, moveTo: String?) throws -> Result {
        var book = project.codebook
        guard let removed = book.removeCode(id) else { throw CodebookError.unknownCode(id: id) }
        guard removed.children.isEmpty else {
            throw CodebookError.invalid(
                path: project.codebookURL.path,
                detail:
                    "code \"\(id)\" has sub-codes (\(removed.children.map(\.id).joined(separator: ", "))); delete or merge them first"
            )
        }
        if let moveTo {
            guard book.entry(id: moveTo) != nil else { throw CodebookError.unknownCode(id: moveTo) }
            return try rewrite(project: project, book: book, mapping: [id: moveTo])
        }
        return try rewrite(project: project, book: book, mapping: [id: nil])
    }

    /// Applies `mapping` (old code id → new code id, nil = none) to every coder's files, then saves `book`.
    static func rewrite(project: Project, book: Codebook, mapping: [String: String?], openStores: [CodingStore] = [])
        throws -> Result
    {
        var stores: [CodingStore] = []
        for coder in CodingStore.coders(projectRoot: project.root) {
            if let open = openStores.first(where: { $0.coder == coder && !$0.readOnly }) {
                stores.append(open)
            } else {
                stores.append(try CodingStore(projectRoot: project.root, coder: coder))
            }
        }
        var changes: [(CodingStore, CodingFile, Int)] = []
        var inUse = 0
        for store in stores {
            for docId in CodingStore.documentIds(projectRoot: project.root, coder: store.coder) {
                guard let file = try store.loadFile(documentId: docId) else { continue }
                var next = file
                let n = next.mapCodes(mapping)
                if n > 0 { changes.append((store, next, n)) }
                inUse += n
            }
        }
        if mapping.values.contains(where: { $0 == nil }), inUse > 0, let id = mapping.keys.first {
            throw CodebookError.codeInUse(id: id, codings: inUse)
        }
        for (store, file, _) in changes { try store.save(file) }
        try save(book, project: project)
        return Result(
            codebook: book, filesChanged: changes.map { "Codings/\($0.0.coder)/\($0.1.document).json" },
            codingsMoved: changes.reduce(0) { $0 + $1.2 })
    }

    static func save(_ book: Codebook, project: Project) throws {
        let problems = book.validationProblems()
        guard problems.isEmpty else { throw CodebookError.problems(path: project.codebookURL.path, problems: problems) }
        try CodebookFile.save(book, to: project.codebookURL)
    }
}

extension Codebook {
    /// Changes the code with `id` in place; false when there is none.
    mutating func updateCode(_ id: String, _ change: (inout Code) -> Void) -> Bool {
        func walk(_ codes: inout [Code]) -> Bool {
            for i in codes.indices {
                if codes[i].id == id {
                    change(&codes[i])
                    return true
                }
                if walk(&codes[i].children) { return true }
            }
            return false
        }
        return walk(&codes)
    }

    /// Removes the code with `id` (and its subtree) and returns it; nil when there is none.
    mutating func removeCode(_ id: String) -> Code? {
        func walk(_ codes: inout [Code]) -> Code? {
            if let i = codes.firstIndex(where: { $0.id == id }) { return codes.remove(at: i) }
            for i in codes.indices {
                if let found = walk(&codes[i].children) { return found }
            }
            return nil
        }
        return walk(&codes)
    }
}

extension CodingFile {
    /// Replaces code ids by `mapping` (nil removes) in codings and orphans; returns how many
    /// segment codings used a mapped code. Codes stay sorted and unique.
    mutating func mapCodes(_ mapping: [String: String?]) -> Int {
        var count = 0
        func apply(_ list: inout [SegmentCoding]) {
            for i in list.indices where list[i].codes.contains(where: { mapping[$0] != nil }) {
                count += 1
                let mapped = list[i].codes.compactMap { code -> String? in
                    if let m = mapping[code] { return m }
                    return code
                }
                list[i].codes = Array(Set(mapped)).sorted()
            }
        }
        apply(&codings)
        if var o = orphans {
            apply(&o)
            orphans = o
        }
        return count
    }
}
