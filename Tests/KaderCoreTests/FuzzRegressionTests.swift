import Foundation
import KaderTestSupport
import Testing

@testable import KaderCore

/// Replays every input under `Fuzz/regressions/<target>/` (crashers found by `make fuzz`) and
/// the seed corpus `Fuzz/corpus/<target>/` through the same checks as the libFuzzer targets in
/// `Fuzz/Sources/KaderFuzz/FuzzTargets.swift`: no crash, and on success the offset contract and
/// the codings round trip hold.
@Suite struct FuzzRegressionTests {
    static let fuzzRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fuzz")

    static func inputs() -> [(target: String, file: URL)] {
        var out: [(String, URL)] = []
        for folder in ["regressions", "corpus"] {
            let dir = fuzzRoot.appendingPathComponent(folder)
            for target in ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).sorted() {
                let tdir = dir.appendingPathComponent(target)
                for name in ((try? FileManager.default.contentsOfDirectory(atPath: tdir.path)) ?? []).sorted()
                where !name.hasPrefix(".") {
                    out.append((target, tdir.appendingPathComponent(name)))
                }
            }
        }
        return out
    }

    /// The folder names `make fuzz` uses: the targets of Fuzz/Sources/KaderFuzz/FuzzTargets.swift.
    static let targetNames: Set<String> = Set([
        "codebook-yaml", "codebook-json", "codings-json", "qdpx-import", "codings-render",
    ])
    .union(TranscriptFormat.allCases.map { "transcript-" + $0.rawValue.replacingOccurrences(of: " ", with: "-") })

    /// A misspelt folder would silently replay nothing; every folder must name a fuzz target.
    @Test func everyFolderNamesAFuzzTarget() throws {
        for folder in ["regressions", "corpus"] {
            let dir = Self.fuzzRoot.appendingPathComponent(folder)
            let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { !$0.hasPrefix(".") }
            #expect(!names.isEmpty, "no folders under \(dir.path)")
            for name in names.sorted() {
                #expect(
                    Self.targetNames.contains(name),
                    "Fuzz/\(folder)/\(name) names no fuzz target (\(Self.targetNames.sorted().joined(separator: ", ")))"
                )
            }
        }
    }

    @Test func replayFuzzInputs() throws {
        let inputs = Self.inputs()
        #expect(!inputs.isEmpty, "no seed corpus under \(Self.fuzzRoot.path)")
        for (target, file) in inputs {
            let data = try Data(contentsOf: file)
            switch target {
            case "codebook-yaml":
                _ = try? CodebookFile.parse(String(decoding: data, as: UTF8.self), path: "fuzz.yaml", json: false)
            case "codebook-json":
                _ = try? CodebookFile.parse(String(decoding: data, as: UTF8.self), path: "fuzz.json", json: true)
            case "codings-json":
                if let f = try? CodingFile.decode(data, path: "fuzz.json") {
                    let again = try CodingFile.decode(try f.encoded(), path: "fuzz.json")
                    var sorted = f
                    sorted.schema = CodingFile.currentSchema  // a schema-1 input is written as schema 2
                    sorted.codings.sort { ($0.ordinal, $0.segment) < ($1.ordinal, $1.segment) }
                    #expect(again == sorted, "\(file.lastPathComponent): codings round trip")
                }
            case "qdpx-import":
                let url = FileManager.default.temporaryDirectory.appendingPathComponent(
                    "fuzz-replay-\(UUID().uuidString.prefix(8)).qdpx")
                try data.write(to: url)
                _ = try? QDPXArchiveReader(url: url)
                try? FileManager.default.removeItem(at: url)
            case "codings-render":
                _ = try? CodingFile.decode(data, path: "fuzz.json")
            default:
                let name =
                    target.hasPrefix("transcript-")
                    ? String(target.dropFirst("transcript-".count)).replacingOccurrences(of: "-", with: " ") : target
                guard let format = TranscriptFormat(rawValue: name) else {
                    Issue.record("\(file.path): no fuzz target \(target)")
                    continue
                }
                guard let doc = try? TranscriptLoader().load(data: data, path: "fuzz", id: "fuzz", format: format)
                else { continue }
                for problem in DocumentInvariants.violations(of: doc) {
                    Issue.record(Comment(rawValue: "\(file.lastPathComponent): \(problem)"))
                }
            }
        }
    }
}
