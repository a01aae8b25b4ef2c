import Foundation

/// The bytes of one cached document (``DocumentCache``): a header block and a body block, each
/// with its own length and checksum, so a torn or damaged file is recognised and never used.
///
/// Layout (integers little-endian; strings are a `UInt32` byte count and UTF-8 bytes):
/// - magic `KADERDC1`, `UInt32` format version;
/// - header: `UInt64` length, `UInt64` checksum, then the key, the ``DocumentCache/Summary``,
///   the document's id, source path and content hash, its metadata and load diagnostics as one
///   JSON object, and its speakers;
/// - segments: `UInt64` length, `UInt64` checksum, then each segment with its Unicode scalar
///   offsets and the UTF-8 byte offsets of its slice of the text;
/// - text: `UInt64` byte count, `UInt64` checksum, the UTF-8 bytes, up to the end of the file.
enum DocumentCacheCodec {
    static let magic = Array("KADERDC1".utf8)
    static let version: UInt32 = 4

    struct Damaged: Error {}

    /// The file's bytes for `document`, or nil when a segment's text is not the slice of the
    /// document text its offsets name (such a document is simply not cached).
    static func encode(_ document: Document, key: String, summary: DocumentCache.Summary) -> [UInt8]? {
        var text = document.text
        text.makeContiguousUTF8()
        guard let bytes = utf8Offsets(text, document.segments) else { return nil }
        var header = ByteWriter()
        header.string(key)
        header.string(summary.title)
        header.int(summary.segments)
        header.int(summary.codableSegments)
        header.string(document.id)
        header.string(document.sourcePath)
        header.string(document.contentHash)
        let json = JSONEncoder()
        json.outputFormatting = [.sortedKeys]
        guard let diagnostics = try? json.encode(document.diagnostics) else { return nil }
        header.bytes(Array(diagnostics))
        write(document.metadata, into: &header)
        header.int(document.speakers.count)
        for s in document.speakers {
            header.string(s.name)
            header.optional(s.role)
            header.out.append(s.codable ? 1 : 0)
            header.int(s.turns)
        }
        // What is written must read back as exactly what was loaded (a field the writer does not
        // know, or a value that does not survive, means the document is not cached).
        var check = ByteReader(data: header.out[...], at: 0)
        guard (try? check.string()) == key, let h = try? parseHeader(&check), h.id == document.id,
            h.sourcePath == document.sourcePath, h.contentHash == document.contentHash,
            h.diagnostics == document.diagnostics, h.metadata == document.metadata, h.speakers == document.speakers
        else { return nil }
        var body = ByteWriter()
        body.int(document.segments.count)
        for (s, (a, b)) in zip(document.segments, bytes) {
            body.string(s.id)
            body.int(s.ordinal)
            body.optional(s.speaker)
            body.optional(s.role)
            body.int(s.start)
            body.int(s.end)
            body.int(a)
            body.int(b)
            body.optional(s.timestamp)
            body.optional(s.endTimestamp)
            body.string(s.fingerprint)
            body.out.append(s.codable ? 1 : 0)
        }
        var out = ByteWriter()
        out.out.append(contentsOf: magic)
        out.uint32(version)
        for block in [header.out, body.out] {
            out.int(block.count)
            out.uint64(checksum(block[...]))
            out.out.append(contentsOf: block)
        }
        out.int(text.utf8.count)
        out.uint64(text.utf8.withContiguousStorageIfAvailable { checksum($0) } ?? checksum(Array(text.utf8)[...]))
        out.out.append(contentsOf: text.utf8)
        return out.out
    }

    /// The key and summary of a cached file whose first bytes are `data` (the header block must be
    /// complete in them). Throws ``Damaged`` when they are not a header of this version.
    static func decodeHeader(_ data: ArraySlice<UInt8>) throws -> (key: String, summary: DocumentCache.Summary) {
        var r = try headerReader(data)
        let key = try r.string()
        let summary = DocumentCache.Summary(title: try r.string(), segments: try r.int(), codableSegments: try r.int())
        return (key, summary)
    }

    /// The document of the cached file at `path`, when its key is `key`; nil when the key
    /// differs (then only the header is read). The text is read straight into the document's
    /// string. Throws ``Damaged`` when the file is not a complete, intact file of this version.
    static func decode(path: String, key: String, maxSize: Int) throws -> Document? {
        let file = try CacheFile(path: path)
        guard file.size <= maxSize else { throw Damaged() }
        let headerBytes = try file.header()
        var r = try headerReader(headerBytes[...])
        guard try r.string() == key else { return nil }
        let h = try parseHeader(&r)
        var at = headerBytes.count
        var b = try file.block(at: &at)
        let textStamp = try file.read(at: at, count: 16)
        var t = ByteReader(data: textStamp[...], at: 0)
        let textCount = try t.int()
        let textSum = try t.uint64()
        guard textCount >= 0, at + 16 + textCount == file.size else { throw Damaged() }
        var text = try file.string(at: at + 16, count: textCount)
        guard text.utf8.count == textCount, text.utf8.withContiguousStorageIfAvailable({ checksum($0) }) == textSum
        else { throw Damaged() }
        text.makeContiguousUTF8()
        let count = try b.int()
        guard count >= 0, count <= b.remaining else { throw Damaged() }
        var segments: [Segment] = []
        segments.reserveCapacity(count)
        for _ in 0..<count {
            let sid = try b.string()
            let ordinal = try b.int()
            let speaker = try b.optional()
            let role = try b.optional()
            let start = try b.int()
            let end = try b.int()
            let lo = try b.int()
            let hi = try b.int()
            guard 0 <= lo, lo <= hi, hi <= textCount else { throw Damaged() }
            let timestamp = try b.optional()
            let endTimestamp = try b.optional()
            let fingerprint = try b.string()
            let codable = try b.take(1).first == 1
            segments.append(
                Segment(
                    id: sid, ordinal: ordinal, speaker: speaker, role: role, start: start, end: end,
                    textSlice: SegmentBuilder.slice(text, lo, hi), timestamp: timestamp, endTimestamp: endTimestamp,
                    fingerprint: fingerprint, codable: codable))
        }
        guard b.remaining == 0 else { throw Damaged() }
        return Document(
            id: h.id, sourcePath: h.sourcePath, metadata: h.metadata, text: text, contentHash: h.contentHash,
            segments: segments, speakers: h.speakers, diagnostics: h.diagnostics)
    }

    /// The header's fields after the key.
    struct Header {
        var id: String
        var sourcePath: String
        var contentHash: String
        var diagnostics: LoadDiagnostics
        var metadata: DocumentMetadata
        var speakers: [Speaker]
    }

    /// Reads the header after its key: the summary (skipped), the document's fields.
    static func parseHeader(_ r: inout ByteReader) throws -> Header {
        _ = (try r.string(), try r.int(), try r.int())
        let id = try r.string()
        let sourcePath = try r.string()
        let contentHash = try r.string()
        guard let diagnostics = try? JSONDecoder().decode(LoadDiagnostics.self, from: Data(try r.bytes())) else {
            throw Damaged()
        }
        let metadata = try readMetadata(&r)
        let speakerCount = try r.int()
        guard speakerCount >= 0, speakerCount <= r.remaining else { throw Damaged() }
        var speakers: [Speaker] = []
        speakers.reserveCapacity(speakerCount)
        for _ in 0..<speakerCount {
            speakers.append(
                Speaker(
                    name: try r.string(), role: try r.optional(), codable: try r.take(1).first == 1, turns: try r.int())
            )
        }
        guard r.remaining == 0 else { throw Damaged() }
        return Header(
            id: id, sourcePath: sourcePath, contentHash: contentHash, diagnostics: diagnostics, metadata: metadata,
            speakers: speakers)
    }

    /// The key and summary in the header of the entry at `path` (only the header is read).
    static func readHeader(path: String) throws -> (key: String, summary: DocumentCache.Summary) {
        try decodeHeader(try CacheFile(path: path).header()[...])
    }

    /// The byte count of the magic, version and header block (what ``decodeHeader(_:)`` needs),
    /// read from the file's first 28 bytes.
    static func headerEnd(_ data: ArraySlice<UInt8>) throws -> Int {
        guard data.count >= magic.count + 4, data.prefix(magic.count).elementsEqual(magic) else { throw Damaged() }
        var r = ByteReader(data: data, at: data.startIndex + magic.count + 4)
        let count = try r.int()
        // A real header holds a few kilobytes of metadata; 16 MiB is far beyond any.
        guard count >= 0, count <= 16 << 20 else { throw Damaged() }
        return magic.count + 4 + 16 + count
    }

    private static func headerReader(_ data: ArraySlice<UInt8>) throws -> ByteReader {
        guard data.count >= magic.count + 4, data.prefix(magic.count).elementsEqual(magic) else { throw Damaged() }
        var r = ByteReader(data: data, at: data.startIndex + magic.count)
        guard try r.uint32() == version else { throw Damaged() }
        return try block(data, at: r.at)
    }

    /// A reader over the block (length, checksum, bytes) at `at`, after checking its checksum.
    static func block(_ data: ArraySlice<UInt8>, at: Int) throws -> ByteReader {
        var r = ByteReader(data: data, at: at)
        let count = try r.int()
        let sum = try r.uint64()
        let start = r.at
        let bytes = try r.take(count)
        guard checksum(bytes) == sum else { throw Damaged() }
        return ByteReader(data: data, at: start, end: start + count)
    }

    /// The UTF-8 byte offsets of each segment's slice of `text`, found from its scalar offsets;
    /// nil when an offset is outside the text or the slice differs from the segment's text.
    static func utf8Offsets(_ text: String, _ segments: [Segment]) -> [(Int, Int)]? {
        let wanted = Set(segments.flatMap { [$0.start, $0.end] }).sorted()
        var byteOf: [Int: Int] = [:]
        byteOf.reserveCapacity(wanted.count)
        var next = 0
        var scalar = 0
        var byte = 0
        for u in text.utf8 {
            if u & 0xC0 != 0x80 {
                while next < wanted.count, wanted[next] == scalar {
                    byteOf[wanted[next]] = byte
                    next += 1
                }
                scalar += 1
            }
            byte += 1
        }
        while next < wanted.count, wanted[next] == scalar {
            byteOf[wanted[next]] = byte
            next += 1
        }
        var out: [(Int, Int)] = []
        out.reserveCapacity(segments.count)
        for s in segments {
            guard let a = byteOf[s.start], let b = byteOf[s.end], a <= b,
                SegmentBuilder.slice(text, a, b) == s.textSlice
            else { return nil }
            out.append((a, b))
        }
        return out
    }

    /// A 64-bit checksum of `bytes` (eight bytes at a time, multiply and shift): catches torn
    /// and damaged files, not tampering.
    static func checksum(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        bytes.withUnsafeBufferPointer { checksum($0) }
    }

    static func checksum(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let raw = UnsafeRawBufferPointer(bytes)
        var h: UInt64 = 0x6B61_6465_7264_6331 ^ UInt64(raw.count)
        var i = 0
        while i + 8 <= raw.count {
            h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self).littleEndian) &* 0x9E37_79B9_7F4A_7C15
            h ^= h >> 29
            i += 8
        }
        while i < raw.count {
            h = (h ^ UInt64(raw[i])) &* 0x1000_0000_01B3
            i += 1
        }
        return h ^ (h >> 32)
    }
}

/// An open cache file read by offset (`pread`), closed when released.
final class CacheFile {
    let fd: Int32
    /// The file's size in bytes when opened.
    let size: Int

    init(path: String) throws {
        // Never a link, and never waiting on a pipe: anything but a regular file is refused.
        fd = open(path, O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { throw DocumentCacheCodec.Damaged() }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            close(fd)
            throw DocumentCacheCodec.Damaged()
        }
        size = Int(info.st_size)
    }

    deinit { close(fd) }

    /// Exactly `count` bytes at `offset`.
    func read(at offset: Int, count: Int) throws -> [UInt8] {
        guard offset >= 0, count >= 0, offset <= size, count <= size - offset else {
            throw DocumentCacheCodec.Damaged()
        }
        return try [UInt8](unsafeUninitializedCapacity: count) { buffer, n in
            n = 0
            guard let base = buffer.baseAddress, count > 0 else { return }
            n = try fill(base, count, at: offset)
        }
    }

    /// `count` bytes at `offset` as a string (invalid UTF-8 is repaired, so a damaged file shows
    /// in the byte count or the checksum).
    func string(at offset: Int, count: Int) throws -> String {
        guard offset >= 0, count >= 0, offset <= size, count <= size - offset else {
            throw DocumentCacheCodec.Damaged()
        }
        var failed = false
        let s = String(unsafeUninitializedCapacity: count) { buffer in
            guard let base = buffer.baseAddress, count > 0 else { return 0 }
            guard let n = try? fill(base, count, at: offset) else {
                failed = true
                return 0
            }
            return n
        }
        if failed { throw DocumentCacheCodec.Damaged() }
        return s
    }

    /// The magic, version and header block at the start of the file.
    func header() throws -> [UInt8] {
        let prefix = try read(at: 0, count: DocumentCacheCodec.magic.count + 4 + 16)
        return try read(at: 0, count: try DocumentCacheCodec.headerEnd(prefix[...]))
    }

    /// A reader over the block (length, checksum, bytes) at `at`, checked; `at` moves past it.
    func block(at: inout Int) throws -> ByteReader {
        var r = ByteReader(data: try read(at: at, count: 16)[...], at: 0)
        let count = try r.int()
        guard count >= 0, count <= size else { throw DocumentCacheCodec.Damaged() }
        let bytes = try read(at: at, count: 16 + count)
        at += 16 + count
        return try DocumentCacheCodec.block(bytes[...], at: 0)
    }

    private func fill(_ base: UnsafeMutablePointer<UInt8>, _ count: Int, at offset: Int) throws -> Int {
        var got = 0
        while got < count {
            let n = pread(fd, base + got, count - got, off_t(offset + got))
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw DocumentCacheCodec.Damaged() }
            got += n
        }
        return got
    }
}
