import Foundation

/// Line and column (1-based; columns count Unicode scalars) of problems in JSON text, for
/// error messages that point at the place to repair.
enum JSONPosition {
    /// The position of a syntax error reported by `JSONSerialization` (its byte index), or the
    /// end of the data when the error does not say.
    static func locate(in data: Data, error: Error) -> (Int, Int) {
        let info = (error as NSError).userInfo
        var index = (info["NSJSONSerializationErrorIndex"] as? Int) ?? -1
        if index < 0, let text = info[NSDebugDescriptionErrorKey] as? String, let r = text.range(of: "character ") {
            index = Int(text[r.upperBound...].prefix { $0.isNumber }) ?? -1
        }
        return lineAndColumn(ofByte: index < 0 ? data.count : index, in: data)
    }

    /// The position of the value at `codingPath` (e.g. `codings[3].codes`) in valid JSON text;
    /// the nearest enclosing value that exists, or 1:1.
    static func lineAndColumn(of codingPath: [CodingKey], in data: Data) -> (Int, Int) {
        let bytes = [UInt8](data)
        var scanner = Scanner(bytes: bytes)
        var offset = scanner.skipSpace(0)
        for key in codingPath {
            guard let next = scanner.member(key, ofValueAt: offset) else { break }
            offset = next
        }
        return lineAndColumn(ofByte: offset, in: data)
    }

    static func lineAndColumn(ofByte index: Int, in data: Data) -> (Int, Int) {
        var line = 1
        var column = 1
        for (i, b) in data.enumerated() {
            if i >= index { break }
            if b == 0x0A {
                line += 1
                column = 1
            } else if b & 0xC0 != 0x80 {
                column += 1
            }
        }
        return (line, column)
    }

    /// Just enough JSON scanning to find members and elements.
    struct Scanner {
        let bytes: [UInt8]

        func skipSpace(_ i: Int) -> Int {
            var i = i
            while i < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[i]) { i += 1 }
            return i
        }

        /// Offset of the member `key` (an object key or an array index) of the value at `start`.
        mutating func member(_ key: CodingKey, ofValueAt start: Int) -> Int? {
            guard start < bytes.count else { return nil }
            let open = bytes[start]
            guard open == UInt8(ascii: "{") || open == UInt8(ascii: "[") else { return nil }
            var i = skipSpace(start + 1)
            var index = 0
            while i < bytes.count, bytes[i] != UInt8(ascii: "}"), bytes[i] != UInt8(ascii: "]") {
                var matches = false
                if open == UInt8(ascii: "{") {
                    guard let end = skipString(i) else { return nil }
                    matches = String(decoding: bytes[(i + 1)..<(end - 1)], as: UTF8.self) == key.stringValue
                    i = skipSpace(end)
                    guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { return nil }
                    i = skipSpace(i + 1)
                } else {
                    matches = key.intValue == index
                }
                if matches { return i }
                guard let end = skipValue(i) else { return nil }
                i = skipSpace(end)
                if i < bytes.count, bytes[i] == UInt8(ascii: ",") { i = skipSpace(i + 1) }
                index += 1
            }
            return nil
        }

        /// Offset just past the string starting at `i`.
        func skipString(_ i: Int) -> Int? {
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { return nil }
            var j = i + 1
            while j < bytes.count {
                if bytes[j] == UInt8(ascii: "\\") {
                    j += 2
                    continue
                }
                if bytes[j] == UInt8(ascii: "\"") { return j + 1 }
                j += 1
            }
            return nil
        }

        /// Offset just past the value starting at `i`.
        func skipValue(_ i: Int) -> Int? {
            guard i < bytes.count else { return nil }
            switch bytes[i] {
            case UInt8(ascii: "\""): return skipString(i)
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                var depth = 0
                var j = i
                while j < bytes.count {
                    switch bytes[j] {
                    case UInt8(ascii: "\""):
                        guard let end = skipString(j) else { return nil }
                        j = end
                        continue
                    case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                    case UInt8(ascii: "}"), UInt8(ascii: "]"):
                        depth -= 1
                        if depth == 0 { return j + 1 }
                    default: break
                    }
                    j += 1
                }
                return nil
            default:
                var j = i
                while j < bytes.count,
                    ![UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), 0x20, 0x0A, 0x0D, 0x09].contains(
                        bytes[j])
                { j += 1 }
                return j
            }
        }
    }
}
