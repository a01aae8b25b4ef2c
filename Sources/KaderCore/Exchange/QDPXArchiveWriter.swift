import Foundation
import ZIPFoundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a `.qdpx` zip entry by entry into a temporary file beside its destination, then puts it
/// in place atomically: `sources/` files first (as they come), then `project.qde`.
///
/// The temporary file is nameless where the system allows it (Linux `O_TMPFILE`: a process
/// killed mid-export leaves nothing behind), else `.<name>.<random>.tmp` (created exclusively,
/// never through a link). ``finish(projectXML:)`` `fsync`s it, gives it a name beside the
/// destination and renames it over the destination, then `fsync`s the folder, as ``AtomicFile``
/// does. Memory: one entry's bytes, ZIPFoundation's buffers, and the central directory (about
/// 100 bytes an entry, which ZIPFoundation reads while adding an entry), never the archive.
/// Nothing is left behind when writing fails (a full disk) or is abandoned: the destination is
/// untouched and the temporary file removed.
public final class QDPXArchiveWriter {
    let url: URL
    let date: Date
    private var archive: Archive?
    /// The archive's file: nameless (its descriptor), or named (its path); nil once closed.
    private var backing: Backing?

    enum Backing {
        case nameless(Int32)
        case named(String)
    }

    /// A part of an entry: bytes at hand, or everything written to a ``SpoolFile``.
    enum Part {
        case bytes(Data)
        case spool(SpoolFile)

        var count: Int {
            switch self {
            case .bytes(let d): d.count
            case .spool(let s): s.count
            }
        }
    }

    /// An empty zip: the end of central directory record alone.
    static let emptyArchive: [UInt8] = [0x50, 0x4B, 0x05, 0x06] + [UInt8](repeating: 0, count: 18)

    /// Starts an archive that will replace `url`.
    /// - Throws: ``StoreError/symlink(path:)`` when `url` is a symbolic link;
    ///   ``ExchangeError/io(path:detail:)`` when the temporary file cannot be made.
    public init(to url: URL, date: Date = Date()) throws {
        self.url = url
        self.date = date
        var link = stat()
        if lstat(url.path, &link) == 0, link.st_mode & S_IFMT == S_IFLNK { throw StoreError.symlink(path: url.path) }
        do {
            #if os(Linux)
            if let fd = try Self.nameless(url) {
                if let a = try? Archive(
                    url: URL(fileURLWithPath: "/proc/self/fd/\(fd)"), accessMode: .update, pathEncoding: nil)
                {
                    archive = a
                    backing = .nameless(fd)
                    return
                }
                close(fd)  // no /proc: a named file then
            }
            #endif
            backing = .named(try Self.named(url))
        } catch let e as StoreError {
            throw Self.exchangeError(e, url)
        }
        if case .named(let tmp) = backing {
            do {
                archive = try Archive(url: URL(fileURLWithPath: tmp), accessMode: .update, pathEncoding: nil)
            } catch {
                abandon()
                throw ExchangeError.io(path: url.path, detail: "cannot start the archive")
            }
        }
    }

    #if os(Linux)
    /// A nameless file (`O_TMPFILE`, Linux 3.11, most file systems; Glibc's macro is not
    /// imported) in the destination's folder holding an empty zip, or nil where the file system
    /// cannot make one.
    /// - Throws: ``StoreError/io(path:detail:)`` when writing fails.
    static func nameless(_ url: URL) throws -> Int32? {
        let fd = open(url.deletingLastPathComponent().path, O_RDWR | O_DIRECTORY | 0o20_000_000 | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return nil }
        do {
            try emptyArchive.withUnsafeBytes { try AtomicFile.writeAll(fd, $0, path: url.path) }
        } catch {
            close(fd)
            throw error
        }
        return fd
    }
    #endif

    /// `.<name>.<random>.tmp` beside `url` holding an empty zip (ZIPFoundation adds entries to a
    /// zip that exists). - Throws: ``StoreError/io(path:detail:)``.
    static func named(_ url: URL) throws -> String {
        let (fd, tmp) = try AtomicFile.createTemporary(for: url)
        defer { close(fd) }
        do {
            try emptyArchive.withUnsafeBytes { try AtomicFile.writeAll(fd, $0, path: url.path) }
        } catch {
            unlink(tmp)
            throw error
        }
        return tmp
    }

    deinit { abandon() }

    /// Adds one file entry (`sources/<guid>.txt`), deflated.
    /// - Throws: ``ExchangeError/io(path:detail:)``; the archive is then abandoned.
    public func add(path: String, data: Data) throws {
        try add(path: path, parts: [.bytes(data)])
    }

    /// Adds one file entry whose content is `parts` one after the other, deflated; ZIPFoundation
    /// asks for it a chunk at a time, so a spooled part is never in memory whole.
    func add(path: String, parts: [Part]) throws {
        guard let archive else { throw ExchangeError.io(path: url.path, detail: "the archive was already closed") }
        let size = parts.reduce(0) { $0 + $1.count }
        do {
            try archive.addEntry(
                with: path, type: .file, uncompressedSize: Int64(size), modificationDate: date,
                compressionMethod: .deflate
            ) { position, count in
                try Self.read(parts, at: Int(position), count: count)
            }
        } catch {
            let code = errno
            abandon()
            if let e = error as? StoreError { throw Self.exchangeError(e, url) }
            var detail = "cannot add \(path) to the archive"
            if [ENOSPC, EDQUOT, EFBIG, EIO].contains(code) { detail += ": \(String(cString: strerror(code)))" }
            throw ExchangeError.io(path: url.path, detail: detail)
        }
    }

    /// `count` bytes of `parts` joined, from `position`.
    static func read(_ parts: [Part], at position: Int, count: Int) throws -> Data {
        var out = Data()
        out.reserveCapacity(count)
        var start = 0
        for part in parts {
            let length = part.count
            let from = position + out.count - start
            if out.count < count, from >= 0, from < length {
                let n = min(length - from, count - out.count)
                switch part {
                case .bytes(let d): out.append(d[d.startIndex + from..<d.startIndex + from + n])
                case .spool(let s): out.append(try s.read(at: from, count: n))
                }
            }
            start += length
        }
        return out
    }

    /// Adds `project.qde` and writes the archive into place.
    /// - Throws: ``ExchangeError/io(path:detail:)`` naming the file and the reason (no space left
    ///   on the device, …); `url` is then untouched and no temporary file is left.
    public func finish(projectXML: String) throws {
        try finish(projectXML: [.bytes(Data(projectXML.utf8))])
    }

    /// Adds `project.qde` made of `parts` and writes the archive into place (as ``finish(projectXML:)-(String)``).
    func finish(projectXML parts: [Part]) throws {
        try add(path: "project.qde", parts: parts)
        archive = nil  // closes ZIPFoundation's stream
        do {
            switch backing {
            case .nameless(let fd):
                guard Self.endsWithDirectory(fd) else { throw Self.notWhole(url) }
                // A name beside the destination, then the rename (which needs one).
                let (placeholder, tmp) = try AtomicFile.createTemporary(for: url)
                close(placeholder)
                unlink(tmp)
                guard linkat(AT_FDCWD, "/proc/self/fd/\(fd)", AT_FDCWD, tmp, AT_SYMLINK_FOLLOW) == 0 else {
                    throw StoreError.io(path: url.path, detail: "link failed: \(AtomicFile.errnoText())")
                }
                backing = .named(tmp)
                try AtomicFile.install(fd, temporary: tmp, over: url)
            case .named(let tmp):
                let fd = open(tmp, O_RDONLY | O_CLOEXEC)
                guard fd >= 0 else {
                    throw StoreError.io(path: url.path, detail: "cannot reopen the archive: \(AtomicFile.errnoText())")
                }
                guard Self.endsWithDirectory(fd) else {
                    close(fd)
                    throw Self.notWhole(url)
                }
                try AtomicFile.install(fd, temporary: tmp, over: url)
            case nil:
                throw ExchangeError.io(path: url.path, detail: "the archive was already closed")
            }
            backing = nil
        } catch let e as StoreError {
            abandon()
            throw Self.exchangeError(e, url)
        }
    }

    static func notWhole(_ url: URL) -> StoreError {
        StoreError.io(path: url.path, detail: "the archive was not written whole (is the disk full?)")
    }

    /// Whether the file ends with an end of central directory record that fits its size: the last
    /// bytes ZIPFoundation writes, whose loss (a failed last flush, which it does not report)
    /// would leave a damaged archive.
    static func endsWithDirectory(_ fd: Int32) -> Bool {
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_size >= 22 else { return false }
        var tail = [UInt8](repeating: 0, count: 22)
        guard pread(fd, &tail, 22, info.st_size - 22) == 22, tail[0..<4] == [0x50, 0x4B, 0x05, 0x06] else {
            return false
        }
        func u32(_ i: Int) -> UInt32 { (0..<4).reduce(0) { $0 | UInt32(tail[i + $1]) << (8 * $1) } }
        let (size, offset) = (u32(12), u32(16))
        // ZIP64 archives keep the real values elsewhere.
        if size == .max || offset == .max { return true }
        return Int64(offset) + Int64(size) + 22 == Int64(info.st_size)
    }

    /// Drops the archive and removes its temporary file; `url` is untouched.
    public func abandon() {
        archive = nil
        switch backing {
        case .nameless(let fd): close(fd)
        case .named(let tmp): unlink(tmp)
        case nil: break
        }
        backing = nil
    }

    /// `e` as an exchange error naming `url`: I/O errors say the archive cannot be written.
    static func exchangeError(_ e: StoreError, _ url: URL) -> Error {
        if case .io(_, let detail) = e {
            return ExchangeError.io(path: url.path, detail: "cannot write the archive: \(detail)")
        }
        return e
    }

    /// Writes `projectXML` and `files` (archive paths and contents) to `url` in one go.
    /// - Throws: ``ExchangeError/io(path:detail:)``.
    public static func write(projectXML: String, files: [(path: String, data: Data)], to url: URL, date: Date = Date())
        throws
    {
        let writer = try QDPXArchiveWriter(to: url, date: date)
        for (path, data) in files { try writer.add(path: path, data: data) }
        try writer.finish(projectXML: projectXML)
    }
}
