import Foundation
import KaderCore

/// KaderCore's seeded ``SplitMix64`` with the draws the corpus generator needs, so every corpus is
/// the same on every machine.
struct BenchRNG {
    private var base: SplitMix64
    init(seed: UInt64) { base = SplitMix64(seed: seed) }
    mutating func next() -> UInt64 { base.next() }
    mutating func int(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    mutating func int(_ r: ClosedRange<Int>) -> Int { r.lowerBound + int(r.count) }
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
    mutating func chance(_ p: Double) -> Bool { unit() < p }
    mutating func pick<T>(_ a: [T]) -> T { a[int(a.count)] }
}

/// Deterministic synthetic transcripts: Dutch-like focus groups and interviews with YAML front
/// matter and `[hh:mm:ss] Name: text` turns, long turns in several paragraphs, transcription
/// marks (`[onverstaanbaar]`, `(lacht)`, `…`).
enum Corpus {
    /// Bump when the generated text changes, so cached corpora are rebuilt.
    static let generatorVersion = 1
    static let seed: UInt64 = 20_260_312

    static let words: [String] = """
        de het een en van in is dat op te met voor niet zijn er maar ook als bij om aan dan nog wel
        wat die dit we ze ik je ge hij zij jullie onze leerlingen leerkrachten school klas les lessen
        directie team collega's ouders kinderen jongeren laptop laptops platform Smartschool Teams
        afstandsonderwijs lockdown lockdowns werkdruk welbevinden zorg begeleiding nascholing visie
        beleid afspraken digitale digitaal vaardigheden ict-coördinator zorgcoördinator studiedag
        eigenlijk allez precies gewoon echt heel veel weinig eerst daarna toen nu vandaag vroeger
        moeilijk zwaar goed beter slechter samen alleen thuis online contact mails avond weekend
        gelijke kansen kwetsbare uitvallen achterstand ondersteuning feedback toetsen evalueren
        geleerd behouden afgebouwd teruggeschroefd verankering draagvlak weerstand enthousiasme
        één ideeën coördinator café reünie geïnteresseerd tweeëntwintig financiële privé
        hebben gedaan gezien gevraagd gezegd gemerkt geprobeerd gekozen blijven werken leren
        """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)

    static let marks = ["[onverstaanbaar]", "(lacht)", "…", "[...]", "(stilte)", "euh", "(iedereen lacht)"]
    static let firstNames = [
        "Els", "Koen", "Anaïs", "Bart", "Zoë", "Hilde", "Wouter", "Nathalie", "Driss", "Griet", "Geert", "Jüri",
        "Mieke",
        "Sofie", "Lotte", "Stijn", "Fatma", "Ine", "Youssef", "Bram", "Lien", "Pieter", "Sanne", "Mohamed", "Eline",
    ]
    static let roles = [
        "leerkracht", "leerkracht", "leerkracht", "directeur", "ict-coördinator", "zorgcoördinator",
        "leerlingbegeleider", "beleidsmedewerker",
    ]

    /// One sentence, 5–18 words, sometimes with a transcription mark.
    static func sentence(_ rng: inout BenchRNG, into out: inout String) {
        let n = rng.int(5...18)
        for i in 0..<n {
            var w = rng.pick(words)
            if i == 0 { w = w.prefix(1).uppercased() + w.dropFirst() }
            out += w
            if i < n - 1 {
                if rng.chance(0.03) { out += " " + rng.pick(marks) }
                out += rng.chance(0.07) ? ", " : " "
            }
        }
        out += rng.chance(0.15) ? "?" : (rng.chance(0.05) ? "…" : ".")
    }

    static func timestamp(_ seconds: Int) -> String {
        String(format: "[%02d:%02d:%02d]", seconds / 3600, (seconds / 60) % 60, seconds % 60)
    }

    /// A focus group (moderator + 5–15 participants) or an interview (interviewer + expert) of
    /// about `targetBytes` UTF-8 bytes.
    static func transcript(index: Int, targetBytes: Int, rng: inout BenchRNG) -> String {
        let focus = index % 3 != 2
        var out = "---\n"
        let lead = focus ? "Moderator" : "Interviewer"
        var speakers: [String] = []
        if focus {
            out += "title: Focusgroep school \(index) – team\ntype: focusgroep\nsite: school \(index)\n"
            var names = Set<String>()
            let count = rng.int(5...15)
            while names.count < min(count, firstNames.count) { names.insert(rng.pick(firstNames)) }
            speakers = names.sorted()
        } else {
            out += "title: Interview expert \(index)\ntype: interview\nsite: expertcentrum \(index % 7)\n"
            speakers = [rng.pick(firstNames)]
        }
        out +=
            "date: 2026-0\(1 + index % 9)-1\(index % 10)\nspeakers:\n  \(lead):\n    role: \(lead.lowercased())\n    codable: false\n"
        for s in speakers {
            out += "  \(s):\n    role: \(focus ? rng.pick(roles) : "expert")\n"
        }
        out += "---\n\n"
        var clock = rng.int(3...20)
        var previous = ""
        while out.utf8.count < targetBytes {
            var who = rng.chance(focus ? 0.2 : 0.45) ? lead : rng.pick(speakers)
            if who == previous { who = who == lead ? rng.pick(speakers) : lead }
            previous = who
            out += timestamp(clock) + " " + who + ": "
            let long = who != lead && rng.chance(0.1)
            let paragraphs = long ? rng.int(2...3) : 1
            for p in 0..<paragraphs {
                if p > 0 { out += "\n\n" }
                for s in 0..<(long ? rng.int(3...6) : rng.int(1...4)) {
                    if s > 0 { out += " " }
                    sentence(&rng, into: &out)
                }
            }
            out += "\n\n"
            clock += rng.int(5...90)
        }
        return out
    }

    /// A transcript with exactly `turns` one-paragraph turns by labelled participants (all
    /// codable, no front matter): the shape for the store and TUI measurements.
    static func turns(_ turns: Int, seed: UInt64) -> Data {
        var rng = BenchRNG(seed: seed)
        var out = ""
        out.reserveCapacity(turns * 160)
        var clock = 5
        for i in 0..<turns {
            out += timestamp(clock) + " Deelnemer \(1 + i % 9): "
            for s in 0..<rng.int(1...3) {
                if s > 0 { out += " " }
                sentence(&rng, into: &out)
            }
            out += " (\(i))\n\n"
            clock += rng.int(5...40)
        }
        return Data(out.utf8)
    }

    /// A project folder of about `bytes` of transcripts under `bench/out/corpus-NNmb/`, made
    /// once and reused while its manifest matches. Returns the project root.
    static func project(_ ctx: BenchContext, bytes: Int) throws -> URL {
        let root = ctx.outDir.appendingPathComponent("corpus-\(bytes / 1_000_000)mb")
        let manifest = root.appendingPathComponent("bench-manifest.txt")
        let expected = "generator \(generatorVersion) seed \(seed) bytes \(bytes)\n"
        if (try? String(contentsOf: manifest, encoding: .utf8)) == expected { return root }
        let fm = FileManager.default
        try? fm.removeItem(at: root)
        let transcripts = root.appendingPathComponent("Transcripts")
        try fm.createDirectory(at: transcripts, withIntermediateDirectories: true)
        try fm.createDirectory(at: root.appendingPathComponent("Codebooks"), withIntermediateDirectories: true)
        try fm.createDirectory(at: root.appendingPathComponent("Codings"), withIntermediateDirectories: true)
        try Data(contentsOf: ctx.repoRoot.appendingPathComponent("Codebooks/analysekader.yaml"))
            .write(to: root.appendingPathComponent("Codebooks/analysekader.yaml"))
        var rng = BenchRNG(seed: seed)
        var total = 0
        var index = 1
        while total < bytes {
            let focus = index % 3 != 2
            let target = min(bytes - total, focus ? rng.int(60_000...220_000) : rng.int(25_000...90_000))
            let text = transcript(index: index, targetBytes: max(2_000, target), rng: &rng)
            let name = String(format: "%@-%05d.md", focus ? "focusgroep" : "interview", index)
            let data = Data(text.utf8)
            try data.write(to: transcripts.appendingPathComponent(name))
            total += data.count
            index += 1
        }
        try Data(expected.utf8).write(to: manifest)
        return root
    }

    /// Transcript files of a project with their sizes, sorted by name.
    static func files(of project: URL) throws -> [(url: URL, bytes: Int)] {
        let dir = project.appendingPathComponent("Transcripts")
        return try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted().filter { $0.hasSuffix(".md") }.map
        { name in
            let url = dir.appendingPathComponent(name)
            let size = (try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
            return (url, size)
        }
    }
}
