import Foundation
import Yams

/// The state of the folder an import goes into, read before anything is written.
struct ProjectSnapshot {
    let exists: Bool
    let codebook: Codebook?
    let codebookURL: URL?
    let documents: [Document]

    /// Reads `root`: a project (with or without a codebook) or a folder to create one in.
    /// - Throws: ``CodebookError`` for a damaged codebook, ``LoaderError`` for an unreadable transcript.
    init(root: URL) throws {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        exists =
            fm.fileExists(atPath: root.appendingPathComponent("Transcripts").path, isDirectory: &isDir)
            && isDir.boolValue
        guard exists else {
            (codebook, codebookURL, documents) = (nil, nil, [])
            return
        }
        if let url = try? Project.findCodebook(in: root) {
            codebookURL = url
            codebook = try CodebookFile.load(url)
        } else {
            (codebook, codebookURL) = (nil, nil)
        }
        let names = ((try? fm.contentsOfDirectory(atPath: root.appendingPathComponent("Transcripts").path)) ?? [])
            .filter(TranscriptLoader.isTranscriptFile).sorted()
        documents = try names.map {
            try TranscriptLoader().load(
                url: root.appendingPathComponent("Transcripts/" + $0), displayPath: "Transcripts/" + $0)
        }
    }
}

/// Codebook bytes in the format its file name asks for (JSON for `.json`, else YAML).
enum CodebookData {
    /// YAML with non-ASCII letters written as they are (not `\xE9` escapes), keys in the
    /// model's order. The node tree is built here and serialised once: linear in the number of
    /// codes (`YAMLEncoder` copies a sequence on every append, so 100,000 codes took minutes).
    static func yaml(_ book: Codebook) throws -> String {
        // A string that would read back as another type (`1`, `true`, `null`) is quoted.
        func str(_ v: String) -> Node {
            Node(v, Tag(.str), Resolver.default.resolveTag(of: Node(v)) == .str ? .any : .singleQuoted)
        }
        func code(_ c: Code) -> Node {
            var pairs: [(Node, Node)] = [(str("id"), str(c.id)), (str("name"), str(c.name))]
            let optional: [(String, String?)] = [
                ("description", c.description), ("inclusion", c.inclusion), ("exclusion", c.exclusion),
                ("example", c.example), ("shortcut", c.shortcut), ("color", c.color),
            ]
            for (key, value) in optional { if let value { pairs.append((str(key), str(value))) } }
            if !c.children.isEmpty { pairs.append((str("children"), .sequence(Node.Sequence(c.children.map(code))))) }
            return .mapping(Node.Mapping(pairs))
        }
        var top: [(Node, Node)] = [(str("name"), str(book.name))]
        if let v = book.version { top.append((str("version"), Node(String(v), Tag(.int)))) }
        top.append((str("codes"), .sequence(Node.Sequence(book.codes.map(code)))))
        return try Yams.serialize(node: .mapping(Node.Mapping(top)), width: -1, allowUnicode: true)
    }

    static func encode(_ book: Codebook, for url: URL) throws -> Data {
        if url.pathExtension.lowercased() == "json" {
            let enc = JSONEncoder()
            enc.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            return try enc.encode(book)
        }
        return Data(try yaml(book).utf8)
    }
}

/// The decoded text of a source before line ends are normalised (BOM removed).
enum RawText {
    static func decode(_ data: Data, encoding: SourceEncoding) -> String? {
        let b = [UInt8](data)
        switch encoding {
        case .utf8WithBOM: return String(data: Data(b[3...]), encoding: .utf8)
        case .utf8: return String(data: data, encoding: .utf8)
        case .windows1252: return TranscriptTextDecoder.windows1252(b).map { String(decoding: $0, as: UTF8.self) }
        case .utf16LEWithBOM, .utf16BEWithBOM:
            return TranscriptTextDecoder.utf16(Array(b[2...]), littleEndian: encoding == .utf16LEWithBOM)
        case .utf32LEWithBOM, .utf32BEWithBOM:
            return TranscriptTextDecoder.utf32(Array(b[4...]), littleEndian: encoding == .utf32LEWithBOM)
        default: return nil
        }
    }
}

/// REFI-QDA users as Kader coder names: `User@name` made safe, unique per GUID.
struct UserNames {
    private var byRef: [String: String] = [:]
    private var used: Set<String> = []
    private(set) var renamed: [String] = []

    init(_ users: [QDAUser]) {
        for u in users {
            let wanted = u.name ?? u.guid
            var name = QDPXImporter.safeCoderName(StableGUID.isValid(wanted) ? "user-" + wanted.prefix(8) : wanted)
            let base = name
            var n = 2
            while used.contains(name) {
                name = "\(base)-\(n)"
                n += 1
            }
            used.insert(name)
            byRef[u.guid] = name
            if let n = u.name, byRef[n] == nil { byRef[n] = name }
            if name != wanted { renamed.append("\"\(wanted)\" → \(name)") }
        }
    }

    /// The coder for a `creatingUser` reference (a user GUID, or a name some tools write).
    mutating func name(for ref: String?) -> String {
        guard let ref, !ref.isEmpty else { return "imported" }
        if let n = byRef[ref] { return n }
        let n = QDPXImporter.safeCoderName(StableGUID.isValid(ref) ? "user-" + ref.prefix(8) : ref)
        byRef[ref] = n
        return n
    }
}
