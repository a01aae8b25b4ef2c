import Foundation
import Yams

/// YAML front matter (`---` … `---` at the top of a text or Markdown file) and
/// `FILE.meta.yaml` sidecars.
public enum FrontMatter {
    /// Finds front matter at the very start of `scalars`. Returns the YAML text and the scalar
    /// offset where the body starts (just after the closing `---` line), or nil if there is none.
    public static func split(_ scalars: [Unicode.Scalar]) -> (yaml: String, bodyStart: Int)? {
        guard scalars.count >= 4, scalars[0] == "-", scalars[1] == "-", scalars[2] == "-", scalars[3] == "\n" else { return nil }
        var lineStart = 4
        while lineStart < scalars.count {
            var lineEnd = lineStart
            while lineEnd < scalars.count && scalars[lineEnd] != "\n" { lineEnd += 1 }
            let line = String(String.UnicodeScalarView(scalars[lineStart..<lineEnd]))
            if line.trimmingCharacters(in: .whitespaces) == "---" || line.trimmingCharacters(in: .whitespaces) == "..." {
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
            let line = String(decoding: p[lineStart..<lineEnd], as: UTF8.self).trimmingCharacters(in: .whitespaces)
            if line == "---" || line == "..." {
                return (String(decoding: p[4..<lineStart], as: UTF8.self), min(lineEnd + 1, p.count))
            }
            lineStart = lineEnd + 1
        }
        return nil
    }

    /// Parses metadata YAML: `title`, `type`, `site`, `date`, and `speakers` as a mapping from
    /// label to `{role, codable}` (or label to a role string), or a list of `{name, role, codable}`.
    /// - Throws: ``LoaderError/badMetadata(path:detail:)`` when the YAML does not parse or is not a mapping.
    public static func parseMetadata(_ yaml: String, path: String) throws -> DocumentMetadata {
        if let problem = YAMLLimits.problem(yaml) { throw LoaderError.badMetadata(path: path, detail: problem) }
        let node: Any?
        do {
            node = try Yams.load(yaml: yaml)
        } catch {
            throw LoaderError.badMetadata(path: path, detail: yamlErrorSummary(error))
        }
        guard let node else { return DocumentMetadata() }
        guard let map = node as? [String: Any] else {
            throw LoaderError.badMetadata(path: path, detail: "the front matter is not a mapping of keys to values")
        }
        var meta = DocumentMetadata()
        meta.title = scalarString(map["title"])
        meta.type = scalarString(map["type"])
        meta.site = scalarString(map["site"])
        meta.date = scalarString(map["date"])
        if let speakers = map["speakers"] as? [String: Any] {
            for (name, value) in speakers {
                meta.speakers[name] = speakerSetting(value)
            }
        } else if let list = map["speakers"] as? [Any] {
            for item in list {
                if let entry = item as? [String: Any], let name = scalarString(entry["name"]) {
                    meta.speakers[name] = speakerSetting(entry)
                } else if let name = scalarString(item) {
                    meta.speakers[name] = SpeakerSetting()
                }
            }
        }
        return meta
    }

    private static func speakerSetting(_ value: Any?) -> SpeakerSetting {
        if let role = scalarString(value) { return SpeakerSetting(role: role) }
        guard let m = value as? [String: Any] else { return SpeakerSetting() }
        return SpeakerSetting(role: scalarString(m["role"]), codable: m["codable"] as? Bool)
    }

    static func scalarString(_ v: Any?) -> String? {
        switch v {
        case let s as String: return s
        case let i as Int: return String(i)
        case let d as Double: return String(d)
        case let b as Bool: return String(b)
        case let d as Date:
            let f = DateFormatter()
            f.locale = Locale(identifier: "en_US_POSIX")
            f.timeZone = TimeZone(identifier: "UTC")
            f.dateFormat = "yyyy-MM-dd"
            return f.string(from: d)
        default: return nil
        }
    }

    static func yamlErrorSummary(_ error: Error) -> String {
        let text = "\(error)".split(separator: "\n").first.map(String.init) ?? "invalid YAML"
        return text
    }
}
