import Yams

/// Guards YAML from untrusted files (front matter, sidecars, codebooks, settings) before Yams
/// builds values from it:
/// - alias bombs ("billion laughs"): with every alias expanded, a document may hold at most
///   as many values as it has bytes (and at least ``maxNodes``) — a document without aliases
///   always fits, whatever its size, as each of its values takes at least one byte. Composing
///   the node tree is linear (aliases share the anchored node); expanding it, as `Yams.load` and
///   `YAMLDecoder` do, is not, so this bounds their cost to linear in the file;
/// - mapping keys that are not plain values (`? {a: 1}: x`), on which `Yams.load` traps
///   (found by fuzzing).
public enum YAMLLimits {
    static let maxNodes = 100_000

    /// Why `yaml` is refused, or nil. Syntax errors are left to the real parser.
    public static func problem(_ yaml: String) -> String? {
        guard
            yaml.utf8.contains(where: {
                $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "[") || $0 == UInt8(ascii: "{")
            })
        else { return nil }
        guard let node = try? Yams.compose(yaml: yaml, .basic, .default, .utf8) else { return nil }
        let limit = max(maxNodes, yaml.utf8.count)
        var budget = limit
        var complexKey = false
        guard fits(node, &budget, &complexKey) else {
            return
                "its YAML aliases expand it to more than \(limit) values (the limit is one value per byte of the file, at least \(maxNodes))"
        }
        return complexKey ? "it uses a list or a mapping as a key, which Kader does not read" : nil
    }

    private static func fits(_ node: Node, _ budget: inout Int, _ complexKey: inout Bool) -> Bool {
        budget -= 1
        if budget < 0 { return false }
        switch node {
        case .mapping(let m):
            for (k, v) in m {
                if k.scalar == nil { complexKey = true }
                if !fits(k, &budget, &complexKey) || !fits(v, &budget, &complexKey) { return false }
            }
        case .sequence(let s):
            for n in s where !fits(n, &budget, &complexKey) { return false }
        default:
            break
        }
        return true
    }
}
