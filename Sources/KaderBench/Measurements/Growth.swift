import Foundation
import KaderCore
import KaderTUI

/// Growth of the cases of issue 14 (item 9) at sizes ×1, ×10 and ×100: each must grow
/// linearly (or n log n), so the time at ×100 is at most about 100 × (with slack 3) the time
/// at ×1 — a quadratic case would be 10,000 ×.
enum Growth {
    struct Case {
        var name: String
        var unit: String
        var base: Int
        /// Prepares the input of size n (untimed) and returns the timed work.
        var make: (Int) throws -> () throws -> Void
    }

    static func cases(_ ctx: BenchContext) -> [Case] {
        let scratch = ctx.outDir.appendingPathComponent("growth")
        return [
            Case(name: "`codebook show` table, one code name of n characters", unit: "characters", base: 400) { n in
                let name = String(repeating: "ab ", count: n / 3) + String(repeating: " ", count: 40)
                let rows = [[name, "id", "k", "0"], ["x", "y", "", "1"]]
                return { blackHole(TextTable.render(header: ["code", "id", "key", "codings"], rows: rows)) }
            },
            Case(name: "`.qdc` import of n codes (read, merge, write the codebook)", unit: "codes", base: 1_000) { n in
                let root = scratch.appendingPathComponent("qdc-\(n)")
                try? FileManager.default.removeItem(at: root)
                try FileManager.default.createDirectory(
                    at: root.appendingPathComponent("Transcripts"), withIntermediateDirectories: true)
                let file = scratch.appendingPathComponent("codes-\(n).qdc")
                try Data(qdc(codes: n).utf8).write(to: file)
                return { _ = try CodebookExchange.importQDC(file, into: root) }
            },
            Case(name: "codebook YAML of n codes (parse and check)", unit: "codes", base: 250) { n in
                var y = "name: growth\nversion: 1\ncodes:\n"
                for i in 0..<n { y += "  - id: c\(i)\n    name: Code \(i)\n    description: Een code.\n" }
                return { _ = try CodebookFile.parse(y, path: "growth.yaml", json: false) }
            },
            Case(
                name: "TUI key with a search, one segment of n characters on one line", unit: "characters",
                base: 500_000
            ) { n in
                var state = try searchState(characters: n)
                return {
                    _ = state.handle(key: .char("j"))
                    blackHole(Renderer.render(state, width: 100, height: 30))
                }
            },
            Case(name: "plain-text load of n tiny speaker turns (segment the file)", unit: "turns", base: 30_000) { n in
                let data = Data(tinyTurns(n, speakers: 4).utf8)
                return {
                    blackHole(
                        try TranscriptLoader().load(data: data, path: "Transcripts/t.txt", id: "t", format: .plainText)
                            .segments.count)
                }
            },
            Case(name: "`segments --json` of n tiny speaker turns (JSON bytes)", unit: "turns", base: 30_000) { n in
                let doc = try TranscriptLoader().load(
                    data: Data(tinyTurns(n, speakers: 4).utf8), path: "Transcripts/t.txt", id: "t", format: .plainText)
                return { try DocumentJSON.write(doc) { blackHole($0.count) } }
            },
            Case(name: "plain-text load of n turns by n distinct speakers", unit: "speakers", base: 2_000) { n in
                let data = Data(tinyTurns(n, speakers: n).utf8)
                return {
                    blackHole(
                        try TranscriptLoader().load(data: data, path: "Transcripts/s.txt", id: "s", format: .plainText)
                            .segments.count)
                }
            },
            Case(name: "text search over n characters", unit: "characters", base: 500_000) { n in
                let text = String(repeating: "de werkdruk was enorm, ", count: n / 23)
                let search = TextSearch(query: "enorm")
                return { blackHole(search.matches(in: text).count) }
            },
        ]
    }

    /// A transcript of `n` one-word turns, `Spreker k: ja.`, cycling through `speakers` speaker labels.
    static func tinyTurns(_ n: Int, speakers: Int) -> String {
        var s = ""
        s.reserveCapacity(n * 18)
        for i in 0..<n { s += "Spreker \(i % max(1, speakers)): ja.\n" }
        return s
    }

    /// A `.qdc` with `n` codes: 10 categories of n/10 codes, every tenth name used twice.
    static func qdc(codes n: Int) -> String {
        var x = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<CodeBook xmlns=\"\(QDACodebookXML.namespace)\"><Codes>"
        let per = max(1, n / 10)
        var k = 0
        for c in 0..<10 {
            x += "<Code guid=\"\(guid(k))\" name=\"Categorie \(c)\" isCodable=\"true\">"
            k += 1
            for i in 0..<(per - 1) {
                x += "<Code guid=\"\(guid(k))\" name=\"Code \(i % 10 == 0 ? 0 : i)\" isCodable=\"true\"/>"
                k += 1
            }
            x += "</Code>"
        }
        return x + "</Codes></CodeBook>\n"
    }

    static func guid(_ k: Int) -> String {
        let hex = String(k, radix: 16)
        let h = String(repeating: "0", count: 12 - hex.count) + hex
        return "00000000-0000-4000-8000-" + h
    }

    /// The coding screen on a document of one speaker turn of `characters` characters, with a
    /// search for a word that occurs all through it.
    static func searchState(characters: Int) throws -> AppState {
        let text = "Els: " + String(repeating: "de werkdruk was enorm ", count: characters / 22) + "\n"
        let doc = try TranscriptLoader().load(
            data: Data(text.utf8), path: "Transcripts/long.txt", id: "long", format: .plainText)
        var state = AppState(
            projectName: "growth", coder: "bench",
            codebook: Codebook(name: "g", codes: [Code(id: "a", name: "A", shortcut: "1")]),
            documents: [DocumentEntry(path: "Transcripts/long.txt", id: "long", codable: doc.segments.count)])
        state.document = doc
        state.codings = CodingFile(coder: "bench", document: DocumentID(doc.id), contentHash: doc.contentHash)
        state.screen = .coding
        state.search = TextSearch(query: "enorm")
        return state
    }

    static func run(_ ctx: BenchContext) throws -> [Row] {
        try FileManager.default.createDirectory(
            at: ctx.outDir.appendingPathComponent("growth"), withIntermediateDirectories: true)
        var rows: [Row] = []
        for c in cases(ctx) {
            var times: [Double] = []
            for factor in [1, 10, 100] {
                let work = try c.make(c.base * factor)
                var samples: [Double] = []
                for _ in 0..<(factor == 100 ? 1 : 3) {
                    // Short runs are repeated (up to 20 ms in all) and averaged, so timer noise does not count.
                    let once = try timed { try work() }.1
                    let reps = once >= 0.01 ? 0 : min(1_000, Int(0.02 / max(once, 1e-7)))
                    let more = reps > 0 ? try timed { for _ in 0..<reps { try work() } }.1 : 0
                    samples.append(reps > 0 ? more / Double(reps) : once)
                }
                times.append(Stats(samples).median)
            }
            let r10 = times[1] / max(times[0], 1e-9)
            let r100 = times[2] / max(times[0], 1e-9)
            rows.append(
                Row(
                    measurement: "growth: \(c.name); n = \(c.base), \(c.base * 10), \(c.base * 100) \(c.unit)",
                    median: times.map(Format.seconds).joined(separator: " / "),
                    comparison: "×10 → \(Format.ratio(r10)), ×100 → \(Format.ratio(r100))",
                    peakMemory: Format.mb(peakRSSBytes()),
                    target: "linear: ×100 size ≤ 300× time",
                    verdict: Verdict(r100 <= 300),
                    note: "times at ×1 / ×10 / ×100"))
        }
        return rows
    }
}
