import Foundation

/// Hostile projects and files of issue 14 (links, terminal escapes, archives, cost) for the
/// bad-input suite; cases that need more than one run are in `UntrustedProjectTests`.
extension BadInputs {
    static var all: [BadInput] { core + untrusted }

    static let untrusted: [BadInput] = [
        .project("lock file that is a link outside the project", expect: .error(["symbolic link", ".kader.lock"])) {
            box in
            try FileManager.default.createDirectory(
                at: box.project.appendingPathComponent("Codings/ann"), withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(
                atPath: box.path("project/Codings/ann/.kader.lock"), withDestinationPath: box.path("outside/canary.txt")
            )
        },
        .project("coder folder that is a link outside the project", expect: .error(["symbolic link", "Codings/ann"])) {
            box in
            try box.write("keep\n", "outside/ann/.leftover.tmp")
            try FileManager.default.createSymbolicLink(
                atPath: box.path("project/Codings/ann"), withDestinationPath: box.path("outside/ann"))
        },
        .project("Codings folder that is a link outside the project", expect: .error(["symbolic link"])) { box in
            try FileManager.default.removeItem(at: box.project.appendingPathComponent("Codings"))
            try FileManager.default.createSymbolicLink(
                atPath: box.path("project/Codings"), withDestinationPath: box.path("outside"))
        },
        BadInput(name: "codebook merge with a linked lock file", expect: .error(["symbolic link"])) { box in
            try FileManager.default.createDirectory(
                at: box.project.appendingPathComponent("Codings/bob"), withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(
                atPath: box.path("project/Codings/bob/.kader.lock"), withDestinationPath: box.path("outside/canary.txt")
            )
            return ["codebook", "merge", "mails", "werkdruk"]
        },
        BadInput(name: "codebook delete with a linked coder folder", expect: .error(["symbolic link"])) { box in
            try box.write("keep\n", "outside/bob/.x.json.1.tmp")
            try FileManager.default.createSymbolicLink(
                atPath: box.path("project/Codings/bob"), withDestinationPath: box.path("outside/bob"))
            return ["codebook", "delete", "welbevinden"]
        },
        BadInput(name: "codebook that is a link outside the project, renamed", expect: .error(["symbolic link"])) {
            box in
            try FileManager.default.moveItem(
                atPath: box.path("project/Codebooks/analysekader.yaml"), toPath: box.path("outside/book.yaml"))
            try FileManager.default.createSymbolicLink(
                atPath: box.path("project/Codebooks/analysekader.yaml"),
                withDestinationPath: box.path("outside/book.yaml"))
            return ["codebook", "rename", "werkdruk", "Druk"]
        },
        .codebookShow("codebook show with a 40,000-character code name", expect: .success(["werkdruk"])) {
            "name: Long\nversion: 1\ncodes:\n  - id: werkdruk\n    name: \"" + String(repeating: "ab ", count: 13_334)
                + "\"\n"
        },
        .codebookShow("codebook show of 25,000 codes", expect: .success(["c24999"])) {
            "name: Big\nversion: 1\ncodes:\n" + (0..<25_000).map { "  - {id: c\($0), name: Code \($0)}\n" }.joined()
        },
        .codebookShow("codebook show with escape sequences in code names", expect: .success(["werkdruk"])) {
            "name: \"Evil\\e]0;title\\a\"\nversion: 1\ncodes:\n  - id: werkdruk\n    name: \"W\\e]52;c;ZXZpbA==\\a\\u009b6n\"\n"
        },
        BadInput(name: ".qdpx whose deflate streams end early", timeout: 30, expect: .error(["damaged"])) { box in
            var zip = [UInt8](
                try QDPXFixture.archive(
                    text: String(repeating: "Els: woorden \(UUID()) en nog meer woorden.\n\n", count: 1_000)))
            QDPXFixture.shortenEveryEntry(&zip)
            try box.write(Data(zip), "outside/short.qdpx")
            return ["import", "qdpx", box.path("outside/short.qdpx"), "--project", box.project.path]
        },
        BadInput(name: ".qdpx that is a truncated zip", timeout: 30, expect: .error([])) { box in
            let zip = try QDPXFixture.archive(text: "Els: hallo\n")
            try box.write(zip.prefix(zip.count * 2 / 3), "outside/cut.qdpx")
            return ["import", "qdpx", box.path("outside/cut.qdpx"), "--project", box.project.path]
        },
        BadInput(name: ".qdpx with a symlink entry", timeout: 30, expect: .error(["outside the target folder"])) {
            box in
            var zip = [UInt8](try QDPXFixture.archive(text: "Els: hallo\n"))
            QDPXFixture.markFirstEntryAsLink(&zip)
            try box.write(Data(zip), "outside/link.qdpx")
            return ["import", "qdpx", box.path("outside/link.qdpx"), "--project", box.project.path]
        },
    ]
}

extension BadInput {
    static func codebookShow(
        _ name: String, expect: BadInputExpectation, timeout: TimeInterval = 60,
        _ yaml: @escaping @Sendable () -> String
    ) -> BadInput {
        BadInput(name: name, timeout: timeout, expect: expect) { box in
            try box.write(yaml(), "project/Codebooks/analysekader.yaml")
            return ["codebook", "show"]
        }
    }
}

extension QDPXFixture {
    /// Marks the first central-directory entry as a Unix symbolic link.
    static func markFirstEntryAsLink(_ z: inout [UInt8]) {
        func u16(_ i: Int) -> Int { Int(z[i]) | Int(z[i + 1]) << 8 }
        func u32(_ i: Int) -> Int { u16(i) | u16(i + 2) << 16 }
        var eocd = z.count - 22
        while eocd > 0 && u32(eocd) != 0x0605_4B50 { eocd -= 1 }
        let p = u32(eocd + 16)
        z[p + 5] = 3  // made by Unix
        let mode = 0o120777 << 16
        for k in 0..<4 { z[p + 38 + k] = UInt8((mode >> (8 * k)) & 0xFF) }
    }
}
