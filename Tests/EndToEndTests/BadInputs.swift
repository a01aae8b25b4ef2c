import Foundation
import Testing
import ZIPFoundation

/// What a hostile input may lead to. In every case: no crash (no signal), no hang, exit 0 or 1,
/// nothing damaged or written outside the project, no secret or raw escape byte in the output.
enum BadInputExpectation: Sendable {
    /// A clear one-line error (exit 1) mentioning every one of these fragments (case-insensitive).
    case error([String])
    /// Success (exit 0) whose stdout contains every one of these fragments.
    case success([String])
    /// Either a clear one-line error or success: for formats still being added to the loader.
    case errorOrSuccess
}

/// One malformed or hostile input: how to make it in a sandbox, and the CLI arguments to run.
struct BadInput: Sendable, CustomTestStringConvertible {
    let name: String
    var timeout: TimeInterval = 30
    let expect: BadInputExpectation
    /// Extra environment for the run.
    var environment: [String: String] = [:]
    /// Creates the input in the sandbox and returns the arguments for `kader`.
    let make: @Sendable (BadInputSandbox) throws -> [String]

    var testDescription: String { name }
}

extension BadInput {
    /// `kader segments FILE` on a file with these bytes.
    static func segments(
        _ name: String, file: String, expect: BadInputExpectation, timeout: TimeInterval = 30,
        _ bytes: @escaping @Sendable (BadInputSandbox) throws -> Data
    ) -> BadInput {
        BadInput(name: name, timeout: timeout, expect: expect) { box in
            try box.write(try bytes(box), "project/Transcripts/" + file)
            return ["segments", box.path("project/Transcripts/" + file)]
        }
    }

    /// `kader code --project P --coder ann [DOC]` after `setup` spoiled the project. With stdin
    /// not a terminal the command ends with an error either way; what counts is that it names
    /// the problem or ends cleanly, and damages nothing.
    static func project(
        _ name: String, coder: String = "ann", document: String? = nil, expect: BadInputExpectation,
        _ setup: @escaping @Sendable (BadInputSandbox) throws -> Void
    ) -> BadInput {
        BadInput(name: name, expect: expect) { box in
            try setup(box)
            return ["code", "--project", box.project.path, "--coder", coder] + (document.map { [$0] } ?? [])
        }
    }

    static func codebook(_ name: String, file: String = "analysekader.yaml", expect: [String], _ text: String)
        -> BadInput
    {
        project(name, expect: .error(expect)) { box in
            try FileManager.default.removeItem(at: box.project.appendingPathComponent("Codebooks/analysekader.yaml"))
            try box.write(text, "project/Codebooks/" + file)
        }
    }

    static func codings(_ name: String, _ bytes: Data) -> BadInput {
        project(name, document: "focusgroep", expect: .error([])) { box in
            try box.write(bytes, "project/Codings/ann/focusgroep.json")
        }
    }
}

enum BadInputs {
    static let valid = BadInputSandbox.transcript

    static func utf8(_ s: String) -> Data { Data(s.utf8) }

    /// A minimal .docx (zip) with these entries.
    static func zip(_ entries: [(String, Data)]) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        for (path, data) in entries {
            try archive.addEntry(
                with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate
            ) { pos, size in
                data.subdata(in: Int(pos)..<Int(pos) + size)
            }
        }
        return archive.data ?? Data()
    }

    static let contentTypes = utf8(
        """
        <?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
        <Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" \
        ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>
        """)

    static func docxBody(_ text: String) -> Data {
        utf8(
            """
            <?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">\
            <w:body><w:p><w:r><w:t>\(text)</w:t></w:r></w:p></w:body></w:document>
            """)
    }

    /// A docx whose document.xml inflates to `bytes` bytes of text from a tiny archive.
    static func zipBomb(bytes: Int64) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        try archive.addEntry(
            with: "[Content_Types].xml", type: .file, uncompressedSize: Int64(contentTypes.count),
            compressionMethod: .deflate
        ) { pos, size in
            contentTypes.subdata(in: Int(pos)..<Int(pos) + size)
        }
        let head = utf8(
            "<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>"
        )
        let chunk = Data(repeating: UInt8(ascii: "a"), count: 1 << 20)
        try archive.addEntry(
            with: "word/document.xml", type: .file, uncompressedSize: bytes, compressionMethod: .deflate,
            bufferSize: 1 << 20
        ) { pos, size in
            if pos == 0 { return head + chunk.prefix(size - head.count) }
            return chunk.prefix(size)
        }
        return archive.data ?? Data()
    }

    static let core: [BadInput] = [
        // Text decoding.
        .segments("empty file", file: "empty.txt", expect: .error(["empty"])) { _ in Data() },
        .segments("empty markdown", file: "empty.md", expect: .error(["empty"])) { _ in Data() },
        .segments("only a UTF-8 BOM", file: "bom.txt", expect: .error(["empty"])) { _ in Data([0xEF, 0xBB, 0xBF]) },
        .segments("only blank lines", file: "blank.txt", expect: .errorOrSuccess) { _ in
            Data(repeating: 0x0A, count: 100_000)
        },
        .segments("only spaces and tabs", file: "spaces.txt", expect: .errorOrSuccess) { _ in
            utf8(String(repeating: " \t \n", count: 10_000))
        },
        .segments("random binary", file: "random.txt", expect: .error([])) { _ in
            var rng = SystemRandomNumberGenerator()
            return Data((0..<65_536).map { _ in UInt8.random(in: 0...255, using: &rng) })
        },
        .segments("PNG renamed to .txt", file: "picture.txt", expect: .error(["not a text transcript"])) { _ in
            Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) + Data(repeating: 7, count: 100)
        },
        .segments("PDF renamed to .txt", file: "report.txt", expect: .error([])) { _ in
            utf8("%PDF-1.7\n%âãÏÓ\n1 0 obj << /Type /Catalog >> endobj\n") + Data([0, 0, 0])
        },
        .segments("NUL bytes inside text", file: "nul.txt", expect: .error(["NUL"])) { _ in
            utf8("Els: hallo\n") + Data([0]) + utf8("Koen: dag\n")
        },
        .segments("invalid UTF-8 mixed with valid", file: "mixed.txt", expect: .errorOrSuccess) { _ in
            utf8("Els: één café\n\nKoen: ") + Data([0xC3, 0x28, 0xA0, 0xA1, 0xE2, 0x28, 0xA1]) + utf8(" ideeën\n")
        },
        .segments("UTF-8 surrogate code points", file: "surrogate.txt", expect: .errorOrSuccess) { _ in
            utf8("Els: ") + Data([0xED, 0xA0, 0x80, 0xED, 0xBF, 0xBF]) + utf8("\n")
        },
        .segments("overlong UTF-8 slash", file: "overlong.txt", expect: .errorOrSuccess) { _ in
            utf8("Els: ..") + Data([0xC0, 0xAF]) + utf8("etc\n")
        },
        .segments("invalid UTF-8 after a UTF-8 BOM", file: "badbom.txt", expect: .error(["UTF-8"])) { _ in
            Data([0xEF, 0xBB, 0xBF]) + utf8("Els: ") + Data([0xFF, 0xFE, 0xFD])
        },
        .segments("UTF-16LE with BOM", file: "utf16.txt", expect: .success(["UTF-16LE", "Els"])) { _ in
            Data([0xFF, 0xFE]) + (try #require("Els: goeiemiddag\n\nKoen: dag Els\n".data(using: .utf16LittleEndian)))
        },
        .segments("UTF-16 with an odd byte count", file: "odd16.txt", expect: .errorOrSuccess) { _ in
            Data([0xFF, 0xFE, 0x45, 0x00, 0x6C])
        },
        .segments("UTF-16 lone surrogate", file: "lone16.txt", expect: .errorOrSuccess) { _ in
            Data([0xFE, 0xFF, 0xD8, 0x00, 0x00, 0x41])
        },
        .segments("UTF-32 with BOM and out-of-range scalars", file: "utf32.txt", expect: .errorOrSuccess) { _ in
            Data([0xFF, 0xFE, 0, 0, 0xFF, 0xFF, 0xFF, 0x7F])
        },
        .segments("UTF-16 without BOM (NUL bytes)", file: "nobom16.txt", expect: .error([])) { _ in
            try #require("Els: hallo\n".data(using: .utf16LittleEndian))
        },
        .segments("20 MB on one line", file: "oneline.txt", expect: .errorOrSuccess, timeout: 90) { _ in
            utf8("Els: ") + Data(repeating: UInt8(ascii: "a"), count: 20_000_000)
        },
        // The slowest case in a debug build (about 35 s): `--json` is the cheaper output.
        BadInput(name: "a million tiny turns", timeout: 150, expect: .success(["\"segments\""])) { box in
            var s = ""
            s.reserveCapacity(5_000_000)
            for i in 0..<1_000_000 { s += i % 2 == 0 ? "A: x\n" : "B: y\n" }
            try box.write(s, "project/Transcripts/tiny.txt")
            return ["segments", "--json", box.path("project/Transcripts/tiny.txt")]
        },
        .segments("lone CR line endings", file: "cr.txt", expect: .success(["Els", "CR"])) { _ in
            utf8("Els: een\r\rKoen: twee\r\rEls: drie\r")
        },
        .segments("mixed line endings", file: "mixedeol.txt", expect: .success(["mixed"])) { _ in
            utf8("Els: een\r\n\r\nKoen: twee\n\nEls: drie\r\rKoen: vier\n")
        },
        .segments("terminal escape sequences in text", file: "escape.txt", expect: .errorOrSuccess) { _ in
            utf8(
                "Els: \u{1B}[2J\u{1B}[31mrood\u{1B}]52;c;ZXZpbA==\u{07} en \u{1B}]0;titel\u{07}\u{9B}6n\n\nKoen: \u{1B}[?1049h gewoon\u{08}\u{08}\n"
            )
        },
        .segments("escape sequence in a speaker label", file: "escape-label.txt", expect: .errorOrSuccess) { _ in
            utf8("El\u{1B}[5ms: hallo\n\nKoen: dag\n")
        },
        .segments("10,000-character speaker label", file: "longlabel.txt", expect: .errorOrSuccess) { _ in
            utf8(String(repeating: "Ab", count: 5_000) + ": hallo\n")
        },
        .segments("bidi overrides and zero-width characters", file: "bidi.txt", expect: .success(["Els"])) { _ in
            utf8(
                "Els: \u{202E}gnitset\u{202C} \u{200B}\u{200D}\u{FEFF} x\n\nKoen: \u{0301}\u{0301}\u{0301} e\u{0301}\n")
        },
        // Front matter and sidecars.
        .segments("front matter never closed", file: "open.md", expect: .errorOrSuccess) { _ in
            utf8("---\ntitle: x\ntype: focusgroep\n\nEls: hallo\n")
        },
        .segments("front matter with invalid YAML", file: "badyaml.md", expect: .error([])) { _ in
            utf8("---\ntitle: [unclosed\n\t- :: -\n---\nEls: hallo\n")
        },
        .segments("front matter with wrong types", file: "types.md", expect: .errorOrSuccess) { _ in
            utf8("---\ntitle: {a: 1}\nspeakers: 5\n---\nEls: hallo\n")
        },
        .segments("front matter YAML alias bomb", file: "laughs.md", expect: .error(["aliases"])) { _ in
            var y =
                "---\ntitle: bom\nx0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
            for i in 1..<9 {
                y += "x\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 9).joined(separator: ",") + "]\n"
            }
            return utf8(y + "---\nEls: hallo\n")
        },
        .segments("front matter nested 100,000 levels deep", file: "deepyaml.md", expect: .errorOrSuccess) { _ in
            utf8(
                "---\ntitle: " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
                    + "\n---\nEls: hallo\n")
        },
        BadInput(name: "sidecar .meta.yaml alias bomb", expect: .error(["aliases"])) { box in
            try box.write("Els: hallo\n", "project/Transcripts/bomb.txt")
            var y = "x0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
            for i in 1..<9 {
                y += "x\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 9).joined(separator: ",") + "]\n"
            }
            try box.write(y, "project/Transcripts/bomb.meta.yaml")
            return ["segments", box.path("project/Transcripts/bomb.txt")]
        },
        BadInput(name: "malformed sidecar .meta.yaml", expect: .error([])) { box in
            try box.write(valid, "project/Transcripts/side.txt")
            try box.write("speakers: [[[\n\t:", "project/Transcripts/side.meta.yaml")
            return ["segments", box.path("project/Transcripts/side.txt")]
        },
        // Files that are not transcripts, or not files.
        .segments("a PDF", file: "report.pdf", expect: .error(["PDF", "not supported"])) { _ in
            utf8("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
        },
        .segments("a legacy Word .doc", file: "verslag.doc", expect: .error(["not supported"])) { _ in
            Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) + Data(repeating: 0, count: 504)
        },
        .segments("an RTF file", file: "notes.rtf", expect: .error(["not supported"])) { _ in
            utf8("{\\rtf1\\ansi Els: hallo}")
        },
        .segments("an executable renamed to .md", file: "prog.md", expect: .error([])) { _ in
            Data([0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0]) + Data(repeating: 0, count: 120)
        },
        .segments("no extension", file: "transcript", expect: .error(["not supported"])) { _ in utf8(valid) },
        BadInput(name: "a missing file", expect: .error([])) { box in
            ["segments", box.path("project/Transcripts/nope.txt")]
        },
        BadInput(name: "a folder named like a transcript", expect: .error([])) { box in
            try FileManager.default.createDirectory(
                at: box.project.appendingPathComponent("Transcripts/folder.txt"), withIntermediateDirectories: true)
            return ["segments", box.path("project/Transcripts/folder.txt")]
        },
        BadInput(name: "export -o naming a folder with a trailing slash", expect: .error(["folder"])) { box in
            [
                "export", "quotes", "--project", box.project.path, "--format", "csv", "-o",
                box.path("project") + "/not-yet-there/",
            ]
        },
        BadInput(name: "export -o an existing folder", expect: .error(["folder"])) { box in
            ["export", "quotes", "--project", box.project.path, "-o", box.path("project/Transcripts")]
        },
        BadInput(name: "qdpx export -o a FIFO", timeout: 20, expect: .error(["ordinary file"])) { box in
            let p = box.path("project/out.qdpx")
            guard mkfifo(p, 0o644) == 0 else { throw POSIXError(.EIO) }
            return ["export", "qdpx", "--project", box.project.path, "-o", p]
        },
        BadInput(name: "a FIFO named like a transcript", timeout: 20, expect: .error([])) { box in
            let p = box.path("project/Transcripts/pipe.txt")
            guard mkfifo(p, 0o644) == 0 else { throw POSIXError(.EIO) }
            return ["segments", p]
        },
        BadInput(name: "a symlink to /dev/zero", timeout: 20, expect: .error([])) { box in
            let p = box.path("project/Transcripts/zero.txt")
            try FileManager.default.createSymbolicLink(atPath: p, withDestinationPath: "/dev/zero")
            return ["segments", p]
        },
        // Formats being added to the loader: accept a clear error or a correct result.
        .segments("docx that is not a zip", file: "fake.docx", expect: .errorOrSuccess) { _ in utf8(valid) },
        .segments("docx zip without word/document.xml", file: "hollow.docx", expect: .errorOrSuccess) { _ in
            try zip([("[Content_Types].xml", contentTypes)])
        },
        .segments("docx zip bomb (1 GiB inflated)", file: "bomb.docx", expect: .errorOrSuccess, timeout: 60) { _ in
            try zipBomb(bytes: 1 << 30)
        },
        BadInput(name: "docx zip with ../ entries", expect: .errorOrSuccess) { box in
            let canary = Canary.outsidePath()
            let data = try zip([
                ("[Content_Types].xml", contentTypes),
                ("word/document.xml", docxBody("Els: hallo")),
                ("../../outside/pwned.txt", utf8("pwned")),
                ("../../../../../../../../.." + canary, utf8("pwned")),
                ("/" + canary + "-abs", utf8("pwned")),
            ])
            try box.write(data, "project/Transcripts/traversal.docx")
            try box.write(canary, "tmp-canary-name")  // recorded so the test can look for it
            return ["segments", box.path("project/Transcripts/traversal.docx")]
        },
        .segments("docx with an external entity", file: "xxe.docx", expect: .errorOrSuccess) { box in
            try zip([
                ("[Content_Types].xml", contentTypes),
                (
                    "word/document.xml",
                    utf8(
                        """
                        <?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file://\(box.path("outside/secret.txt"))">]>\
                        <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Els: &x;</w:t></w:r></w:p></w:body></w:document>
                        """)
                ),
            ])
        },
        .segments("TEI with an external entity", file: "xxe.xml", expect: .errorOrSuccess) { box in
            utf8(
                """
                <?xml version="1.0"?><!DOCTYPE TEI [<!ENTITY x SYSTEM "file://\(box.path("outside/secret.txt"))"><!ENTITY p SYSTEM "file:///etc/passwd">]>
                <TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><u who="#els">&x; &p;</u></body></text></TEI>
                """)
        },
        .segments("TEI billion laughs", file: "laughs.xml", expect: .errorOrSuccess) { _ in
            var dtd = "<!ENTITY l0 \"lol\">"
            for i in 1...10 { dtd += "<!ENTITY l\(i) \"" + String(repeating: "&l\(i - 1);", count: 10) + "\">" }
            return utf8(
                "<?xml version=\"1.0\"?><!DOCTYPE TEI [\(dtd)]><TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><text><body><u who=\"#a\">&l10;</u></body></text></TEI>"
            )
        },
        .segments("deeply nested XML", file: "deep.xml", expect: .errorOrSuccess) { _ in
            utf8(
                "<?xml version=\"1.0\"?><TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><text><body>"
                    + String(repeating: "<div>", count: 100_000)
                    + "<u who=\"#a\">hallo</u>" + String(repeating: "</div>", count: 100_000) + "</body></text></TEI>")
        },
        .segments("truncated XML", file: "cut.xml", expect: .errorOrSuccess) { _ in
            utf8("<?xml version=\"1.0\"?><TEI><text><body><u who=\"#a\">hal")
        },
        .segments("WebVTT with garbage cues", file: "garbage.vtt", expect: .errorOrSuccess) { _ in
            utf8(
                "WEBVTT\n\n99:99:99.999 --> -1:00:00.000\n<v Els>hallo\n\n00:00:01.000 --> \n\n-->\n\n00:00:02.000 --> 00:00:01.000\n<v \u{1B}[31m>x</v>\n"
            )
        },
        .segments("WebVTT header only", file: "header.vtt", expect: .errorOrSuccess) { _ in utf8("WEBVTT\n") },
        .segments("SRT with broken numbering and times", file: "broken.srt", expect: .errorOrSuccess) { _ in
            utf8(
                "1\n00:00:01,000 --> 00:00:02,000\nEls: hallo\n\nx\n25:61:61,9999 --> 00:00:00,000\n\n\n3\n--> \n18446744073709551616\n"
            )
        },
        // Project, codebook, codings, coder names (through `kader code`).
        .codebook(
            "codebook with duplicate ids", expect: ["used more than once"],
            """
            name: x
            codes:
              - {id: a, name: A, shortcut: "1"}
              - {id: a, name: B, shortcut: "2"}
            """),
        .codebook(
            "codebook with a shortcut clash", expect: ["share the shortcut"],
            """
            name: x
            codes:
              - {id: a, name: A, shortcut: "1"}
              - {id: b, name: B, shortcut: "1"}
            """),
        .codebook("codebook with invalid YAML", expect: ["analysekader.yaml"], "name: x\ncodes: [\n  - {id: a\n\t:"),
        .codebook("codebook with wrong types", expect: ["analysekader.yaml"], "name: x\ncodes: \"not a list\"\n"),
        .codebook("empty codebook file", expect: ["analysekader.yaml"], ""),
        .codebook(
            "codebook JSON truncated", file: "book.json", expect: ["book.json"],
            "{\"name\": \"x\", \"codes\": [{\"id\": \"a\""),
        .project("codebook with invalid UTF-8", expect: .error(["analysekader.yaml"])) { box in
            try box.write(
                utf8("name: x\ncodes:\n  - {id: a, name: ") + Data([0xFF, 0xC0]) + utf8("}\n"),
                "project/Codebooks/analysekader.yaml")
        },
        .project("codebook YAML alias bomb", expect: .error(["aliases"])) { box in
            var y = "name: bomb\nx0: &a0 [{id: a, name: A}, {id: b, name: B}, {id: c, name: C}]\n"
            for i in 1..<12 {
                y +=
                    "x\(i): &a\(i) [{id: c\(i), name: C, children: *a\(i - 1)}, {id: d\(i), name: D, children: *a\(i - 1)}, {id: e\(i), name: E, children: *a\(i - 1)}]\n"
            }
            try box.write(y + "codes: *a11\n", "project/Codebooks/analysekader.yaml")
        },
        .codebook(
            "codebook JSON nested 100,000 levels deep", file: "deep.json", expect: ["deep.json"],
            "{\"name\": \"x\", \"codes\": " + String(repeating: "[", count: 100_000)
                + String(repeating: "]", count: 100_000) + "}"),
        .project("codebook nested 2,000 levels deep", expect: .errorOrSuccess) { box in
            var y = "name: deep\ncodes:\n"
            var indent = "  "
            for i in 0..<2_000 {
                y += "\(indent)- id: c\(i)\n\(indent)  name: C\(i)\n\(indent)  children:\n"
                indent += "    "
            }
            y += "\(indent)- {id: leaf, name: Leaf}\n"
            try box.write(y, "project/Codebooks/analysekader.yaml")
        },
        .project("coder name with a slash", coder: "ann/../../outside", expect: .error(["coder name"])) { _ in },
        .project("coder name ..", coder: "..", expect: .error(["coder name"])) { _ in },
        .project("coder name with a NUL-free escape sequence", coder: "ann\u{1B}[2J", expect: .error(["coder name"])) {
            _ in
        },
        .project(
            "coder name of 1,000 characters", coder: String(repeating: "a", count: 1_000),
            expect: .error(["coder name"])
        ) { _ in },
        BadInput(
            name: "coder name from KADER_CODER with ../", expect: .error(["coder name"]),
            environment: ["KADER_CODER": "../outside"]
        ) { box in
            ["code", "--project", box.project.path]
        },
        .codings(
            "codings file with an unknown schema",
            utf8("{\"schema\": 99, \"coder\": \"ann\", \"document\": \"focusgroep\"}\n")),
        .codings("codings file that is not JSON", utf8("{\"schema\": 1, \"coder\": \"ann\",, }")),
        .codings("codings file that is a JSON array", utf8("[1, 2, 3]\n")),
        .codings(
            "codings file with wrong types",
            utf8(
                "{\"schema\": 1, \"coder\": 5, \"document\": [], \"contentHash\": null, \"status\": \"bogus\", \"codings\": \"x\"}\n"
            )),
        .codings(
            "codings file with binary garbage", Data([0x00, 0xFF, 0x7B, 0x22]) + Data(repeating: 0xAB, count: 4096)),
        .codings(
            "codings file nested 100,000 arrays deep",
            utf8(String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000))),
        .project("coder folder is a file", expect: .error([])) { box in
            try box.write("not a folder", "project/Codings/ann")
        },
        .project("no Transcripts folder", expect: .error(["not a Kader project"])) { box in
            try FileManager.default.removeItem(at: box.project.appendingPathComponent("Transcripts"))
        },
        .project("no codebook", expect: .error(["no codebook"])) { box in
            try FileManager.default.removeItem(at: box.project.appendingPathComponent("Codebooks/analysekader.yaml"))
        },
        .project("unknown document", document: "no-such-document", expect: .error(["no-such-document"])) { _ in },
    ]
}
