import Foundation
import KaderTestSupport
import Testing

@testable import KaderCore

/// `kader init --codebook empty|analysekader|FILE`.
@Suite struct StarterCodebookTests {
    @Test func emptyIsAValidCodebookWithoutCodes() throws {
        let dir = try TemporaryProject("kader-init", layout: false)
        defer { dir.remove() }
        let root = dir.root.appendingPathComponent("p")
        try Project.initialize(at: root, codebook: .empty)
        let project = try Project(root: root)
        #expect(project.codebookURL.lastPathComponent == "codebook.yaml")
        #expect(project.codebook.entries.isEmpty)
    }

    @Test func analysekaderIsTheSampleFrame() throws {
        let dir = try TemporaryProject("kader-init", layout: false)
        defer { dir.remove() }
        try Project.initialize(
            at: dir.root.appendingPathComponent("p"), codebook: StarterCodebook(argument: "analysekader"))
        let project = try Project(root: dir.root.appendingPathComponent("p"))
        #expect(project.codebook.entries.map(\.code.id).contains("werkdruk"))
        #expect(project.codebook.entries.count == 11)
    }

    @Test func ownYAMLIsCheckedAndCopied() throws {
        let dir = try TemporaryProject("kader-init", layout: false)
        defer { dir.remove() }
        let yaml = "name: Mine\nversion: 1\ncodes:\n  - id: trust\n    name: Trust\n    shortcut: \"t\"\n"
        let file = try dir.write(yaml, to: "My Codes.yaml")
        try Project.initialize(at: dir.root.appendingPathComponent("p"), codebook: StarterCodebook(argument: file.path))
        let project = try Project(root: dir.root.appendingPathComponent("p"))
        #expect(project.codebook.entries.map(\.code.id) == ["trust"])
        #expect(try String(contentsOf: project.codebookURL, encoding: .utf8) == yaml)
    }

    @Test func badFileWritesNothing() throws {
        let dir = try TemporaryProject("kader-init", layout: false)
        defer { dir.remove() }
        let file = try dir.write("codes:\n  - id: a\n    name: A\n  - id: a\n    name: B\n", to: "dup.yaml")
        let root = dir.root.appendingPathComponent("p")
        #expect(throws: CodebookError.self) { try Project.initialize(at: root, codebook: .file(file)) }
        #expect(!FileManager.default.fileExists(atPath: root.path))
        let other = try dir.write("x", to: "codes.txt")
        #expect(throws: ProjectError.self) { try Project.initialize(at: root, codebook: .file(other)) }
        #expect(!FileManager.default.fileExists(atPath: root.path))
    }

    @Test func qdcBecomesYAML() throws {
        let dir = try TemporaryProject("kader-init", layout: false)
        defer { dir.remove() }
        let qdc = """
            <?xml version="1.0" encoding="utf-8"?>
            <CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="test">
              <Codes>
                <Code guid="2f1a0c3e-8b4d-4c5e-9f60-1a2b3c4d5e6f" name="Trust" isCodable="true">
                  <Code guid="3f1a0c3e-8b4d-4c5e-9f60-1a2b3c4d5e6f" name="Distrust" isCodable="true"/>
                </Code>
              </Codes>
            </CodeBook>
            """
        let file = try dir.write(qdc, to: "Interviews.qdc")
        try Project.initialize(at: dir.root.appendingPathComponent("p"), codebook: .file(file))
        let project = try Project(root: dir.root.appendingPathComponent("p"))
        #expect(project.codebookURL.lastPathComponent == "interviews.yaml")
        #expect(project.codebook.entries.map(\.code.name) == ["Trust", "Distrust"])
    }
}
