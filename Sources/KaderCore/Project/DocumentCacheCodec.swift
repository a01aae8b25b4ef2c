import Foundation

/// The bytes of one cached document (``DocumentCache``): a header block and a body block, each
/// with its own length and checksum, so a torn or damaged file is recognised and never used.
///
/// Layout (integers little-endian; strings are a `UInt32` byte count and UTF-8 bytes):
/// - magic `KADERDC1`, `UInt32` format version;
/// - header: `UInt64` length, `UInt64` checksum, then the key, the ``DocumentCache/Summary``,
///   the document's id, source path and content hash, and its metadata, speakers and load
///   diagnostics as JSON;
/// - body: `UInt64` length, `UInt64` checksum, then the text (`UInt64` byte count and UTF-8) and
///   the segments, each with its Unicode scalar offsets and the UTF-8 byte offsets of its slice.
enum DocumentCacheCodec {
    static let magic = Array("KADERDC1".utf8)
    static let version: UInt32 = 1

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
        guard let metadata = try? json.encode(document.metadata), let speakers = try? json.encode(document.speakers),
            let diagnostics = try? json.encode(document.diagnostics)
        else { return nil }
        header.bytes(Array(metadata))
        header.bytes(Array(speakers))
        header.bytes(Array(diagnostics))
        var body = ByteWriter()
        body.int(text.utf8.count)
        body.out.append(contentsOf: text.utf8)
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

    /// The document of a whole cached file, when its key is `key`; nil when the key differs.
    /// Throws ``Damaged`` when the bytes are not a complete, intact file of this version.
    static func decode(_ data: [UInt8], key: String) throws -> Document? {
        var r = try headerReader(data[...])
        guard try r.string() == key else { return nil }
        _ = (try r.string(), try r.int(), try r.int())
        let id = try r.string()
        let sourcePath = try r.string()
        let contentHash = try r.string()
        let json = JSONDecoder()
        guard let metadata = try? json.decode(DocumentMetadata.self, from: Data(try r.bytes())),
            let speakers = try? json.decode([Speaker].self, from: Data(try r.bytes())),
            let diagnostics = try? json.decode(LoadDiagnostics.self, from: Data(try r.bytes()))
        else { throw Damaged() }
        var b = try block(data[...], at: r.end)
        let textCount = try b.int()
        var text = String(decoding: try b.take(textCount), as: UTF8.self)
        text.makeContiguousUTF8()
        guard text.utf8.count == textCount else { throw Damaged() }
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
            id: id, sourcePath: sourcePath, metadata: metadata, text: text, contentHash: contentHash,
            segments: segments, speakers: speakers, diagnostics: diagnostics)
    }

    /// The byte count of the magic, version and header block (what ``decodeHeader(_:)`` needs),
    /// read from the file's first 28 bytes.
    static func headerEnd(_ data: ArraySlice<UInt8>) throws -> Int {
        guard data.count >= magic.count + 4, data.prefix(magic.count).elementsEqual(magic) else { throw Damaged() }
        var r = ByteReader(data: data, at: data.startIndex + magic.count + 4)
        let count = try r.int()
        guard count >= 0, count < Int.max / 2 else { throw Damaged() }
        return magic.count + 4 + 16 + count
    }

    private static func headerReader(_ data: ArraySlice<UInt8>) throws -> ByteReader {
        guard data.count >= magic.count + 4, data.prefix(magic.count).elementsEqual(magic) else { throw Damaged() }
        var r = ByteReader(data: data, at: data.startIndex + magic.count)
        guard try r.uint32() == version else { throw Damaged() }
        return try block(data, at: r.at)
    }

    /// A reader over the block (length, checksum, bytes) at `at`, after checking its checksum.
    private static func block(_ data: ArraySlice<UInt8>, at: Int) throws -> ByteReader {
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
        bytes.withUnsafeBytes { raw -> UInt64 in
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
}
