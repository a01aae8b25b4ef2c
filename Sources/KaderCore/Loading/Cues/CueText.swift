import Foundation

/// Cue payload cleanup: voice tags, other markup tags and HTML entities.
enum CueText {
    /// The voice (`<v Name>` / `<v.loud Name>`) opening the payload, if any, and the payload with
    /// every tag removed and entities decoded. A voice tag alone on its line applies to the lines
    /// after it; a missing `</v>` is fine.
    static func split(_ lines: [String]) -> (voice: String?, text: String) {
        let joined = lines.joined(separator: "\n")
        var voice: String?
        let trimmed = joined.drop(while: { $0 == " " || $0 == "\t" })
        if trimmed.hasPrefix("<v"), let close = trimmed.firstIndex(of: ">") {
            let inside = trimmed[trimmed.index(trimmed.startIndex, offsetBy: 2)..<close]
            if inside.first == " " || inside.first == "." || inside.first == "\t" {
                var name = inside.drop(while: { $0 != " " && $0 != "\t" })
                name = name.drop(while: { $0 == " " || $0 == "\t" })
                let v = decodeEntities(String(name)).trimmingCharacters(in: .whitespaces)
                if !v.isEmpty { voice = v }
            }
        }
        return (voice, decodeEntities(stripTags(joined)))
    }

    /// Removes `<…>` tags (`<v …>`, `</v>`, `<c.x>`, `<i>`, `<00:00:04.199>`); a `<` not
    /// starting a tag (`a < b`) is kept.
    static func stripTags(_ s: String) -> String {
        guard s.contains("<") else { return s }
        var out = ""
        var i = s.startIndex
        while i < s.endIndex {
            let c = s[i]
            if c == "<", let next = s.index(i, offsetBy: 1, limitedBy: s.endIndex), next < s.endIndex,
                s[next].isLetter || s[next] == "/" || s[next].isASCIIDigit,
                let close = s[next...].firstIndex(where: { $0 == ">" || $0 == "\n" || $0 == "<" }), s[close] == ">"
            {
                i = s.index(after: close)
                continue
            }
            out.append(c)
            i = s.index(after: i)
        }
        return out
    }

    static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{00A0}", "lrm": "\u{200E}",
        "rlm": "\u{200F}",
    ]

    /// Decodes `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`, `&nbsp;`, `&lrm;`, `&rlm;`, `&#233;`, `&#xE9;`.
    /// Unknown or malformed entities stay as written.
    static func decodeEntities(_ s: String) -> String {
        guard s.contains("&") else { return s }
        var out = ""
        var i = s.startIndex
        while i < s.endIndex {
            if s[i] == "&", let semi = s[i...].prefix(12).firstIndex(of: ";") {
                let body = s[s.index(after: i)..<semi]
                var replacement: String?
                if body.hasPrefix("#x") || body.hasPrefix("#X") {
                    replacement = UInt32(body.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String($0) }
                } else if body.hasPrefix("#") {
                    replacement = UInt32(body.dropFirst()).flatMap(Unicode.Scalar.init).map { String($0) }
                } else {
                    replacement = named[String(body)]
                }
                if let r = replacement, r != "\u{0}" {
                    out += r
                    i = s.index(after: semi)
                    continue
                }
            }
            out.append(s[i])
            i = s.index(after: i)
        }
        return out
    }
}
