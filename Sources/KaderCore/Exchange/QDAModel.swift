import Foundation

/// The part of a REFI-QDA project (QDA-XML 1.0) that Kader reads and writes.
public struct QDAProject: Sendable, Hashable {
    public var name: String
    public var origin: String?
    public var creationDateTime: String?
    public var users: [QDAUser] = []
    public var codes: [QDACode] = []
    public var sources: [QDATextSource] = []
    public var notes: [QDANote] = []
    /// Notes on the project as a whole (`Project/NoteRef`: project memos).
    public var noteRefs: [String] = []
    /// Sources of other kinds (PDF, picture, audio, video), by name, which Kader skips.
    public var otherSources: [String] = []
    /// Document and speaker attributes written as `Variables` and `Cases` (see ``QDAAttributes``).
    public var documentAttributes: [QDADocumentAttributes] = []

    public init(name: String, origin: String? = nil, creationDateTime: String? = nil) {
        self.name = name
        self.origin = origin
        self.creationDateTime = creationDateTime
    }
}

public struct QDAUser: Sendable, Hashable {
    public var guid: String
    public var name: String?
}

/// `CodeBook/Codes/Code`: nested codes; `isCodable="false"` marks a pure category in some tools.
public struct QDACode: Sendable, Hashable {
    public var guid: String
    public var name: String
    public var isCodable: Bool
    public var color: String?
    public var description: String?
    public var children: [QDACode] = []
    /// Notes on the code (code memos).
    public var noteRefs: [String] = []
}

/// `TextSource`: the plain text is in the archive (`plainTextPath`) or inline (`PlainTextContent`).
public struct QDATextSource: Sendable, Hashable {
    public var guid: String
    public var name: String
    public var plainTextPath: String?
    public var richTextPath: String?
    public var plainTextContent: String?
    public var description: String?
    public var creatingUser: String?
    public var creationDateTime: String?
    public var selections: [QDASelection] = []
    /// Notes attached to the whole source (document memos).
    public var noteRefs: [String] = []
}

/// `PlainTextSelection`: `startPosition..<endPosition` in characters of the source's plain text.
public struct QDASelection: Sendable, Hashable {
    public var guid: String?
    public var name: String?
    public var start: Int
    public var end: Int
    public var creatingUser: String?
    public var creationDateTime: String?
    public var modifiedDateTime: String?
    public var description: String?
    public var codings: [QDACoding] = []
    public var noteRefs: [String] = []
}

/// `Coding` with its `CodeRef@targetGUID`; the coder is `creatingUser` (a `User@guid`).
public struct QDACoding: Sendable, Hashable {
    public var guid: String?
    public var codeGUID: String
    public var creatingUser: String?
    public var creationDateTime: String?
    /// Notes on this coding (memos on the code applied to the selection).
    public var noteRefs: [String] = []
}

/// `Notes/Note`: a memo, its text in `PlainTextContent` (or `Description`).
public struct QDANote: Sendable, Hashable {
    public var guid: String
    public var name: String?
    public var creatingUser: String?
    public var creationDateTime: String?
    public var text: String
}

extension QDACode {
    /// Every code in depth-first order with its parent's GUID.
    public var flattened: [(code: QDACode, parent: String?)] {
        var out: [(QDACode, String?)] = []
        func walk(_ c: QDACode, _ parent: String?) {
            out.append((c, parent))
            for k in c.children { walk(k, c.guid) }
        }
        walk(self, nil)
        return out
    }
}

/// One document's attributes for `Variables` and `Cases`.
public struct QDADocumentAttributes: Sendable, Hashable {
    public var documentId: String
    public var attributes: ResolvedAttributes
}
