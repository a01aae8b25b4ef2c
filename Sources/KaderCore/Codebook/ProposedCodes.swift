import Foundation

/// Codes a coder created while coding, kept with that coder until the team adopts them:
/// `Codings/<coder>/proposed-codes.yaml`, in the codebook format. Its top-level codes are either
/// categories of the team codebook (same id; only their `children` are proposals) or proposed
/// new categories. The team codebook is never written when a code is proposed, so a second
/// coder coding blind never sees a first coder's new codes; a coder's codings may use their own
/// proposed codes (`agree` lists them as codes missing from the codebook until they are adopted).
public enum ProposedCodes {
    public static func url(projectRoot: URL, coder: String) -> URL {
        CodingStore.folder(projectRoot: projectRoot, coder: coder).appendingPathComponent("proposed-codes.yaml")
    }

    /// The coder's proposals (an empty codebook when the file does not exist).
    /// - Throws: ``CodebookError`` when the file does not parse.
    public static func load(projectRoot: URL, coder: String) throws -> Codebook {
        let url = url(projectRoot: projectRoot, coder: coder)
        guard FileManager.default.fileExists(atPath: url.path) else {
            return Codebook(name: "Proposed by \(coder)", codes: [])
        }
        return try CodebookFile.load(url)
    }

    /// Writes the proposals atomically (removes the file when there are none).
    public static func save(_ proposed: Codebook, projectRoot: URL, coder: String) throws {
        let url = url(projectRoot: projectRoot, coder: coder)
        if proposed.codes.allSatisfy({ $0.children.isEmpty }) && proposed.codes.isEmpty {
            try? FileManager.default.removeItem(at: url)
            return
        }
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try CodebookFile.save(proposed, to: url)
    }

    /// Ids of the codes that are proposals relative to `team` (not in the team codebook).
    public static func proposedIds(_ proposed: Codebook, team: Codebook) -> Set<String> {
        let known = Set(team.entries.map(\.code.id))
        return Set(proposed.entries.map(\.code.id).filter { !known.contains($0) })
    }
}

extension Codebook {
    /// The team codebook with `proposed` laid over it: proposed children appended to their team
    /// category, proposed categories appended at the end. Codes already in `self` stay as they are.
    public func overlaying(_ proposed: Codebook) -> Codebook {
        var copy = self
        var known = Set(entries.map(\.code.id))
        for top in proposed.codes {
            if let i = copy.codes.firstIndex(where: { $0.id == top.id }) {
                for child in top.children where !known.contains(child.id) {
                    copy.codes[i].children.append(child)
                    known.insert(child.id)
                }
            } else if !known.contains(top.id) {
                copy.codes.append(top)
                known.insert(top.id)
            }
        }
        return copy
    }

    /// Adds a proposed code `code` under `parent` of `team` (nil: a proposed category) to these
    /// proposals. A team category that is the parent is copied in (id, name) to hold it.
    public func proposing(_ code: Code, under parent: String?, team: Codebook) throws -> Codebook {
        var copy = self
        guard let parent else {
            copy.codes.append(code)
            return copy
        }
        if copy.codes.insertChild(code, under: parent) { return copy }
        guard let category = team.codes.first(where: { $0.id == parent }) else {
            throw CodebookError.unknownCode(id: parent)
        }
        copy.codes.append(Code(id: category.id, name: category.name, children: [code]))
        return copy
    }

    /// These proposals without code `id` (and without a team category left holding nothing).
    public func removingProposal(_ id: String, team: Codebook) -> Codebook {
        var copy = self
        let teamIds = Set(team.codes.map(\.id))
        copy.codes.removeAll { $0.id == id }
        for i in copy.codes.indices { copy.codes[i].children.removeAll { $0.id == id } }
        copy.codes.removeAll { teamIds.contains($0.id) && $0.children.isEmpty }
        return copy
    }
}

extension Array where Element == Code {
    /// These codes with code `id` (anywhere in the tree) renamed to `name`.
    public func renaming(_ id: String, to name: String) -> [Code] {
        map { c in
            var c = c
            if c.id == id { c.name = name }
            c.children = c.children.renaming(id, to: name)
            return c
        }
    }

    /// Appends `code` to the children of the code `parent` (anywhere in the tree); false if
    /// there is none.
    public mutating func appendChild(_ code: Code, under parent: String) -> Bool {
        insertChild(code, under: parent)
    }
}
