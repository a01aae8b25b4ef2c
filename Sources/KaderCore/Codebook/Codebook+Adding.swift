import Foundation

extension Codebook {
    /// Adds a code named `name` under `parent` (nil: as a new category) with a new unique id and
    /// the first free shortcut from `candidateKeys` that is not in `reservedKeys`.
    /// - Returns: the new codebook and the code added.
    /// - Throws: ``CodebookError/unknownCode(id:)`` when `parent` is not in the codebook.
    public func addingCode(named name: String, under parent: String?, reservedKeys: Set<String> = []) throws -> (
        Codebook, Code
    ) {
        var ids = Set(entries.map(\.code.id))
        let id = UniqueId.make(Self.slug(name), taken: &ids)
        let used = Set(entries.compactMap(\.code.shortcut)).union(reservedKeys)
        let shortcut = Self.candidateKeys.map(String.init).first { !used.contains($0) }
        let code = Code(id: id, name: name, description: nil, shortcut: shortcut)
        var copy = self
        if let parent {
            guard copy.codes.insertChild(code, under: parent) else { throw CodebookError.unknownCode(id: parent) }
        } else {
            copy.codes.append(code)
        }
        return (copy, code)
    }

    /// Keys offered to new codes, in order.
    static let candidateKeys = Array("abehilotvwxyzABCEFHILOPSTVWXYZ56789")

    /// A code id from a name: lowercase ASCII letters, digits and `-`.
    public static func slug(_ name: String) -> String {
        let id = TranscriptLoader.documentId(forFileName: name + ".x")
        return id == "document" ? "code" : id
    }
}

extension Array where Element == Code {
    /// Appends `code` to the children of the code `parent`; false if there is none.
    mutating func insertChild(_ code: Code, under parent: String) -> Bool {
        for i in indices {
            if self[i].id == parent {
                self[i].children.append(code)
                return true
            }
            if self[i].children.insertChild(code, under: parent) { return true }
        }
        return false
    }

}
