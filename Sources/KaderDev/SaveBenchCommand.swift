import ArgumentParser
import Foundation
import KaderTestSupport

/// `kader-dev save-bench`: save latency of one change to a large codings file, through a real
/// `CodingStore` in a scratch folder (see ``SyntheticCodings/measureSaves(projectRoot:segments:codings:saves:)``).
/// `make bench` measures the same in release; this is the quick manual probe.
struct SaveBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "save-bench",
        abstract: "Time saving one change to a file of N segments and M codings; print p50 and p99."
    )

    @Option(name: .long, help: "Segments in the synthetic document.") var segments = 5000
    @Option(name: .long, help: "Code applications in the synthetic file.") var codings = 20000
    @Option(name: .long, help: "Timed saves.") var saves = 300
    @Option(name: .long, help: "Quote spans per code (schema 2; 0: codes on whole segments).") var spans = 0
    @Option(name: .long, help: "Scratch folder (default: a new temporary folder, removed afterwards).")
    var folder: String?

    func run() throws {
        let root =
            folder.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent(
                "kader-bench-\(UUID().uuidString.prefix(8))")
        defer { if folder == nil { try? FileManager.default.removeItem(at: root) } }
        let r = try SyntheticCodings.measureSaves(
            projectRoot: root, segments: segments, codings: codings, saves: saves, spansPerCode: spans)
        let ms = { (v: Double) in String(format: "%.2f ms", v) }
        print(
            "save one change (\(segments) segments, \(codings) codings, \(spans) spans per code, \(r.fileBytes) bytes, \(saves) saves "
                + "in \(root.path)): p50 \(ms(r.p50)), p99 \(ms(r.p99)), max \(ms(r.milliseconds.max() ?? 0)); "
                + "encoding alone \(ms(r.encodeMilliseconds))")
    }
}
