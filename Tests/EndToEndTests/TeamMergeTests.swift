import Foundation
import KaderCore
import KaderTestSupport
import Testing

/// Two coders in two clones of one project merge through git without conflicts.
@Suite(.enabled(if: Tools.git != nil, "needs git")) struct TeamMergeTests {
    static let git: URL? = Tools.git

    @discardableResult
    static func git(_ dir: URL, _ args: String...) throws -> Harness.Result {
        let r = try Harness.run(
            try #require(git), ["-C", dir.path] + args, environment: ["GIT_CONFIG_NOSYSTEM": "1", "HOME": dir.path],
            timeout: 30)
        #expect(r.status == 0, "git \(args.joined(separator: " ")): \(r.stderr)")
        return r
    }

    static func code(_ root: URL, coder: String, document: String, segments: [Int], code: String) throws {
        let project = try Project(root: root)
        let doc = try project.loadDocument(path: "Transcripts/\(document).txt")
        let store = try CodingStore(projectRoot: root, coder: coder)
        var file = try store.load(document: doc)
        for i in segments {
            file = file.toggling(code: CodeID(code), on: doc.segments[i], at: "2026-11-29T10:00:0\(i)Z")
        }
        try store.save(file)
    }

    @Test func twoClonesCodeAndMergeWithoutConflict() throws {
        let base = try Harness.tempDir("kader-team")
        defer { try? FileManager.default.removeItem(at: base) }
        let origin = base.appendingPathComponent("origin")
        try Project.initialize(at: origin)
        for name in ["a", "b", "c"] {
            let text = (1...6).map { "Deelnemer \($0): Document \(name), beurt \($0) over de school." }.joined(
                separator: "\n\n")
            try text.write(
                to: origin.appendingPathComponent("Transcripts/\(name).txt"), atomically: true, encoding: .utf8)
        }
        try Self.git(origin, "init", "-q", "-b", "main")
        try Self.git(origin, "config", "user.name", "Origin")
        try Self.git(origin, "config", "user.email", "origin@example.org")
        try Self.git(origin, "add", "-A")
        try Self.git(origin, "commit", "-q", "-m", "project")
        let annDir = base.appendingPathComponent("ann")
        let bartDir = base.appendingPathComponent("bart")
        for (dir, name) in [(annDir, "ann"), (bartDir, "bart")] {
            try Self.git(base, "clone", "-q", origin.path, dir.path)
            try Self.git(dir, "config", "user.name", name)
            try Self.git(dir, "config", "user.email", "\(name)@example.org")
        }
        // ann codes a and b; bart codes a and c. Both code document a.
        try Self.code(annDir, coder: "ann", document: "a", segments: [0, 2], code: "werkdruk")
        try Self.code(annDir, coder: "ann", document: "b", segments: [1], code: "didactiek")
        try Self.code(bartDir, coder: "bart", document: "a", segments: [0, 3], code: "welbevinden")
        try Self.code(bartDir, coder: "bart", document: "c", segments: [5], code: "stroomlijning")
        for (dir, name) in [(annDir, "ann"), (bartDir, "bart")] {
            try Self.git(dir, "add", "Codings/\(name)")
            let untracked = try Self.git(dir, "status", "--porcelain", "--untracked-files=all").stdout.split(
                separator: "\n"
            ).filter { $0.hasPrefix("??") }
            #expect(untracked.isEmpty, "lock or last-good files are not ignored: \(untracked)")
            try Self.git(dir, "commit", "-q", "-m", "\(name) codes")
            try Self.git(dir, "push", "-q", "origin", "HEAD:\(name)")
        }
        try Self.git(annDir, "fetch", "-q", "origin")
        let merge = try Self.git(annDir, "merge", "--no-edit", "origin/bart")
        #expect(!merge.stdout.contains("CONFLICT"))
        let project = try Project(root: annDir)
        #expect(ProjectCheck.run(project: project).findings == [])
        var applications = 0
        for coder in ["ann", "bart"] {
            for id in ["a", "b", "c"] {
                let doc = try project.loadDocument(path: "Transcripts/\(id).txt")
                applications += try CodingStore.read(projectRoot: annDir, coder: coder, document: doc)
                    .codeApplicationCount
            }
        }
        #expect(applications == 6)
    }
}
