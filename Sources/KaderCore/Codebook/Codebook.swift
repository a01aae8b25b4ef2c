import Foundation

/// The analysis frame: a tree of codes whose top level are the categories (docs/ARCHITECTURE.md §6).
public struct Codebook: Sendable, Hashable, Codable {
    public var name: String
    public var version: Int?
    public var codes: [Code]

    public init(name: String, version: Int? = 1, codes: [Code]) {
        self.name = name
        self.version = version
        self.codes = codes
    }

    /// Every code in depth-first order (category, then its sub-codes).
    public var entries: [CodeEntry] {
        var result: [CodeEntry] = []
        func walk(_ code: Code, _ path: [String], _ category: String, _ depth: Int) {
            let p = path + [code.name]
            result.append(CodeEntry(code: code, path: p, categoryId: category, depth: depth))
            for child in code.children { walk(child, p, category, depth + 1) }
        }
        for c in codes { walk(c, [], c.id, 0) }
        return result
    }

    /// The entry for `id`, or nil.
    public func entry(id: String) -> CodeEntry? { firstEntry { $0.id == id } }

    /// The code whose shortcut is `key`, or nil.
    public func code(forShortcut key: String) -> CodeEntry? { firstEntry { $0.shortcut == key } }

    /// The first entry of ``entries`` whose code passes `test`, without building the others.
    private func firstEntry(where test: (Code) -> Bool) -> CodeEntry? {
        func find(_ code: Code, _ path: [String], _ category: String, _ depth: Int) -> CodeEntry? {
            if test(code) { return CodeEntry(code: code, path: path + [code.name], categoryId: category, depth: depth) }
            guard !code.children.isEmpty else { return nil }
            let p = path + [code.name]
            for child in code.children {
                if let e = find(child, p, category, depth + 1) { return e }
            }
            return nil
        }
        for c in codes {
            if let e = find(c, [], c.id, 0) { return e }
        }
        return nil
    }

    /// Problems that make the codebook unusable: duplicate ids, duplicate shortcuts,
    /// shortcuts longer than one character, empty ids or names. Each names the code.
    public func validationProblems() -> [String] {
        var problems: [String] = []
        var ids: Set<String> = []
        var shortcuts: [String: String] = [:]
        var paths: Set<String> = []
        for e in entries {
            if !paths.insert(e.path.map { $0.lowercased() }.joined(separator: "/")).inserted {
                problems.append("two codes are called \"\(e.pathString)\"; code names must differ within a category")
            }
            let c = e.code
            if c.id.isEmpty { problems.append("a code named \"\(c.name)\" has an empty id") }
            if c.name.isEmpty { problems.append("code \"\(c.id)\" has an empty name") }
            if !ids.insert(c.id).inserted { problems.append("code id \"\(c.id)\" is used more than once") }
            if let s = c.shortcut {
                if s.count != 1 {
                    problems.append("code \"\(c.id)\" has shortcut \"\(s)\", which is not a single key")
                } else if let other = shortcuts[s] {
                    problems.append("codes \"\(other)\" and \"\(c.id)\" share the shortcut \"\(s)\"")
                } else {
                    shortcuts[s] = c.id
                }
            }
        }
        return problems
    }
}
