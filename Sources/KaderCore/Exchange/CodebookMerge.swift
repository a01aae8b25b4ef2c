import Foundation

/// Merges imported REFI-QDA codes into a Kader codebook.
///
/// Each imported code is matched to an existing code by GUID (the stable GUID of its id, so
/// codes exported by Kader come home), then by its name path (`Category/Sub-code`, compared
/// case-insensitively). Unmatched codes are added under their (matched or added) parent with the
/// id `ids` gives their GUID (Kader's own exports carry it) when it is a valid, free id, else an
/// id made from the name (`Werkdruk` → `werkdruk`, `werkdruk-2` when taken), and a shortcut key:
/// the one `keys` gives its GUID when free, else the first free key the TUI would give a new code
/// (``Codebook/candidateKeys``). Existing codes are never changed or removed.
public struct CodebookMerge: Sendable {
    /// The merged codebook.
    public var codebook: Codebook
    /// Imported code GUID → Kader code id, for every imported code.
    public var idsByGUID: [String: String]
    /// Paths of the codes that were added.
    public var added: [String]

    /// Cost: linear in the number of existing and imported codes (each is visited once; added
    /// codes are attached to their parents in one final pass).
    public static func merge(
        _ imported: [QDACode], into existing: Codebook?, name: String, keys: [String: String] = [:],
        ids preferredIds: [String: String] = [:]
    ) -> CodebookMerge {
        var book = existing ?? Codebook(name: name, version: 1, codes: [])
        var byGUID: [String: String] = [:]
        var byPath: [String: String] = [:]
        var ids = UniqueIds()
        var usedKeys = Set(book.entries.compactMap(\.code.shortcut))
        func freeKey(for guid: String) -> String? {
            let k =
                keys[guid].flatMap { usedKeys.contains($0) || $0.count != 1 ? nil : $0 }
                ?? Codebook.candidateKeys.map(String.init).first { !usedKeys.contains($0) }
            if let k { usedKeys.insert(k) }
            return k
        }
        for e in book.entries {
            byGUID[StableGUID.code(e.code.id)] = e.code.id
            byPath[e.path.map { $0.lowercased() }.joined(separator: "\u{1}")] = e.code.id
            ids.taken.insert(e.code.id)
        }
        var result: [String: String] = [:]
        var added: [String] = []
        // Codes to add, by parent id ("" for the top level), in import order.
        var additions: [String: [Code]] = [:]
        var stack: [(code: QDACode, parentId: String?, path: [String])] = imported.reversed().map { ($0, nil, []) }
        while let (c, parentId, parentPath) = stack.popLast() {
            let path = parentPath + [c.name]
            let key = path.map { $0.lowercased() }.joined(separator: "\u{1}")
            let id: String
            if let known = byGUID[c.guid] ?? byPath[key] {
                id = known
            } else {
                let preferred = preferredIds[c.guid].flatMap { Self.isUsableId($0) ? $0 : nil }
                id = ids.make(preferred ?? Codebook.slug(c.name))
                let f = QDACodebookXML.fields(of: c.description)
                let code = Code(
                    id: id, name: c.name, description: f.description, inclusion: f.inclusion, exclusion: f.exclusion,
                    example: f.example, shortcut: freeKey(for: c.guid), color: c.color.map { $0.lowercased() })
                additions[parentId ?? "", default: []].append(code)
                byPath[key] = id
                added.append(path.joined(separator: "/"))
            }
            result[c.guid] = id
            for k in c.children.reversed() { stack.append((k, id, path)) }
        }
        if !additions.isEmpty {
            func attach(_ code: Code) -> Code {
                var code = code
                code.children = (code.children + (additions.removeValue(forKey: code.id) ?? [])).map(attach)
                return code
            }
            book.codes = (book.codes + (additions.removeValue(forKey: "") ?? [])).map(attach)
        }
        return CodebookMerge(codebook: book, idsByGUID: result, added: added)
    }

    /// Whether an id carried in from a Kader export can be kept: 1–200 characters, none of them
    /// whitespace or control characters.
    static func isUsableId(_ id: String) -> Bool {
        !id.isEmpty && id.count <= 200
            && id.unicodeScalars.allSatisfy {
                !$0.properties.isWhitespace && !(0...0x1F).contains($0.value) && $0.value != 0x7F
            }
    }

    /// A lowercase ASCII id from `name`, unique among `taken` (which it joins).
    static func uniqueId(for name: String, taken: inout Set<String>) -> String {
        UniqueId.make(Codebook.slug(name), taken: &taken)
    }
}
