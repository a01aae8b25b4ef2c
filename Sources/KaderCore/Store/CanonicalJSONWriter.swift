import Foundation

/// A fast writer of Kader's canonical JSON for ``CodingFile``.
///
/// The output is byte-for-byte what `JSONEncoder` with `[.prettyPrinted, .sortedKeys,
/// .withoutEscapingSlashes]` writes on Linux, plus a trailing newline:
/// - objects and arrays open on the current line, one member per line, indented by two spaces;
///   `"key" : value` with a space on both sides of the colon; keys in byte order;
/// - empty arrays are written as `[` newline newline `]` at the parent's indentation;
/// - strings escape `"` and `\` with a backslash, `\n` `\r` `\t` `\b` `\f` by name, other control
///   characters below U+0020 as `\u00xx` (lowercase hex); everything else (including `/` and
///   non-ASCII) is written as UTF-8;
/// - absent optional values are left out.
///
/// It exists because `JSONEncoder` on Linux takes tens of milliseconds for a file of 5,000
/// segments; this writer appends bytes to one raw buffer and takes a few milliseconds.
struct CanonicalJSONWriter {
    private let out: ByteBuffer
    private var indent = 0

    init(capacity: Int) { out = ByteBuffer(capacity: capacity) }

    /// What the last encoding of a file produced, so the next one copies the bytes of codings
    /// that did not change instead of writing them again.
    struct Cache {
        var codings: [SegmentCoding] = []
        var bytes: [UInt8] = []
        /// Where each of `codings` is in `bytes` (from `{` to `}`).
        var ranges: [Range<Int>] = []
    }

    /// Canonical bytes of `file` (codings and orphans must already be in canonical order).
    static func encode(_ file: CodingFile) -> [UInt8] {
        var cache: Cache? = nil
        return encode(file, cache: &cache)
    }

    /// Canonical bytes of `file`, reusing the bytes of codings equal to those in `cache`, which
    /// is then replaced by this encoding. The result is identical with or without a cache.
    static func encode(_ file: CodingFile, cache: inout Cache?) -> [UInt8] {
        var w = CanonicalJSONWriter(capacity: 1024 + (file.codings.count + (file.orphans?.count ?? 0)) * 400)
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(file.codings.count)
        let old = cache
        var j = 0
        w.openObject()
        w.key("coder", first: true)
        w.string(file.coder)
        w.key("codings")
        w.array(file.codings) { w, c in
            let start = w.out.count
            if let old {
                // Both lists are in (ordinal, segment) order: advance to this coding's place.
                while j < old.codings.count, (old.codings[j].ordinal, old.codings[j].segment) < (c.ordinal, c.segment) {
                    j += 1
                }
            }
            if let old, j < old.codings.count, old.codings[j] == c {
                old.bytes.withUnsafeBytes { w.out.append(UnsafeRawBufferPointer(rebasing: $0[old.ranges[j]])) }
            } else {
                w.coding(c)
            }
            ranges.append(start..<w.out.count)
        }
        w.key("contentHash")
        w.string(file.contentHash)
        if let demo = file.demo {
            w.key("demo")
            w.raw(demo ? "true" : "false")
        }
        w.key("document")
        w.string(file.document)
        if let seen = file.doneSegments {
            w.key("doneSegments")
            w.array(seen) { w, id in w.string(id) }
        }
        if let memo = file.memo {
            w.key("memo")
            w.string(memo)
        }
        if let orphans = file.orphans {
            w.key("orphans")
            w.array(orphans) { w, c in w.coding(c) }
        }
        w.key("schema")
        w.int(file.schema)
        if let n = file.segmentCount {
            w.key("segmentCount")
            w.int(n)
        }
        w.key("status")
        w.string(file.status.rawValue)
        w.closeObject()
        w.out.append(0x0A)
        let bytes = w.out.array()
        cache = Cache(codings: file.codings, bytes: bytes, ranges: ranges)
        return bytes
    }

    private mutating func coding(_ c: SegmentCoding) {
        openObject()
        key("codes", first: true)
        array(c.applied) { w, a in w.applied(a) }
        key("created")
        string(c.created)
        key("fingerprint")
        string(c.fingerprint)
        if let memo = c.memo {
            key("memo")
            string(memo)
        }
        key("modified")
        string(c.modified)
        key("ordinal")
        int(c.ordinal)
        if let review = c.review {
            key("review")
            raw(review ? "true" : "false")
        }
        key("segment")
        string(c.segment)
        if let base = c.segmentStart {
            key("segmentStart")
            int(base)
        }
        closeObject()
    }

    private mutating func applied(_ a: AppliedCode) {
        openObject()
        key("code", first: true)
        string(a.code)
        if let memo = a.memo {
            key("memo")
            string(memo)
        }
        if !a.spans.isEmpty {
            key("spans")
            array(a.spans) { w, span in
                w.openObject()
                w.key("end", first: true)
                w.int(span.end)
                w.key("start")
                w.int(span.start)
                if let text = span.text {
                    w.key("text")
                    w.string(text)
                }
                w.closeObject()
            }
        }
        closeObject()
    }

    private mutating func openObject() {
        out.append(UInt8(ascii: "{"))
        indent += 2
    }

    private mutating func closeObject() {
        indent -= 2
        newline()
        out.append(UInt8(ascii: "}"))
    }

    private func key(_ name: StaticString, first: Bool = false) {
        if !first { out.append(UInt8(ascii: ",")) }
        newline()
        out.append(UInt8(ascii: "\""))
        out.append(UnsafeRawBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        out.append(UInt8(ascii: "\""), 0x20, UInt8(ascii: ":"), 0x20)
    }

    private mutating func array<T>(_ items: [T], _ element: (inout CanonicalJSONWriter, T) -> Void) {
        out.append(UInt8(ascii: "["))
        indent += 2
        if items.isEmpty { out.append(0x0A) }
        var first = true
        for item in items {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            newline()
            element(&self, item)
        }
        indent -= 2
        newline()
        out.append(UInt8(ascii: "]"))
    }

    private func newline() {
        out.append(0x0A)
        out.appendSpaces(indent)
    }

    private func raw(_ text: StaticString) {
        out.append(UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    private func int(_ value: Int) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        var v = value.magnitude
        var divisor: UInt = 1
        while v / divisor >= 10 { divisor *= 10 }
        while divisor > 0 {
            out.append(UInt8(ascii: "0") + UInt8(v / divisor))
            v %= divisor
            divisor /= 10
        }
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    private func string(_ value: String) {
        out.append(UInt8(ascii: "\""))
        if value.utf8.withContiguousStorageIfAvailable({ appendEscaped($0) }) == nil {
            let copy = Array(value.utf8)
            copy.withUnsafeBufferPointer { appendEscaped($0) }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// One scan; runs that need no escaping are copied whole.
    private func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        guard let base = utf8.baseAddress else { return }
        var runStart = 0
        for i in 0..<utf8.count {
            let b = base[i]
            guard b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") else { continue }
            if runStart < i { out.append(UnsafeRawBufferPointer(start: base + runStart, count: i - runStart)) }
            runStart = i + 1
            switch b {
            case UInt8(ascii: "\""): out.append(0x5C, 0x22)
            case UInt8(ascii: "\\"): out.append(0x5C, 0x5C)
            case 0x0A: out.append(0x5C, UInt8(ascii: "n"))
            case 0x0D: out.append(0x5C, UInt8(ascii: "r"))
            case 0x09: out.append(0x5C, UInt8(ascii: "t"))
            case 0x08: out.append(0x5C, UInt8(ascii: "b"))
            case 0x0C: out.append(0x5C, UInt8(ascii: "f"))
            default:
                out.append(0x5C, UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"))
                out.append(Self.hexDigits[Int(b >> 4)], Self.hexDigits[Int(b & 0xF)])
            }
        }
        if runStart < utf8.count {
            out.append(UnsafeRawBufferPointer(start: base + runStart, count: utf8.count - runStart))
        }
    }
}

/// A growable byte buffer on raw memory: appends without uniqueness checks or reference counting.
final class ByteBuffer {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int) {
        self.capacity = max(64, capacity)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    @inline(__always) private func reserve(_ n: Int) {
        guard count + n > capacity else { return }
        let bigger = max(capacity * 2, count + n)
        let fresh = UnsafeMutablePointer<UInt8>.allocate(capacity: bigger)
        fresh.update(from: base, count: count)
        base.deallocate()
        base = fresh
        capacity = bigger
    }

    @inline(__always) func append(_ b: UInt8) {
        reserve(1)
        base[count] = b
        count += 1
    }

    @inline(__always) func append(_ a: UInt8, _ b: UInt8) {
        reserve(2)
        base[count] = a
        base[count + 1] = b
        count += 2
    }

    @inline(__always) func append(_ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8) {
        reserve(4)
        base[count] = a
        base[count + 1] = b
        base[count + 2] = c
        base[count + 3] = d
        count += 4
    }

    func append(_ bytes: UnsafeRawBufferPointer) {
        guard let src = bytes.baseAddress, !bytes.isEmpty else { return }
        reserve(bytes.count)
        UnsafeMutableRawPointer(base + count).copyMemory(from: src, byteCount: bytes.count)
        count += bytes.count
    }

    func appendSpaces(_ n: Int) {
        guard n > 0 else { return }
        reserve(n)
        (base + count).initialize(repeating: 0x20, count: n)
        count += n
    }

    /// The bytes written so far, copied into an array.
    func array() -> [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }
}
