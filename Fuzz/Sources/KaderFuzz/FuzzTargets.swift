import Foundation
import KaderCore

/// The fuzz targets, by name. Every transcript format the loader knows gets a target of its
/// own automatically (`transcript-plain-text`, `transcript-markdown`, and `transcript-webvtt`,
/// `transcript-srt`, `transcript-docx`, `transcript-tei` … as soon as the loader adds them to
/// `TranscriptFormat`); other parsers are one line each below.
/// Keep `Tests/KaderCoreTests/FuzzRegressionTests.swift` in step: it replays `Fuzz/regressions/`.
enum FuzzTargets {
    static var all: [String: @Sendable (Data) -> Void] {
        var targets: [String: @Sendable (Data) -> Void] = [
            "codebook-yaml": { data in _ = try? CodebookFile.parse(String(decoding: data, as: UTF8.self), path: "fuzz.yaml", json: false) },
            "codebook-json": { data in _ = try? CodebookFile.parse(String(decoding: data, as: UTF8.self), path: "fuzz.json", json: true) },
            "codings-json": { data in codings(data) },
        ]
        for format in TranscriptFormat.allCases {
            targets["transcript-" + name(format)] = { data in transcript(data, format: format) }
        }
        return targets
    }

    static func name(_ f: TranscriptFormat) -> String { f.rawValue.replacingOccurrences(of: " ", with: "-") }

    /// Loads `data` as `format`; on success checks the offset contract (docs/ARCHITECTURE.md §4).
    static func transcript(_ data: Data, format: TranscriptFormat) {
        guard let doc = try? TranscriptLoader().load(data: data, path: "fuzz", id: "fuzz", format: format) else { return }
        let scalars = Array(doc.text.unicodeScalars)
        var previousEnd = 0
        for s in doc.segments {
            precondition(s.start >= previousEnd && s.start <= s.end && s.end <= scalars.count, "segment \(s.ordinal) offsets \(s.start)..<\(s.end) out of order or range")
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
        guard let again = try? CodingFile.decode(bytes, path: "fuzz.json") else { preconditionFailure("canonical bytes do not decode") }
        var sorted = file
        sorted.codings.sort { ($0.ordinal, $0.segment) < ($1.ordinal, $1.segment) }
        precondition(again == sorted, "codings file changed in a round trip")
    }
}
