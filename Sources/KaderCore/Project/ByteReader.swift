/// Appends little-endian integers and length-prefixed UTF-8 strings to a byte array (the
/// document cache's files, ``DocumentCacheCodec``).
struct ByteWriter {
    var out: [UInt8] = []

    mutating func uint32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
    mutating func uint64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
    mutating func int(_ v: Int) { uint64(UInt64(bitPattern: Int64(v))) }

    /// A `UInt32` byte count, then the bytes.
    mutating func bytes(_ b: [UInt8]) {
        uint32(UInt32(truncatingIfNeeded: b.count))
        out.append(contentsOf: b)
    }

    mutating func string(_ s: String) {
        uint32(UInt32(truncatingIfNeeded: s.utf8.count))
        out.append(contentsOf: s.utf8)
    }

    /// A flag byte (0 for nil), then the string.
    mutating func optional(_ s: String?) {
        guard let s else {
            out.append(0)
            return
        }
        out.append(1)
        string(s)
    }
}

/// Reads what ``ByteWriter`` wrote, checking every length against the end of the data: a short
/// or damaged file throws ``DocumentCacheCodec/Damaged``, never reads out of bounds.
struct ByteReader {
    let data: ArraySlice<UInt8>
    /// Index into `data` of the next byte.
    private(set) var at: Int
    /// Index one past the last byte this reader may read.
    let end: Int

    init(data: ArraySlice<UInt8>, at: Int, end: Int? = nil) {
        self.data = data
        self.at = at
        self.end = min(end ?? data.endIndex, data.endIndex)
    }

    var remaining: Int { max(end - at, 0) }

    mutating func take(_ n: Int) throws -> ArraySlice<UInt8> {
        guard n >= 0, at >= data.startIndex, n <= remaining else { throw DocumentCacheCodec.Damaged() }
        defer { at += n }
        return data[at..<at + n]
    }

    mutating func uint32() throws -> UInt32 {
        let b = try take(4)
        return b.withUnsafeBytes { UInt32(littleEndian: $0.loadUnaligned(as: UInt32.self)) }
    }

    mutating func uint64() throws -> UInt64 {
        let b = try take(8)
        return b.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
    }

    mutating func int() throws -> Int {
        let v = Int64(bitPattern: try uint64())
        guard let i = Int(exactly: v) else { throw DocumentCacheCodec.Damaged() }
        return i
    }

    mutating func bytes() throws -> [UInt8] { Array(try take(Int(try uint32()))) }

    /// A string; the file's checksum vouches for its bytes, so invalid UTF-8 (which the writer
    /// never produces) would be repaired rather than rejected.
    mutating func string() throws -> String {
        let b = try take(Int(try uint32()))
        return b.withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) }
    }

    mutating func optional() throws -> String? {
        switch try take(1).first {
        case 0: return nil
        case 1: return try string()
        default: throw DocumentCacheCodec.Damaged()
        }
    }
}
