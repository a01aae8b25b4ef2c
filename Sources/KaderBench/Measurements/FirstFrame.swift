import Foundation
import KaderCore
import KaderTUI

/// Time to first frame: `Project(root:)` + `CodingStore` (read-only, so nothing is written)
/// + `AppController` + open the first document + render 100×30.
enum FirstFrame {
    static func firstFrame(root: URL, coder: String) throws -> Double {
        let (_, s) = try timed {
            let project = try Project(root: root)
            let store = try CodingStore(projectRoot: project.root, coder: coder, readOnly: true)
            let controller = AppController(project: project, store: store)
            guard let first = controller.state.documents.first else {
                throw BenchError.check("\(root.path): no documents")
            }
            try controller.open(documentNamed: first.id)
            guard controller.state.screen == .coding else {
                throw BenchError.check("\(first.path) did not open: \(controller.state.message?.text ?? "")")
            }
            blackHole(controller.frame(width: 100, height: 30))
        }
        return s
    }

    static func runSample(_ ctx: BenchContext) throws -> [Row] {
        var samples = [try firstFrame(root: ctx.repoRoot, coder: "bench")]
        samples += try (0..<19).map { _ in try firstFrame(root: ctx.repoRoot, coder: "bench") }
        let stats = Stats(samples)
        return [
            Row(
                measurement: "TUI first frame, sample project (repository root)",
                median: Format.ms(stats.median),
                p99: Format.ms(stats.p99),
                comparison: "first in a fresh process: \(Format.ms(samples[0]))",
                peakMemory: Format.mb(peakRSSBytes()),
                target: "≤ 200 ms",
                verdict: Verdict(stats.p99 <= 0.2),
                note: "\(samples.count) runs; p99 = slowest")
        ]
    }

    static func runLarge(_ ctx: BenchContext) throws -> [Row] {
        let root = try Corpus.project(ctx, bytes: ctx.largeSize)
        let coded = try ensureCodings(root)
        var samples = [try firstFrame(root: root, coder: "bench")]
        samples += try (0..<4).map { _ in try firstFrame(root: root, coder: "bench") }
        let stats = Stats(samples)
        let files = try Corpus.files(of: root)
        return [
            Row(
                measurement:
                    "TUI first frame, \(BenchContext.sizeLabel(ctx.largeSize)) project (\(files.count) documents)",
                median: Format.ms(stats.median),
                p99: Format.ms(stats.p99),
                comparison:
                    "first in a fresh process: \(Format.ms(samples[0])); \(coded) codings files, read for the list "
                    + "for 25 ms before the frame and between keys after it",
                peakMemory: Format.mb(peakRSSBytes()),
                target: "≤ 150 ms",
                verdict: Verdict(stats.p99 <= 0.15),
                note: "\(samples.count) runs; p99 = slowest")
        ]
    }

    /// Gives coder `bench` a codings file for every document of the project (a third of the
    /// codable segments coded), once; returns how many files there are.
    static func ensureCodings(_ root: URL) throws -> Int {
        let folder = CodingStore.folder(projectRoot: root, coder: "bench")
        let marker = folder.appendingPathComponent(".bench-complete")
        let files = try Corpus.files(of: root)
        if FileManager.default.fileExists(atPath: marker.path) { return files.count }
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let codebook = try CodebookFile.load(root.appendingPathComponent("Codebooks/analysekader.yaml"))
        let codeIds = codebook.entries.map(\.code.id)
        var rng = BenchRNG(seed: 23)
        let time = "2026-03-12T10:00:00Z"
        for f in files {
            let doc = try TranscriptLoader().load(url: f.url)
            let codings = doc.segments.filter { $0.codable && rng.chance(0.33) }.map { s in
                SegmentCoding(
                    segment: SegmentID(s.id), ordinal: s.ordinal, fingerprint: s.fingerprint,
                    codes: [rng.pick(codeIds)],
                    created: time, modified: time)
            }
            let file = CodingFile(
                coder: "bench", document: DocumentID(doc.id), contentHash: doc.contentHash, status: .inProgress,
                codings: codings)
            try file.encoded().write(to: folder.appendingPathComponent(doc.id + ".json"))
        }
        try Data().write(to: marker)
        return files.count
    }
}
