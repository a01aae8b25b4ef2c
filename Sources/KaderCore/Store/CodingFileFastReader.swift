import Foundation

/// One pass over the bytes of a schema-2 codings file, building the ``CodingFile`` directly.
///
/// ``CodingFile/decode(_:path:)`` tries this first. It accepts only files of exactly the shape
/// Kader writes — every key known, no key twice, integers without fraction or exponent, valid
/// UTF-8, no lone surrogate escapes, every span with `0 <= start < end` — and on anything else
/// gives up (nil) so that the full reader (`JSONSerialization`, the duplicate-key scan and
/// `JSONDecoder`) decides and words the damage with its line and column. Where it accepts a file
/// the result equals the full reader's (a test checks both on generated and mutated files).
/// About ten times faster than the three passes of the full reader, which is most of what
/// `status`, `check`, `agree`, the analysis commands and the exports spent on codings.
struct CodingFileFastReader {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var i = 0
    private struct GiveUp: Error {}

    private init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// The file in `data`, or nil when the full reader must decide.
    static func decode(_ data: Data) -> CodingFile? {
        data.withUnsafeBytes { raw -> CodingFile? in
            var reader = CodingFileFastReader(raw.bindMemory(to: UInt8.self))
            guard let file = try? reader.file() else { return nil }
            reader.skipSpace()
            return reader.i == reader.bytes.count ? file : nil
        }
    }

    // MARK: Shape

    private mutating func file() throws -> CodingFile {
        var schema: Int?
        var coder: String?
        var document: String?
        var contentHash: String?
        var status: CodingStatus?
        var memo: String?
        var demo: Bool?
        var codings: [SegmentCoding]?
        var orphans: [SegmentCoding]?
        var segmentCount: Int?
        var doneSegments: [String]?
        try object { r, key in
            switch key {
            case "schema": schema = try r.int()
            case "coder": coder = try r.string()
            case "document": document = try r.string()
            case "contentHash": contentHash = try r.string()
            case "status":
                guard let s = CodingStatus(rawValue: try r.string()) else { throw GiveUp() }
                status = s
            case "memo": memo = try r.optional { try $0.string() }
            case "demo": demo = try r.optional { try $0.bool() }
            case "codings": codings = try r.array { try $0.coding() }
            case "orphans": orphans = try r.optional { try $0.array { try $0.coding() } }
            case "segmentCount": segmentCount = try r.optional { try $0.int() }
            case "doneSegments": doneSegments = try r.optional { try $0.array { try $0.string() } }
            default: throw GiveUp()
            }
        }
        guard schema == CodingFile.currentSchema, let coder, let document, let contentHash, let status,
            let codings
        else { throw GiveUp() }
        var file = CodingFile(
            coder: CoderName(coder), document: DocumentID(document), contentHash: contentHash, status: status,
            memo: memo,
            codings: codings, segmentCount: segmentCount)
        file.demo = demo
        file.doneSegments = doneSegments
        file.orphans = orphans
        file.schema = CodingFile.currentSchema
        return file
    }

    private mutating func coding() throws -> SegmentCoding {
        var segment: String?
        var ordinal: Int?
        var fingerprint: String?
        var applied: [AppliedCode]?
        var memo: String?
        var segmentStart: Int?
        var created: String?
        var modified: String?
        var review: Bool?
        try object { r, key in
            switch key {
            case "segment": segment = try r.string()
            case "ordinal": ordinal = try r.int()
            case "fingerprint": fingerprint = try r.string()
            case "codes": applied = try r.array { try $0.appliedCode() }
            case "memo": memo = try r.optional { try $0.string() }
            case "segmentStart": segmentStart = try r.optional { try $0.int() }
            case "created": created = try r.string()
            case "modified": modified = try r.string()
            case "review": review = try r.optional { try $0.bool() }
            default: throw GiveUp()
            }
        }
        guard let segment, let ordinal, let fingerprint, let applied, let created, let modified else {
            throw GiveUp()
        }
        return SegmentCoding(
            segment: SegmentID(segment), ordinal: ordinal, fingerprint: fingerprint, applied: applied, memo: memo,
            segmentStart: segmentStart, created: created, modified: modified, review: review)
    }

    private mutating func appliedCode() throws -> AppliedCode {
        var code: String?
        var spans: [QuoteSpan]?
        var memo: String?
        try object { r, key in
            switch key {
            case "code": code = try r.string()
            case "spans": spans = try r.optional { try $0.array { try $0.span() } }
            case "memo": memo = try r.optional { try $0.string() }
            default: throw GiveUp()
            }
        }
        guard let code else { throw GiveUp() }
        return AppliedCode(code: code, spans: spans ?? [], memo: memo)
    }

    private mutating func span() throws -> QuoteSpan {
        var start: Int?
        var end: Int?
        var text: String?
        try object { r, key in
            switch key {
            case "start": start = try r.int()
            case "end": end = try r.int()
            case "text": text = try r.optional { try $0.string() }
            default: throw GiveUp()
            }
        }
        guard let start, let end, start >= 0, start < end else { throw GiveUp() }
        return QuoteSpan(start: start, end: end, text: text)
    }

    // MARK: JSON

    private mutating func skipSpace() {
        while i < bytes.count {
            switch bytes[i] {
            case 0x20, 0x0A, 0x0D, 0x09: i += 1
            default: return
            }
        }
    }

    private mutating func next() -> UInt8? {
        skipSpace()
        return i < bytes.count ? bytes[i] : nil
    }

    private mutating func expect(_ c: UInt8) throws {
        guard next() == c else { throw GiveUp() }
        i += 1
    }

    /// Calls `member` for each key of an object, the reader placed at its value; a key given
    /// twice gives up.
    private mutating func object(_ member: (inout CodingFileFastReader, String) throws -> Void) throws {
        try expect(UInt8(ascii: "{"))
        if next() == UInt8(ascii: "}") {
            i += 1
            return
        }
        var seen: [String] = []
        while true {
            let key = try string()
            if seen.contains(key) { throw GiveUp() }
            seen.append(key)
            try expect(UInt8(ascii: ":"))
            try member(&self, key)
            switch next() {
            case UInt8(ascii: ","): i += 1
            case UInt8(ascii: "}"):
                i += 1
                return
            default: throw GiveUp()
            }
        }
    }

    private mutating func array<T>(_ element: (inout CodingFileFastReader) throws -> T) throws -> [T] {
        try expect(UInt8(ascii: "["))
        var out: [T] = []
        if next() == UInt8(ascii: "]") {
            i += 1
            return out
        }
        while true {
            out.append(try element(&self))
            switch next() {
            case UInt8(ascii: ","): i += 1
            case UInt8(ascii: "]"):
                i += 1
                return out
            default: throw GiveUp()
            }
        }
    }

    /// `null` gives nil, anything else `value`.
    private mutating func optional<T>(_ value: (inout CodingFileFastReader) throws -> T) throws -> T? {
        if next() == UInt8(ascii: "n") {
            guard i + 4 <= bytes.count, bytes[i + 1] == UInt8(ascii: "u"), bytes[i + 2] == UInt8(ascii: "l"),
                bytes[i + 3] == UInt8(ascii: "l")
            else { throw GiveUp() }
            i += 4
            return nil
        }
        return try value(&self)
    }

    private mutating func bool() throws -> Bool {
        if next() == UInt8(ascii: "t"), i + 4 <= bytes.count, bytes[i + 1] == UInt8(ascii: "r"),
            bytes[i + 2] == UInt8(ascii: "u"), bytes[i + 3] == UInt8(ascii: "e")
        {
            i += 4
            return true
        }
        if next() == UInt8(ascii: "f"), i + 5 <= bytes.count, bytes[i + 1] == UInt8(ascii: "a"),
            bytes[i + 2] == UInt8(ascii: "l"), bytes[i + 3] == UInt8(ascii: "s"), bytes[i + 4] == UInt8(ascii: "e")
        {
            i += 5
            return false
        }
        throw GiveUp()
    }

    /// An integer as JSON writes it (`-`? digits, no leading zero); a fraction or exponent gives up.
    private mutating func int() throws -> Int {
        guard var c = next() else { throw GiveUp() }
        var negative = false
        if c == UInt8(ascii: "-") {
            negative = true
            i += 1
            guard i < bytes.count else { throw GiveUp() }
            c = bytes[i]
        }
        guard c >= 0x30, c <= 0x39 else { throw GiveUp() }
        let first = i
        var value = 0
        while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 {
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(Int(bytes[i] - 0x30))
            guard !o1, !o2 else { throw GiveUp() }
            value = a
            i += 1
        }
        if bytes[first] == 0x30, i - first > 1 { throw GiveUp() }
        if i < bytes.count,
            bytes[i] == UInt8(ascii: ".") || bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E")
        {
            throw GiveUp()
        }
        return negative ? -value : value
    }

    private mutating func string() throws -> String {
        try expect(UInt8(ascii: "\""))
        let start = i
        var escaped = false
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") { break }
            if b < 0x20 { throw GiveUp() }
            if b == UInt8(ascii: "\\") {
                escaped = true
                i += 1
            }
            i += 1
        }
        guard i < bytes.count else { throw GiveUp() }
        let raw = UnsafeBufferPointer(rebasing: bytes[start..<i])
        i += 1
        if !escaped {
            guard let s = String(validating: raw, as: UTF8.self) else { throw GiveUp() }
            return s
        }
        return try Self.unescaped(raw)
    }

    private static func unescaped(_ raw: UnsafeBufferPointer<UInt8>) throws -> String {
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var k = 0
        func hex4(_ at: Int) throws -> UInt32 {
            guard at + 4 <= raw.count else { throw GiveUp() }
            var v: UInt32 = 0
            for b in raw[at..<(at + 4)] {
                let d: UInt8
                switch b {
                case 0x30...0x39: d = b - 0x30
                case 0x41...0x46: d = b - 0x41 + 10
                case 0x61...0x66: d = b - 0x61 + 10
                default: throw GiveUp()
                }
                v = v << 4 | UInt32(d)
            }
            return v
        }
        while k < raw.count {
            let b = raw[k]
            guard b == UInt8(ascii: "\\") else {
                out.append(b)
                k += 1
                continue
            }
            guard k + 1 < raw.count else { throw GiveUp() }
            let e = raw[k + 1]
            k += 2
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var v = try hex4(k)
                k += 4
                if v >= 0xD800, v < 0xDC00 {
                    guard k + 6 <= raw.count, raw[k] == UInt8(ascii: "\\"), raw[k + 1] == UInt8(ascii: "u") else {
                        throw GiveUp()
                    }
                    let low = try hex4(k + 2)
                    guard low >= 0xDC00, low < 0xE000 else { throw GiveUp() }
                    v = 0x10000 + ((v - 0xD800) << 10) + (low - 0xDC00)
                    k += 6
                } else if v >= 0xDC00, v < 0xE000 {
                    throw GiveUp()
                }
                guard let scalar = Unicode.Scalar(v) else { throw GiveUp() }
                out.append(contentsOf: Array(String(Character(scalar)).utf8))
            default: throw GiveUp()
            }
        }
        guard let s = String(validating: out, as: UTF8.self) else { throw GiveUp() }
        return s
    }
}
