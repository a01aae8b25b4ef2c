import Foundation

/// What a REFI-QDA project has no element for, carried through `.qdpx` in one `Note` that Kader
/// exports write and its import reads back: the codebook's name, each code's id and shortcut key,
/// and the documents each coder marked done.
///
/// The note (GUID ``guid``, name ``name``) is listed in `Notes` and referenced from nothing, so
/// other tools show it as a free memo or ignore it. Its text is a sentence saying what it is,
/// a blank line, then one JSON object: `{"format":1,"codebook":…,"ids":{code GUID: code id},
/// "shortcuts":{code GUID: key},"done":{user GUID: [source GUID]}}` (`ids` may be absent).
public struct KaderProjectNote: Sendable, Hashable, Codable {
    public static let name = "Kader settings"
    public static var guid: String { StableGUID.make("kader-settings") }
    static let preface =
        "Kader settings that REFI-QDA has no place for (codebook name, code ids and shortcut keys, documents each coder "
        + "marked done). Kader reads them back when it imports this project; other tools can ignore this note."

    public var format = 1
    /// The codebook's name (`name:` of the codebook file).
    public var codebook: String?
    /// Code GUID → the code's Kader id (so codings keep their code ids through a round trip).
    public var ids: [String: String]?
    /// Code GUID → its one-key shortcut.
    public var shortcuts: [String: String] = [:]
    /// User GUID → GUIDs of the sources that coder marked done.
    public var done: [String: [String]] = [:]

    public init(
        codebook: String? = nil, ids: [String: String]? = nil, shortcuts: [String: String] = [:],
        done: [String: [String]] = [:]
    ) {
        self.codebook = codebook
        self.ids = ids
        self.shortcuts = shortcuts
        self.done = done
    }

    /// The note's text (preface, blank line, compact JSON with sorted keys).
    public var text: String {
        let enc = JSONEncoder()
        enc.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = (try? enc.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        return Self.preface + "\n\n" + json
    }

    /// The settings in `notes` (the note with ``guid``), or nil when there is none or it cannot be read.
    public static func find(in notes: [QDANote]) -> KaderProjectNote? {
        guard let note = notes.first(where: { $0.guid.uppercased() == guid.uppercased() }),
            let brace = note.text.firstIndex(of: "{")
        else { return nil }
        return try? JSONDecoder().decode(KaderProjectNote.self, from: Data(note.text[brace...].utf8))
    }

    /// The settings of `codebook` and `done` (coder → document ids marked done).
    public static func of(_ codebook: Codebook, done: [String: [String]]) -> KaderProjectNote {
        var keys: [String: String] = [:]
        var ids: [String: String] = [:]
        for e in codebook.entries {
            let guid = StableGUID.code(e.code.id)
            ids[guid] = e.code.id
            if let k = e.code.shortcut { keys[guid] = k }
        }
        var doneByUser: [String: [String]] = [:]
        for (coder, docs) in done where !docs.isEmpty {
            doneByUser[StableGUID.user(coder)] = docs.sorted().map(StableGUID.source)
        }
        return KaderProjectNote(codebook: codebook.name, ids: ids, shortcuts: keys, done: doneByUser)
    }

    /// The note for `Notes`.
    public func note(date: String) -> QDANote {
        QDANote(guid: Self.guid, name: Self.name, creatingUser: nil, creationDateTime: date, text: text)
    }
}
