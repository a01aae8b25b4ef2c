import Foundation

/// An identifier that is a string on disk and in JSON but its own type in Swift, so that passing a
/// segment id where a code id belongs does not compile. Encodes as the bare string (JSON files are
/// unchanged: `Codable` comes from `RawRepresentable`), sorts and prints as the string, and a
/// string literal is one.
///
/// Kader uses ``CodeID``, ``SegmentID``, ``DocumentID`` and ``CoderName`` at the APIs that take
/// more than one kind of id; stored properties and dictionaries keep plain `String`s (the
/// ``rawValue``).
public protocol StringIdentifier: RawRepresentable, Hashable, Sendable, Codable, Comparable,
    ExpressibleByStringLiteral, CustomStringConvertible
where RawValue == String {
    init(rawValue: String)
}

extension StringIdentifier {
    /// The identifier `rawValue` (no validation).
    public init(_ rawValue: String) { self.init(rawValue: rawValue) }

    public init(stringLiteral value: String) { self.init(rawValue: value) }

    public var description: String { rawValue }

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

/// A code's id in the codebook (``Code/id``), e.g. `c-3f9a`.
public struct CodeID: StringIdentifier {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
}

/// A segment's id within its document (``Segment/id``).
public struct SegmentID: StringIdentifier {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
}

/// A document's id in the project (``Document/id``): its path under `Transcripts/` without the
/// extension.
public struct DocumentID: StringIdentifier {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
}
