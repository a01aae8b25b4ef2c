import Foundation
import Testing
@testable import KaderCore

@Suite struct ProjectSettingsTests {
    @Test func kaderYamlSetsSegmentationForTheProject() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("kader-settings-\(UUID().uuidString)")
        try Project.initialize(at: root)
        defer { try? FileManager.default.removeItem(at: root) }
        try "Ann says: hallo\nBob says: ja\nInterviewer says: en verder?\n".write(to: root.appendingPathComponent("Transcripts/t.txt"), atomically: true, encoding: .utf8)
        try "speaker-regex: '^(?<speaker>[A-Z][a-z]+) says: '\nnot-codable-roles: [interviewer]\n".write(to: root.appendingPathComponent("kader.yaml"), atomically: true, encoding: .utf8)
        let project = try Project(root: root)
        let doc = try project.loadDocument(path: "Transcripts/t.txt")
        #expect(doc.segments.map(\.speaker) == ["Ann", "Bob", "Interviewer"])
        #expect(doc.segments.map(\.codable) == [true, true, false])
        try "speaker-pattern: sideways\n".write(to: root.appendingPathComponent("kader.yaml"), atomically: true, encoding: .utf8)
        #expect(throws: ProjectError.self) { try Project(root: root) }
    }
}
