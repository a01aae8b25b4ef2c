import Foundation
import Yams

/// Codebook export (REFI-QDA `.qdc`, Markdown for a methods appendix, YAML) and `.qdc` import.
public enum CodebookExchange {
    public enum Format: String, Sendable, CaseIterable {
        case qdc, md, yaml
    }

    /// The codebook as `format` bytes (UTF-8). `codeMemos` (coder → code id → text) go into
    /// `.qdc` descriptions as `Memo by <coder>: …` paragraphs (a `.qdc` has no notes) and into
    /// Markdown under each code; the YAML export is the codebook file alone.
    public static func export(_ codebook: Codebook, format: Format, codeMemos: [String: [String: String]] = [:]) throws -> Data {
        switch format {
        case .qdc: return Data(QDACodebookXML.writeQDC(codebook, origin: "Kader \(KaderInfo.version)", codeMemos: codeMemos).utf8)
        case .md: return Data(markdown(codebook, codeMemos: codeMemos).utf8)
        case .yaml: return Data(try CodebookData.yaml(codebook).utf8)
        }
    }

    /// The codebook for a methods appendix: a heading per category, then each code with its
    /// definition, inclusion and exclusion criteria and example.
    public static func markdown(_ codebook: Codebook, codeMemos: [String: [String: String]] = [:]) -> String {
        var out = ["# Codebook: \(codebook.name)", ""]
        let entries = codebook.entries
        let subCodes = entries.filter { $0.depth > 0 }.count
        out.append("\(codebook.codes.count) categories, \(subCodes) sub-codes.")
        for e in entries {
            let c = e.code
            out.append("")
            out.append(String(repeating: "#", count: min(6, 2 + e.depth)) + " \(c.name)")
            out.append("")
            out.append("Code id: `\(c.id)`" + (c.shortcut.map { ", key `\($0)`" } ?? "") + ".")
            if let d = c.description, !d.isEmpty { out += ["", d] }
            if let i = c.inclusion, !i.isEmpty { out += ["", "- **Include:** \(i)"] }
            if let x = c.exclusion, !x.isEmpty { out += [(c.inclusion ?? "").isEmpty ? "" : nil, "- **Exclude:** \(x)"].compactMap { $0 } }
            if let x = c.example, !x.isEmpty { out += ["", "> \(Fingerprint.collapseWhitespace(x))"] }
            for coder in codeMemos.keys.sorted() {
                guard let m = codeMemos[coder]?[c.id], !m.isEmpty else { continue }
                out += ["", "- **Memo (\(coder)):** " + m.replacingOccurrences(of: "\n", with: "\n  ")]
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// What a `.qdc` import did.
    public struct ImportResult: Sendable {
        public var file: URL
        public var created: Bool
        public var added: [String]
        public var total: Int
    }

    /// Merges the codes of the `.qdc` at `url` into the codebook of the project at `root`
    /// (``CodebookMerge``), or writes `Codebooks/<file name>.yaml` when it has none. The codebook
    /// file is replaced atomically, and only when codes were added.
    /// - Throws: ``ExchangeError`` (unreadable or malformed file), ``CodebookError`` (damaged project codebook),
    ///   ``ProjectError/notAProject(path:)``.
    public static func importQDC(_ url: URL, into root: URL, limits: ArchiveLimits = ArchiveLimits()) throws -> ImportResult {
        let fm = FileManager.default
        guard fm.fileExists(atPath: root.appendingPathComponent("Transcripts").path) || fm.fileExists(atPath: root.appendingPathComponent("Codebooks").path) else {
            throw ProjectError.notAProject(path: root.path)
        }
        let attrs = try? fm.attributesOfItem(atPath: url.path)
        if let size = attrs?[.size] as? Int, size > limits.maxEntrySize {
            throw ExchangeError.tooLarge(path: url.path, detail: "the file is larger than the limit of \(limits.maxEntrySize) bytes")
        }
        guard let data = fm.contents(atPath: url.path) else { throw ExchangeError.io(path: url.path, detail: "cannot read the file") }
        let codes = try QDACodebookXML.readQDC(data, path: url.path)
        let existingURL = try? Project.findCodebook(in: root)
        let existing = try existingURL.map { try CodebookFile.load($0) }
        let name = url.deletingPathExtension().lastPathComponent
        let merge = CodebookMerge.merge(codes, into: existing, name: name)
        let target = existingURL ?? root.appendingPathComponent("Codebooks/\(TranscriptLoader.documentId(forFileName: name + ".yaml")).yaml")
        if existing == nil || !merge.added.isEmpty {
            let problems = merge.codebook.validationProblems()
            if !problems.isEmpty { throw CodebookError.problems(path: url.path, problems: problems) }
            try ProjectPaths.createFolder(target.deletingLastPathComponent(), below: root)
            try AtomicFile.write(try CodebookData.encode(merge.codebook, for: target), to: target, inside: root)
        }
        return ImportResult(file: target, created: existing == nil, added: merge.added, total: merge.codebook.entries.count)
    }
}
