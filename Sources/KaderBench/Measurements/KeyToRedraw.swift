import Foundation
import KaderCore
import KaderTUI

/// Key-to-redraw, headless: `AppState.handle(key:)` + `Renderer.render` at 100×30 on a
/// 10,000-segment document of which a quarter is coded.
enum KeyToRedraw {
    static func run(_ ctx: BenchContext) throws -> [Row] {
        let segmentCount = 10_000
        let width = 100
        let height = 30
        let doc = try TranscriptLoader().load(
            data: Corpus.turns(segmentCount, seed: 13), path: "tui.txt", id: "tui", format: .plainText)
        let codebook = try CodebookFile.load(ctx.repoRoot.appendingPathComponent("Codebooks/analysekader.yaml"))
        let codeIds = codebook.entries.map(\.code.id)
        var rng = BenchRNG(seed: 17)
        let time = "2026-03-12T10:00:00Z"
        let coded = doc.segments.filter { _ in rng.chance(0.25) }.map { s in
            SegmentCoding(
                segment: SegmentID(s.id), ordinal: s.ordinal, fingerprint: s.fingerprint, codes: [rng.pick(codeIds)],
                created: time, modified: time)
        }
        var state = AppState(
            projectName: "bench", coder: "bench", codebook: codebook,
            documents: [DocumentEntry(path: "Transcripts/tui.txt", id: "tui")])
        state.document = doc
        state.codings = CodingFile(
            coder: "bench", document: DocumentID(doc.id), contentHash: doc.contentHash, status: .inProgress,
            codings: coded)
        state.screen = .coding
        state.viewHeight = Renderer.bodyHeight(forTerminalHeight: height)

        // A fixed key mix: mostly j/k, some paging, jumps, next-uncoded and code toggles.
        let shortcuts = codebook.entries.compactMap(\.code.shortcut).map { Key.char(Character($0)) }
        func nextKey() -> Key {
            let x = rng.int(100)
            switch x {
            case 0..<45: return .char("j")
            case 45..<60: return .char("k")
            case 60..<66: return .pageDown
            case 66..<70: return .pageUp
            case 70..<80: return .char("n")
            default: return rng.pick(shortcuts)
            }
        }
        func step(_ key: Key) {
            let effects = state.handle(key: key)
            blackHole(effects)
            let frame = Renderer.render(state, width: width, height: height)
            state.scrollTop = frame.scrollTop
            state.segmentOverflow = frame.segmentOverflow
            blackHole(frame.screen)
        }
        for _ in 0..<20 { step(nextKey()) }
        // Up to `keys` keys, but stop after `budget` seconds once 100 are timed (slow frames
        // must not stall the whole run).
        let keys = ctx.quick ? 500 : 2_000
        let budget = 20.0
        var samples: [Double] = []
        samples.reserveCapacity(keys)
        let start = nowNanos()
        while samples.count < keys {
            let key = nextKey()
            let (_, s) = timed { step(key) }
            samples.append(s)
            if samples.count >= 100 && Double(nowNanos() - start) / 1e9 > budget { break }
        }
        let stats = Stats(samples)
        let jump = jumpToEnd(state, width: width, height: height, limit: ctx.quick ? 10 : 20)
        return [
            Row(
                measurement: "TUI key-to-redraw, \(segmentCount.formatted())-segment document, 100×30",
                median: Format.ms(stats.median),
                p99: Format.ms(stats.p99),
                comparison: "\(samples.count) keys (j/k, PgDn/PgUp, n, code toggles); \(coded.count) segments coded",
                peakMemory: Format.mb(peakRSSBytes()),
                target: "p99 ≤ 2 ms",
                verdict: Verdict(stats.p99 <= 0.002),
                note: "state + render only; saving is the store row"),
            Row(
                measurement:
                    "TUI key-to-redraw: G (jump to the last of \(segmentCount.formatted()) segments) from the top",
                median: jump.map(Format.ms) ?? "> \(Int(ctx.quick ? 10 : 20)) s",
                p99: "—",
                comparison: "one key",
                peakMemory: Format.mb(peakRSSBytes()),
                target: "≤ 5 ms",
                verdict: Verdict((jump ?? .infinity) <= 0.005),
                note: jump == nil
                    ? "did not finish in time: abandoned (the scroll search in SegmentListView.draw grows with the distance squared)"
                    : ""),
        ]
    }

    /// Times one `G` from the top on a copy of `state` on another thread; nil if it takes longer
    /// than `limit` seconds (the thread is abandoned; the child process exits soon after).
    static func jumpToEnd(_ state: AppState, width: Int, height: Int, limit: Double) -> Double? {
        final class Box: @unchecked Sendable { var seconds: Double? }
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        var copy = state
        copy.cursor = 0
        copy.scrollTop = 0
        let start = copy
        Thread.detachNewThread {
            var st = start
            let (_, s) = timed {
                blackHole(st.handle(key: .char("G")))
                let frame = Renderer.render(st, width: width, height: height)
                st.scrollTop = frame.scrollTop
                blackHole(frame.screen)
            }
            box.seconds = s
            done.signal()
        }
        return done.wait(timeout: .now() + limit) == .success ? box.seconds : nil
    }
}
