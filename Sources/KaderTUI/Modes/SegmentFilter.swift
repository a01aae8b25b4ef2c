import KaderCore

/// Which segments the coding screen shows: by code, speaker, role, uncoded, coded by me, and a
/// `where` expression; all of them must hold.
public struct SegmentFilter: Hashable, Sendable {
    public var code: String?
    public var speaker: String?
    public var role: String?
    public var uncodedOnly = false
    public var codedByMe = false
    /// A `where` expression (`f`, `w`), evaluated against this coder's codings only.
    public var expression: ExpressionFilter?

    public init() {}

    public var isActive: Bool {
        code != nil || speaker != nil || role != nil || uncodedOnly || codedByMe || expression != nil
    }

    /// Short description for the status line, e.g. `code Werkdruk · role leerkracht`.
    public func summary(_ codebook: Codebook) -> String {
        var parts: [String] = []
        if let c = code { parts.append("code " + (codebook.entry(id: c)?.code.name ?? c)) }
        if let s = speaker { parts.append("speaker " + s) }
        if let r = role { parts.append("role " + r) }
        if uncodedOnly { parts.append("uncoded") }
        if codedByMe { parts.append("coded by me") }
        if let e = expression { parts.append("where " + e.text) }
        return parts.joined(separator: " · ")
    }

    /// True if `segment` passes, given the codes this coder applied to it. A code filter also
    /// matches the code's sub-codes.
    public func accepts(_ segment: Segment, codes: [String], codebook: Codebook) -> Bool {
        accepts(segment, codes: codes, subtree: code.map { Self.subtree($0, codebook) })
    }

    /// ``accepts(_:codes:codebook:)`` with the code filter's subtree computed once by the caller
    /// (`subtree` must be `code.map { SegmentFilter.subtree($0, codebook) }`).
    func accepts(_ segment: Segment, codes: [String], subtree: Set<String>?) -> Bool {
        if let s = speaker, segment.speaker != s { return false }
        if let r = role, segment.role != r { return false }
        if uncodedOnly && (!segment.codable || !codes.isEmpty) { return false }
        if codedByMe && codes.isEmpty { return false }
        if let ids = subtree {
            if !codes.contains(where: ids.contains) { return false }
        }
        return true
    }

    /// `id` and every code below it.
    public static func subtree(_ id: String, _ codebook: Codebook) -> Set<String> {
        guard let entry = codebook.entry(id: id) else { return [id] }
        var ids: Set<String> = []
        func walk(_ c: Code) {
            ids.insert(c.id)
            c.children.forEach(walk)
        }
        walk(entry.code)
        return ids
    }
}
