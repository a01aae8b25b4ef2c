import Foundation

/// The codebook as the analysis commands need it: each code's ancestors, sub-codes, category
/// and display path, found in constant time.
public struct CodeTree: Sendable {
    public let codebook: Codebook
    /// Code ids in codebook order (pre-order: a category, then its sub-codes).
    public let order: [String]
    /// The code and every code under it, by code id.
    public let subtree: [String: Set<String>]
    /// The top-level category of each code.
    public let category: [String: String]
    /// `Category/Sub-code` by code id.
    public let path: [String: String]
    /// Depth (0 for a category) by code id.
    public let depth: [String: Int]
    /// Code name by id.
    public let name: [String: String]
    /// The code and its ancestors, the category first, by code id.
    public let lineage: [String: [String]]

    public init(_ codebook: Codebook) {
        self.codebook = codebook
        var order: [String] = []
        var subtree: [String: Set<String>] = [:]
        var category: [String: String] = [:]
        var path: [String: String] = [:]
        var depth: [String: Int] = [:]
        var name: [String: String] = [:]
        var lineage: [String: [String]] = [:]
        func walk(_ code: Code, ancestors: [String], names: [String]) {
            guard path[code.id] == nil else { return }
            order.append(code.id)
            category[code.id] = ancestors.first ?? code.id
            path[code.id] = (names + [code.name]).joined(separator: "/")
            depth[code.id] = ancestors.count
            name[code.id] = code.name
            lineage[code.id] = ancestors + [code.id]
            for a in ancestors + [code.id] { subtree[a, default: []].insert(code.id) }
            for child in code.children { walk(child, ancestors: ancestors + [code.id], names: names + [code.name]) }
        }
        for code in codebook.codes { walk(code, ancestors: [], names: []) }
        self.order = order
        self.subtree = subtree
        self.category = category
        self.path = path
        self.depth = depth
        self.name = name
        self.lineage = lineage
        self.rankTable = Dictionary(order.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { a, _ in a })
    }

    /// Whether `id` is a code of the codebook.
    public func contains(_ id: String) -> Bool { path[id] != nil }

    /// The category ids, in codebook order.
    public var categories: [String] { codebook.codes.map(\.id) }

    /// Position of each code id in codebook order (unknown codes sort last).
    public func rank(_ id: String) -> Int { rankTable[id] ?? Int.max }

    private let rankTable: [String: Int]
}
