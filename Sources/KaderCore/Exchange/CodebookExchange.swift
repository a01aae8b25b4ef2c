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
    /// - Throws: ``ExchangeError/emptyCodebook(name:)`` for a `.qdc` of a codebook without codes
    ///   (the REFI-QDA schema requires at least one `Code`); ``CodebookError`` for YAML.
    public static func export(_ codebook: Codebook, format: Format, codeMemos: [String: [String: String]] = [:]) throws
        -> Data
    {
        switch format {
        case .qdc:
            guard !codebook.codes.isEmpty else { throw ExchangeError.emptyCodebook(name: codebook.name) }
            return Data(
                QDACodebookXML.writeQDC(codebook, origin: "Kader \(KaderInfo.version)", codeMemos: codeMemos).utf8)
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
            if let x = c.exclusion, !x.isEmpty {
                out += [(c.inclusion ?? "").isEmpty ? "" : nil, "- **Exclude:** \(x)"].compactMap { $0 }
            }
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
        /// Coder → number of code memos added to `Codings/<coder>/code-memos.json`.
        public var codeMemos: [String: Int] = [:]
        /// Memos in the file left out because the coder already has a different memo on that code.
        public var codeMemosKept: Int = 0
    }

    /// Merges the codes of the `.qdc` at `url` into the codebook of the project at `root`
    /// (``CodebookMerge``), or writes `Codebooks/<file name>.yaml` when it has none; coders'
    /// code memos in the descriptions (``QDACodebookXML/memos(in:)``) go to their
    /// `code-memos.json`, never replacing a memo the coder already has. The files are staged and
    /// moved into place together, and only when something was added.
    /// - Throws: ``ExchangeError`` (unreadable or malformed file), ``CodebookError`` (damaged project codebook),
    ///   ``StoreError`` (a damaged `code-memos.json`),
    ///   ``ProjectError/notAProject(path:)``.
    public static func importQDC(_ url: URL, into root: URL, limits: ArchiveLimits = ArchiveLimits()) throws
        -> ImportResult
    {
        let fm = FileManager.default
        guard
            fm.fileExists(atPath: root.appendingPathComponent("Transcripts").path)
                || fm.fileExists(atPath: root.appendingPathComponent("Codebooks").path)
        else {
            throw ProjectError.notAProject(path: root.path)
        }
        let attrs = try? fm.attributesOfItem(atPath: url.path)
        if let size = attrs?[.size] as? Int, size > limits.maxEntrySize {
            throw ExchangeError.tooLarge(
                path: url.path, detail: "the file is larger than the limit of \(limits.maxEntrySize) bytes")
        }
        guard let data = fm.contents(atPath: url.path) else {
            throw ExchangeError.io(path: url.path, detail: "cannot read the file")
        }
        let codes = try QDACodebookXML.readQDC(data, path: url.path)
        let existingURL = try? Project.findCodebook(in: root)
        let existing = try existingURL.map { try CodebookFile.load($0) }
        let name = url.deletingPathExtension().lastPathComponent
        let merge = CodebookMerge.merge(codes, into: existing, name: name)
        let target =
            existingURL
            ?? root.appendingPathComponent("Codebooks/\(TranscriptLoader.documentId(forFileName: name + ".yaml")).yaml")
        let writeCodebook = existing == nil || !merge.added.isEmpty
        if writeCodebook {
            let problems = merge.codebook.validationProblems()
            if !problems.isEmpty { throw CodebookError.problems(path: url.path, problems: problems) }
        }
        // Coders' code memos ("Memo by <coder>: …" paragraphs, as `export` writes them): added
        // to Codings/<coder>/code-memos.json where the coder has no memo on that code yet.
        var memoFiles: [(coder: String, memos: [String: String], added: Int)] = []
        var kept = 0
        for (coder, memos) in codeMemos(in: codes, ids: merge.idsByGUID).sorted(by: { $0.key < $1.key }) {
            var merged = try CodeMemoFile.load(projectRoot: root, coder: coder)
            var added = 0
            for (id, text) in memos {
                if let old = merged[id] {
                    if old != text { kept += 1 }
                } else {
                    merged[id] = text
                    added += 1
                }
            }
            if added > 0 { memoFiles.append((coder, merged, added)) }
        }
        if writeCodebook || !memoFiles.isEmpty {
            let staging = try ImportStaging(root: root)
            let relative = "Codebooks/" + target.lastPathComponent
            if writeCodebook { try staging.add(try CodebookData.encode(merge.codebook, for: target), at: relative) }
            for f in memoFiles {
                try staging.add(try CodeMemoFile.encode(f.memos), at: "Codings/\(f.coder)/\(CodeMemoFile.fileName)")
            }
            try staging.commit()
        }
        var result = ImportResult(
            file: target, created: existing == nil, added: merge.added, total: merge.codebook.entries.count)
        result.codeMemos = Dictionary(uniqueKeysWithValues: memoFiles.map { ($0.coder, $0.added) })
        result.codeMemosKept = kept
        return result
    }

    /// Coder → code id → memo, from the descriptions of `codes` (and their children).
    static func codeMemos(in codes: [QDACode], ids: [String: String]) -> [String: [String: String]] {
        var out: [String: [String: String]] = [:]
        func walk(_ c: QDACode) {
            if let id = ids[c.guid] {
                for (coder, text) in QDACodebookXML.memos(in: c.description) { out[coder, default: [:]][id] = text }
            }
            c.children.forEach(walk)
        }
        codes.forEach(walk)
        return out
    }
}
