import ArgumentParser
import Foundation
import KaderCore

/// `kader stauts` would open the TUI on a document named "stauts" (the default command takes a
/// document). When the first argument is not a command, is one or two edits away from one,
/// and names no document of the project in the current folder, Kader suggests the command.
enum CommandSuggestion {
    /// The sentence to print, or nil when the arguments should be parsed as usual.
    static func forMistyped(_ arguments: [String], commands: [ParsableCommand.Type]) -> CLIError? {
        guard let first = arguments.first, !first.hasPrefix("-"), !first.contains("/"), !first.contains(".") else {
            return nil
        }
        let names = commands.compactMap { $0.configuration.commandName } + ["help"]
        guard !names.contains(first) else { return nil }
        let close = names.map { ($0, distance(first.lowercased(), $0)) }
            .filter { $0.1 <= (first.count <= 4 ? 1 : 2) }
            .min { $0.1 < $1.1 }
        guard let (name, _) = close else { return nil }
        if let project = try? Project(root: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)),
            project.documentIds.contains(first)
        {
            return nil
        }
        return CLIError(
            "\"\(first)\" is not a command; did you mean `kader \(name)`? "
                + "(To open a document of that name: `kader code \(first)`.)")
    }

    /// Levenshtein distance between two short words.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            previous = current
        }
        return previous[b.count]
    }
}
