import Foundation
import KaderCore
import Testing

/// Adopting a coder's proposed code into the team codebook (Ctrl-A in the picker and
/// `kader codebook adopt`): one KaderCore function.
@Suite struct ProposedCodesAdoptTests {
    static let team = Codebook(
        name: "Team",
        codes: [
            Code(id: "werk", name: "Werk", shortcut: "1", children: [Code(id: "druk", name: "Druk", shortcut: "a")])
        ])

    @Test func aCodeUnderATeamCategoryGoesUnderItAndLosesATakenShortcut() throws {
        let proposals = Codebook(
            name: "Proposed",
            codes: [Code(id: "werk", name: "Werk", children: [Code(id: "avond", name: "Avondwerk", shortcut: "a")])])
        let r = try ProposedCodes.adopt("avond", team: Self.team, proposals: proposals)
        #expect(r.adopted == ["avond"])
        #expect(r.team.entry(id: "avond")?.categoryId == "werk")
        #expect(r.team.entry(id: "avond")?.code.shortcut == nil)  // "a" is taken
        #expect(ProposedCodes.proposedIds(r.proposals, team: r.team).isEmpty)
        #expect(r.team.validationProblems().isEmpty)
    }

    @Test func aCodeInAProposedCategoryBringsTheCategoryWithThisCodeOnly() throws {
        let proposals = Codebook(
            name: "Proposed",
            codes: [
                Code(
                    id: "thuis", name: "Thuis",
                    children: [Code(id: "ouders", name: "Ouders"), Code(id: "broers", name: "Broers")])
            ])
        let r = try ProposedCodes.adopt("ouders", team: Self.team, proposals: proposals)
        #expect(r.adopted == ["thuis", "ouders"])
        #expect(r.team.entry(id: "thuis")?.code.children.map(\.id) == ["ouders"])
        #expect(ProposedCodes.proposedIds(r.proposals, team: r.team) == ["broers"])
        // A whole proposed category comes with its sub-codes.
        let whole = try ProposedCodes.adopt("thuis", team: Self.team, proposals: proposals)
        #expect(whole.adopted == ["thuis", "ouders", "broers"])
        #expect(whole.proposals.codes.isEmpty)
    }

    @Test func aTeamCodeOrAnUnknownIdIsRefused() {
        let proposals = Codebook(name: "Proposed", codes: [])
        #expect(throws: CodebookError.self) { try ProposedCodes.adopt("druk", team: Self.team, proposals: proposals) }
        #expect(throws: CodebookError.self) { try ProposedCodes.adopt("nope", team: Self.team, proposals: proposals) }
    }

    @Test func adoptingWritesTheCodebookAndTheProposalsFile() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("kader-adopt-\(UUID().uuidString)")
        try Project.initialize(at: root)
        defer { try? FileManager.default.removeItem(at: root) }
        let project = try Project(root: root)
        let category = try #require(project.codebook.codes.first)
        let proposals = Codebook(
            name: "Proposed by ann",
            codes: [Code(id: category.id, name: category.name, children: [Code(id: "nieuw-x", name: "Nieuw X")])])
        try ProposedCodes.save(proposals, projectRoot: root, coder: "ann")
        let r = try ProposedCodes.adopt("nieuw-x", coder: "ann", project: project)
        #expect(r.adopted == ["nieuw-x"])
        #expect(try CodebookFile.load(project.codebookURL).entry(id: "nieuw-x")?.categoryId == category.id)
        let left = try ProposedCodes.load(projectRoot: root, coder: "ann")
        #expect(ProposedCodes.proposedIds(left, team: r.team).isEmpty)
    }
}
