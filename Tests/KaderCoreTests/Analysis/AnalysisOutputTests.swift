import Foundation
import Testing

@testable import KaderCore

@Suite struct AnalysisOutputTests {
    @Test func matrixCountsSegmentsCodingsAndPercentages() throws {
        let dir = try AnalysisTestProject.make()
        defer { try? FileManager.default.removeItem(at: dir) }
        let corpus = try AnalysisCorpus.load(project: try Project(root: dir))
        let m = AttributeMatrix.build(corpus, units: corpus.units(), by: "schooltype")
        #expect(m.columns == ["basis", "secundair"])
        // Codable segments: A has 4 (two coders, counted once), B has 1.
        #expect(m.base == [1, 4] && m.totalBase == 5)
        let digi = try #require(m.rows.first { $0.codeId == "digitalisering" })
        #expect(digi.segments == [1, 3] && digi.codings == [1, 4] && digi.totalSegments == 4)
        let wel = try #require(m.rows.first { $0.codeId == "welbevinden" })
        // bart's welbevinden on A#2, ann's on A#4 (sub-code) and A#5.
        #expect(wel.segments == [1, 3] && wel.codings == [1, 3])
        #expect(m.columnPercent(digi, 1) == 75 && m.rowPercent(digi, 0) == 25)
        #expect(m.markdown().contains("| **Digitalisering** | 1 (1) | 3 (4) | 4 (5) |"))
    }

    @Test func cooccurrencePerCoderWithJaccardAndShares() throws {
        let dir = try AnalysisTestProject.make()
        defer { try? FileManager.default.removeItem(at: dir) }
        let corpus = try AnalysisCorpus.load(project: try Project(root: dir))
        let c = Cooccurrence.build(corpus, units: corpus.units(), level: .category, by: nil, pooled: false)
        let ann = try #require(c.groups.first { $0.coder == "ann" })
        #expect(ann.codes == ["digitalisering", "welbevinden"] && ann.counts == [4, 3] && ann.segments == 5)
        let pair = try #require(ann.pairs.first)
        #expect(pair.both == 2 && pair.jaccard == 2.0 / 5.0 && pair.shareOfA == 0.5 && pair.shareOfB == 2.0 / 3.0)
        let pooled = Cooccurrence.build(corpus, units: corpus.units(), level: .category, by: nil, pooled: true)
        // Pooled: A#2 carries ann's digitalisering and bart's welbevinden.
        #expect(pooled.groups.count == 1 && pooled.groups[0].pairs.first?.both == 3)
        let byCode = Cooccurrence.build(corpus, units: corpus.units(), level: .code, by: "schooltype", pooled: false)
        #expect(byCode.groups.map(\.label) == ["ann, basis", "ann, secundair", "bart, secundair"])
        let html = c.html(title: "t")
        #expect(html.contains("<svg class=\"chart heatmap\"") && !html.contains("<script"))
    }

    /// The JSON keys users' scripts read (snake_case, unlike the Swift names behind them).
    @Test func jsonOutputKeysAreSnakeCase() throws {
        let dir = try AnalysisTestProject.make()
        defer { try? FileManager.default.removeItem(at: dir) }
        let corpus = try AnalysisCorpus.load(project: try Project(root: dir))
        func object(_ data: Data) throws -> [String: Any] {
            try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        }
        func first(_ value: Any?) throws -> [String: Any] {
            try #require((value as? [[String: Any]])?.first)
        }
        let matrix = try object(AttributeMatrix.build(corpus, units: corpus.units(), by: "schooltype").json())
        #expect(Set(matrix.keys) == ["axis", "columns", "codable_segments", "rows"])
        #expect(Set(try first(matrix["columns"]).keys) == ["value", "codable_segments"])
        let row = try first(matrix["rows"])
        #expect(Set(row.keys) == ["code_id", "code_path", "depth", "cells", "total_segments", "total_codings"])
        #expect(Set(try first(row["cells"]).keys) == ["segments", "codings", "row_percent", "column_percent"])
        let cooccur = try object(
            Cooccurrence.build(corpus, units: corpus.units(), level: .category, by: nil, pooled: false).json())
        let pair = try first(try first(cooccur["groups"])["pairs"])
        #expect(Set(pair.keys) == ["a", "b", "both", "jaccard", "share_of_a", "share_of_b"])
        let words = try object(
            WordFrequencies.build(corpus, units: corpus.units(), by: nil, top: 5, stopWords: true).json())
        #expect(Set(words.keys) == ["columns", "words_counted", "words"])
    }

    @Test func searchFoldsAccentsMatchesWholeWordsPhrasesAndWildcards() throws {
        var scanner = WordScanner()
        let text = "Café-uitbaters, één ouder: één toestel. De LAPTOPS kwamen; laptop-kar."
        func find(_ term: String, regex: Bool = false) throws -> [String] {
            let scalars = Array(text.unicodeScalars)
            return try SearchPattern(term, regex: regex).matches(in: text, scanner: &scanner).map {
                String(String.UnicodeScalarView(scalars[$0]))
            }
        }
        #expect(try find("cafe") == ["Café"])
        #expect(try find("een") == ["één", "één"])
        #expect(try find("laptop") == ["laptop"])
        #expect(try find("laptop*") == ["LAPTOPS", "laptop"])
        #expect(try find("een toestel") == ["één toestel"])
        #expect(try find("*uit*") == ["uitbaters"])
        #expect(try find("caf\u{E9} uitbaters") == ["Café-uitbaters"])
        #expect(try find("lap.op", regex: true) == ["LAPTOP", "laptop"])
        // ASCII-only texts that lack the pattern's longest ASCII piece are skipped unscanned;
        // everything that can match still does (case, accents, ASCII or not).
        let phrase = try SearchPattern("gelijke kans*")
        #expect(phrase.requiredASCII == Array("gelijke".utf8))
        for (t, hits) in [
            ("Over GELIJKE Kansen gesproken.", 1), ("gelíjke kansen", 1), ("ongelijke kansen", 0),
            ("gelijk, kansen", 0), ("niets hier", 0), ("Gelijke kansrijk en gelijke kansen", 2),
        ] {
            #expect(phrase.matches(in: t, scanner: &scanner).count == hits, "\(t)")
        }
        #expect(phrase.cannotMatch("niets hier, alleen ascii"))
        #expect(phrase.cannotMatch("één idee… “gelijk” – ÏJ"), "accents and punctuation are projected")
        #expect(!phrase.cannotMatch("GELÍJKE"), "í folds to i")
        #expect(!phrase.cannotMatch("gel\u{301}ijke"), "a combining mark: scan")
        #expect(!phrase.cannotMatch("straße"), "ß: scan")
        #expect(!phrase.cannotMatch("de GELIJKE"))
        // The projection agrees with the scanner on every Latin-1 and General Punctuation scalar.
        for v in Array(0xA0...0xFF) + Array(0x2000...0x206F) {
            guard let u = Unicode.Scalar(v) else { continue }
            let text = "gel\(u)jke"
            let scans = !phrase.matches(in: text + " kansen", scanner: &scanner).isEmpty
            if phrase.cannotMatch(text + " kansen") { #expect(!scans, "U+\(String(v, radix: 16))") }
        }
        for x in "abcdefghijklmnopqrstuvwxyz0123456789" {
            let p = try SearchPattern("qq\(x)qq")
            for v in 0xA0...0xFF {
                guard let u = Unicode.Scalar(v) else { continue }
                let text = "qq\(u)qq"
                if p.cannotMatch(text) {
                    #expect(p.matches(in: text, scanner: &scanner).isEmpty, "\(x) against U+\(String(v, radix: 16))")
                }
            }
        }
        #expect(try SearchPattern("één").requiredASCII == Array("een".utf8))
        #expect(throws: AnalysisError.self) { try SearchPattern("*") }
        #expect(throws: AnalysisError.self) { try SearchPattern("** *") }
        #expect(try SearchPattern("werk *").requiredASCII == Array("werk".utf8))
        #expect(throws: AnalysisError.self) { try SearchPattern("((", regex: true) }
        #expect(throws: AnalysisError.self) { try SearchPattern(" -- ") }
    }

    @Test func autocodeAddsOnlyMissingCodesAndUndoRemovesExactlyThose() throws {
        let dir = try AnalysisTestProject.make()
        defer { try? FileManager.default.removeItem(at: dir) }
        let project = try Project(root: dir)
        let corpus = try AnalysisCorpus.load(project: project)
        let pattern = try SearchPattern("laptop*")
        let plan = AutoCoder.plan(corpus, pattern: pattern, filter: nil, code: "digitaal-toegang", coder: "ann")
        // A#2, A#3 (ann has the code already), B#2 (has it too); the moderator is never coded.
        #expect(plan.map(\.present) == [true, true, true])
        let bartBefore = try Data(
            contentsOf: CodingStore.fileURL(projectRoot: dir, coder: "bart", documentId: "school-a"))
        let run = try AutoCoder.apply(
            corpus,
            plan: AutoCoder.plan(corpus, pattern: pattern, filter: nil, code: "digitaal-werkdruk", coder: "ann"),
            code: "digitaal-werkdruk", coder: "ann", search: "laptop*")
        #expect(run.added.map(\.segment).count == 2)
        let after = try CodingStore.readFile(
            CodingStore.fileURL(projectRoot: dir, coder: "ann", documentId: "school-b"))
        #expect(after.codings[0].codes == ["digitaal-toegang", "digitaal-werkdruk", "welbevinden-leerlingen"])
        let undone = try AutoCoder.undo(project: project, coder: "ann")
        #expect(undone.removed == 2)
        let restored = try CodingStore.readFile(
            CodingStore.fileURL(projectRoot: dir, coder: "ann", documentId: "school-a"))
        #expect(
            restored.codings.map(\.codes) == [
                ["digitaal-toegang"], ["digitaal-toegang", "digitaal-werkdruk"],
                ["digitaal-toegang", "welbevinden-leerlingen"], ["welbevinden"],
            ])
        #expect(
            try Data(contentsOf: CodingStore.fileURL(projectRoot: dir, coder: "bart", documentId: "school-a"))
                == bartBefore)
        #expect(throws: AnalysisError.nothingToUndo(coder: "ann")) {
            try AutoCoder.undo(project: project, coder: "ann")
        }
    }

    @Test func savedQueriesAreWrittenIntoKaderYaml() throws {
        let dir = try AnalysisTestProject.make()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "# settings\nmax-segment-length: 1500\n".write(
            to: dir.appendingPathComponent("kader.yaml"), atomically: true, encoding: .utf8)
        try QuerySettings.save(name: "q1", expression: "a and role='x'", projectRoot: dir)
        try QuerySettings.save(name: "q2", expression: "b", projectRoot: dir)
        try QuerySettings.save(name: "q1", expression: "c", projectRoot: dir)
        let settings = try ProjectSettings.load(root: dir)
        #expect(settings.queries == ["q1": "c", "q2": "b"])
        #expect(
            try String(contentsOf: dir.appendingPathComponent("kader.yaml"), encoding: .utf8).hasPrefix("# settings\n"))
    }
}
