import Foundation

/// RFC 4180 CSV written straight to UTF-8 bytes: fields joined by the delimiter, rows ended by
/// CRLF; a field is quoted (quotes doubled) when it holds a quote, the delimiter, CR or LF.
/// The same output as CSV.swift's `CSVWriter` with `newline: .crlf` plus a final CRLF, at
/// memory speed (no per-character strings).
public struct CSVBytes: Sendable {
    public private(set) var bytes: [UInt8] = []
    let delimiter: UInt8

    /// `delimiter` is an ASCII byte (`,` or `;`); `bom` starts the output with a UTF-8 byte-order mark.
    public init(delimiter: UInt8 = UInt8(ascii: ","), bom: Bool = false, capacity: Int = 1 << 16) {
        self.delimiter = delimiter
        bytes.reserveCapacity(capacity)
        if bom { bytes.append(contentsOf: [0xEF, 0xBB, 0xBF]) }
    }

    /// Appends one row and its CRLF.
    public mutating func row(_ fields: [String]) {
        for (i, field) in fields.enumerated() {
            if i > 0 { bytes.append(delimiter) }
            var field = field
            field.withUTF8 { append(field: $0) }
        }
        bytes.append(contentsOf: [0x0D, 0x0A])
    }

    private mutating func append(field: UnsafeBufferPointer<UInt8>) {
        let d = delimiter
        guard field.contains(where: { $0 == 0x22 || $0 == d || $0 == 0x0D || $0 == 0x0A }) else {
            bytes.append(contentsOf: field)
            return
        }
        bytes.append(0x22)
        var run = 0
        for i in 0..<field.count where field[i] == 0x22 {
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: field[run...i]))
            bytes.append(0x22)
            run = i + 1
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: field[run..<field.count]))
        bytes.append(0x22)
    }
}
