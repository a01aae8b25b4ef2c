import Foundation

/// Finds an object key given twice in one JSON object, anywhere in a document.
///
/// `JSONSerialization` keeps the last of duplicate keys and `JSONDecoder` the first (Python and
/// jq keep the last), so a codings file with a key twice means different things to different
/// readers: Kader refuses it as damage. One linear pass over the bytes of valid JSON.
enum JSONDuplicateKeys {
    /// Parses a store file (`JSONSerialization`), refusing invalid JSON and a key given twice in
    /// one object. `duplicate` words the problem for a key.
    /// - Throws: ``StoreError/damaged(path:line:column:detail:)`` with the 1-based position.
    static func parse(_ data: Data, path: String, duplicate: (String) -> String) throws -> Any {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            let (line, column) = JSONPosition.locate(in: data, error: error)
            throw StoreError.damaged(path: path, line: line, column: column, detail: "not valid JSON")
        }
        if let dup = first(in: data) {
            let (line, column) = JSONPosition.lineAndColumn(ofByte: dup.offset, in: data)
            throw StoreError.damaged(path: path, line: line, column: column, detail: duplicate(dup.key))
        }
        return object
    }

    /// The first duplicate: the key (unescaped) and the byte offset of its second occurrence.
    static func first(in data: Data) -> (key: String, offset: Int)? {
        data.withUnsafeBytes { raw -> (String, Int)? in
            let bytes = raw.bindMemory(to: UInt8.self)
            var stack: [(isObject: Bool, keys: Set<String>)] = []
            var expectKey = false
            var i = 0
            let n = bytes.count
            while i < n {
                let b = bytes[i]
                switch b {
                case UInt8(ascii: "{"):
                    stack.append((true, []))
                    expectKey = true
                    i += 1
                case UInt8(ascii: "["):
                    stack.append((false, []))
                    expectKey = false
                    i += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    if !stack.isEmpty { stack.removeLast() }
                    expectKey = false
                    i += 1
                case UInt8(ascii: ","):
                    expectKey = stack.last?.isObject ?? false
                    i += 1
                case UInt8(ascii: "\""):
                    let begin = i
                    var j = i + 1
                    var escaped = false
                    while j < n, bytes[j] != UInt8(ascii: "\"") {
                        if bytes[j] == UInt8(ascii: "\\") {
                            escaped = true
                            j += 1
                        }
                        j += 1
                    }
                    if expectKey, !stack.isEmpty {
                        let slice = UnsafeBufferPointer(rebasing: bytes[(begin + 1)..<min(j, n)])
                        var key = String(decoding: slice, as: UTF8.self)
                        if escaped, let s = unescaped(UnsafeBufferPointer(rebasing: bytes[begin..<min(j + 1, n)])) {
                            key = s
                        }
                        if !stack[stack.count - 1].keys.insert(key).inserted { return (key, begin) }
                        expectKey = false
                    }
                    i = j + 1
                default:
                    i += 1
                }
            }
            return nil
        }
    }

    private static func unescaped(_ quoted: UnsafeBufferPointer<UInt8>) -> String? {
        (try? JSONSerialization.jsonObject(with: Data(buffer: quoted), options: .fragmentsAllowed)) as? String
    }
}
