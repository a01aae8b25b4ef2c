import Foundation

/// The programs the end-to-end tests drive, found the same way everywhere. A test that needs
/// one is gated with `.enabled(if: Tools.kader != nil)` so a missing program is a skip.
public enum Tools {
    /// The repository root (this file is Tests/KaderTestSupport/Tools.swift).
    public static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The product binary: `$KADER_BIN`, else `.build/debug/kader` in the repository.
    public static var kader: URL? { built("kader", environment: "KADER_BIN") }

    /// The test and demo drivers: `$KADER_DEV_BIN`, else `.build/debug/kader-dev`.
    public static var kaderDev: URL? { built("kader-dev", environment: "KADER_DEV_BIN") }

    /// tmux, for the terminal tests.
    public static var tmux: URL? { onPath("tmux") }

    /// git, for the team-workflow test.
    public static var git: URL? { onPath("git") }

    /// LibreOffice, for checking exported files.
    public static var soffice: URL? {
        onPath("soffice") ?? executable("/opt/libreoffice/program/soffice")
    }

    static func built(_ name: String, environment key: String) -> URL? {
        if let path = ProcessInfo.processInfo.environment[key], let url = executable(path) { return url }
        return executable(repositoryRoot.appendingPathComponent(".build/debug/\(name)").path)
    }

    static func onPath(_ name: String) -> URL? {
        for dir in ["/usr/bin", "/usr/local/bin", "/bin"] {
            if let url = executable(dir + "/" + name) { return url }
        }
        return nil
    }

    static func executable(_ path: String) -> URL? {
        FileManager.default.isExecutableFile(atPath: path) ? URL(fileURLWithPath: path) : nil
    }
}
