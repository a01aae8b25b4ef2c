import Foundation
import ZIPFoundation

#if canImport(Glibc)
import Glibc
#endif

/// Size limits for untrusted archives. Sizes are bytes of uncompressed content.
public struct ArchiveLimits: Sendable, Hashable {
    public var maxEntrySize: Int = 256 * 1024 * 1024
    public var maxTotalSize: Int = 1024 * 1024 * 1024
    public var maxEntries: Int = 100_000
    public init() {}
}

/// Reads a `.qdpx` zip safely with ``ZipReader`` (the bounds-checked reader `.docx` uses too):
/// every entry name is checked before anything is read (no absolute paths, no `..`, no links),
/// declared sizes are checked against ``ArchiveLimits``, and the bytes actually inflated are
/// counted too (a lying header cannot exceed the limits). The archive is mapped, not read whole;
/// entries are read into memory only; nothing is extracted to disk.
public final class QDPXArchiveReader {
    public let path: String
    let zip: ZipReader
    let limits: ArchiveLimits
    /// Entry paths (with `\` read as `/`) → entries.
    var entries: [String: ZipEntry] = [:]
    /// Lower-cased entry paths → the first (sorted) entry path so spelled.
    var folded: [String: String] = [:]
    var bytesRead = 0

    /// Opens and checks the archive at `url`.
    /// - Throws: ``ExchangeError/badArchive(path:detail:)``, ``ExchangeError/unsafeEntry(path:entry:)``,
    ///   ``ExchangeError/tooLarge(path:detail:)``.
    public init(url: URL, limits: ArchiveLimits = ArchiveLimits()) throws {
        path = url.path
        self.limits = limits
        let bytes: Data
        do {
            bytes = try Data(contentsOf: url, options: .alwaysMapped)
        } catch {
            throw ExchangeError.badArchive(path: url.path, detail: "it cannot be read")
        }
        do throws(ZipError) {
            zip = try ZipReader(bytes, maxEntries: limits.maxEntries)
        } catch .tooManyEntries {
            throw ExchangeError.tooLarge(
                path: path, detail: "the archive has more than \(limits.maxEntries) entries (the limit for an archive)")
        } catch .zip64 {
            throw ExchangeError.badArchive(
                path: url.path, detail: "it is a zip64 archive (4 GiB or more), which Kader does not read")
        } catch {
            throw ExchangeError.badArchive(path: url.path, detail: "it is not a zip file or its directory is damaged")
        }
        var total = 0
        for entry in zip.entries {
            let name = try Self.safeName(entry.name, symlink: entry.isSymlink, archive: path)
            if entry.isDirectory { continue }
            if entry.size > limits.maxEntrySize {
                throw ExchangeError.tooLarge(
                    path: path,
                    detail:
                        "the entry \"\(name)\" is larger than the limit of \(limits.maxEntrySize) bytes for an entry")
            }
            total += entry.size
            if total > limits.maxTotalSize {
                throw ExchangeError.tooLarge(
                    path: path,
                    detail: "the archive holds more than the limit of \(limits.maxTotalSize) bytes for an archive")
            }
            if entries[name] == nil { entries[name] = entry }
        }
        for name in entries.keys.sorted() where folded[name.lowercased()] == nil { folded[name.lowercased()] = name }
    }

    /// `name` with `\` read as `/`, if it stays inside the target folder.
    static func safeName(_ raw: String, symlink: Bool, archive: String) throws -> String {
        let name = raw.replacingOccurrences(of: "\\", with: "/")
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        let drive = parts.first.map { $0.count == 2 && $0.last == ":" } ?? false
        if name.hasPrefix("/") || drive || parts.contains("..") || symlink || name.utf8.contains(0) {
            throw ExchangeError.unsafeEntry(path: archive, entry: raw)
        }
        return name
    }

    /// Entry paths (files only), sorted.
    public var names: [String] { entries.keys.sorted() }

    /// The entry whose path equals `name`, else the one that matches ignoring case.
    public func entryName(matching name: String) -> String? {
        if entries[name] != nil { return name }
        return folded[name.lowercased()]
    }

    /// The bytes of entry `name`.
    /// - Throws: ``ExchangeError/missing(path:detail:)``, ``ExchangeError/tooLarge(path:detail:)``,
    ///   ``ExchangeError/badArchive(path:detail:)`` for damaged content (bad CRC, bad deflate data).
    public func data(_ name: String) throws -> Data {
        guard let entry = entries[name] else {
            throw ExchangeError.missing(path: path, detail: "the archive has no entry \"\(name)\"")
        }
        let limit = min(limits.maxEntrySize, limits.maxTotalSize - bytesRead)
        let out: Data
        do throws(ZipError) {
            out = try zip.data(entry, limit: limit)
        } catch .tooLarge {
            throw ExchangeError.tooLarge(
                path: path,
                detail:
                    "the entry \"\(name)\" inflates beyond the size limits (\(limits.maxEntrySize) bytes for an entry, \(limits.maxTotalSize) for an archive)"
            )
        } catch .unsupportedMethod(_, let method) {
            throw ExchangeError.badArchive(
                path: path, detail: "the entry \"\(name)\" uses an unsupported compression method (\(method))")
        } catch {
            throw ExchangeError.badArchive(path: path, detail: "the entry \"\(name)\" is damaged")
        }
        bytesRead += out.count
        return out
    }
}
