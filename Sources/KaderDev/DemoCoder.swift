import Foundation
import KaderCore

/// Makes plausible demonstration codings of a transcript for two coders with controlled
/// disagreement, so `kader agree` has something real to show. Deterministic for a seed.
///
/// A "reference" code set is derived from keywords in each codable segment (at most 3 codes,
/// most keyword hits first; a segment without a hit takes the main code of the previous
/// segment). Coder 1 mostly follows it; coder 2 deviates on about 20% of segments by leaving
/// out a code, picking a sibling code of the same category instead, or adding a related code.
enum DemoCoder {
    /// Keywords (lowercase substrings) per code id of `Codebooks/analysekader.yaml`.
    static let keywords: [(String, [String])] = [
        (
            "verandering-visie",
            ["visie", "beleid", "schoolplan", "afsprakennota", "werkgroep", "bewust voor", "meerwaarde", "werkmiddel"]
        ),
        (
            "verandering-leiderschap",
            [
                "directie", "directeur", "knoop doorgehakt", "knopen doorhakken", "van bovenaf", "richtlijn",
                "mails gestuurd",
            ]
        ),
        (
            "verandering-professionalisering",
            [
                "nascholing", "professionalis", "studiedag", "ict-café", "buddy", "geleerd", "lerarenopleiding",
                "moeten leren",
            ]
        ),
        (
            "verandering-verankering",
            ["gebleven", "verdwenen", "verankeren", "nog altijd gebruikt", "routines", "behouden"]
        ),
        (
            "verandering-weerstand",
            ["terug naar normaal", "moeheid", "niet mee eens", "keurslijf", "tegen papier", "van bovenaf"]
        ),
        (
            "welbevinden-leerlingen",
            ["welbevinden", "faalangst", "schaam", "bloeiden", "spijb", "groeien", "stille leerlingen", "mild"]
        ),
        (
            "welbevinden-leerkrachten",
            ["was ik leeg", " moe.", "gered", "gestopt", "alleen met uw problemen", "slechte"]
        ),
        (
            "welbevinden-sociaal-contact",
            [
                "camera", "leraarskamer", "koffie", "groep geworden", "onthaalweek", "in de ogen", "huisbezoek",
                "gezichten",
            ]
        ),
        (
            "welbevinden-mentale-belasting",
            ["'s avonds", "weekend", "middernacht", "online moesten zijn", "groene bolletje", "vrijdagavond"]
        ),
        (
            "kansen-kwetsbare-leerlingen",
            ["onbereikba", "zwakke leerlingen", "dyslexie", "1b", "b-stroom", "verslag", "niet ingelogd"]
        ),
        ("kansen-thuissituatie", ["gezinnen", "thuis", "kamer", "broers", "strijkplank"]),
        (
            "kansen-taal",
            ["anderstalig", "nederlands leert", "spraakbericht", "te lang", "eenvoudig", "korte berichte"]
        ),
        ("kansen-ondersteuning", ["clb", "mediatheek", "begeleider", "zorg", "solidariteitsfonds", "aangepaste"]),
        ("kansen-ouderbetrokkenheid", ["ouder"]),
        ("digitaal-toegang", ["toestel", "laptop", "huurformule", "geen eigen"]),
        (
            "digitaal-vaardigheden",
            [
                "digital natives", "wachtwoord", "vaardigheid", "klavier", "bestand opslaan", "pdf", "bronnenkritiek",
                "startweek", "wist niet dat dat",
            ]
        ),
        (
            "digitaal-didactiek",
            [
                "online les", "live les", "filmpje", "chat", "oefening", "handboek", "toetsen", "omgekeerde leren",
                "print", "didactisch", "uitspraak", "instructie",
            ]
        ),
        ("digitaal-structuur", ["planning", "planner", "deadline", "structuur", "eigen tempo", "lesrooster"]),
        (
            "digitaal-stroomlijning",
            ["kanalen", "één platform", "smartschool voor taken", "één plaats", "padlet", "wilde westen"]
        ),
        (
            "digitaal-werkdruk",
            ["uploaden", "verbeteren", "dubbel", "planlast", "uren bij", "inplannen", "te veel mails"]
        ),
        (
            "digitaal-schoolwerking",
            [
                "ict-coördinator", "helpdesk", "geïnstalleerd", "vakgroep", "deelde", "gedeelde", "digicoach",
                "personeelsvergadering",
            ]
        ),
    ]

    /// Reference code sets for every codable segment, by segment id.
    static func reference(_ doc: Document) -> [String: [String]] {
        var out: [String: [String]] = [:]
        var previous: String?
        for s in doc.segments where s.codable {
            let text = s.text.lowercased()
            let hits = keywords.enumerated().compactMap { i, kw -> (Int, Int, String)? in
                let n = kw.1.filter { text.contains($0) }.count
                return n > 0 ? (n, i, kw.0) : nil
            }.sorted { ($0.0, -$0.1) > ($1.0, -$1.1) }
            var codes = hits.prefix(3).map(\.2)
            if codes.isEmpty { codes = [previous ?? "verandering-professionalisering"] }
            previous = codes[0]
            out[s.id] = codes
        }
        return out
    }

    /// Coder 1 and coder 2 code sets for each codable segment (segment id order of `doc`).
    static func codings(_ doc: Document, codebook: Codebook, seed: UInt64) -> (
        first: [String: [String]], second: [String: [String]]
    ) {
        let ref = reference(doc)
        var rng = SplitMix64(seed: seed)
        let entries = codebook.entries.filter { $0.depth > 0 }
        func sibling(of id: String) -> String {
            guard let cat = codebook.entry(id: id)?.categoryId else { return id }
            let sibs = entries.filter { $0.categoryId == cat && $0.code.id != id }
            return sibs.isEmpty ? id : sibs[Int(rng.next() % UInt64(sibs.count))].code.id
        }
        var first: [String: [String]] = [:]
        var second: [String: [String]] = [:]
        for s in doc.segments where s.codable {
            let base = ref[s.id] ?? []
            var a = base
            var b = base
            let r = rng.nextUnit()
            if r < 0.07, a.count >= 2 {
                b.removeLast()  // coder 2 leaves out the weakest code
            } else if r < 0.14 {
                let i = Int(rng.next() % UInt64(b.count))  // coder 2 picks a neighbouring code
                b[i] = sibling(of: b[i])
            } else if r < 0.18 {
                b.append(entries[Int(rng.next() % UInt64(entries.count))].code.id)  // coder 2 adds one
            } else if r < 0.21 {
                a.append(sibling(of: a[0]))  // coder 1 adds a neighbouring code
            }
            first[s.id] = Array(Set(a)).sorted()
            second[s.id] = Array(Set(b)).sorted()
        }
        return (first, second)
    }

    /// Writes the codings of `doc` for `coder` through the store: every codable segment coded,
    /// status done, `"demo": true`. Replaces the coder's file for that document.
    static func write(
        _ codes: [String: [String]], coder: String, document doc: Document, projectRoot: URL, time: String
    ) throws {
        let store = try CodingStore(projectRoot: projectRoot, coder: coder)
        var file = CodingFile(
            coder: CoderName(coder), document: DocumentID(doc.id), contentHash: doc.contentHash,
            segmentCount: doc.segments.count)
        for s in doc.segments where s.codable {
            file = file.settingCodes(codes[s.id] ?? [], on: s, at: time)
        }
        file.status = .done
        file.demo = true
        file.memo = "Demonstration codings made by `kader demo-codings`; not real analysis."
        try store.save(file)
    }
}
