import Foundation

/// A coder's name, the coder id of the store (see ``StringIdentifier``). Coder names become folder
/// names under `Codings/`, so only safe names are accepted (``validated(_:)``); a `CoderName` value
/// itself is not checked.
public struct CoderName: StringIdentifier {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Returns `name` if it is a safe coder name: 1–64 of ASCII letters, digits, `.`, `_`, `-`,
    /// not starting with `.` or `-`.
    /// - Throws: ``StoreError/unsafeCoderName(_:)``.
    public static func validated(_ name: String) throws -> String {
        let ok =
            !name.isEmpty && name.utf8.count <= 64 && !name.hasPrefix(".") && !name.hasPrefix("-")
            && name.unicodeScalars.allSatisfy { s in
                (s >= "a" && s <= "z") || (s >= "A" && s <= "Z") || (s >= "0" && s <= "9") || s == "." || s == "_"
                    || s == "-"
            }
        guard ok else { throw StoreError.unsafeCoderName(name) }
        return name
    }

    /// The coder to use: `explicit`, else `KADER_CODER`, else the login name.
    public static func resolve(explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment)
        throws -> String
    {
        if let e = explicit, !e.isEmpty { return try validated(e) }
        if let e = environment["KADER_CODER"], !e.isEmpty { return try validated(e) }
        let login = environment["USER"] ?? environment["LOGNAME"] ?? NSUserName()
        return try validated(login.isEmpty ? "coder" : login)
    }
}
