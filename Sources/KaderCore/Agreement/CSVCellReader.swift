import Foundation

/// A strict RFC 4180 tokenizer over UTF-8 bytes, for reliability data (`kader alpha`).
///
/// Cells are separated by `delimiter`, records by LF or CRLF. A cell that starts with `"` is
/// quoted: it runs to the next lone `"`, `""` stands for one quote, and it may span lines.
/// Unquoted cells are trimmed of ASCII spaces and tabs (never other characters). Text after a
/// closing quote, or a quote never closed, is an error naming the line. Cost: one pass over the
/// bytes; a cell is handed to `cell` as a byte range, quoted cells with `""` unescaped first.
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
        var comma = 0, semi = 0, tab = 0, quoted = false
        for b in bytes {
            if b == UInt8(ascii: "\"") { quoted.toggle(); continue }
            if quoted { continue }
            if b == 0x0A { break }
            if b == UInt8(ascii: ",") { comma += 1 } else if b == UInt8(ascii: ";") { semi += 1 } else if b == 0x09 { tab += 1 }
        }
        if semi > comma && semi >= tab { return UInt8(ascii: ";") }
        if tab > comma && tab > semi { return 0x09 }
        return UInt8(ascii: ",")
    }

    /// Calls `cell(row, column, bytes, quoted)` for every cell and `endRow(row, cellCount)` after
    /// every record (blank lines included, with one empty cell). Rows and columns count from 0.
    func read(cell: (Int, Int, UnsafeBufferPointer<UInt8>, Bool) throws -> Void,
              endRow: (Int, Int) throws -> Void) throws {
        let n = bytes.count
        var i = 0, row = 0, col = 0, line = 1
        var scratch: [UInt8] = []
        let quote = UInt8(ascii: "\"")
        guard n > 0 else { return }
        while i <= n {
            // At the start of a cell.
            var s = i
            while s < n && (bytes[s] == 0x20 || bytes[s] == 0x09) && bytes[s] != delimiter { s += 1 }
            if s < n && bytes[s] == quote {
                let startLine = line
                scratch.removeAll(keepingCapacity: true)
                var j = s + 1
                var closed = false
                while j < n {
                    let b = bytes[j]
                    if b == quote {
                        if j + 1 < n && bytes[j + 1] == quote { scratch.append(quote); j += 2; continue }
                        closed = true; j += 1; break
                    }
                    if b == 0x0A { line += 1 }
                    scratch.append(b); j += 1
                }
                guard closed else { throw Failure.unclosedQuote(line: startLine) }
                while j < n && (bytes[j] == 0x20 || bytes[j] == 0x09) && bytes[j] != delimiter { j += 1 }
                if j < n && bytes[j] == 0x0D && j + 1 < n && bytes[j + 1] == 0x0A { j += 1 }
                guard j >= n || bytes[j] == delimiter || bytes[j] == 0x0A else { throw Failure.textAfterQuote(line: line) }
                try scratch.withUnsafeBufferPointer { try cell(row, col, $0, true) }
                i = j
            } else {
                var j = i
                while j < n && bytes[j] != delimiter && bytes[j] != 0x0A { j += 1 }
                var e = j
                if e > i && bytes[e - 1] == 0x0D && (j >= n || bytes[j] == 0x0A) { e -= 1 }
                var a = i
                while a < e && (bytes[a] == 0x20 || bytes[a] == 0x09) { a += 1 }
                while e > a && (bytes[e - 1] == 0x20 || bytes[e - 1] == 0x09) { e -= 1 }
                try cell(row, col, UnsafeBufferPointer(rebasing: bytes[a..<e]), false)
                i = j
            }
            // i is at a delimiter, a newline or the end.
            if i < n && bytes[i] == delimiter { col += 1; i += 1; continue }
            try endRow(row, col + 1)
            row += 1; col = 0
            if i >= n { break }
            line += 1
            i += 1
            if i >= n { break }
        }
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
        var digits = 0, point = false
        while i < n {
            let c = b[i]
            if c >= 0x30 && c <= 0x39 { digits += 1; i += 1; continue }
            if !point && (c == UInt8(ascii: ".") || (decimalComma && c == UInt8(ascii: ","))) { point = true; i += 1; continue }
            break
        }
        guard digits > 0 else { return nil }
        if i < n && (b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E")) {
            i += 1
            if i < n && (b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-")) { i += 1 }
            var e = 0
            while i < n && b[i] >= 0x30 && b[i] <= 0x39 { e += 1; i += 1 }
            guard e > 0 else { return nil }
        }
        guard i == n else { return nil }
        var text = String(decoding: b, as: UTF8.self)
        if decimalComma { text = text.replacingOccurrences(of: ",", with: ".") }
        guard let x = Double(text), x.isFinite else { return nil }
        return x
    }
}
