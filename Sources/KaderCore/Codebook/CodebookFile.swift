import Foundation
import Yams

/// Reads and writes codebooks as YAML or JSON (same model).
public enum CodebookFile {
    /// Loads and validates the codebook at `url` (`.yaml`, `.yml` or `.json`).
    /// - Throws: ``CodebookError/unreadable(path:reason:)``, ``CodebookError/invalid(path:detail:)``
    ///   (with the line and column for YAML syntax errors), ``CodebookError/problems(path:problems:)``.
    public static func load(_ url: URL) throws -> Codebook {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw CodebookError.unreadable(path: url.path, reason: "not UTF-8 text or not readable")
        }
        return try parse(text, path: url.path, json: url.pathExtension.lowercased() == "json")
    }

    /// Parses and validates codebook text: JSON when `json`, else YAML. `path` names the file in
    /// messages. - Throws: ``CodebookError/invalid(path:detail:)``, ``CodebookError/problems(path:problems:)``.
    public static func parse(_ text: String, path: String, json: Bool) throws -> Codebook {
        let book: Codebook
        do {
            if json {
                book = try JSONDecoder().decode(Codebook.self, from: Data(text.utf8))
            } else {
                if let problem = YAMLLimits.problem(text) { throw CodebookError.invalid(path: path, detail: problem) }
                book = try YAMLDecoder().decode(Codebook.self, from: text)
            }
        } catch let error as DecodingError {
            throw CodebookError.invalid(path: path, detail: describe(error))
        } catch {
            throw CodebookError.invalid(path: path, detail: FrontMatter.yamlErrorSummary(error))
        }
        let problems = book.validationProblems()
        if !problems.isEmpty { throw CodebookError.problems(path: path, problems: problems) }
        return book
    }

    /// Writes `codebook` as YAML (or JSON for a `.json` URL) atomically to `<project>/Codebooks/<file>`.
    /// - Throws: ``StoreError/symlink(path:)`` when `Codebooks/` or the file is a link, ``StoreError/io(path:detail:)``.
    public static func save(_ codebook: Codebook, to url: URL) throws {
        let root = url.deletingLastPathComponent().deletingLastPathComponent()
        try AtomicFile.write(try CodebookData.encode(codebook, for: url), to: url, inside: root)
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ ctx: DecodingError.Context) -> String {
            ctx.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let ctx):
            return "missing \"\(key.stringValue)\" at \(path(ctx).isEmpty ? "top level" : path(ctx))"
        case .typeMismatch(_, let ctx), .valueNotFound(_, let ctx):
            return "wrong value at \(path(ctx)): \(ctx.debugDescription)"
        case .dataCorrupted(let ctx):
            // Yams puts the line and column of a syntax error in the underlying error.
            if let underlying = ctx.underlyingError {
                return "\(underlying)".split(separator: "\n").prefix(2).joined(separator: ": ")
            }
            return ctx.debugDescription
        @unknown default: return "\(error)"
        }
    }
}
