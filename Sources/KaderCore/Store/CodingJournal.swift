import Foundation

/// The journal of a codings file: `Codings/<coder>/.<document-id>.json.journal`, the changes
/// saved since the codings file was last written whole.
///
/// Why: rewriting a multi-megabyte codings file and waiting for the disk on every key costs
/// 10–40 ms on an ordinary disk; appending the one changed segment coding and `fdatasync`ing it
/// costs well under a millisecond. The codings file stays the complete, canonical, git-friendly
/// file: ``CodingStore`` folds the journal into it (compaction) when the coder pauses, when the
/// document is reopened, when the store is flushed or closed, and after
/// ``CodingStore/journalLimit`` records. Every reader of codings (``CodingStore/readFile(_:)``)
/// applies the journal, so `status`, `check`, `agree` and the exports see every saved change.
///
/// Format (bytes, UTF-8):
///
/// ```
/// kader-journal 1 base <size of the codings file> <FNV-1a 64 of its bytes, 16 hex digits>\n
/// record <payload length> <FNV-1a 64 of the payload>\n<payload>\n     (repeated)
/// ```
///
/// A payload is one line with the JSON array of the segment ids whose coding was removed, then
/// the canonical JSON of a codings file holding the file's fields after the change and only the
/// segment codings that changed (see ``CodingFile``). Records set state (they are idempotent),
/// so applying a journal to the file it was folded into changes nothing.
///
/// Damage: a record cut short or failing its checksum at the end of the journal is a write that
/// a crash interrupted before it was acknowledged, and is ignored. Anything else that does not
/// parse is damage (``StoreError/damaged(path:line:column:detail:)``, line 1 column 1 with the
/// byte offset in the detail). A journal whose base is not the codings file on disk (the file was
/// replaced, e.g. by `git pull`, while changes were still in the journal) is a conflict
/// (``StoreError/journalConflict(path:codings:)``) unless applying it changes nothing.
public struct CodingJournal: Sendable {
    public static let magic = "kader-journal 1"

    /// Size and hash of the codings file the records apply to.
    public var baseSize: Int
    public var baseHash: UInt64
    public var records: [Record]

    /// One saved change: the file's fields after it, the segment codings it set, the ones it removed.
    public struct Record: Sendable {
        public var file: CodingFile
        public var removed: [String]
    }

    /// `Codings/<coder>/.<document-id>.json.journal` for the codings file at `url`.
    public static func url(for codingsFile: URL) -> URL {
        codingsFile.deletingLastPathComponent().appendingPathComponent("." + codingsFile.lastPathComponent + ".journal")
    }

    /// FNV-1a, 64 bits: a fast fingerprint of the base file and the checksum of each record.
    public static func hash<C: Collection>(_ bytes: C) -> UInt64 where C.Element == UInt8 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
        return h
    }

    static func hex(_ v: UInt64) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }

    /// The first line of a journal based on `base` (the codings file's bytes).
    static func header(base: [UInt8]) -> [UInt8] {
        Array("\(magic) base \(base.count) \(hex(hash(base)))\n".utf8)
    }

    /// The bytes of one record changing `old` into `new` (both canonical), or nil when nothing changed.
    static func record(from old: CodingFile, to new: CodingFile) -> [UInt8]? {
        var changed: [SegmentCoding] = []
        var removed: [String] = []
        // Both lists are in canonical (ordinal, segment) order: walk them side by side.
        let before = old.codings
        let after = new.codings
        var a = 0
        var b = 0
        while a < before.count || b < after.count {
            if b == after.count
                || (a < before.count && (before[a].ordinal, before[a].segment) < (after[b].ordinal, after[b].segment))
            {
                removed.append(before[a].segment)
                a += 1
            } else if a == before.count || (before[a].ordinal, before[a].segment) > (after[b].ordinal, after[b].segment)
            {
                changed.append(after[b])
                b += 1
            } else {
                if before[a] != after[b] { changed.append(after[b]) }
                a += 1
                b += 1
            }
        }
        var fields = new
        fields.codings = changed
        var oldFields = old
        oldFields.codings = changed
        if changed.isEmpty, removed.isEmpty, fields == oldFields { return nil }
        let list = "[" + removed.map(Self.jsonString).joined(separator: ",") + "]\n"
        let payload = Array(list.utf8) + CanonicalJSONWriter.encode(fields)
        return Array("record \(payload.count) \(hex(hash(payload)))\n".utf8) + payload + [0x0A]
    }

    static func jsonString(_ s: String) -> String {
        let data = (try? JSONEncoder().encode(s)) ?? Data("\"\"".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// Parses a journal. A torn header (a crash while the journal was being created, before any
    /// record was acknowledged) gives nil.
    /// - Throws: ``StoreError/damaged(path:line:column:detail:)``.
    public static func parse(_ bytes: [UInt8], path: String) throws -> CodingJournal? {
        guard let eol = bytes.firstIndex(of: 0x0A) else { return nil }
        let head = String(decoding: bytes[..<eol], as: UTF8.self).split(separator: " ")
        guard head.count == 5, head[0] == "kader-journal", head[2] == "base", let size = Int(head[3]),
            let base = UInt64(head[4], radix: 16)
        else {
            throw damage(path, at: 0, "the first line is not a Kader journal header")
        }
        guard head[1] == "1" else { throw StoreError.unknownSchema(path: path, version: Int(head[1]) ?? -1) }
        var journal = CodingJournal(baseSize: size, baseHash: base, records: [])
        var pos = eol + 1
        while pos < bytes.count {
            guard let end = bytes[pos...].firstIndex(of: 0x0A) else { break }  // torn record header
            let line = String(decoding: bytes[pos..<end], as: UTF8.self).split(separator: " ")
            guard line.count == 3, line[0] == "record", let length = Int(line[1]), length >= 0,
                let sum = UInt64(line[2], radix: 16)
            else {
                if bytes[pos...].allSatisfy({ $0 == 0 }) { break }  // space a crash left unwritten
                throw damage(path, at: pos, "expected a record header")
            }
            let start = end + 1
            guard start + length < bytes.count else { break }  // torn payload
            let payload = bytes[start..<(start + length)]
            let last = start + length + 1 >= bytes.count
            guard hash(payload) == sum, bytes[start + length] == 0x0A else {
                if last { break }
                throw damage(path, at: pos, "a record fails its checksum")
            }
            journal.records.append(try decodeRecord(payload, path: path, offset: pos))
            pos = start + length + 1
        }
        return journal
    }

    static func decodeRecord(_ payload: ArraySlice<UInt8>, path: String, offset: Int) throws -> Record {
        guard let eol = payload.firstIndex(of: 0x0A),
            let removed = try? JSONDecoder().decode([String].self, from: Data(payload[..<eol]))
        else {
            throw damage(path, at: offset, "a record without its list of removed codings")
        }
        do {
            let file = try CodingFile.decode(Data(payload[(eol + 1)...]), path: path)
            return Record(file: file, removed: removed)
        } catch {
            throw damage(path, at: offset, "a record whose codings do not parse")
        }
    }

    static func damage(_ path: String, at offset: Int, _ detail: String) -> StoreError {
        .damaged(path: path, line: 1, column: 1, detail: "\(detail) at byte \(offset) of the journal")
    }

    /// True when this journal's base is exactly `bytes`.
    public func isBased(on bytes: [UInt8]) -> Bool {
        baseSize == bytes.count && baseHash == Self.hash(bytes)
    }

    /// `file` with every record applied, in canonical order.
    public func applied(to file: CodingFile) -> CodingFile {
        guard let last = records.last else { return file.canonical() }
        var byId = Dictionary(file.codings.map { ($0.segment, $0) }, uniquingKeysWith: { a, _ in a })
        for r in records {
            for id in r.removed { byId[id] = nil }
            for c in r.file.codings { byId[c.segment] = c }
        }
        var result = last.file
        result.codings = Array(byId.values)
        return result.canonical()
    }
}
