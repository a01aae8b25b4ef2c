import Yams

/// Guards YAML from untrusted files (front matter, sidecars, codebooks) against alias bombs
/// ("billion laughs"): with every alias expanded, a document may hold at most ``maxNodes``
/// values. Composing the node tree is linear (aliases share the anchored node); expanding it,
/// as `Yams.load` and `YAMLDecoder` do, is not.
enum YAMLLimits {
    static let maxNodes = 100_000

    /// Why `yaml` is refused, or nil. Syntax errors are left to the real parser.
    static func problem(_ yaml: String) -> String? {
        guard yaml.contains("*") else { return nil }
        guard let node = try? Yams.compose(yaml: yaml) else { return nil }
        var budget = maxNodes
        return fits(node, &budget) ? nil : "it expands to more than \(maxNodes) values through YAML aliases"
    }

    private static func fits(_ node: Node, _ budget: inout Int) -> Bool {
        budget -= 1
        if budget < 0 { return false }
        switch node {
        case .mapping(let m):
            for (k, v) in m where !fits(k, &budget) || !fits(v, &budget) { return false }
        case .sequence(let s):
            for n in s where !fits(n, &budget) { return false }
        default:
            break
        }
        return true
    }
}
