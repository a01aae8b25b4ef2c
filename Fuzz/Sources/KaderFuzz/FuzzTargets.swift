import Foundation
import KaderCore
import KaderTUI

/// The fuzz targets, by name. Every transcript format the loader knows gets a target of its
/// own automatically (`transcript-plain-text`, `transcript-markdown`, and `transcript-webvtt`,
/// `transcript-srt`, `transcript-docx`, `transcript-tei` … as soon as the loader adds them to
/// `TranscriptFormat`); other parsers are one line each below.
/// Keep `Tests/KaderCoreTests/FuzzRegressionTests.swift` in step: it replays `Fuzz/regressions/`.
enum FuzzTargets {
    static var all: [String: @Sendable (Data) -> Void] {
        var targets: [String: @Sendable (Data) -> Void] = [
            "codebook-yaml": { data in
                _ = try? CodebookFile.parse(String(decoding: data, as: UTF8.self), path: "fuzz.yaml", json: false)
            },
            "codebook-json": { data in
                _ = try? CodebookFile.parse(String(decoding: data, as: UTF8.self), path: "fuzz.json", json: true)
            },
            "codings-json": { data in codings(data) },
            "qdpx-import": { data in qdpxImport(data) },
            "codings-render": { data in codingsRender(data) },
        ]
        for format in TranscriptFormat.allCases {
            targets["transcript-" + name(format)] = { data in transcript(data, format: format) }
        }
        return targets
    }

    static func name(_ f: TranscriptFormat) -> String { f.rawValue.replacingOccurrences(of: " ", with: "-") }

    /// Loads `data` as `format`; on success checks the offset contract (docs/ARCHITECTURE.md §4).
    static func transcript(_ data: Data, format: TranscriptFormat) {
        guard let doc = try? TranscriptLoader().load(data: data, path: "fuzz", id: "fuzz", format: format) else {
            return
        }
        let scalars = Array(doc.text.unicodeScalars)
        var previousEnd = 0
        for s in doc.segments {
            precondition(
                s.start >= previousEnd && s.start <= s.end && s.end <= scalars.count,
                "segment \(s.ordinal) offsets \(s.start)..<\(s.end) out of order or range")
            var slice = String.UnicodeScalarView()
            slice.append(contentsOf: scalars[s.start..<s.end])
            precondition(String(slice) == s.text, "segment \(s.ordinal) text is not the slice of the document text")
            previousEnd = s.end
        }
    }

    /// Decodes a codings file; on success the canonical bytes must decode to the same file.
    static func codings(_ data: Data) {
        guard let file = try? CodingFile.decode(data, path: "fuzz.json") else { return }
        guard let bytes = try? file.encoded() else { preconditionFailure("a decoded codings file does not encode") }
        guard let again = try? CodingFile.decode(bytes, path: "fuzz.json") else {
            preconditionFailure("canonical bytes do not decode")
        }
        var sorted = file
        sorted.codings.sort { ($0.ordinal, $0.segment) < ($1.ordinal, $1.segment) }
        precondition(again == sorted, "codings file changed in a round trip")
    }

    /// A scratch folder per process for the `.qdpx` target.
    nonisolated(unsafe) static var scratch: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("kader-fuzz-qdpx-\(getpid())")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    /// Imports `data` as a `.qdpx` into a fresh folder; every file the import writes must stay
    /// inside it, and a failed import must write nothing.
    static func qdpxImport(_ data: Data) {
        let archive = scratch.appendingPathComponent("in.qdpx")
        let root = scratch.appendingPathComponent("project")
        try? FileManager.default.removeItem(at: root)
        guard (try? data.write(to: archive)) != nil else { return }
        do {
            _ = try QDPXImporter.importArchive(archive, into: root, now: "2026-01-01T00:00:00Z")
            // What was imported opens as a project (when it made one).
            if FileManager.default.fileExists(atPath: root.appendingPathComponent("Codebooks").path) {
                _ = try? Project(root: root)
            }
        } catch {
            let left = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
            precondition(left.isEmpty, "a failed import left \(left) in the project")
        }
        let outside = (try? FileManager.default.contentsOfDirectory(atPath: scratch.path)) ?? []
        precondition(
            Set(outside).isSubset(of: ["in.qdpx", "project"]), "the import wrote \(outside) outside the project")
    }

    static let renderBook = Codebook(
        name: "Fuzz",
        codes: [
            Code(
                id: "a", name: "A", shortcut: "1", children: [Code(id: "b", name: "B\u{1B}]0;x\u{07}", shortcut: "2")]),
            Code(id: "c", name: String(repeating: "Cé", count: 200), shortcut: "3"),
        ])

    static let renderDocument: Document = {
        let text =
            "Els: een\u{0301} twee drie 🎉\n\nKoen: \u{202E}vier\u{9B} vijf\n\nEls: zes zeven acht negen tien elf twaalf dertien\n"
        do {
            return try TranscriptLoader().load(
                data: Data(text.utf8), path: "Transcripts/fuzz.txt", id: "fuzz", format: .plainText)
        } catch {
            fatalError("the fixed render document does not load: \(error)")
        }
    }()

    /// Loads `data` as a hostile codings file of the render document (as the TUI does:
    /// decode, re-anchor) and renders the coding screen at every segment, with other coders'
    /// codings shown, at two sizes: nothing may trap, and every frame has the asked size.
    static func codingsRender(_ data: Data) {
        guard let file = try? CodingFile.decode(data, path: "Codings/ann/fuzz.json") else { return }
        let doc = renderDocument
        let anchored = file.reanchored(to: doc).file
        var state = AppState(
            projectName: "fuzz", coder: "ann", codebook: renderBook,
            documents: [DocumentEntry(path: "Transcripts/fuzz.txt", id: "fuzz", codable: doc.segments.count)])
        state.document = doc
        state.codings = anchored
        state.otherCodings = ["bob": anchored]
        state.showOthers = true
        state.screen = .coding
        for cursor in 0..<max(1, doc.segments.count) {
            state.cursor = cursor
            for (w, h) in [(80, 24), (24, 6)] {
                let frame = Renderer.render(state, width: w, height: h)
                precondition(frame.screen.width == w && frame.screen.height == h, "frame of the wrong size")
            }
        }
        for key in [Key.char("v"), .char("l"), .char(" "), .char("l"), .enter, .char("R")] {
            _ = state.handle(key: key)
        }
        _ = Renderer.render(state, width: 80, height: 24)
    }
}
