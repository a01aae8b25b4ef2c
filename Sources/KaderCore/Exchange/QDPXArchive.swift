#if canImport(Glibc)
import Glibc
#endif
import Foundation
import ZIPFoundation

/// Size limits for untrusted archives. Sizes are bytes of uncompressed content.
public struct ArchiveLimits: Sendable, Hashable {
    public var maxEntrySize: Int = 256 * 1024 * 1024
    public var maxTotalSize: Int = 1024 * 1024 * 1024
    public var maxEntries: Int = 100_000
    public init() {}
}

/// Reads a `.qdpx` zip safely: every entry name is checked before anything is read (no
/// absolute paths, no `..`, no links), declared sizes are checked against ``ArchiveLimits``,
/// and the bytes actually inflated are counted too (a lying header cannot exceed the limits).
/// Entries are read into memory only; nothing is extracted to disk.
public final class QDPXArchiveReader {
    public let path: String
    let archive: Archive
    let limits: ArchiveLimits
    /// Entry paths (with `\` read as `/`) → entries.
    var entries: [String: Entry] = [:]
    var bytesRead = 0

    /// Opens and checks the archive at `url`.
    /// - Throws: ``ExchangeError/badArchive(path:detail:)``, ``ExchangeError/unsafeEntry(path:entry:)``,
    ///   ``ExchangeError/tooLarge(path:detail:)``.
    public init(url: URL, limits: ArchiveLimits = ArchiveLimits()) throws {
        path = url.path
        self.limits = limits
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            throw ExchangeError.badArchive(path: url.path, detail: "it is not a zip file or its directory is damaged")
        }
        var total: UInt64 = 0
        var count = 0
        for entry in archive {
            count += 1
            if count > limits.maxEntries { throw ExchangeError.tooLarge(path: path, detail: "the archive has more than \(limits.maxEntries) entries") }
            let name = try Self.safeName(entry.path, type: entry.type, archive: path)
            if entry.type == .directory { continue }
            if entry.uncompressedSize > UInt64(limits.maxEntrySize) {
                throw ExchangeError.tooLarge(path: path, detail: "the entry \"\(name)\" is larger than the limit of \(limits.maxEntrySize) bytes")
            }
            total += entry.uncompressedSize
            if total > UInt64(limits.maxTotalSize) {
                throw ExchangeError.tooLarge(path: path, detail: "the archive holds more than the limit of \(limits.maxTotalSize) bytes")
            }
            entries[name] = entry
        }
    }

    /// `name` with `\` read as `/`, if it stays inside the target folder.
    static func safeName(_ raw: String, type: Entry.EntryType, archive: String) throws -> String {
        let name = raw.replacingOccurrences(of: "\\", with: "/")
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        let drive = parts.first.map { $0.count == 2 && $0.last == ":" } ?? false
        if name.hasPrefix("/") || drive || parts.contains("..") || type == .symlink || name.utf8.contains(0) {
            throw ExchangeError.unsafeEntry(path: archive, entry: raw)
        }
        return name
    }

    /// Entry paths (files only), sorted.
    public var names: [String] { entries.keys.sorted() }

    /// The entry whose path equals `name`, else the one that matches ignoring case.
    public func entryName(matching name: String) -> String? {
        if entries[name] != nil { return name }
        return entries.keys.sorted().first { $0.lowercased() == name.lowercased() }
    }

    /// The bytes of entry `name`.
    /// - Throws: ``ExchangeError/missing(path:detail:)``, ``ExchangeError/tooLarge(path:detail:)``,
    ///   ``ExchangeError/badArchive(path:detail:)`` for damaged content (bad CRC, bad deflate data).
    public func data(_ name: String) throws -> Data {
        guard let entry = entries[name] else { throw ExchangeError.missing(path: path, detail: "the archive has no entry \"\(name)\"") }
        var out = Data()
        var exceeded = false
        do {
            _ = try archive.extract(entry) { chunk in
                out.append(chunk)
                if out.count > self.limits.maxEntrySize || self.bytesRead + out.count > self.limits.maxTotalSize {
                    exceeded = true
                    throw CocoaError(.fileReadTooLarge)
                }
            }
        } catch {
            if exceeded { throw ExchangeError.tooLarge(path: path, detail: "the entry \"\(name)\" inflates beyond the size limits") }
            throw ExchangeError.badArchive(path: path, detail: "the entry \"\(name)\" is damaged")
        }
        bytesRead += out.count
        return out
    }
}

/// Writes a `.qdpx` zip to a temporary file next to its destination, entry by entry, and renames
/// it into place when finished: `sources/` files first (as they come), then `project.qde`.
/// Entries are deflated. Nothing is left behind when writing fails or is abandoned.
public struct QDPXArchiveWriter {
    let url: URL
    let tmp: URL
    let date: Date
    private var archive: Archive?

    /// Starts an archive that will replace `url`.
    /// - Throws: ``ExchangeError/io(path:detail:)``.
    public init(to url: URL, date: Date = Date()) throws {
        self.url = url
        self.date = date
        tmp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
        try? FileManager.default.removeItem(at: tmp)
        do {
            let created: Archive = try Archive(url: tmp, accessMode: .create)
            archive = created
        } catch {
            throw ExchangeError.io(path: url.path, detail: "cannot write the archive (\(error))")
        }
    }

    /// Adds one file entry (`sources/<guid>.txt`).
    /// - Throws: ``ExchangeError/io(path:detail:)`` (the temporary file is removed).
    public mutating func add(path: String, data: Data) throws {
        guard let archive else { throw ExchangeError.io(path: url.path, detail: "the archive was already closed") }
        do {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: date,
                                 compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        } catch {
            abandon()
            throw ExchangeError.io(path: url.path, detail: "cannot write the archive (\(error))")
        }
    }

    /// Adds `project.qde` and moves the archive into place.
    /// - Throws: ``ExchangeError/io(path:detail:)`` (the temporary file is removed).
    public mutating func finish(projectXML: String) throws {
        try add(path: "project.qde", data: Data(projectXML.utf8))
        archive = nil
        guard rename(tmp.path, url.path) == 0 else {
            try? FileManager.default.removeItem(at: tmp)
            throw ExchangeError.io(path: url.path, detail: "cannot move the archive into place")
        }
    }

    /// Drops the temporary file; `url` is untouched.
    public mutating func abandon() {
        archive = nil
        try? FileManager.default.removeItem(at: tmp)
    }

    /// Writes `projectXML` and `files` (archive paths and contents) to `url` in one go.
    /// - Throws: ``ExchangeError/io(path:detail:)``.
    public static func write(projectXML: String, files: [(path: String, data: Data)], to url: URL, date: Date = Date()) throws {
        var writer = try QDPXArchiveWriter(to: url, date: date)
        for (path, data) in files { try writer.add(path: path, data: data) }
        try writer.finish(projectXML: projectXML)
    }
}
