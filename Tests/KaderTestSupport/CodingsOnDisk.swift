import Foundation

/// A codings file as the end-to-end tests read it back: untyped JSON, so a test checks what is on
/// disk rather than what KaderCore's decoder makes of it.
public struct CodingsOnDisk {
    /// The file's text (for failure messages).
    public let text: String
    /// The `codings` array, one object per segment coding (empty when absent).
    public let codings: [[String: Any]]

    /// Reads `Codings/<coder>/<document>.json` of `project`.
    /// - Throws: when the file cannot be read or is not JSON.
    public init(project: URL, coder: String, document: String) throws {
        let url = project.appendingPathComponent("Codings/\(coder)/\(document).json")
        text = try String(contentsOf: url, encoding: .utf8)
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        codings = object?["codings"] as? [[String: Any]] ?? []
    }

    /// The code objects (`code`, `spans`, `memo`) of every segment coding.
    public var appliedCodes: [[String: Any]] { codings.flatMap { ($0["codes"] as? [[String: Any]]) ?? [] } }
}
