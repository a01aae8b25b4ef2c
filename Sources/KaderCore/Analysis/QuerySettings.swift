import Foundation

/// Writes named queries into `kader.yaml` (under `queries:`), keeping the rest of the file as
/// written, comments included.
public enum QuerySettings {
    /// Adds or replaces query `name` in `projectRoot/kader.yaml` (created when missing), atomically.
    /// - Throws: ``AnalysisError/io(path:detail:)`` for a bad name or a file that cannot be written.
    public static func save(name: String, expression: String, projectRoot: URL) throws {
        guard !name.isEmpty,
            name.unicodeScalars.allSatisfy({ CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_" })
        else {
            throw AnalysisError.io(
                path: "kader.yaml", detail: "a query name uses letters, digits, - and _ only (not \"\(name)\")")
        }
        let url = projectRoot.appendingPathComponent("kader.yaml")
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        let entry = "  \(name): '\(expression.replacingOccurrences(of: "'", with: "''"))'"
        var lines = text.isEmpty ? [] : text.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        if let header = lines.firstIndex(where: { $0.hasPrefix("queries:") }) {
            var end = header + 1
            var replaced = false
            while end < lines.count, lines[end].hasPrefix(" ") || lines[end].isEmpty {
                let key = lines[end].trimmingCharacters(in: .whitespaces)
                if key.hasPrefix(name + ":") {
                    lines[end] = entry
                    replaced = true
                }
                end += 1
            }
            if !replaced { lines.insert(entry, at: end) }
        } else {
            lines += ["queries:", entry]
        }
        do {
            try AtomicFile.write(Data((lines.joined(separator: "\n") + "\n").utf8), to: url)
        } catch {
            throw AnalysisError.io(path: url.path, detail: "cannot be written")
        }
    }
}
