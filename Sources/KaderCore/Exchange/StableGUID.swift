import Crypto
import Foundation

/// GUIDs derived from Kader ids, so every export of the same project gives the same GUIDs.
///
/// A GUID is a name-based UUID version 5 (RFC 4122: SHA-1 of the namespace bytes and the name,
/// version and variant bits set) in the URL namespace, of the name `kader:<kind>:<part>:<part>…`,
/// written in upper case `8-4-4-4-12` form.
public enum StableGUID {
    static let namespace: [UInt8] = [
        0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8,
    ]

    /// The GUID of `kind` (`user`, `code`, `source`, `selection`, `coding`, `note`, `project`) and `parts`.
    public static func make(_ kind: String, _ parts: String...) -> String {
        make(kind, parts: parts)
    }

    public static func make(_ kind: String, parts: [String]) -> String {
        let name = (["kader", kind] + parts).joined(separator: ":")
        var bytes = Array(Insecure.SHA1.hash(data: Data(namespace + Array(name.utf8))).prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x50
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = Fingerprint.hex(bytes).uppercased()
        let h = Array(hex)
        return [h[0..<8], h[8..<12], h[12..<16], h[16..<20], h[20..<32]].map { String($0) }.joined(separator: "-")
    }

    public static func user(_ coder: String) -> String { make("user", coder) }
    public static func code(_ id: String) -> String { make("code", id) }
    public static func source(_ documentId: String) -> String { make("source", documentId) }

    /// True for `8-4-4-4-12` hex digits, optionally in braces (the REFI-QDA GUID pattern).
    public static func isValid(_ s: String) -> Bool {
        var t = Substring(s)
        if t.hasPrefix("{") && t.hasSuffix("}") { t = t.dropFirst().dropLast() }
        let groups = t.split(separator: "-", omittingEmptySubsequences: false)
        return groups.map(\.count) == [8, 4, 4, 4, 12] && groups.allSatisfy { $0.allSatisfy(\.isHexDigit) }
    }
}
