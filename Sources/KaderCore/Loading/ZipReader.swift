import Foundation
import ZIPFoundation

/// Why a zip archive cannot be read (mapped to the caller's own error by `.docx` and `.qdpx`).
public enum ZipError: Error, Equatable, Sendable {
    /// No end-of-central-directory record: not a zip archive at all.
    case notZip
    /// An offset, size or signature points outside the archive or at the wrong record.
    case damaged
    /// Zip64 records (archives or entries of 4 GiB and more) are not read.
    case zip64
    case tooManyEntries(limit: Int)
    /// The entry declares or inflates to more than the limit.
    case tooLarge(entry: String, limit: Int)
    case unsupportedMethod(entry: String, method: Int)
    /// The deflate stream is broken or ends early, or the CRC-32 does not match.
    case corrupt(entry: String)
}

/// One file or folder in a zip's central directory.
public struct ZipEntry: Sendable, Hashable {
    /// The name exactly as stored (UTF-8 decoded; `\` is not rewritten here).
    public var name: String
    public var method: Int
    public var compressedSize: Int
    /// Declared uncompressed size in bytes (the bytes actually inflated are counted too).
    public var size: Int
    public var crc32: UInt32
    var localHeader: Int
    public var isDirectory: Bool
    /// A Unix symbolic link (external attributes with `S_IFLNK`).
    public var isSymlink: Bool
}

/// The one zip reader for every archive Kader reads (`.docx`, `.qdpx`): it walks the central
/// directory itself with a bounds check on every offset and inflates one entry at a time with a
/// byte limit, so a damaged or hostile archive throws ``ZipError`` — it never traps, spins or
/// reads outside the archive. (ZIPFoundation's `Archive` reader traps on damaged in-memory zips
/// and, on Linux, loops on a truncated deflate stream; only its `Data.decompress` is used.)
///
/// Cost: the directory walk is linear in the number of entries (at most `maxEntries`); reading an
/// entry is linear in its size and holds at most `limit` bytes.
public struct ZipReader: Sendable {
    let bytes: Data
    /// Entries in directory order.
    public let entries: [ZipEntry]

    /// Reads the central directory of `bytes`.
    /// - Throws: ``ZipError/notZip``, ``ZipError/damaged``, ``ZipError/zip64``, ``ZipError/tooManyEntries(limit:)``.
    public init(_ bytes: Data, maxEntries: Int = 100_000) throws(ZipError) {
        self.bytes = bytes
        let z = Reader(bytes)
        let n = bytes.count
        guard n >= 22 else { throw .notZip }
        // End of central directory: the last "PK\5\6" within the final 64 KiB + 22 bytes.
        var eocd = n - 22
        let lowest = max(0, n - 65_557)
        while eocd >= lowest && (try? z.u32(eocd)) != 0x0605_4B50 { eocd -= 1 }
        guard eocd >= lowest else { throw .notZip }
        let count = try z.u16(eocd + 10)
        let directorySize = try z.u32(eocd + 12)
        let start = try z.u32(eocd + 16)
        if count == 0xFFFF || start == 0xFFFF_FFFF || directorySize == 0xFFFF_FFFF { throw .zip64 }
        guard count <= maxEntries else { throw .tooManyEntries(limit: maxEntries) }
        var list: [ZipEntry] = []
        list.reserveCapacity(count)
        var p = start
        for _ in 0..<count {
            guard try z.u32(p) == 0x0201_4B50 else { throw .damaged }
            let madeBy = try z.u16(p + 4) >> 8
            let method = try z.u16(p + 10)
            let crc = try z.u32(p + 16)
            let compressed = try z.u32(p + 20)
            let size = try z.u32(p + 24)
            let nameLength = try z.u16(p + 28)
            let extra = try z.u16(p + 30)
            let comment = try z.u16(p + 32)
            let external = try z.u32(p + 38)
            let local = try z.u32(p + 42)
            if compressed == 0xFFFF_FFFF || size == 0xFFFF_FFFF || local == 0xFFFF_FFFF { throw .zip64 }
            let name = String(decoding: try z.slice(p + 46, nameLength), as: UTF8.self)
            let unixMode = madeBy == 3 ? (external >> 16) & 0o170000 : 0
            list.append(
                ZipEntry(
                    name: name, method: method, compressedSize: compressed, size: size, crc32: UInt32(crc),
                    localHeader: local, isDirectory: name.hasSuffix("/") || unixMode == 0o040000,
                    isSymlink: unixMode == 0o120000))
            p += 46 + nameLength + extra + comment
        }
        entries = list
    }

    /// The uncompressed bytes of `entry`, at most `limit` of them. An entry that declares more
    /// is too large; one that inflates to other than its declared size, or (unless `checkCRC` is
    /// false) whose CRC-32 differs, is corrupt — so a lying header cannot pass the limit.
    /// - Throws: ``ZipError/damaged``, ``ZipError/tooLarge(entry:limit:)``,
    ///   ``ZipError/unsupportedMethod(entry:method:)``, ``ZipError/corrupt(entry:)``.
    public func data(_ entry: ZipEntry, limit: Int, checkCRC: Bool = true) throws(ZipError) -> Data {
        if entry.size > limit { throw .tooLarge(entry: entry.name, limit: limit) }
        let z = Reader(bytes)
        guard try z.u32(entry.localHeader) == 0x0403_4B50 else { throw .damaged }
        let start = entry.localHeader + 30 + (try z.u16(entry.localHeader + 26)) + (try z.u16(entry.localHeader + 28))
        let body = Data(try z.slice(start, entry.compressedSize))
        switch entry.method {
        case 0:
            if body.count != entry.size { throw .corrupt(entry: entry.name) }
            if checkCRC && body.crc32(checksum: 0) != entry.crc32 { throw .corrupt(entry: entry.name) }
            return body
        case 8:
            return try Self.inflate(body, entry: entry, limit: limit, checkCRC: checkCRC)
        default:
            throw .unsupportedMethod(entry: entry.name, method: entry.method)
        }
    }

    private struct Exhausted: Error {}

    private static func inflate(_ body: Data, entry: ZipEntry, limit: Int, checkCRC: Bool) throws(ZipError) -> Data {
        var out = Data()
        var served = 0
        let crc: CRC32
        do {
            crc = try Data.decompress(
                size: Int64(body.count), bufferSize: 64 * 1024, skipCRC32: !checkCRC,
                provider: { _, chunk in
                    guard served < body.count else { throw Exhausted() }
                    let end = min(body.count, served + chunk)
                    defer { served = end }
                    // ZIPFoundation tells zlib that every chunk is `chunk` bytes long, so a short last
                    // chunk let zlib read past it on damaged data (a crash found by fuzzing): pad it.
                    var piece = body.subdata(in: served..<end)
                    if piece.count < chunk { piece.append(Data(count: chunk - piece.count)) }
                    return piece
                },
                consumer: { piece in
                    // More than the declared size is damage (the declared size is within `limit`).
                    if out.count + piece.count > entry.size { throw Exhausted() }
                    out.append(piece)
                })
        } catch {
            throw .corrupt(entry: entry.name)
        }
        if out.count != entry.size || (checkCRC && crc != entry.crc32) { throw .corrupt(entry: entry.name) }
        return out
    }

    /// Little-endian reads that throw ``ZipError/damaged`` instead of reading out of bounds.
    private struct Reader {
        let d: Data
        init(_ d: Data) { self.d = d }
        func u16(_ i: Int) throws(ZipError) -> Int {
            guard i >= 0, i <= d.count - 2 else { throw .damaged }
            let b = d.startIndex + i
            return Int(d[b]) | Int(d[b + 1]) << 8
        }
        func u32(_ i: Int) throws(ZipError) -> Int { try u16(i) | u16(i + 2) << 16 }
        func slice(_ i: Int, _ length: Int) throws(ZipError) -> Data.SubSequence {
            guard i >= 0, length >= 0, i <= d.count - length else { throw .damaged }
            return d[(d.startIndex + i)..<(d.startIndex + i + length)]
        }
    }
}
