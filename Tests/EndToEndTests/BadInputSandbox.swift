import Crypto
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A throw-away folder for one hostile input: `project/` (a valid Kader project), `outside/`
/// (canary files the binary must never touch), `home/` and `tmp/` (its HOME and TMPDIR).
/// ``snapshot()`` hashes every file so a run can be checked for damage and stray writes.
final class BadInputSandbox {
    let root: URL
    var project: URL { root.appendingPathComponent("project") }
    var outside: URL { root.appendingPathComponent("outside") }
    var home: URL { root.appendingPathComponent("home") }
    var tmp: URL { root.appendingPathComponent("tmp") }
    /// A token in `outside/secret.txt` that must never appear in the binary's output.
    let secret = "KADER-SECRET-\(UUID().uuidString)"

    static let codebook = """
        name: Bad-input codebook
        version: 1
        codes:
          - id: werkdruk
            name: Werkdruk
            shortcut: "1"
            children:
              - id: mails
                name: Mails
                shortcut: "a"
          - id: welbevinden
            name: Welbevinden
            shortcut: "2"

        """

    static let transcript = """
        ---
        title: Focusgroep
        type: focusgroep
        speakers:
          Moderator: {role: moderator, codable: false}
        ---

        [00:00:05] Moderator: Hoe verliep het?

        [00:00:20] Els (leerkracht): Zwaar. De werkdruk was enorm.

        [00:01:02] Koen (ict-coördinator): Wij kozen één platform.

        """

    init(_ name: String) throws {
        let safe = name.unicodeScalars.map { CharacterSet.alphanumerics.contains($0) ? String($0) : "-" }.joined()
            .prefix(40)
        root = FileManager.default.temporaryDirectory.appendingPathComponent(
            "kader-bad-\(safe)-\(UUID().uuidString.prefix(8))")
        let fm = FileManager.default
        for dir in ["project/Transcripts", "project/Codebooks", "project/Codings", "outside", "home", "tmp"] {
            try fm.createDirectory(at: root.appendingPathComponent(dir), withIntermediateDirectories: true)
        }
        try write(Self.codebook, "project/Codebooks/analysekader.yaml")
        try write(Self.transcript, "project/Transcripts/focusgroep.md")
        try write(secret + "\n", "outside/secret.txt")
        try write("do not touch\n", "outside/canary.txt")
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    /// Writes `data` at `relative` (under the sandbox root), creating folders; returns its URL.
    @discardableResult
    func write(_ data: Data, _ relative: String) throws -> URL {
        let url = root.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
        return url
    }

    @discardableResult
    func write(_ text: String, _ relative: String) throws -> URL { try write(Data(text.utf8), relative) }

    func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    /// Every entry under the root: relative path → SHA-256 of a file, `dir`, or `link -> target`.
    func snapshot() -> [String: String] {
        var out: [String: String] = [:]
        func walk(_ dir: String) {
            let full = dir.isEmpty ? root.path : root.path + "/" + dir
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: full) else { return }
            for name in names {
                let rel = dir.isEmpty ? name : dir + "/" + name
                let p = root.path + "/" + rel
                var st = stat()
                guard lstat(p, &st) == 0 else { continue }
                switch st.st_mode & S_IFMT {
                case S_IFDIR:
                    out[rel] = "dir"
                    walk(rel)
                case S_IFLNK:
                    out[rel] = "link -> " + ((try? FileManager.default.destinationOfSymbolicLink(atPath: p)) ?? "?")
                case S_IFREG:
                    let data = FileManager.default.contents(atPath: p) ?? Data()
                    out[rel] = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
                default:
                    out[rel] = "special"
                }
            }
        }
        walk("")
        return out
    }

    /// Problems between two snapshots: a changed or removed file anywhere, a new entry outside
    /// `project/Codings/` (the only place the binary may create files), leftovers in `tmp/`.
    static func damage(before: [String: String], after: [String: String]) -> [String] {
        var problems: [String] = []
        for (path, hash) in before.sorted(by: { $0.key < $1.key }) {
            guard let now = after[path] else {
                problems.append("removed: \(path)")
                continue
            }
            if now != hash { problems.append("changed: \(path)") }
        }
        for path in after.keys.sorted() where before[path] == nil {
            if path.hasPrefix("project/Codings/") || path == "project/Codings" { continue }
            problems.append("created: \(path)")
        }
        return problems
    }
}

/// A canary path that a zip with `../` entries might reach: a name under /tmp no one else uses.
enum Canary {
    static func outsidePath() -> String { "/tmp/kader-pwned-\(UUID().uuidString)" }
}
