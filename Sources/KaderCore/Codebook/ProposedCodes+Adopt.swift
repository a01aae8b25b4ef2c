import Foundation

extension ProposedCodes {
    /// What adopting a proposed code did.
    public struct Adoption: Sendable {
        /// The team codebook with the code (and, for a code in a proposed category, that category).
        public var team: Codebook
        /// The coder's proposals without what was adopted.
        public var proposals: Codebook
        /// Ids that entered the team codebook: the code (with its sub-codes for a proposed
        /// category), and its proposed category first when that came along.
        public var adopted: [String]
    }

    /// Adopts the proposed code `id` of `proposals` into `team`: a proposed category comes with
    /// its sub-codes; a proposed code under a team category goes under it; a proposed code in a
    /// proposed category brings that category along with this code only. Shortcuts the team
    /// codebook already uses are dropped from what is adopted. Pure: nothing is written.
    /// - Throws: ``CodebookError/unknownCode(id:)`` when `id` is not a proposal of this coder
    ///   (or is already in the team codebook).
    public static func adopt(_ id: String, team: Codebook, proposals: Codebook) throws -> Adoption {
        guard proposedIds(proposals, team: team).contains(id), let entry = proposals.entry(id: id) else {
            throw CodebookError.unknownCode(id: id)
        }
        var team = team
        var proposals = proposals
        let taken = Set(team.entries.compactMap(\.code.shortcut))
        func clean(_ c: Code) -> Code {
            var c = c
            if let k = c.shortcut, taken.contains(k) { c.shortcut = nil }
            c.children = c.children.map(clean)
            return c
        }
        var adopted: [String] = []
        if entry.depth == 0 {
            team.codes.append(clean(entry.code))
            adopted = [entry.code.id] + entry.code.children.map(\.id)
            proposals.codes.removeAll { $0.id == id }
        } else if team.codes.contains(where: { $0.id == entry.categoryId }) {
            _ = team.codes.appendChild(clean(entry.code), under: entry.categoryId)
            adopted = [id]
            proposals = proposals.removingProposal(id, team: team)
        } else {
            guard let cat = proposals.codes.first(where: { $0.id == entry.categoryId }) else {
                throw CodebookError.unknownCode(id: entry.categoryId)
            }
            var c = clean(cat)
            c.children = [clean(entry.code)]
            team.codes.append(c)
            adopted = [cat.id, id]
            proposals = proposals.removingProposal(id, team: team)
            if let i = proposals.codes.firstIndex(where: { $0.id == cat.id }), proposals.codes[i].children.isEmpty {
                proposals.codes.remove(at: i)
            }
        }
        return Adoption(team: team, proposals: proposals, adopted: adopted)
    }

    /// Adopts `id` from `coder`'s proposals into the project's codebook file and removes it from
    /// the proposals file. The codebook is read from disk just before (so edits saved meanwhile
    /// stay) and validated before it is written.
    /// - Throws: ``CodebookError`` (unknown proposal, unreadable or invalid codebook), or a file
    ///   error when a file cannot be written.
    public static func adopt(_ id: CodeID, coder: CoderName, project: Project) throws -> Adoption {
        let (id, coder) = (id.rawValue, coder.rawValue)
        let team = try CodebookFile.load(project.codebookURL)
        let proposals = try load(projectRoot: project.root, coder: coder)
        let result = try adopt(id, team: team, proposals: proposals)
        let problems = result.team.validationProblems()
        guard problems.isEmpty else {
            throw CodebookError.problems(path: project.codebookURL.path, problems: problems)
        }
        try CodebookFile.save(result.team, to: project.codebookURL)
        try save(result.proposals, projectRoot: project.root, coder: coder)
        return result
    }
}
