import ArgumentParser
import Foundation
import KaderCore

/// Shell completions of the project's own names: coders, document ids and code ids. The shell
/// calls `kader` back with the words typed so far; `--project DIR` among them is honoured.
enum Completions {
    /// Coder names: the folders of Codings/.
    static var coders: CompletionKind {
        .custom { words, _, prefix in
            CodingStore.coders(projectRoot: root(words)).filter { $0.hasPrefix(prefix) }
        }
    }

    /// Document ids of Transcripts/.
    static var documents: CompletionKind {
        .custom { words, _, prefix in
            ((try? Project(root: root(words)))?.documentIds ?? []).filter { $0.hasPrefix(prefix) }
        }
    }

    /// Code ids of the codebook.
    static var codes: CompletionKind {
        .custom { words, _, prefix in
            ((try? Project(root: root(words)))?.codebook.entries.map(\.code.id) ?? []).filter { $0.hasPrefix(prefix) }
        }
    }

    /// The `--project` value among `words`, else the current folder.
    static func root(_ words: [String]) -> URL {
        var path = FileManager.default.currentDirectoryPath
        if let i = words.firstIndex(of: "--project"), i + 1 < words.count {
            path = words[i + 1]
        } else if let word = words.first(where: { $0.hasPrefix("--project=") }) {
            path = String(word.dropFirst("--project=".count))
        }
        return URL(fileURLWithPath: path).standardizedFileURL
    }
}
