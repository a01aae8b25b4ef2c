import Foundation
import Testing

@testable import KaderCore

@Suite struct ProjectCheckTests {
    @Test func cleanProjectHasNoFindings() throws {
        let (project, _) = try CodebookEditsTests.project()
        defer { try? FileManager.default.removeItem(at: project.root) }
        #expect(ProjectCheck.run(project: project).findings == [])
        let status = ProjectStatus.gather(project: project)
        #expect(!status.needsAttention)
        #expect(status.rows.map(\.coder) == ["ann", "bart"])
        #expect(status.rows.first?.coded == 2)
        #expect(status.rows.first?.codable == 3)
        #expect(status.rows.first?.status == .inProgress)
    }

    @Test func damagedFileIsReportedWithTheLastGoodCopyToRestore() throws {
        let (project, _) = try CodebookEditsTests.project()
        defer { try? FileManager.default.removeItem(at: project.root) }
        let url = CodingStore.fileURL(projectRoot: project.root, coder: "ann", documentId: "fg")
        let broken = Data("{\n  \"schema\" : 1,\n  oops\n".utf8)
        try broken.write(to: url)
        let check = ProjectCheck.run(project: project)
        let finding = try #require(check.findings.first)
        #expect(finding.kind == .damaged)
        #expect(finding.path == "Codings/ann/fg.json")
        #expect(finding.message.contains("line 3"))
        #expect(finding.advice.contains("Codings/ann/.fg.json.last-good"))
        #expect(ProjectStatus.gather(project: project).needsAttention)
        #expect(try Data(contentsOf: url) == broken)
    }

    @Test func orphansUnknownCodesAndMissingDocumentsAreListed() throws {
        let (project, doc) = try CodebookEditsTests.project()
        defer { try? FileManager.default.removeItem(at: project.root) }
        // Drop Els's last turn from the transcript: ann's and bart's codings on it become orphans.
        let text = TranscriptLoaderTests.focusGroup.components(separatedBy: "\n[00:01:30]").first!
        try Data(text.utf8).write(to: project.root.appendingPathComponent("Transcripts/fg.md"))
        // A code that is not in the codebook, in a file of a document that does not exist.
        var ghost = CodingFile(coder: "ann", document: "gone", contentHash: "x")
        ghost = ghost.toggling(code: "no-such-code", on: doc.segments[1], at: "t")
        try ghost.encoded().write(to: CodingStore.fileURL(projectRoot: project.root, coder: "ann", documentId: "gone"))
        let kinds = ProjectCheck.run(project: project).findings.map { "\($0.kind) \($0.path)" }
        #expect(kinds.contains("orphaned Codings/ann/fg.json"))
        #expect(kinds.contains("orphaned Codings/bart/fg.json"))
        #expect(kinds.contains("documentMissing Codings/ann/gone.json"))
        #expect(kinds.contains("unknownCode Codings/ann/gone.json"))
    }

    /// A code the coder proposed while coding (Codings/<coder>/proposed-codes.yaml) is known for
    /// that coder's codings, not for another coder's; a proposals file that does not parse is
    /// reported as damaged.
    @Test func proposedCodesAreKnownForTheirCoderOnly() throws {
        let (project, doc) = try CodebookEditsTests.project()
        defer { try? FileManager.default.removeItem(at: project.root) }
        try ProposedCodes.save(
            Codebook(name: "Proposed by ann", codes: [Code(id: "ann-idee", name: "Idee")]),
            projectRoot: project.root, coder: "ann")
        for coder in ["ann", "bart"] {
            var file = try CodingStore.read(projectRoot: project.root, coder: coder, document: doc)
            file = file.toggling(code: "ann-idee", on: doc.segments[1], at: "t")
            try CodingStore(projectRoot: project.root, coder: coder).save(file)
        }
        var kinds = ProjectCheck.run(project: project).findings.map { "\($0.kind) \($0.path)" }
        #expect(!kinds.contains("unknownCode Codings/ann/fg.json"))
        #expect(kinds.contains("unknownCode Codings/bart/fg.json"))
        try Data("codes: [\n".utf8).write(to: ProposedCodes.url(projectRoot: project.root, coder: "ann"))
        kinds = ProjectCheck.run(project: project).findings.map { "\($0.kind) \($0.path)" }
        #expect(kinds.contains("damaged Codings/ann/proposed-codes.yaml"))
    }

    @Test func quoteSpansOutsideTheirSegmentAreFlagged() throws {
        let (project, doc) = try CodebookEditsTests.project()
        defer { try? FileManager.default.removeItem(at: project.root) }
        var file = try CodingStore.read(projectRoot: project.root, coder: "ann", document: doc)
        let seg = doc.segments[1]
        // A hand-edited span that runs into the next segment, without the segment start.
        var coding =
            file.coding(forSegment: seg.id)
            ?? SegmentCoding(
                segment: SegmentID(seg.id), ordinal: seg.ordinal, fingerprint: seg.fingerprint, codes: ["x"],
                created: "t",
                modified: "t")
        coding.applied = [AppliedCode(code: "x", spans: [QuoteSpan(start: seg.start + 2, end: seg.end + 40)])]
        file.codings.removeAll { $0.segment == seg.id }
        file.codings.append(coding)
        file.codings.sort { $0.ordinal < $1.ordinal }
        try file.encoded().write(
            to: CodingStore.fileURL(projectRoot: project.root, coder: "ann", documentId: DocumentID(doc.id)))
        let findings = ProjectCheck.run(project: project).findings.filter { $0.kind == .spanOutsideSegment }
        #expect(findings.map(\.path) == ["Codings/ann/\(doc.id).json"])
        #expect(
            findings.first?.message.hasPrefix("1 quote span lies outside its segment (segment \(seg.ordinal))") == true)
    }

    @Test func aSecondFileWithTheSameDocumentIdIsLeftOutAndReported() throws {
        let (project, doc) = try CodebookEditsTests.project()
        defer { try? FileManager.default.removeItem(at: project.root) }
        let copy = project.root.appendingPathComponent("Transcripts/FG.txt")
        try FileManager.default.copyItem(at: project.root.appendingPathComponent("Transcripts/fg.md"), to: copy)
        // An unreadable transcript nobody has coded yet still needs attention in status.
        try Data([0x89, 0x50, 0x4E, 0x47, 0, 1]).write(to: project.root.appendingPathComponent("Transcripts/scan.txt"))
        // A newer file named exactly like the id loses to the older one.
        let junk = project.root.appendingPathComponent("Transcripts/fg.docx")
        try Data("not a zip".utf8).write(to: junk)
        try FileManager.default.setAttributes(
            [.modificationDate: Date().addingTimeInterval(60)], ofItemAtPath: junk.path)
        let reopened = try Project(root: project.root)
        #expect(reopened.transcriptPaths == ["Transcripts/fg.md", "Transcripts/scan.txt"])
        #expect(
            reopened.duplicateTranscripts == [
                DuplicateTranscript(path: "Transcripts/FG.txt", documentId: doc.id, keptPath: "Transcripts/fg.md"),
                DuplicateTranscript(path: "Transcripts/fg.docx", documentId: doc.id, keptPath: "Transcripts/fg.md"),
            ])
        let kinds = ProjectCheck.run(project: reopened).findings.map { "\($0.kind) \($0.path)" }
        #expect(kinds.contains("duplicateDocumentId Transcripts/FG.txt"))
        let status = ProjectStatus.gather(project: reopened)
        #expect(
            status.rows.filter { $0.document == "scan" }.allSatisfy { $0.problem == "the transcript cannot be loaded" })
        #expect(status.rows.contains { $0.document == "scan" })
        #expect(status.needsAttention)
        #expect(status.unloadable.map(\.path) == ["Transcripts/scan.txt"])
        let scan = ProjectCheck.run(project: reopened).findings.first { $0.kind == .transcript }
        #expect(scan?.message.hasPrefix("Transcripts/") == false)
    }
}
