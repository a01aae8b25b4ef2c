import Foundation
import Testing

@testable import KaderCore

@Suite struct AttributesExchangeTests {
    @Test func attributesTravelThroughQDPXAsVariablesAndCases() throws {
        let dir = try AnalysisTestProject.make()
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("kader-attr-\(UUID().uuidString)")
        defer {
            try? FileManager.default.removeItem(at: dir)
            try? FileManager.default.removeItem(at: out)
        }
        let archive = out.appendingPathComponent("p.qdpx")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        _ = try QDPXExporter.export(project: try Project(root: dir), to: archive)
        let target = out.appendingPathComponent("imported")
        _ = try QDPXImporter.importArchive(archive, into: target)
        let corpus = try AnalysisCorpus.load(project: try Project(root: target))
        let a = try #require(corpus.documents.first { $0.document.id == "school-a" })
        #expect(a.attributes.document["schooltype"]?.text == "secundair")
        #expect(a.attributes.document["leerlingen"]?.number == 850)
        #expect(a.attributes.speakers["Els"]?["jaren-ervaring"]?.number == 12)
        #expect(a.attributes.speakers["Koen"]?["vak"]?.text == "informatica")
        #expect(a.role(segment: 2) == "ict-coördinator")
        #expect(corpus.conflicts.isEmpty)
        let xml = try String(contentsOf: target.appendingPathComponent("Attributes.csv"), encoding: .utf8)
        #expect(xml.hasPrefix("document,speaker,"))
    }
}
