import Foundation
import Testing

@testable import KaderCore

@Suite struct CodebookEditsTests {
    /// A project where ann and bart both coded the focus group.
    static func project() throws -> (Project, Document) {
        let root = try CodingStoreTests.tempProject()
        let doc = try CodingStoreTests.document()
        try Data(TranscriptLoaderTests.focusGroup.utf8).write(to: root.appendingPathComponent("Transcripts/fg.md"))
        for (coder, codes) in [("ann", ["werkdruk", "didactiek"]), ("bart", ["werkdruk"])] {
            let store = try CodingStore(projectRoot: root, coder: coder)
            var file = try store.load(document: doc)
            for c in codes { file = file.toggling(code: CodeID(c), on: doc.segments[1], at: "t") }
            file = file.toggling(code: "welbevinden", on: doc.segments[3], at: "t")
            try store.save(file)
        }
        return (try Project(root: root), doc)
    }

    static func codes(_ project: Project, _ coder: String, _ doc: Document, _ i: Int) throws -> [String] {
        try CodingStore.read(projectRoot: project.root, coder: coder, document: doc).codes(
            forSegment: doc.segments[i].id)
    }

    @Test func renameKeepsIdsAndCodings() throws {
        let (project, doc) = try Self.project()
        defer { try? FileManager.default.removeItem(at: project.root) }
        _ = try CodebookEdits.rename(project: project, id: "werkdruk", to: "Werklast")
        let reopened = try Project(root: project.root)
        #expect(reopened.codebook.entry(id: "werkdruk")?.code.name == "Werklast")
        #expect(try Self.codes(reopened, "ann", doc, 1) == ["didactiek", "werkdruk"])
    }

    @Test func mergeMovesEveryCodersCodings() throws {
        let (project, doc) = try Self.project()
        defer { try? FileManager.default.removeItem(at: project.root) }
        let result = try CodebookEdits.merge(project: project, from: "werkdruk", into: "didactiek")
        #expect(result.codingsMoved == 2)
        #expect(result.filesChanged == ["Codings/ann/fg.json", "Codings/bart/fg.json"])
        let reopened = try Project(root: project.root)
        #expect(reopened.codebook.entry(id: "werkdruk") == nil)
        #expect(try Self.codes(reopened, "ann", doc, 1) == ["didactiek"])
        #expect(try Self.codes(reopened, "bart", doc, 1) == ["didactiek"])
        #expect(try Self.codes(reopened, "bart", doc, 3) == ["welbevinden"])
    }

    @Test func deleteIsRefusedWhileCodingsUseTheCodeUnlessATargetIsNamed() throws {
        let (project, doc) = try Self.project()
        defer { try? FileManager.default.removeItem(at: project.root) }
        #expect(throws: CodebookError.codeInUse(id: "welbevinden", codings: 2)) {
            try CodebookEdits.delete(project: project, id: "welbevinden", moveTo: nil)
        }
        #expect(try Project(root: project.root).codebook.entry(id: "welbevinden") != nil)
        _ = try CodebookEdits.delete(project: project, id: "stroomlijning", moveTo: nil)
        _ = try CodebookEdits.delete(
            project: try Project(root: project.root), id: "welbevinden", moveTo: "veranderingsprocessen")
        let reopened = try Project(root: project.root)
        #expect(reopened.codebook.entry(id: "stroomlijning") == nil)
        #expect(try Self.codes(reopened, "ann", doc, 3) == ["veranderingsprocessen"])
        #expect(throws: CodebookError.self) {
            try CodebookEdits.delete(project: reopened, id: "digitalisering", moveTo: nil)
        }
    }

    @Test func aCoderWhoIsCodingBlocksTheChangeAndNothingChanges() throws {
        let (project, doc) = try Self.project()
        defer { try? FileManager.default.removeItem(at: project.root) }
        let busy = try CodingStore(projectRoot: project.root, coder: "bart")
        #expect(throws: StoreError.self) {
            try CodebookEdits.merge(project: project, from: "werkdruk", into: "didactiek")
        }
        #expect(try Self.codes(project, "ann", doc, 1) == ["didactiek", "werkdruk"])
        #expect(try Project(root: project.root).codebook.entry(id: "werkdruk") != nil)
        _ = busy
    }
}
