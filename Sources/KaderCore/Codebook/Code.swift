import Foundation

/// One code of the codebook tree. Top-level codes are categories.
public struct Code: Sendable, Hashable, Codable {
    /// Stable id (codings refer to it, so renaming keeps them).
    public var id: String
    public var name: String
    /// The definition shown to coders.
    public var description: String?
    public var inclusion: String?
    public var exclusion: String?
    public var example: String?
    /// A single-character key that toggles this code in the TUI.
    public var shortcut: String?
    /// `#rrggbb`.
    public var color: String?
    public var children: [Code]

    public init(
        id: String, name: String, description: String? = nil, inclusion: String? = nil, exclusion: String? = nil,
        example: String? = nil, shortcut: String? = nil, color: String? = nil, children: [Code] = []
    ) {
        self.id = id
        self.name = name
        self.description = description
        self.inclusion = inclusion
        self.exclusion = exclusion
        self.example = example
        self.shortcut = shortcut
        self.color = color
        self.children = children
    }

    enum CodingKeys: String, CodingKey {
        case id, name, description, inclusion, exclusion, example, shortcut, color, children
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        name = try c.decode(String.self, forKey: .name)
        description = try c.decodeIfPresent(String.self, forKey: .description)
        inclusion = try c.decodeIfPresent(String.self, forKey: .inclusion)
        exclusion = try c.decodeIfPresent(String.self, forKey: .exclusion)
        example = try c.decodeIfPresent(String.self, forKey: .example)
        shortcut = try c.decodeIfPresent(String.self, forKey: .shortcut)
        color = try c.decodeIfPresent(String.self, forKey: .color)
        children = try c.decodeIfPresent([Code].self, forKey: .children) ?? []
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(name, forKey: .name)
        try c.encodeIfPresent(description, forKey: .description)
        try c.encodeIfPresent(inclusion, forKey: .inclusion)
        try c.encodeIfPresent(exclusion, forKey: .exclusion)
        try c.encodeIfPresent(example, forKey: .example)
        try c.encodeIfPresent(shortcut, forKey: .shortcut)
        try c.encodeIfPresent(color, forKey: .color)
        if !children.isEmpty { try c.encode(children, forKey: .children) }
    }
}

/// A code with its place in the tree, for flat listings.
public struct CodeEntry: Sendable, Hashable {
    public var code: Code
    /// Names from the category down to this code.
    public var path: [String]
    /// Id of the top-level category this code belongs to (its own id for a category).
    public var categoryId: String
    public var depth: Int

    /// `Digitalisering/Werkdruk`.
    public var pathString: String { path.joined(separator: "/") }
}
