import Foundation

/// A document and its segments as pretty JSON (the shape of `kader segments --json`), written as
/// bytes in chunks rather than through `JSONEncoder`, so a large transcript streams at disk speed.
///
/// The output equals `JSONEncoder` with `[.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]`
/// on `{contentHash, diagnostics, id, metadata, segments, source, speakers}` byte for byte
/// (segments are written by hand, in blocks formatted on every core (``ParallelBlocks``) and
/// written in order; the small parts go through the encoder).
public enum DocumentJSON {
    /// Writes the JSON of `doc` (no trailing newline) to `sink` in chunks: the parts before the
    /// segments, blocks of `chunk / 512` segments (about `chunk` bytes for turns of a few
    /// sentences), and the rest.
    /// - Throws: what `sink` or the encoder throws.
    public static func write(
        _ doc: Document, chunk: Int = 1 << 20, to sink: (UnsafeBufferPointer<UInt8>) throws -> Void
    ) throws {
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var out = JSONBytes(capacity: chunk + (1 << 16))
        out.raw("{\n  \"contentHash\" : ")
        out.string(doc.contentHash)
        out.raw(",\n  \"diagnostics\" : ")
        out.nested(try enc.encode(doc.diagnostics), indent: 2)
        out.raw(",\n  \"id\" : ")
        out.string(doc.id)
        out.raw(",\n  \"metadata\" : ")
        out.nested(try enc.encode(doc.metadata), indent: 2)
        out.raw(",\n  \"segments\" : ")
        if doc.segments.isEmpty {
            out.nested(try enc.encode([Segment]()), indent: 2)
        } else {
            out.raw("[\n")
            try out.flush(to: sink)
            let segments = doc.segments
            try ParallelBlocks.write(
                count: segments.count, block: max(1, chunk / 512),
                format: { range, out in
                    for i in range {
                        segment(segments[i], into: &out)
                        out.raw(i == segments.count - 1 ? "\n" : ",\n")
                    }
                }, to: sink)
            out.raw("  ]")
        }
        out.raw(",\n  \"source\" : ")
        out.string(doc.sourcePath)
        out.raw(",\n  \"speakers\" : ")
        out.nested(try enc.encode(doc.speakers), indent: 2)
        out.raw("\n}")
        try out.flush(to: sink)
    }

    /// The whole JSON of `doc` as bytes.
    public static func bytes(_ doc: Document) throws -> [UInt8] {
        var all: [UInt8] = []
        try write(doc) { all.append(contentsOf: $0) }
        return all
    }

    /// One segment at depth 2, keys sorted as `Segment`'s `CodingKeys` are by `.sortedKeys`.
    static func segment(_ s: Segment, into out: inout JSONBytes) {
        out.raw("    {\n      \"codable\" : ")
        out.bool(s.codable)
        out.raw(",\n      \"end\" : ")
        out.int(s.end)
        if let t = s.endTimestamp {
            out.raw(",\n      \"endTimestamp\" : ")
            out.string(t)
        }
        out.raw(",\n      \"fingerprint\" : ")
        out.string(s.fingerprint)
        out.raw(",\n      \"id\" : ")
        out.string(s.id)
        out.raw(",\n      \"ordinal\" : ")
        out.int(s.ordinal)
        if let r = s.role {
            out.raw(",\n      \"role\" : ")
            out.string(r)
        }
        if let sp = s.speaker {
            out.raw(",\n      \"speaker\" : ")
            out.string(sp)
        }
        out.raw(",\n      \"start\" : ")
        out.int(s.start)
        out.raw(",\n      \"text\" : ")
        out.string(s.textSlice)
        if let t = s.timestamp {
            out.raw(",\n      \"timestamp\" : ")
            out.string(t)
        }
        out.raw("\n    }")
    }
}
