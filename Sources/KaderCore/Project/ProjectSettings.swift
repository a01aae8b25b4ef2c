import Foundation
import Yams

/// Optional project settings in `kader.yaml` at the project root:
///
/// ```yaml
/// codebook: analysekader.yaml      # which file in Codebooks/ to use
/// speaker-pattern: colon           # force a label style (see `kader segments --help`)
/// speaker-regex: '^(?<speaker>[A-Z]+): '   # or your own pattern, with a `speaker` group
/// max-segment-length: 1500         # turns longer than this (in characters) split at paragraphs
/// not-codable-roles: [moderator, interviewer]
/// max-file-size-mb: 512            # largest transcript file read, in MiB (1...65536)
/// queries:                         # named queries for `kader query NAME`
///   digitaal-welzijn: digitalisering and welbevinden and role=leerkracht
/// ```
public struct ProjectSettings: Sendable, Hashable {
    public var codebook: String?
    public var loadOptions = LoadOptions()
    /// Named queries (`queries: {name: expression}`) for `kader query NAME`.
    public var queries: [String: String] = [:]

    public init() {}

    /// Reads `kader.yaml` in `root`; no file gives the defaults.
    /// - Throws: ``ProjectError/io(path:detail:)`` naming the setting that is wrong.
    public static func load(root: URL) throws -> ProjectSettings {
        let url = root.appendingPathComponent("kader.yaml")
        var settings = ProjectSettings()
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return settings }
        if let problem = YAMLLimits.problem(text) { throw ProjectError.io(path: url.path, detail: problem) }
        let node: Any?
        do {
            node = try Yams.load(yaml: text)
        } catch {
            throw ProjectError.io(path: url.path, detail: "not valid YAML (\(FrontMatter.yamlErrorSummary(error)))")
        }
        guard let map = node as? [String: Any] else { return settings }
        settings.codebook = map["codebook"] as? String
        if let name = map["speaker-pattern"] as? String {
            guard let pattern = SpeakerLabelPattern(rawValue: name) else {
                throw ProjectError.io(
                    path: url.path,
                    detail:
                        "speaker-pattern \"\(name)\" is not one of \(SpeakerLabelPattern.allCases.map(\.rawValue).joined(separator: ", "))"
                )
            }
            settings.loadOptions.speakerPattern = pattern
        }
        settings.loadOptions.customLabelRegex = map["speaker-regex"] as? String
        if let n = map["max-segment-length"] as? Int {
            guard n >= 100 else {
                throw ProjectError.io(path: url.path, detail: "max-segment-length must be at least 100")
            }
            settings.loadOptions.segmentation.maxSegmentLength = n
        }
        if let value = map["max-file-size-mb"] {
            guard let n = value as? Int, (1...65536).contains(n) else {
                throw ProjectError.io(
                    path: url.path, detail: "max-file-size-mb must be a whole number of MiB from 1 to 65536")
            }
            settings.loadOptions.maxFileSize = n * 1024 * 1024
        }
        if let roles = map["not-codable-roles"] as? [String] {
            settings.loadOptions.segmentation.nonCodableRoles = Set(roles.map { $0.lowercased() })
        }
        if let queries = map["queries"] as? [String: Any] {
            for (name, value) in queries {
                guard let text = value as? String else {
                    throw ProjectError.io(
                        path: url.path, detail: "query \"\(name)\" must be a text (the query expression)")
                }
                settings.queries[name] = text
            }
        }
        return settings
    }
}
