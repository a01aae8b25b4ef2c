import Foundation
import Testing

@testable import KaderCore

/// Units from a project: which segments count, and missing coders as missing data.
@Suite struct ProjectUnitsTests {
    static let text = """
        ---
        title: T
        type: focusgroep
        speakers:
          Moderator:
            role: moderator
            codable: false
          Els:
            role: leerkracht
          Koen:
            role: directeur
        ---

        Moderator: Vraag?

        Els: Eén.

        Koen: Twee.

        Els: Drie.
        """

    static func document(_ id: String = "d") throws -> Document {
        try TranscriptLoader().load(data: Data(text.utf8), path: "\(id).md", id: id, format: .markdown)
    }

    static func file(_ coder: String, _ doc: Document, _ sets: [[String]], _ status: CodingStatus) -> CodingFile {
        var f = CodingFile(coder: CoderName(coder), document: DocumentID(doc.id), contentHash: doc.contentHash)
        for (s, c) in zip(doc.segments.filter(\.codable), sets) { f = f.settingCodes(c, on: s, at: "t") }
        f.status = status
        return f
    }

    @Test func onlyCodableSegmentsAndUncodedInADoneDocumentIsTheEmptySet() throws {
        let doc = try Self.document()
        let a = Self.file("a", doc, [["x"], [], ["y"]], .done)
        let b = Self.file("b", doc, [["x"], ["x"]], .done)
        let (part, units) = ProjectUnits.units(document: doc, files: [a, b], includeUnfinished: false)
        #expect(part.unitCount == 3)
        #expect(units.map(\.ordinal) == [2, 3, 4])  // the moderator turn is not a unit
        #expect(units.map(\.codes) == [[["x"], ["x"]], [[], ["x"]], [["y"], []]])
        #expect(units.map(\.role) == ["leerkracht", "directeur", "leerkracht"])
        #expect(units.filter(\.isDisagreement).map(\.ordinal) == [3, 4])
    }

    @Test func aCoderWithoutAFileOrNotDoneIsMissingNotZeros() throws {
        let doc = try Self.document()
        let a = Self.file("a", doc, [["x"], [], ["y"]], .done)
        let b = Self.file("b", doc, [["x"], ["x"], []], .done)
        let c = Self.file("c", doc, [["x"]], .inProgress)
        let (part, units) = ProjectUnits.units(document: doc, files: [a, nil, b, c], includeUnfinished: false)
        #expect(part.included == [true, false, true, false])
        #expect(part.status == [.done, .notStarted, .done, .inProgress])
        for u in units {
            #expect(u.codes[1] == nil)
            #expect(u.codes[3] == nil)
        }
        // Missing data changes α compared with treating the absent coders as "no code" (zeros).
        let withMissing = try CodeAgreement.report(units: units.map(\.codes), codes: ["x", "y"])
        let zeros = try CodeAgreement.report(units: units.map { $0.codes.map { $0 ?? [] } }, codes: ["x", "y"])
        #expect(withMissing.perCode[0].counts.codedByCoder == [3, 0, 3, 0])
        #expect(withMissing.perCode[0].alpha.value != zeros.perCode[0].alpha.value)
    }

    @Test func documentsNotDoneByTwoCodersAreLeftOutUnlessUnfinishedAreIncluded() throws {
        let doc = try Self.document()
        let a = Self.file("a", doc, [["x"], ["y"], []], .done)
        let b = Self.file("b", doc, [["x"]], .inProgress)
        let strict = ProjectUnits.units(document: doc, files: [a, b], includeUnfinished: false)
        #expect(strict.0.unitCount == 0 && strict.1.isEmpty)
        let loose = ProjectUnits.units(document: doc, files: [a, b], includeUnfinished: true)
        #expect(loose.1.count == 3)
        // In an unfinished document a segment without codes is missing (not reached yet), not "no code".
        #expect(loose.1.map { $0.codes[1] } == [["x"], nil, nil])
        #expect(loose.1.map { $0.codes[0] } == [["x"], ["y"], []])
    }

    @Test func readsThroughTheStoreAndBreaksDownByDocumentAndRole() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("kader-units-\(UUID().uuidString)")
        try Project.initialize(at: root)
        defer { try? FileManager.default.removeItem(at: root) }
        try Self.text.write(to: root.appendingPathComponent("Transcripts/d.md"), atomically: true, encoding: .utf8)
        try Self.text.write(to: root.appendingPathComponent("Transcripts/e.md"), atomically: true, encoding: .utf8)
        let project = try Project(root: root)
        let d = try project.loadDocument(path: "Transcripts/d.md")
        let e = try project.loadDocument(path: "Transcripts/e.md")
        for (coder, sets) in [("a", [["x"], ["x"], []]), ("b", [["x"], [], []])] {
            let store = try CodingStore(projectRoot: root, coder: coder)
            try store.save(Self.file(coder, d, sets, .done))
            try store.save(Self.file(coder, e, sets, coder == "a" ? .done : .inProgress))
        }
        let units = try ProjectUnits(project: project, coders: ["a", "b"])
        #expect(units.units.count == 3)
        #expect(units.documents.map(\.unitCount) == [3, 0])
        #expect(units.identicalSets == (2, 3))
        let byRole = try ProjectAgreement(
            units: units, codebook: project.codebook, breakdown: .role, bootstrapSamples: 10)
        #expect(byRole.groups.map(\.label) == ["leerkracht", "directeur"])
        #expect(byRole.groups.map(\.unitCount) == [2, 1])
        let all = try ProjectUnits(project: project, coders: ["a", "b"], includeUnfinished: true)
        let byDoc = try ProjectAgreement(
            units: all, codebook: project.codebook, breakdown: .document, bootstrapSamples: 10)
        #expect(byDoc.groups.map(\.label) == ["d", "e"])
        #expect(byDoc.unknownCodes(project.codebook) == ["x"])
    }

    /// `kader agree --by ATTRIBUTE`: groups by the speaker's value, else the document's;
    /// "(no NAME)" when neither has one; an attribute nobody has is refused with the known names.
    @Test func breaksDownByAnAttribute() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("kader-units-\(UUID().uuidString)")
        try Project.initialize(at: root)
        defer { try? FileManager.default.removeItem(at: root) }
        func text(_ school: String) -> String {
            Self.text.replacingOccurrences(of: "type: focusgroep\n", with: "type: focusgroep\nschooltype: \(school)\n")
                .replacingOccurrences(of: "role: leerkracht\n", with: "role: leerkracht\n    vak: wiskunde\n")
        }
        try text("secundair").write(
            to: root.appendingPathComponent("Transcripts/d.md"), atomically: true, encoding: .utf8)
        try text("basis").write(to: root.appendingPathComponent("Transcripts/e.md"), atomically: true, encoding: .utf8)
        let project = try Project(root: root)
        let d = try project.loadDocument(path: "Transcripts/d.md")
        let e = try project.loadDocument(path: "Transcripts/e.md")
        for (coder, sets) in [("a", [["x"], ["x"], []]), ("b", [["x"], [], []])] {
            let store = try CodingStore(projectRoot: root, coder: coder)
            try store.save(Self.file(coder, d, sets, .done))
            try store.save(Self.file(coder, e, sets, .done))
        }
        let units = try ProjectUnits(project: project, coders: ["a", "b"], withAttributes: true)
        #expect(units.attributeNames.contains("schooltype") && units.attributeNames.contains("vak"))
        let bySchool = try ProjectAgreement(
            units: units, codebook: project.codebook, breakdown: AgreementBreakdown("Schooltype"), bootstrapSamples: 10)
        #expect(bySchool.groups.map(\.label) == ["secundair", "basis"])
        #expect(bySchool.groups.map(\.unitCount) == [3, 3])
        #expect(bySchool.breakdown?.rawValue == "schooltype")
        // Els (two turns per document) teaches wiskunde; Koen has no `vak` (and the document neither).
        let bySubject = try ProjectAgreement(
            units: units, codebook: project.codebook, breakdown: .attribute("vak"), bootstrapSamples: 10)
        #expect(bySubject.groups.map(\.label) == ["wiskunde", "(no vak)"])
        #expect(bySubject.groups.map(\.unitCount) == [4, 2])
        #expect(throws: AnalysisError.self) {
            try ProjectAgreement(units: units, codebook: project.codebook, breakdown: .attribute("regio"))
        }
        #expect(AgreementBreakdown("document") == .document && AgreementBreakdown("ROLE") == .role)
    }
}
