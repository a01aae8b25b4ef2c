import Foundation
import KaderTestSupport
import Testing
import ZIPFoundation

@testable import KaderCore

/// Shared helpers for the loader tests.
enum LoadingSupport {
    static func load(
        _ text: String, format: TranscriptFormat = .plainText, options: LoadOptions = LoadOptions(),
        sidecar: DocumentMetadata? = nil
    ) throws -> Document {
        try load(Data(text.utf8), format: format, options: options, sidecar: sidecar)
    }

    static func load(
        _ data: Data, format: TranscriptFormat, options: LoadOptions = LoadOptions(), sidecar: DocumentMetadata? = nil
    ) throws -> Document {
        try TranscriptLoader(options: options).load(
            data: data, path: "test.\(format)", id: "test", format: format, sidecar: sidecar)
    }

    /// The offset contract: segments ordered, non-overlapping, each `text` equal to its scalar
    /// slice of the document text, and segment texts plus gaps reproduce the text exactly.
    static func checkInvariants(_ doc: Document, sourceLocation: SourceLocation = #_sourceLocation) {
        for problem in DocumentInvariants.violations(of: doc) {
            Issue.record(Comment(rawValue: problem), sourceLocation: sourceLocation)
        }
    }

    /// A minimal .docx whose `word/document.xml` has `body` inside `<w:body>`.
    static func docx(body: String, extraEntries: [String: Data] = [:]) throws -> Data {
        let xml = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" \
            xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" \
            xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>\(body)</w:body></w:document>
            """
        var entries = extraEntries
        entries["word/document.xml"] = Data(xml.utf8)
        entries["[Content_Types].xml"] = Data("<?xml version=\"1.0\"?><Types/>".utf8)
        return try zip(entries)
    }

    static func zip(_ entries: [String: Data], compression: CompressionMethod = .deflate) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        for (name, data) in entries.sorted(by: { $0.key < $1.key }) {
            try archive.addEntry(
                with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: compression
            ) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return try #require(archive.data)
    }

    /// `w:p` with a bold run `label` and a plain run `text`.
    static func boldParagraph(_ label: String, _ text: String) -> String {
        "<w:p><w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">\(label)</w:t></w:r><w:r><w:t xml:space=\"preserve\">\(text)</w:t></w:r></w:p>"
    }

    static func paragraph(_ text: String) -> String {
        "<w:p><w:r><w:t xml:space=\"preserve\">\(text)</w:t></w:r></w:p>"
    }

    /// The directory of the shared real inputs (`../shared/real-inputs` next to the repo root), or nil.
    static func realInputs(filePath: String = #filePath) -> URL? {
        var dir = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        while dir.path != "/" {
            if FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) {
                let shared = dir.deletingLastPathComponent().appendingPathComponent("shared/real-inputs")
                return FileManager.default.fileExists(atPath: shared.path) ? shared : nil
            }
            dir = dir.deletingLastPathComponent()
        }
        return nil
    }
}
