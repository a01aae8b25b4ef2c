import Foundation

/// Reads and writes `project.qde` (namespace `urn:QDA-XML:project:1.0`).
public enum QDAProjectXML {
    public static let namespace = "urn:QDA-XML:project:1.0"
    /// The order of `Project` children required by the schema.
    public static let childOrder = [
        "Users", "CodeBook", "Variables", "Cases", "Sources", "Notes", "Links", "Sets", "Graphs", "Description",
    ]

    /// The XML of `project` (UTF-8 text, children in schema order; no `CodeBook` when there are no codes).
    public static func write(_ project: QDAProject) -> String {
        var w = XMLWriter()
        w.element(
            "Project",
            [
                ("name", project.name), ("origin", project.origin), ("creationDateTime", project.creationDateTime),
                ("xmlns", namespace),
            ]
        ) { w in
            writeLeadingChildren(project, into: &w)
            if !project.sources.isEmpty {
                w.element("Sources") { w in
                    for s in project.sources { writeSource(s, into: &w) }
                }
            }
            if !project.notes.isEmpty {
                w.element("Notes") { w in
                    for n in project.notes { writeNote(n, into: &w) }
                }
            }
            for n in project.noteRefs { w.element("NoteRef", [("targetGUID", n)]) }
        }
        return w.out
    }

    /// The `Project` children before `Sources`: `Users`, `CodeBook`, `Variables` and `Cases`.
    static func writeLeadingChildren(_ project: QDAProject, into w: inout XMLWriter) {
        if !project.users.isEmpty {
            w.element("Users") { w in
                for u in project.users { w.element("User", [("guid", u.guid), ("name", u.name)]) }
            }
        }
        // The schema's CodeBook is optional but needs a Codes with at least one Code.
        if !project.codes.isEmpty {
            w.element("CodeBook") { w in
                w.element("Codes") { w in QDACodebookXML.writeCodes(project.codes, into: &w) }
            }
        }
        QDAAttributes.write(
            project.documentAttributes.map { ($0.documentId, $0.attributes) }, sourceGUID: StableGUID.source, into: &w)
    }

    static func writeNote(_ n: QDANote, into w: inout XMLWriter) {
        w.element(
            "Note",
            [
                ("guid", n.guid), ("name", n.name), ("creatingUser", n.creatingUser),
                ("creationDateTime", n.creationDateTime),
            ]
        ) { w in
            w.textElement("PlainTextContent", n.text)
        }
    }

    static func writeSource(_ s: QDATextSource, into w: inout XMLWriter) {
        w.element(
            "TextSource",
            [
                ("guid", s.guid), ("name", s.name), ("richTextPath", s.richTextPath),
                ("plainTextPath", s.plainTextPath),
                ("creatingUser", s.creatingUser), ("creationDateTime", s.creationDateTime),
            ]
        ) { w in
            w.textElement("Description", s.description)
            w.textElement("PlainTextContent", s.plainTextContent)
            for sel in s.selections {
                w.element(
                    "PlainTextSelection",
                    [
                        ("guid", sel.guid), ("name", sel.name), ("startPosition", String(sel.start)),
                        ("endPosition", String(sel.end)),
                        ("creatingUser", sel.creatingUser), ("creationDateTime", sel.creationDateTime),
                        ("modifyingUser", sel.modifiedDateTime == nil ? nil : sel.creatingUser),
                        ("modifiedDateTime", sel.modifiedDateTime),
                    ]
                ) { w in
                    w.textElement("Description", sel.description)
                    for c in sel.codings {
                        w.element(
                            "Coding",
                            [
                                ("guid", c.guid), ("creatingUser", c.creatingUser),
                                ("creationDateTime", c.creationDateTime),
                            ]
                        ) { w in
                            w.element("CodeRef", [("targetGUID", c.codeGUID)])
                            for n in c.noteRefs { w.element("NoteRef", [("targetGUID", n)]) }
                        }
                    }
                    for n in sel.noteRefs { w.element("NoteRef", [("targetGUID", n)]) }
                }
            }
            for n in s.noteRefs { w.element("NoteRef", [("targetGUID", n)]) }
        }
    }

    /// Parses `project.qde`. Optional attributes may be missing; a selection without
    /// integer `startPosition`/`endPosition` or a code without `guid` makes the file unusable.
    /// - Throws: ``ExchangeError/badXML(path:detail:)``.
    public static func read(_ data: Data, path: String) throws -> QDAProject {
        let root = try XMLTree.parse(data, path: path)
        guard root.name == "Project" else {
            throw ExchangeError.badXML(path: path, detail: "the root element is <\(root.name)>, not <Project>")
        }
        var project = QDAProject(
            name: root["name"] ?? "imported", origin: root["origin"], creationDateTime: root["creationDateTime"])
        project.users = (root.first("Users")?.all("User") ?? []).compactMap { u in
            u["guid"].map { QDAUser(guid: $0, name: u["name"]) }
        }
        if let codes = root.first("CodeBook")?.first("Codes") {
            project.codes = try QDACodebookXML.readCodes(codes, path: path)
        }
        for s in root.first("Sources")?.children ?? [] {
            guard s.name == "TextSource" else {
                project.otherSources.append(s["name"] ?? s.name)
                continue
            }
            project.sources.append(try readSource(s, path: path))
        }
        for n in root.first("Notes")?.all("Note") ?? [] {
            guard let guid = n["guid"] else { continue }
            let text = n.first("PlainTextContent")?.text ?? n.first("Description")?.text ?? ""
            project.notes.append(
                QDANote(
                    guid: guid, name: n["name"], creatingUser: n["creatingUser"],
                    creationDateTime: n["creationDateTime"], text: text))
        }
        project.noteRefs = root.all("NoteRef").compactMap { $0["targetGUID"] }
        return project
    }

    /// A source's display name: its `name` unless missing, empty or only a GUID (qc writes no
    /// name), else the file name of its plain-text path unless that is a GUID, else either of
    /// them, else the source GUID.
    static func sourceName(_ name: String?, plainTextPath: String?, guid: String?) -> String {
        let given = name?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        var file = plainTextPath ?? ""
        for prefix in ["internal://", "internal:/", "relative://", "file://"] where file.hasPrefix(prefix) {
            file = String(file.dropFirst(prefix.count))
        }
        file = file.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        for candidate in [given, file] where !candidate.isEmpty && !isGUIDLike(candidate) { return candidate }
        return [given, file, guid ?? ""].first { !$0.isEmpty } ?? "source"
    }

    /// True for a GUID, with or without braces and a file extension (`{…}`, `….txt`).
    static func isGUIDLike(_ s: String) -> Bool {
        var t = Substring(s)
        if let dot = t.lastIndex(of: "."), t.distance(from: dot, to: t.endIndex) <= 6 { t = t[..<dot] }
        if t.hasPrefix("{") && t.hasSuffix("}") { t = t.dropFirst().dropLast() }
        return UUID(uuidString: String(t)) != nil
    }

    static func readSource(_ s: XMLElementNode, path: String) throws -> QDATextSource {
        let name = sourceName(s["name"], plainTextPath: s["plainTextPath"], guid: s["guid"])
        var src = QDATextSource(
            guid: s["guid"] ?? StableGUID.make("import-source", name), name: name, plainTextPath: s["plainTextPath"],
            richTextPath: s["richTextPath"],
            plainTextContent: s.first("PlainTextContent")?.text, description: s.first("Description")?.text,
            creatingUser: s["creatingUser"], creationDateTime: s["creationDateTime"])
        src.noteRefs = s.all("NoteRef").compactMap { $0["targetGUID"] }
        for sel in s.all("PlainTextSelection") {
            guard let a = sel["startPosition"].flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }),
                let b = sel["endPosition"].flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) })
            else {
                throw ExchangeError.badXML(
                    path: path,
                    detail: "a PlainTextSelection in source \"\(name)\" lacks an integer startPosition or endPosition")
            }
            var selection = QDASelection(
                guid: sel["guid"], name: sel["name"], start: a, end: b,
                creatingUser: sel["creatingUser"],
                creationDateTime: sel["creationDateTime"], modifiedDateTime: sel["modifiedDateTime"],
                description: sel.first("Description")?.text)
            selection.codings = sel.all("Coding").compactMap { c in
                c.first("CodeRef")?["targetGUID"].map {
                    QDACoding(
                        guid: c["guid"], codeGUID: $0, creatingUser: c["creatingUser"],
                        creationDateTime: c["creationDateTime"],
                        noteRefs: c.all("NoteRef").compactMap { $0["targetGUID"] })
                }
            }
            selection.noteRefs = sel.all("NoteRef").compactMap { $0["targetGUID"] }
            src.selections.append(selection)
        }
        return src
    }
}
