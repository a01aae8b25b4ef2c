import Foundation

/// One memo with what it is attached to, for `kader export memos`.
public struct MemoRow: Sendable, Hashable, Codable {
    /// `project`, `document`, `segment`, `coding` (a code on a segment) or `code`.
    public var kind: String
    public var coder: String
    /// ISO 8601 time of the last change of the coding that holds the memo, or of the project
    /// memo; nil for document and code memos, whose files keep no time.
    public var modified: String?
    public var document: String?
    public var segment: String?
    public var ordinal: Int?
    public var speaker: String?
    public var role: String?
    public var codeId: String?
    public var codePath: String?
    /// The quoted text: the code's quote spans (joined by ` … `) or the segment for a coding
    /// memo, the segment for a segment memo; nil for project, document and code memos.
    public var quote: String?
    public var memo: String

    public static let columns = [
        "kind", "coder", "modified", "document", "segment_id", "ordinal", "speaker", "role", "code_id", "code_path",
        "quote", "memo",
    ]

    public var cells: [String] {
        [
            kind, coder, modified ?? "", document ?? "", segment ?? "", ordinal.map(String.init) ?? "", speaker ?? "",
            role ?? "",
            codeId ?? "", codePath ?? "", quote ?? "", memo,
        ]
    }
}

/// Every memo of a project: project, document, segment, coding and code memos of every coder.
public enum MemoExport {
    /// The coders' project memos first (by coder), then the memos of the codings files in
    /// `codings` (re-anchored to `documents`) in document order, then segment, coder, code; the
    /// coders' code memos (`coder` → code id → text) last, by coder and codebook order. Pure.
    public static func rows(
        codebook: Codebook, documents: [Document], codings: [CodingFile], codeMemos: [String: [String: String]],
        projectMemos: [String: ProjectMemo] = [:]
    ) -> [MemoRow] {
        let entries = Dictionary(codebook.entries.map { ($0.code.id, $0) }, uniquingKeysWith: { a, _ in a })
        var out: [MemoRow] = []
        for (coder, memo) in projectMemos.sorted(by: { $0.key < $1.key }) where !memo.memo.isEmpty {
            out.append(MemoRow(kind: "project", coder: coder, modified: memo.modified, memo: memo.memo))
        }
        for doc in documents {
            let segments = Dictionary(doc.segments.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            var docRows: [MemoRow] = []
            for file in codings.filter({ $0.document == doc.id }).sorted(by: { $0.coder < $1.coder }) {
                if let m = file.memo, !m.isEmpty {
                    out.append(MemoRow(kind: "document", coder: file.coder, document: doc.id, memo: m))
                }
                for c in file.codings {
                    let seg = segments[c.segment]
                    func row(_ kind: String, _ memo: String, code: String? = nil, quote: String?) -> MemoRow {
                        MemoRow(
                            kind: kind, coder: file.coder, modified: c.modified, document: doc.id, segment: c.segment,
                            ordinal: c.ordinal,
                            speaker: seg?.speaker, role: seg?.role, codeId: code,
                            codePath: code.map { entries[$0]?.pathString ?? $0 },
                            quote: quote, memo: memo)
                    }
                    if let m = c.memo, !m.isEmpty { docRows.append(row("segment", m, quote: seg?.text)) }
                    for a in c.applied {
                        guard let m = a.memo, !m.isEmpty else { continue }
                        let quote =
                            a.spans.isEmpty
                            ? seg?.text
                            : a.spans.map { seg?.scalarText(from: $0.start, to: $0.end) ?? ($0.text ?? "") }.joined(
                                separator: " … ")
                        docRows.append(row("coding", m, code: a.code, quote: quote))
                    }
                }
            }
            let order = Dictionary(
                codebook.entries.enumerated().map { ($0.element.code.id, $0.offset) }, uniquingKeysWith: { a, _ in a })
            docRows.sort {
                ($0.ordinal ?? 0, $0.coder, $0.kind == "segment" ? -1 : order[$0.codeId ?? ""] ?? Int.max) < (
                    $1.ordinal ?? 0, $1.coder, $1.kind == "segment" ? -1 : order[$1.codeId ?? ""] ?? Int.max
                )
            }
            out += docRows
        }
        let order = Dictionary(
            codebook.entries.enumerated().map { ($0.element.code.id, $0.offset) }, uniquingKeysWith: { a, _ in a })
        for (coder, memos) in codeMemos.sorted(by: { $0.key < $1.key }) {
            for (id, text) in memos.sorted(by: {
                (order[$0.key] ?? Int.max, $0.key) < (order[$1.key] ?? Int.max, $1.key)
            }) where !text.isEmpty {
                out.append(
                    MemoRow(kind: "code", coder: coder, codeId: id, codePath: entries[id]?.pathString ?? id, memo: text)
                )
            }
        }
        return out
    }

    /// Loads `project` one document at a time; `coders` limits the coders (empty: all).
    /// - Throws: ``LoaderError``, ``StoreError`` (a damaged codings, code memo or project memo file).
    public static func load(project: Project, coders: [String] = []) throws -> [MemoRow] {
        let all = CodingStore.coders(projectRoot: project.root)
        for c in coders where !all.contains(c) { throw ExportError.unknownCoder(name: c, available: all) }
        let chosen = coders.isEmpty ? all : all.filter { coders.contains($0) }
        var projectMemos: [String: ProjectMemo] = [:]
        for coder in chosen {
            if let m = try ProjectMemoFile.load(projectRoot: project.root, coder: coder) { projectMemos[coder] = m }
        }
        var rows = Self.rows(
            codebook: project.codebook, documents: [], codings: [], codeMemos: [:], projectMemos: projectMemos)
        try DocumentBatchLoader(project: project).forEach { _, result in
            let doc = try result.get()
            let files = try CodingStore.readExisting(projectRoot: project.root, coders: chosen, document: doc).map(
                \.file)
            rows += Self.rows(codebook: project.codebook, documents: [doc], codings: files, codeMemos: [:])
        }
        var memos: [String: [String: String]] = [:]
        for coder in chosen {
            let m = try CodeMemoFile.load(projectRoot: project.root, coder: coder)
            if !m.isEmpty { memos[coder] = m }
        }
        return rows + Self.rows(codebook: project.codebook, documents: [], codings: [], codeMemos: memos)
    }

    public static func csv(_ rows: [MemoRow], excel: Bool = false) throws -> Data {
        try QuoteTable.csv(header: MemoRow.columns, rows: rows.map(\.cells), excel: excel)
    }

    /// A JSON array of objects, keys sorted, absent values left out.
    public static func json(_ rows: [MemoRow]) throws -> Data {
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try enc.encode(rows) + Data([0x0A])
    }

    /// Markdown: per document, each memo as a block with who, when and what it is attached to,
    /// the quote in italics; then the code memos.
    public static func markdown(_ rows: [MemoRow], title: String) -> String {
        var out = ["# Memos: \(title)", ""]
        if rows.isEmpty { out.append("No memos.") }
        var heading: String?
        for r in rows {
            let h =
                r.kind == "code" ? "Code memos" : r.kind == "project" ? "Project memos" : "Document \(r.document ?? "")"
            if h != heading {
                out += ["## \(h)", ""]
                heading = h
            }
            var about: String
            switch r.kind {
            case "project": about = "on the project"
            case "document": about = "on the document"
            case "segment": about = "on segment #\(r.ordinal ?? 0)" + (r.speaker.map { " (\($0))" } ?? "")
            case "coding":
                about = "on \(r.codePath ?? "") in segment #\(r.ordinal ?? 0)" + (r.speaker.map { " (\($0))" } ?? "")
            default: about = "on the code \(r.codePath ?? "")"
            }
            out.append("**\(r.coder)** \(about)" + (r.modified.map { ", \($0)" } ?? "") + ":")
            out.append("")
            if let q = r.quote, !q.isEmpty {
                out.append("> *" + q.replacingOccurrences(of: "\n", with: " ") + "*")
                out.append("")
            }
            out += r.memo.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            out.append("")
        }
        return out.joined(separator: "\n")
    }
}
