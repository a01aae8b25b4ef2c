import ArgumentParser
import Foundation
import KaderCore

/// `kader debug-save-bench` (hidden, for `make bench`): save latency of one change to a large
/// codings file, through a real ``CodingStore`` in a scratch folder (see ``StoreBenchmark``).
struct DebugSaveBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "debug-save-bench",
        abstract: "Benchmark: time saving one change to a file of N segments and M codings; print p50 and p99.",
        shouldDisplay: false
    )

    @Option(name: .long, help: "Segments in the synthetic document.") var segments = 5000
    @Option(name: .long, help: "Code applications in the synthetic file.") var codings = 20000
    @Option(name: .long, help: "Timed saves.") var saves = 300
    @Option(name: .long, help: "Scratch folder (default: a new folder in the temporary directory, removed afterwards).") var folder: String?

    func run() throws {
        try CLI.run {
            let root = folder.map { URL(fileURLWithPath: $0) }
                ?? FileManager.default.temporaryDirectory.appendingPathComponent("kader-bench-\(UUID().uuidString.prefix(8))")
            defer { if folder == nil { try? FileManager.default.removeItem(at: root) } }
            let r = try StoreBenchmark.measureSaves(projectRoot: root, segments: segments, codings: codings, saves: saves)
            let ms = { (v: Double) in String(format: "%.2f ms", v) }
            print("save one change (\(segments) segments, \(codings) codings, \(r.fileBytes) bytes, \(saves) saves in \(root.path)): "
                + "p50 \(ms(r.p50)), p99 \(ms(r.p99)), max \(ms(r.milliseconds.max() ?? 0)); encoding alone \(ms(r.encodeMilliseconds))")
        }
    }
}
