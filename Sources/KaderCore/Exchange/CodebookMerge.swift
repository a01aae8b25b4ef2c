import Foundation

/// Merges imported REFI-QDA codes into a Kader codebook.
///
/// Each imported code is matched to an existing code by GUID (the stable GUID of its id, so
/// codes exported by Kader come home), then by its name path (`Category/Sub-code`, compared
/// case-insensitively). Unmatched codes are added under their (matched or added) parent with an
/// id made from the name (`Werkdruk` → `werkdruk`, `werkdruk-2` when taken). Existing codes are
/// never changed or removed.
public struct CodebookMerge: Sendable {
    /// The merged codebook.
    public var codebook: Codebook
    /// Imported code GUID → Kader code id, for every imported code.
    public var idsByGUID: [String: String]
    /// Paths of the codes that were added.
    public var added: [String]

    public static func merge(_ imported: [QDACode], into existing: Codebook?, name: String) -> CodebookMerge {
        var book = existing ?? Codebook(name: name, version: 1, codes: [])
        var byGUID: [String: String] = [:]
        var byPath: [String: String] = [:]
        var taken: Set<String> = []
        for e in book.entries {
            byGUID[StableGUID.code(e.code.id)] = e.code.id
            byPath[e.path.map { $0.lowercased() }.joined(separator: "\u{1}")] = e.code.id
            taken.insert(e.code.id)
        }
        var result: [String: String] = [:]
        var added: [String] = []
        func walk(_ c: QDACode, parentId: String?, parentPath: [String]) {
            let path = parentPath + [c.name]
            let key = path.map { $0.lowercased() }.joined(separator: "\u{1}")
            let id: String
            if let known = byGUID[c.guid] ?? byPath[key] {
                id = known
            } else {
                id = uniqueId(for: c.name, taken: &taken)
                let f = QDACodebookXML.fields(of: c.description)
                let code = Code(id: id, name: c.name, description: f.description, inclusion: f.inclusion, exclusion: f.exclusion,
                                example: f.example, color: c.color.map { $0.lowercased() })
                book.codes = Self.inserting(code, under: parentId, in: book.codes)
                byPath[key] = id
                added.append(path.joined(separator: "/"))
            }
            result[c.guid] = id
            for k in c.children { walk(k, parentId: id, parentPath: path) }
        }
        for c in imported { walk(c, parentId: nil, parentPath: []) }
        return CodebookMerge(codebook: book, idsByGUID: result, added: added)
    }

    static func inserting(_ code: Code, under parent: String?, in codes: [Code]) -> [Code] {
        guard let parent else { return codes + [code] }
        return codes.map { c in
            var c = c
            if c.id == parent { c.children.append(code) } else { c.children = inserting(code, under: parent, in: c.children) }
            return c
        }
    }

    /// A lowercase ASCII id from `name`, unique among `taken` (which it joins).
    static func uniqueId(for name: String, taken: inout Set<String>) -> String {
        UniqueId.make(Codebook.slug(name), taken: &taken)
    }
}
