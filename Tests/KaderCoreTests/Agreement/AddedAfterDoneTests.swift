import Foundation
import Testing

@testable import KaderCore

/// A segment added to a transcript after a coder marked it done is missing data for that coder,
/// not agreement on "no code", and `kader status` / `kader check` list it.
@Suite struct AddedAfterDoneTests {
    /// ProjectUnitsTests' transcript with a new turn of Koen's inserted after Els's first one.
    static let edited = ProjectUnitsTests.text.replacingOccurrences(
        of: "Els: Eén.\n", with: "Els: Eén.\n\nKoen: Nieuw.\n")

    static func editedDocument() throws -> Document {
        try TranscriptLoader().load(data: Data(edited.utf8), path: "d.md", id: "d", format: .markdown)
    }

    @Test func markingDoneRecordsTheCodableSegmentsAndUndoingClearsThem() throws {
        let doc = try ProjectUnitsTests.document()
        let done = ProjectUnitsTests.file("a", doc, [["x"]], .inProgress).settingStatus(.done, document: doc)
        #expect(done.status == .done)
        #expect(done.doneSegments == doc.segments.filter(\.codable).map(\.id))
        #expect(done.doneSegments?.count == 3)  // the moderator turn is not codable
        let back = done.settingStatus(.inProgress, document: doc)
        #expect(back.doneSegments == nil)
        // Written in canonical order after "document" and read back unchanged.
        let json = String(decoding: try done.encoded(), as: UTF8.self)
        #expect(json.contains("\"doneSegments\" : [\n    \"\(doc.segments[1].id)\""))
        #expect(try done.encoded() == (try CanonicalJSONTests.viaJSONEncoder(done)))
        let read = try CodingFile.decode(try done.encoded(), path: "a.json")
        #expect(read.doneSegments == done.doneSegments)
    }

    @Test func aTurnInsertedAfterDoneIsMissingForThatCoderInAgreement() throws {
        let doc = try ProjectUnitsTests.document()
        let a = ProjectUnitsTests.file("a", doc, [["x"], [], ["y"]], .inProgress).settingStatus(.done, document: doc)
        let b = ProjectUnitsTests.file("b", doc, [["x"], ["x"]], .inProgress).settingStatus(.done, document: doc)
        let edited = try Self.editedDocument()
        #expect(edited.segments.filter(\.codable).count == 4)
        let newSegment = try #require(edited.segments.first { $0.text == "Nieuw." })
        let a2 = a.reanchored(to: edited).file
        let b2 = b.reanchored(to: edited).file
        #expect(a2.segmentsAddedAfterDone(in: edited).map(\.id) == [newSegment.id])
        let (part, units) = ProjectUnits.units(document: edited, files: [a2, b2], includeUnfinished: false)
        #expect(part.unitCount == 4)
        let unit = try #require(units.first { $0.segmentId == newSegment.id })
        #expect(unit.codes == [nil, nil])  // missing for both, not agreement on "no code"
        #expect(!unit.isDisagreement)
        #expect(
            units.filter { $0.segmentId != newSegment.id }.map(\.codes) == [
                [["x"], ["x"]], [[], ["x"]], [["y"], []],
            ])
        // Once a coder codes the new segment it counts for that coder only.
        let a3 = a2.settingCodes(["x"], on: newSegment, at: "t")
        let (_, units3) = ProjectUnits.units(document: edited, files: [a3, b2], includeUnfinished: false)
        #expect(units3.first { $0.segmentId == newSegment.id }?.codes == [["x"], nil])
        // Marked done again (on the edited text), an uncoded new segment means "no code" again.
        let b3 = b2.settingStatus(.done, document: edited)
        let (_, units4) = ProjectUnits.units(document: edited, files: [a3, b3], includeUnfinished: false)
        #expect(units4.first { $0.segmentId == newSegment.id }?.codes == [["x"], []])
    }

    @Test func filesWithoutTheRecordKeepTheOldRule() throws {
        let doc = try ProjectUnitsTests.document()
        let a = ProjectUnitsTests.file("a", doc, [["x"]], .done)  // status set directly: no doneSegments
        #expect(a.doneSegments == nil)
        let edited = try Self.editedDocument()
        let a2 = a.reanchored(to: edited).file
        #expect(a2.segmentsAddedAfterDone(in: edited).isEmpty)
        let (_, units) = ProjectUnits.units(document: edited, files: [a2, a2], includeUnfinished: false)
        #expect(units.allSatisfy { $0.codes[0] != nil })
    }

    @Test func statusAndCheckListTheNewSegment() throws {
        let (project, doc) = try CodebookEditsTests.project()
        defer { try? FileManager.default.removeItem(at: project.root) }
        for coder in ["ann", "bart"] {
            let store = try CodingStore(projectRoot: project.root, coder: coder)
            try store.save(try store.load(document: doc).settingStatus(.done, document: doc))
        }
        #expect(ProjectCheck.run(project: project).findings == [])
        #expect(
            ProjectStatus.gather(project: project).rows.allSatisfy { $0.addedAfterDone.isEmpty && $0.problem == nil })
        // Insert a turn of Els's before the last one.
        let text = TranscriptLoaderTests.focusGroup.replacingOccurrences(
            of: "\n[00:01:30] Els:", with: "\n[00:01:20] Els: Een nieuwe beurt.\n\n[00:01:30] Els:")
        try Data(text.utf8).write(to: project.root.appendingPathComponent("Transcripts/fg.md"))
        let edited = try Project(root: project.root).loadDocument(path: "Transcripts/fg.md")
        let newOrdinal = try #require(edited.segments.first { $0.text.hasPrefix("Een nieuwe beurt") }).ordinal
        let findings = ProjectCheck.run(project: project).findings.filter { $0.kind == .addedAfterDone }
        #expect(findings.map(\.path) == ["Codings/ann/fg.json", "Codings/bart/fg.json"])
        #expect(
            findings.first?.message.contains(
                "1 segment was added to the transcript after this coder marked it done (segment \(newOrdinal))") == true
        )
        let status = ProjectStatus.gather(project: project)
        #expect(status.needsAttention)
        #expect(status.rows.map(\.addedAfterDone) == [[newOrdinal], [newOrdinal]])
        #expect(status.rows.first?.problem?.contains("1 new since done (segments \(newOrdinal))") == true)
        let units = try ProjectUnits(project: try Project(root: project.root), coders: ["ann", "bart"])
        #expect(units.units.first { $0.ordinal == newOrdinal }?.codes == [nil, nil])
    }
}
