import Foundation

/// A strict RFC 4180 tokenizer over UTF-8 bytes, for reliability data (`kader alpha`).
///
/// Cells are separated by `delimiter`, records by LF or CRLF. A cell that starts with `"` is
/// quoted: it runs to the next lone `"`, `""` stands for one quote, and it may span lines.
/// Unquoted cells are trimmed of ASCII spaces and tabs (never other characters). Text after a
/// closing quote, or a quote never closed, is an error naming the line. Cost: one pass over the
/// bytes; ``next()`` returns each cell as a byte range, quoted cells with `""` unescaped first.
struct CSVCellReader {
    enum Failure: Error, Equatable {
        case unclosedQuote(line: Int)
        case textAfterQuote(line: Int)
    }

    let bytes: UnsafeBufferPointer<UInt8>
    let delimiter: UInt8

    /// Guesses the separator from the first record: `;` or tab when it has more of those than
    /// commas (quoted text not counted), otherwise `,`.
    static func guessDelimiter(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt8 {
        var comma = 0
        var semi = 0
        var tab = 0
        var quoted = false
        for b in bytes {
            if b == UInt8(ascii: "\"") {
                quoted.toggle()
                continue
            }
            if quoted { continue }
            if b == 0x0A { break }
            if b == UInt8(ascii: ",") {
                comma += 1
            } else if b == UInt8(ascii: ";") {
                semi += 1
            } else if b == 0x09 {
                tab += 1
            }
        }
        if semi > comma && semi >= tab { return UInt8(ascii: ";") }
        if tab > comma && tab > semi { return 0x09 }
        return UInt8(ascii: ",")
    }

    /// The number of LF bytes (an upper bound on the records).
    static func lineCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        for b in bytes { count &+= b == 0x0A ? 1 : 0 }  // no branch, so the loop vectorises
        return count
    }

    private var i = 0
    private var line = 1
    private let scratch = QuotedCellBuffer()
    private var done = false

    init(bytes: UnsafeBufferPointer<UInt8>, delimiter: UInt8) {
        self.bytes = bytes
        self.delimiter = delimiter
        done = bytes.isEmpty
    }

    /// The next cell and whether it ends its record (blank lines give one empty cell), or nil at
    /// the end. A quoted cell's bytes stay valid until the next call.
    ///
    /// Fast path: a cell with no byte at or below `"` (space, tab, CR, quote, control bytes)
    /// that ends at the separator, LF, CRLF or the end is its own bytes, found in one scan with
    /// two comparisons a byte; any other cell goes through the general reader.
    @inline(__always)
    mutating func next() throws -> (cell: UnsafeBufferPointer<UInt8>, endOfRow: Bool)? {
        if done { return nil }
        guard let base = bytes.baseAddress else { return try nextGeneral() }
        let n = bytes.count
        let start = i
        var j = start
        while j < n {
            let b = base[j]
            if b <= 0x22 || b == delimiter { break }
            j += 1
        }
        let cell = UnsafeBufferPointer(start: base + start, count: j - start)
        if j >= n {
            i = j
            done = true
            return (cell, true)
        }
        let stop = base[j]
        if stop == delimiter {
            i = j + 1
            return (cell, false)
        }
        var lf = j
        if stop == 0x0D && j + 1 < n && base[j + 1] == 0x0A { lf = j + 1 }
        guard base[lf] == 0x0A else { return try nextGeneral() }
        line += 1
        i = lf + 1
        if i >= n { done = true }
        return (cell, true)
    }

    /// ``next()`` for any cell: quoted, padded with spaces or tabs, or holding control bytes.
    @inline(never)
    private mutating func nextGeneral() throws -> (cell: UnsafeBufferPointer<UInt8>, endOfRow: Bool)? {
        if done { return nil }
        let n = bytes.count
        let quote = UInt8(ascii: "\"")
        var s = i
        while s < n && (bytes[s] == 0x20 || bytes[s] == 0x09) && bytes[s] != delimiter { s += 1 }
        var cell: UnsafeBufferPointer<UInt8>
        if s < n && bytes[s] == quote {
            let startLine = line
            scratch.count = 0
            var j = s + 1
            var closed = false
            while j < n {
                let b = bytes[j]
                if b == quote {
                    if j + 1 < n && bytes[j + 1] == quote {
                        scratch.append(quote)
                        j += 2
                        continue
                    }
                    closed = true
                    j += 1
                    break
                }
                if b == 0x0A { line += 1 }
                scratch.append(b)
                j += 1
            }
            guard closed else { throw Failure.unclosedQuote(line: startLine) }
            while j < n && (bytes[j] == 0x20 || bytes[j] == 0x09) && bytes[j] != delimiter { j += 1 }
            if j < n && bytes[j] == 0x0D && j + 1 < n && bytes[j + 1] == 0x0A { j += 1 }
            guard j >= n || bytes[j] == delimiter || bytes[j] == 0x0A else { throw Failure.textAfterQuote(line: line) }
            cell = scratch.buffer
            i = j
        } else {
            var j = i
            while j < n {
                let b = bytes[j]
                if b == delimiter || b == 0x0A { break }
                j += 1
            }
            var e = j
            if e > i && bytes[e - 1] == 0x0D && (j >= n || bytes[j] == 0x0A) { e -= 1 }
            var a = i
            while a < e && (bytes[a] == 0x20 || bytes[a] == 0x09) { a += 1 }
            while e > a && (bytes[e - 1] == 0x20 || bytes[e - 1] == 0x09) { e -= 1 }
            cell = UnsafeBufferPointer(rebasing: bytes[a..<e])
            i = j
        }
        if i < n && bytes[i] == delimiter {
            i += 1
            return (cell, false)
        }
        if i >= n {
            done = true
            return (cell, true)
        }
        line += 1
        i += 1
        if i >= n { done = true }
        return (cell, true)
    }
}

/// Strict decimal numbers: `[+-]? (digits [. digits] | . digits) ([eE] [+-]? digits)?`, nothing
/// else (no thousands separators, hex, `inf`, `nan` or spaces). With `decimalComma` one `,` may
/// stand for the decimal point. Returns nil for anything else.
enum StrictNumber {
    static func parse(_ b: UnsafeBufferPointer<UInt8>, decimalComma: Bool = false) -> Double? {
        let n = b.count
        var i = 0
        if i < n && (b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-")) { i += 1 }
        var digits = 0
        var point = false
        while i < n {
            let c = b[i]
            if c >= 0x30 && c <= 0x39 {
                digits += 1
                i += 1
                continue
            }
            if !point && (c == UInt8(ascii: ".") || (decimalComma && c == UInt8(ascii: ","))) {
                point = true
                i += 1
                continue
            }
            break
        }
        guard digits > 0 else { return nil }
        if i < n && (b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E")) {
            i += 1
            if i < n && (b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-")) { i += 1 }
            var e = 0
            while i < n && b[i] >= 0x30 && b[i] <= 0x39 {
                e += 1
                i += 1
            }
            guard e > 0 else { return nil }
        }
        guard i == n else { return nil }
        var text = String(decoding: b, as: UTF8.self)
        if decimalComma { text = text.replacingOccurrences(of: ",", with: ".") }
        guard let x = Double(text), x.isFinite else { return nil }
        return x
    }
}

/// A growable byte buffer whose storage outlives a call (the unescaped text of a quoted cell).
final class QuotedCellBuffer {
    private var storage: UnsafeMutablePointer<UInt8>
    private var capacity = 64
    var count = 0
    init() { storage = .allocate(capacity: 64) }
    deinit { storage.deallocate() }
    func append(_ b: UInt8) {
        if count == capacity {
            let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
            bigger.update(from: storage, count: count)
            storage.deallocate()
            storage = bigger
            capacity *= 2
        }
        storage[count] = b
        count += 1
    }
    var buffer: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: storage, count: count) }
}
