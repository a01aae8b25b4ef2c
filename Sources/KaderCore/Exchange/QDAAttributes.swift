import Foundation

/// Kader's attributes in REFI-QDA: `Variables` (one per attribute name, typed Integer, Float,
/// Date or Text from its values) and `Cases` — one per document (its attributes, a `SourceRef`
/// to the document's source, the case named like the source) and one per speaker of a document
/// (the speaker's attributes and role, a `SourceRef` to that source, named like the speaker).
///
/// On import, cases and `VariableValue`s of text sources become rows of `Attributes.csv`: a case
/// named like one of its sources, or values on a `TextSource`, describe that document; another
/// case describes the speaker of that name in the sources it refers to (every document when it
/// refers to none).
public enum QDAAttributes {
    /// One imported row of attributes: a document (source name) and/or a speaker.
    public struct Row: Sendable, Hashable {
        public var source: String?
        public var speaker: String?
        public var values: [String: String]
    }

    /// Writes `<Variables>` and `<Cases>` for `documents` (nothing when no document has attributes
    /// other than its title). `sourceGUID` gives each document's source GUID.
    static func write(
        _ documents: [(id: String, attributes: ResolvedAttributes)], sourceGUID: @escaping (String) -> String,
        into w: inout XMLWriter
    ) {
        var kinds: [String: Set<AttributeValue.Kind>] = [:]
        for d in documents {
            for (k, v) in d.attributes.document where k != "title" { kinds[k, default: []].insert(v.kind) }
            for (_, a) in d.attributes.speakers { for (k, v) in a { kinds[k, default: []].insert(v.kind) } }
        }
        guard !kinds.isEmpty else { return }
        let names = kinds.keys.sorted()
        func type(_ name: String) -> String {
            guard let k = kinds[name], k.count == 1, let kind = k.first else { return "Text" }
            switch kind {
            case .number:
                let integral = documents.allSatisfy { d in
                    ([d.attributes.document[name]] + d.attributes.speakers.values.map { $0[name] }).compactMap {
                        $0?.number
                    }.allSatisfy { $0 == $0.rounded() }
                }
                return integral ? "Integer" : "Float"
            case .date: return "Date"
            case .text: return "Text"
            }
        }
        let types = Dictionary(uniqueKeysWithValues: names.map { ($0, type($0)) })
        w.element("Variables") { w in
            for n in names {
                w.element(
                    "Variable",
                    [("guid", StableGUID.make("variable", n)), ("name", n), ("typeOfVariable", types[n] ?? "Text")])
            }
        }
        func values(_ attributes: Attributes, into w: inout XMLWriter) {
            for (k, v) in attributes.sorted(by: { $0.key < $1.key }) {
                guard let type = types[k] else { continue }
                w.element("VariableValue") { w in
                    w.element("VariableRef", [("targetGUID", StableGUID.make("variable", k))])
                    switch (type, v.number, v.isoDate) {
                    case ("Integer", let n?, _): w.textElement("IntegerValue", String(Int(n)))
                    case ("Float", let n?, _): w.textElement("FloatValue", String(n))
                    case ("Date", _, let d?): w.textElement("DateValue", d)
                    default: w.textElement("TextValue", v.text)
                    }
                }
            }
        }
        w.element("Cases") { w in
            for d in documents {
                let own = d.attributes.document.filter { $0.key != "title" }
                if !own.isEmpty {
                    w.element("Case", [("guid", StableGUID.make("case", d.id)), ("name", d.id)]) { w in
                        values(own, into: &w)
                        w.element("SourceRef", [("targetGUID", sourceGUID(d.id))])
                    }
                }
                for s in d.attributes.speakerNames {
                    let a = d.attributes.speakers[s] ?? [:]
                    guard !a.isEmpty else { continue }
                    w.element("Case", [("guid", StableGUID.make("case", d.id, s)), ("name", s)]) { w in
                        w.textElement("Description", "speaker")
                        values(a, into: &w)
                        w.element("SourceRef", [("targetGUID", sourceGUID(d.id))])
                    }
                }
            }
        }
    }

    /// The attribute rows in a parsed `project.qde` root: cases and text-source values.
    public static func read(_ root: XMLElementNode) -> [Row] {
        var variableNames: [String: String] = [:]
        for v in root.first("Variables")?.all("Variable") ?? [] {
            if let g = v["guid"], let n = v["name"] { variableNames[g.uppercased()] = n.lowercased() }
        }
        var sourceNames: [String: String] = [:]
        for s in root.first("Sources")?.children ?? [] {
            if let g = s["guid"] {
                sourceNames[g.uppercased()] = QDAProjectXML.sourceName(
                    s["name"], plainTextPath: s["plainTextPath"], guid: g)
            }
        }
        func values(_ node: XMLElementNode) -> [String: String] {
            var out: [String: String] = [:]
            for vv in node.all("VariableValue") {
                guard let ref = vv.first("VariableRef")?["targetGUID"], let name = variableNames[ref.uppercased()]
                else { continue }
                if let value = vv.children.first(where: { $0.name != "VariableRef" })?.text.trimmingCharacters(
                    in: .whitespacesAndNewlines), !value.isEmpty
                {
                    out[name] = value
                }
            }
            return out
        }
        var rows: [Row] = []
        for s in root.first("Sources")?.children ?? [] {
            let v = values(s)
            let name = QDAProjectXML.sourceName(s["name"], plainTextPath: s["plainTextPath"], guid: s["guid"])
            if !v.isEmpty { rows.append(Row(source: name, speaker: nil, values: v)) }
        }
        for c in root.first("Cases")?.all("Case") ?? [] {
            let v = values(c)
            guard !v.isEmpty else { continue }
            let sources = c.all("SourceRef").compactMap { $0["targetGUID"].flatMap { sourceNames[$0.uppercased()] } }
            let name = c["name"] ?? ""
            if sources.contains(name) || (name.isEmpty && sources.count == 1) {
                rows.append(Row(source: sources.count == 1 ? sources[0] : name, speaker: nil, values: v))
            } else if sources.isEmpty {
                if !name.isEmpty { rows.append(Row(source: nil, speaker: name, values: v)) }
            } else {
                for s in sources { rows.append(Row(source: s, speaker: name, values: v)) }
            }
        }
        return rows
    }

    /// Adds `rows` to the project's `Attributes.csv` (created when missing; existing rows kept,
    /// new columns added), atomically. `documentId` maps a source name to a document id.
    /// - Throws: ``AnalysisError``.
    public static func merge(_ rows: [Row], into projectRoot: URL, documentId: (String) -> String) throws {
        guard !rows.isEmpty else { return }
        let url = projectRoot.appendingPathComponent(AttributesTable.fileName)
        var header = ["document", "speaker"]
        var existing: [[String: String]] = []
        if FileManager.default.fileExists(atPath: url.path) {
            let table = try AttributesTable.parse(try Data(contentsOf: url), path: AttributesTable.fileName)
            for (doc, a) in table.documents.sorted(by: { $0.key < $1.key }) {
                existing.append(["document": doc].merging(a.mapValues(\.text)) { x, _ in x })
            }
            for (doc, speakers) in table.speakers.sorted(by: { $0.key < $1.key }) {
                for (s, a) in speakers.sorted(by: { $0.key < $1.key }) {
                    existing.append(["document": doc, "speaker": s].merging(a.mapValues(\.text)) { x, _ in x })
                }
            }
        }
        let added = rows.map { r -> [String: String] in
            var d = r.values
            d["document"] = r.source.map(documentId) ?? ""
            d["speaker"] = r.speaker ?? ""
            return d
        }
        let all = existing + added
        header += Set(all.flatMap(\.keys)).subtracting(header).sorted()
        let data = try QuoteTable.csv(header: header, rows: all.map { r in header.map { r[$0] ?? "" } })
        do {
            try AtomicFile.write(data, to: url)
        } catch {
            throw AnalysisError.io(path: url.path, detail: "cannot be written")
        }
    }
}
