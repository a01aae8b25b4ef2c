import CSV
import Foundation

/// A project's case sheet, `Attributes.csv` at the project root: one row per document or per
/// speaker, one column per attribute, for teams that keep their attributes in a spreadsheet.
///
/// Columns `document` and `speaker` say what a row describes (at least one of them must exist):
/// a row with a document and no speaker describes the document (its id, or its file name);
/// a row with a speaker describes that speaker in that document, or in every document when the
/// document cell is empty. Every other column is an attribute (names in lowercase); an empty
/// cell gives nothing. `,` or `;` separated (Excel), UTF-8 with or without a byte-order mark.
///
/// Front matter and sidecars win over the table; where both give an attribute different values,
/// ``resolve(_:)`` reports an ``AttributeConflict``.
public struct AttributesTable: Sendable {
    public static let fileName = "Attributes.csv"

    public var path: String
    /// By document id.
    public var documents: [String: Attributes] = [:]
    /// By document id (`""` for every document), then speaker name folded.
    public var speakers: [String: [String: Attributes]] = [:]

    /// Reads `Attributes.csv` in `projectRoot`; nil when there is none.
    /// - Throws: ``AnalysisError/badAttributesTable(path:detail:)``.
    public static func load(projectRoot: URL) throws -> AttributesTable? {
        let url = projectRoot.appendingPathComponent(fileName)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        guard let data = try? Data(contentsOf: url) else {
            throw AnalysisError.badAttributesTable(path: fileName, detail: "cannot be read")
        }
        return try parse(data, path: fileName)
    }

    /// Parses the table's bytes (`path` names it in errors).
    /// - Throws: ``AnalysisError/badAttributesTable(path:detail:)``.
    public static func parse(_ data: Data, path: String) throws -> AttributesTable {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard var text = String(bytes: bytes, encoding: .utf8) else {
            throw AnalysisError.badAttributesTable(
                path: path, detail: "is not UTF-8 text (save it from the spreadsheet as CSV UTF-8)")
        }
        text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        let firstLine = text.prefix { $0 != "\n" }
        let delimiter: Unicode.Scalar =
            firstLine.filter { $0 == ";" }.count > firstLine.filter { $0 == "," }.count ? ";" : ","
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: true, trimFields: true, delimiter: delimiter)
        } catch {
            throw AnalysisError.badAttributesTable(path: path, detail: "has no header row")
        }
        let header = (reader.headerRow ?? []).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard let docColumn = header.firstIndex(of: "document") ?? header.firstIndex(of: "speaker").map({ _ in -1 })
        else {
            throw AnalysisError.badAttributesTable(path: path, detail: "needs a column named document or speaker")
        }
        let speakerColumn = header.firstIndex(of: "speaker")
        var table = AttributesTable(path: path)
        var line = 1
        while let row = reader.next() {
            line += 1
            if row.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            let doc = docColumn >= 0 && docColumn < row.count ? documentKey(row[docColumn]) : ""
            let speaker =
                speakerColumn.flatMap { $0 < row.count ? row[$0].trimmingCharacters(in: .whitespaces) : nil } ?? ""
            if doc.isEmpty && speaker.isEmpty {
                throw AnalysisError.badAttributesTable(
                    path: path, detail: "row \(line) names neither a document nor a speaker")
            }
            var values: Attributes = [:]
            for (i, name) in header.enumerated()
            where i != docColumn && i != speakerColumn && !name.isEmpty && i < row.count {
                let cell = row[i].trimmingCharacters(in: .whitespaces)
                if !cell.isEmpty { values[name] = AttributeValue(cell) }
            }
            if speaker.isEmpty {
                table.documents[doc, default: [:]].merge(values) { old, _ in old }
            } else {
                table.speakers[doc, default: [:]][TextSearch.fold(speaker), default: [:]].merge(values) { old, _ in old
                }
            }
        }
        if let error = reader.error {
            throw AnalysisError.badAttributesTable(path: path, detail: "cannot be read after row \(line) (\(error))")
        }
        return table
    }

    /// A document cell as a document id: an id stays, a file name becomes its id.
    static func documentKey(_ cell: String) -> String {
        let t = cell.trimmingCharacters(in: .whitespaces)
        guard !t.isEmpty else { return "" }
        return TranscriptLoader.documentId(
            forFileName: (t as NSString).lastPathComponent.contains(".")
                ? (t as NSString).lastPathComponent : t + ".txt")
    }

    /// The attributes of `document` and of each of its speakers: front matter and sidecar first,
    /// then this table; each difference between them is a conflict (front matter kept).
    public func resolve(_ document: Document) -> ResolvedAttributes {
        var resolved = ResolvedAttributes(document: document)
        var conflicts: [AttributeConflict] = []
        func fill(_ target: inout Attributes, from table: Attributes, subject: String) {
            for (name, value) in table.sorted(by: { $0.key < $1.key }) {
                if let existing = target[name] {
                    if !existing.matches(value) {
                        conflicts.append(
                            AttributeConflict(
                                document: document.id, subject: subject, attribute: name,
                                frontMatter: existing.text, table: value.text))
                    }
                } else {
                    target[name] = value
                }
            }
        }
        fill(&resolved.document, from: documents[document.id] ?? [:], subject: "document")
        for speaker in resolved.speakerNames {
            let key = TextSearch.fold(speaker)
            var own = resolved.speakers[speaker] ?? [:]
            fill(&own, from: speakers[document.id]?[key] ?? [:], subject: "speaker \(speaker)")
            fill(&own, from: speakers[""]?[key] ?? [:], subject: "speaker \(speaker)")
            resolved.speakers[speaker] = own
        }
        resolved.conflicts = conflicts
        return resolved
    }
}

/// The attributes of one document and its speakers, after front matter, sidecar and
/// `Attributes.csv` are combined.
public struct ResolvedAttributes: Sendable, Hashable {
    /// The document's attributes (front matter and sidecar keys, then the table's).
    public var document: Attributes
    /// By speaker name as written: `role` (from the transcript) and the speaker's other attributes.
    public var speakers: [String: Attributes]
    public var conflicts: [AttributeConflict] = []

    /// The front matter's and sidecar's attributes only.
    public init(document: Document) {
        self.document = document.metadata.attributes
        var speakers: [String: Attributes] = [:]
        for s in document.speakers {
            var a = document.metadata.speakers[s.name]?.attributes ?? [:]
            if let role = s.role { a["role"] = AttributeValue(role) }
            speakers[s.name] = a
        }
        for (name, setting) in document.metadata.speakers where speakers[name] == nil {
            var a = setting.attributes
            if let role = setting.role { a["role"] = AttributeValue(role) }
            speakers[name] = a
        }
        self.speakers = speakers
    }

    /// Speaker names, sorted.
    public var speakerNames: [String] { speakers.keys.sorted() }

    /// The value of `name` for a segment of `speaker`: the speaker's attribute, else the document's.
    public func value(_ name: String, speaker: String?) -> AttributeValue? {
        let key = name.lowercased()
        if let speaker, let v = speakers[speaker]?[key] { return v }
        return document[key]
    }
}

extension Sequence where Element == ResolvedAttributes {
    /// Every attribute name used by a document or speaker, sorted (names are stored in lowercase).
    public var attributeNames: [String] {
        var names: Set<String> = []
        for a in self {
            names.formUnion(a.document.keys)
            for (_, s) in a.speakers { names.formUnion(s.keys) }
        }
        return names.sorted()
    }
}

/// An attribute that the front matter (or sidecar) and `Attributes.csv` give different values.
public struct AttributeConflict: Sendable, Hashable, Codable {
    public var document: String
    /// `document` or `speaker NAME`.
    public var subject: String
    public var attribute: String
    public var frontMatter: String
    public var table: String

    public var message: String {
        "\(AttributesTable.fileName) gives \(attribute) = \"\(table)\" for the \(subject) of \(document), its front matter \"\(frontMatter)\"; the front matter is used."
    }
}
