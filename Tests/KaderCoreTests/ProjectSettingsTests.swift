import Foundation
import Testing

@testable import KaderCore

@Suite struct ProjectSettingsTests {
    @Test func kaderYamlSetsSegmentationForTheProject() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("kader-settings-\(UUID().uuidString)")
        try Project.initialize(at: root)
        defer { try? FileManager.default.removeItem(at: root) }
        try "Ann says: hallo\nBob says: ja\nInterviewer says: en verder?\n".write(
            to: root.appendingPathComponent("Transcripts/t.txt"), atomically: true, encoding: .utf8)
        try "speaker-regex: '^(?<speaker>[A-Z][a-z]+) says: '\nnot-codable-roles: [interviewer]\n".write(
            to: root.appendingPathComponent("kader.yaml"), atomically: true, encoding: .utf8)
        let project = try Project(root: root)
        let doc = try project.loadDocument(path: "Transcripts/t.txt")
        #expect(doc.segments.map(\.speaker) == ["Ann", "Bob", "Interviewer"])
        #expect(doc.segments.map(\.codable) == [true, true, false])
        try "speaker-pattern: sideways\n".write(
            to: root.appendingPathComponent("kader.yaml"), atomically: true, encoding: .utf8)
        #expect(throws: ProjectError.self) { try Project(root: root) }
    }

    @Test func maxFileSizeIsAdjustable() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("kader-settings-\(UUID().uuidString)")
        try Project.initialize(at: root)
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(try Project(root: root).settings.loadOptions.maxFileSize == 512 * 1024 * 1024)
        try "max-file-size-mb: 2048\n".write(
            to: root.appendingPathComponent("kader.yaml"), atomically: true, encoding: .utf8)
        #expect(try Project(root: root).settings.loadOptions.maxFileSize == 2048 * 1024 * 1024)
        try "max-file-size-mb: 1\n".write(
            to: root.appendingPathComponent("kader.yaml"), atomically: true, encoding: .utf8)
        try String(repeating: "Ann: hallo daar\n", count: 70_000).write(
            to: root.appendingPathComponent("Transcripts/big.txt"), atomically: true, encoding: .utf8)
        let project = try Project(root: root)
        let error = #expect(throws: LoaderError.self) { try project.loadDocument(path: "Transcripts/big.txt") }
        #expect(
            error?.errorDescription?.contains("larger than the limit of 1 MiB (raise it with max-file-size-mb") == true)
        for bad in ["0", "lots", "70000"] {
            try "max-file-size-mb: \(bad)\n".write(
                to: root.appendingPathComponent("kader.yaml"), atomically: true, encoding: .utf8)
            #expect(throws: ProjectError.self) { try Project(root: root) }
        }
    }
}

@Suite struct DocumentBatchLoaderTests {
    @Test func parallelLoadingKeepsProjectOrderAndPerDocumentErrors() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("kader-batch-\(UUID().uuidString)")
        try Project.initialize(at: root)
        defer { try? FileManager.default.removeItem(at: root) }
        for i in 0..<19 {
            let text =
                i == 7
                ? ""
                : (0..<(i + 2)).map { "Spreker \($0 % 3): beurt \($0) van document \(i)." }.joined(separator: "\n\n")
            try text.write(
                to: root.appendingPathComponent(String(format: "Transcripts/doc-%02d.txt", i)), atomically: true,
                encoding: .utf8)
        }
        let project = try Project(root: root)
        var seen: [String] = []
        var failures: [String] = []
        try DocumentBatchLoader(project: project, workers: 2).forEach { path, result in
            seen.append(path)
            switch result {
            case .success(let doc):
                let sequential = try project.loadDocument(path: path)
                #expect(doc == sequential)
            case .failure(let error):
                #expect(error as? LoaderError == .empty(path: path))
                failures.append(path)
            }
        }
        #expect(seen == project.transcriptPaths)
        #expect(failures == ["Transcripts/doc-07.txt"])
    }
}
