import Foundation
import Yams

/// YAML front matter (`---` … `---` at the top of a text or Markdown file) and
/// `FILE.meta.yaml` sidecars.
public enum FrontMatter {
    /// Finds front matter at the very start of `scalars`. Returns the YAML text and the scalar
    /// offset where the body starts (just after the closing `---` line), or nil if there is none.
    public static func split(_ scalars: [Unicode.Scalar]) -> (yaml: String, bodyStart: Int)? {
        guard scalars.count >= 4, scalars[0] == "-", scalars[1] == "-", scalars[2] == "-", scalars[3] == "\n" else {
            return nil
        }
        var lineStart = 4
        while lineStart < scalars.count {
            var lineEnd = lineStart
            while lineEnd < scalars.count && scalars[lineEnd] != "\n" { lineEnd += 1 }
            let line = String(String.UnicodeScalarView(scalars[lineStart..<lineEnd]))
            if line.trimmingCharacters(in: .whitespaces) == "---" || line.trimmingCharacters(in: .whitespaces) == "..."
            {
                let yaml = String(String.UnicodeScalarView(scalars[4..<lineStart]))
                return (yaml, min(lineEnd + 1, scalars.count))
            }
            lineStart = lineEnd + 1
        }
        return nil
    }

    /// ``split(_:)`` on UTF-8 bytes; `bodyStart` is a byte offset.
    static func split(bytes p: [UInt8]) -> (yaml: String, bodyStart: Int)? {
        guard p.count >= 4, p[0] == 0x2D, p[1] == 0x2D, p[2] == 0x2D, p[3] == 0x0A else { return nil }
        var lineStart = 4
        while lineStart < p.count {
            var lineEnd = lineStart
            while lineEnd < p.count && p[lineEnd] != 0x0A { lineEnd += 1 }
            // The line trimmed of spaces and tabs is `---` or `...`.
            var a = lineStart
            var b = lineEnd
            while a < b && (p[a] == 0x20 || p[a] == 0x09) { a += 1 }
            while b > a && (p[b - 1] == 0x20 || p[b - 1] == 0x09) { b -= 1 }
            if b - a == 3 && p[a] == p[a + 1] && p[a] == p[a + 2]
                && (p[a] == UInt8(ascii: "-") || p[a] == UInt8(ascii: "."))
            {
                return (String(decoding: p[4..<lineStart], as: UTF8.self), min(lineEnd + 1, p.count))
            }
            lineStart = lineEnd + 1
        }
        return nil
    }

    /// Parses metadata YAML: `title`, `type`, `site`, `date`, and `speakers` as a mapping from
    /// label to `{role, codable}` (or label to a role string), or a list of `{name, role, codable}`.
    ///
    /// Values are read as written: the YAML is composed with Yams' basic resolver, so `date:
    /// 2026-02-11` stays that text and a speaker called `No` or `1` stays a name. A plain `~`,
    /// `null` or empty value means "not given"; `codable` takes YAML 1.1 booleans (`true`, `no`, …) and `ja` / `nee`.
    /// - Throws: ``LoaderError/badMetadata(path:detail:)`` when the YAML does not parse or is not a mapping.
    public static func parseMetadata(_ yaml: String, path: String) throws -> DocumentMetadata {
        if let problem = YAMLLimits.problem(yaml) { throw LoaderError.badMetadata(path: path, detail: problem) }
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml, .basic, .default, .utf8)
        } catch {
            throw LoaderError.badMetadata(path: path, detail: yamlErrorSummary(error))
        }
        guard let root else { return DocumentMetadata() }
        guard case .mapping(let map) = root else {
            if case .scalar = root, scalarString(root) == nil { return DocumentMetadata() }
            throw LoaderError.badMetadata(path: path, detail: "the front matter is not a mapping of keys to values")
        }
        let entries = flattened(map)
        var meta = DocumentMetadata()
        meta.title = scalarString(value(entries, "title"))
        meta.type = scalarString(value(entries, "type"))
        meta.site = scalarString(value(entries, "site"))
        meta.date = scalarString(value(entries, "date"))
        meta.attributes = attributes(entries, skipping: ["speakers"])
        switch value(entries, "speakers") {
        case .mapping(let speakers):
            for (key, v) in flattened(speakers) { meta.speakers[key] = speakerSetting(v) }
        case .sequence(let list):
            for item in list {
                if case .mapping(let entry) = item, let name = nameString(value(flattened(entry), "name")) {
                    meta.speakers[name] = speakerSetting(item)
                } else if let name = nameString(item) {
                    meta.speakers[name] = SpeakerSetting()
                }
            }
        default:
            break
        }
        return meta
    }

    /// The entries of a mapping with scalar keys (as written), with YAML merge keys (`<<: *base`,
    /// `<<: [*a, *b]`) applied: keys written in the mapping win over merged ones, earlier merged
    /// mappings over later ones.
    static func flattened(_ map: Node.Mapping, depth: Int = 0) -> [(key: String, value: Node)] {
        var own: [(key: String, value: Node)] = []
        var merged: [(key: String, value: Node)] = []
        for (k, v) in map {
            guard case .scalar(let key) = k else { continue }
            if key.string == "<<" && key.style == .plain && depth < 16 {
                let sources: [Node] = v.sequence.map(Array.init) ?? [v]
                for case .mapping(let m) in sources { merged += flattened(m, depth: depth + 1) }
            } else {
                own.append((key.string, v))
            }
        }
        var seen = Set(own.map(\.key))
        for entry in merged where !seen.contains(entry.key) {
            seen.insert(entry.key)
            own.append(entry)
        }
        return own
    }

    /// The value of the first entry named `key`.
    private static func value(_ entries: [(key: String, value: Node)], _ key: String) -> Node? {
        entries.first { $0.key == key }?.value
    }

    private static func speakerSetting(_ node: Node?) -> SpeakerSetting {
        if let role = scalarString(node) { return SpeakerSetting(role: role) }
        guard case .mapping(let m)? = node else { return SpeakerSetting() }
        let entries = flattened(m)
        var setting = SpeakerSetting(
            role: scalarString(value(entries, "role")), codable: bool(value(entries, "codable")))
        setting.attributes = attributes(entries, skipping: ["role", "codable", "name"])
        return setting
    }

    /// Attributes from the scalar entries (and lists of scalars, joined with `, `) of a mapping,
    /// keyed in lowercase; the first of two keys that differ only in case wins.
    static func attributes(_ entries: [(key: String, value: Node)], skipping: Set<String>) -> Attributes {
        var out: Attributes = [:]
        for (key, node) in entries {
            let name = key.trimmingCharacters(in: .whitespaces).lowercased()
            guard !name.isEmpty, !skipping.contains(name), out[name] == nil else { continue }
            if let text = scalarString(node) {
                out[name] = AttributeValue(text)
            } else if case .sequence(let items) = node {
                let texts = items.compactMap { scalarString($0) }
                if !texts.isEmpty { out[name] = AttributeValue(texts.joined(separator: ", ")) }
            }
        }
        return out
    }

    /// A speaker name as written (`null`, `No` and `1` are names); nil for lists, mappings and
    /// an empty value.
    static func nameString(_ node: Node?) -> String? {
        guard case .scalar(let s)? = node, !s.string.isEmpty else { return nil }
        return s.string
    }

    private static let nullWords: Set<String> = ["", "~", "null", "Null", "NULL"]
    // YAML 1.1 booleans, plus Dutch `ja` / `nee` (Kader's users write metadata in Dutch).
    private static let trueWords: Set<String> = [
        "true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON", "ja", "Ja", "JA",
    ]
    private static let falseWords: Set<String> = [
        "false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF", "nee", "Nee", "NEE",
    ]

    /// The text of a scalar node; nil for a plain null (`~`, `null`, empty) and for lists and mappings.
    static func scalarString(_ node: Node?) -> String? {
        guard case .scalar(let s)? = node else { return nil }
        if s.style == .plain && nullWords.contains(s.string) { return nil }
        return s.string
    }

    /// A plain YAML 1.1 boolean; nil for anything else.
    static func bool(_ node: Node?) -> Bool? {
        guard case .scalar(let s)? = node, s.style == .plain else { return nil }
        if trueWords.contains(s.string) { return true }
        if falseWords.contains(s.string) { return false }
        return nil
    }

    static func yamlErrorSummary(_ error: Error) -> String {
        let text = "\(error)".split(separator: "\n").first.map(String.init) ?? "invalid YAML"
        return text
    }
}
