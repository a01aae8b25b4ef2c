import Foundation

/// A user-supplied speaker-label regex (``LoadOptions/customLabelRegex``), the escape hatch of
/// docs/ARCHITECTURE.md §5.
///
/// The regex is matched at the start of each line (NSRegularExpression, anchored). The speaker is
/// the named group `speaker` or else group 1; optional named groups `role` and `time` give a role
/// and a timestamp. The turn text starts after the match (spaces and tabs skipped). Example:
/// `^(?<speaker>[A-Z][a-z]+) \((?<role>[^)]+)\) >`.
struct CustomLabelMatcher: @unchecked Sendable {
    let regex: NSRegularExpression
    let source: String
    private let hasSpeakerGroup: Bool
    private let hasRoleGroup: Bool
    private let hasTimeGroup: Bool

    /// - Throws: ``LoaderError/malformed(path:detail:)`` when the pattern does not compile or has
    ///   no capture group.
    init(_ pattern: String, path: String) throws {
        do {
            regex = try NSRegularExpression(pattern: pattern, options: [.anchorsMatchLines])
        } catch {
            throw LoaderError.malformed(
                path: path, detail: "the custom speaker-label regex \"\(pattern)\" does not compile")
        }
        guard regex.numberOfCaptureGroups >= 1 else {
            throw LoaderError.malformed(
                path: path,
                detail: "the custom speaker-label regex \"\(pattern)\" needs a capture group for the speaker")
        }
        source = pattern
        hasSpeakerGroup = pattern.contains("?<speaker>")
        hasRoleGroup = pattern.contains("?<role>")
        hasTimeGroup = pattern.contains("?<time>")
    }

    var displayName: String { "custom regex \(source)" }

    func match(_ p: [UInt8], _ lineStart: Int, _ lineEnd: Int) -> SpeakerLabelMatcher.Result {
        let line = String(decoding: p[lineStart..<lineEnd], as: UTF8.self)
        let ns = line as NSString
        guard let m = regex.firstMatch(in: line, options: [.anchored], range: NSRange(location: 0, length: ns.length))
        else { return .none }
        func group(_ name: String?, _ index: Int) -> String? {
            let r = name.map { m.range(withName: $0) } ?? m.range(at: index)
            guard r.location != NSNotFound, r.length > 0 else { return nil }
            return ns.substring(with: r).trimmingCharacters(in: .whitespaces)
        }
        guard let speaker = hasSpeakerGroup ? group("speaker", 0) : group(nil, 1), !speaker.isEmpty else {
            return .none
        }
        let role = hasRoleGroup ? group("role", 0) : nil
        let time = hasTimeGroup ? group("time", 0) : nil
        // Convert the match end (UTF-16 units) to a byte offset in the line.
        let endUTF16 = m.range.location + m.range.length
        let idx = String.Index(utf16Offset: endUTF16, in: line)
        var content = lineStart + line.utf8.distance(from: line.startIndex, to: idx)
        while content < lineEnd && (p[content] == 0x20 || p[content] == 0x09) { content += 1 }
        return .label(LabelMatch(speaker: speaker, role: role, timestamp: time, contentStart: content))
    }
}
