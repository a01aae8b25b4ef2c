import Foundation
import KaderCore
import Testing

/// The analysis commands on a copy of the sample project with a `schooltype` attribute, checked
/// against counts computed here from `kader export quotes --format json`.
@Suite(.serialized) struct AnalysisEndToEndTests {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let schooltype = [
        "focusgroep-school-a": "secundair", "focusgroep-school-b": "basis", "interview-expert-1": "hoger",
        "interview-expert-2": "hoger",
    ]

    /// The sample project in a temp folder, `schooltype` added to each transcript's front matter,
    /// and coder `ann` given codings in every document with `kader autocode`.
    func makeProject(_ kader: URL) throws -> URL {
        let dir = try Harness.tempDir("kader-analysis-e2e")
        for sub in ["Transcripts", "Codebooks", "Codings"] {
            try FileManager.default.copyItem(
                at: Self.repo.appendingPathComponent(sub), to: dir.appendingPathComponent(sub))
        }
        for (id, value) in Self.schooltype {
            let url = dir.appendingPathComponent("Transcripts/\(id).md")
            let text = try String(contentsOf: url, encoding: .utf8)
            try text.replacingOccurrences(of: "\ntype: ", with: "\nschooltype: \(value)\ntype: ").write(
                to: url, atomically: true, encoding: .utf8)
        }
        for (term, code) in [
            ("laptop*", "digitaal-toegang"), ("welbevinden", "welbevinden-leerkrachten"),
            ("ouders", "kansen-ouderbetrokkenheid"), ("smartschool", "digitaal-stroomlijning"),
        ] {
            let r = try Harness.run(
                kader, ["autocode", "--project", dir.path, "--search", term, "--code", code, "--coder", "ann"])
            #expect(r.status == 0, "\(r.stderr)")
        }
        return dir
    }

    struct Row {
        var document: String
        var segment: String
        var coder: String
        var code: String
        var category: String
        var role: String
    }

    func quotes(_ kader: URL, _ dir: URL) throws -> [Row] {
        let r = try Harness.run(kader, ["export", "quotes", "--project", dir.path, "--format", "json", "--all-coders"])
        #expect(r.status == 0, "\(r.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        return try rows.map {
            Row(
                document: try #require($0["document"] as? String), segment: try #require($0["segment_id"] as? String),
                coder: try #require($0["coder"] as? String),
                code: try #require($0["code_id"] as? String), category: try #require($0["category_id"] as? String),
                role: $0["role"] as? String ?? "")
        }
        .filter { !["moderator", "interviewer"].contains($0.role) }
    }

    func json(_ kader: URL, _ args: [String]) throws -> Any {
        let r = try Harness.run(kader, args)
        #expect(r.status == 0, "\(r.stderr)")
        return try JSONSerialization.jsonObject(with: Data(r.stdout.utf8))
    }

    @Test(.enabled(if: Harness.binary != nil)) func matrixCooccurAndSavedQueryAgreeWithTheQuotes() throws {
        let kader = try #require(Harness.binary)
        let dir = try makeProject(kader)
        defer { try? FileManager.default.removeItem(at: dir) }
        let rows = try quotes(kader, dir)
        #expect(Set(rows.map(\.document)).count == 4)

        // export matrix --by schooltype: category rows, segments and codings per value.
        let matrix = try #require(
            try json(kader, ["export", "matrix", "--project", dir.path, "--by", "schooltype", "--format", "json"])
                as? [String: Any])
        let columns = (matrix["columns"] as! [[String: Any]]).map { $0["value"] as! String }
        #expect(columns == ["basis", "hoger", "secundair"])
        var checked = 0
        for row in matrix["rows"] as! [[String: Any]] where row["depth"] as! Int == 0 {
            let category = row["code_id"] as! String
            let cells = row["cells"] as! [[String: Any]]
            for (c, value) in columns.enumerated() {
                let hits = rows.filter { $0.category == category && Self.schooltype[$0.document] == value }
                let segments = Set(hits.map { $0.document + "/" + $0.segment }).count
                let codings = Set(hits.map { [$0.document, $0.segment, $0.coder, $0.code].joined(separator: "/") })
                    .count
                #expect(cells[c]["segments"] as? Int == segments, "\(category) \(value)")
                #expect(cells[c]["codings"] as? Int == codings, "\(category) \(value)")
                checked += segments
            }
        }
        #expect(checked > 20)

        // cooccur --level category for ann: pairs of categories on one segment.
        let co = try #require(
            try json(
                kader, ["cooccur", "--project", dir.path, "--coder", "ann", "--level", "category", "--format", "json"])
                as? [String: Any])
        let group = try #require((co["groups"] as! [[String: Any]]).first)
        var perSegment: [String: Set<String>] = [:]
        for r in rows where r.coder == "ann" {
            perSegment[r.document + "/" + r.segment, default: []].insert(r.category)
        }
        var expected: [String: Int] = [:]
        for (_, cats) in perSegment {
            for a in cats { for b in cats where a < b { expected[a + "+" + b, default: 0] += 1 } }
        }
        var got: [String: Int] = [:]
        for p in group["pairs"] as! [[String: Any]] {
            let a = p["a"] as! String
            let b = p["b"] as! String
            got[min(a, b) + "+" + max(a, b)] = p["both"] as? Int
        }
        #expect(got == expected)
        #expect(!expected.isEmpty)
        for c in group["codes"] as! [[String: Any]] {
            #expect(c["segments"] as? Int == perSegment.values.filter { $0.contains(c["id"] as! String) }.count)
        }

        // A saved query, run by name.
        let save = try Harness.run(
            kader,
            [
                "query", "--project", dir.path, "--save", "digi-welzijn",
                "digitalisering and welbevinden and schooltype!=basis", "--segments", "--format", "json",
            ])
        #expect(save.status == 0, "\(save.stderr)")
        #expect(
            try String(contentsOf: dir.appendingPathComponent("kader.yaml"), encoding: .utf8).contains(
                "digi-welzijn: 'digitalisering and welbevinden and schooltype!=basis'"))
        let found = try #require(
            try json(kader, ["query", "--project", dir.path, "digi-welzijn", "--segments", "--format", "json"])
                as? [[String: String]])
        var units: [String: Set<String>] = [:]
        for r in rows {
            units[[r.document, r.segment, r.coder].joined(separator: "/"), default: []].insert(r.category)
        }
        let want = Set(
            units.filter { key, cats in
                cats.contains("digitalisering") && cats.contains("welbevinden")
                    && Self.schooltype[String(key.split(separator: "/")[0])] != "basis"
            }.keys)
        #expect(Set(found.map { [$0["document"]!, $0["segment_id"]!, $0["coder"]!].joined(separator: "/") }) == want)
        #expect(!want.isEmpty)

        // The quotes of the query: only codes of the two categories, only matching units.
        let q = try #require(
            try json(kader, ["query", "--project", dir.path, "digi-welzijn", "--format", "json"]) as? [[String: Any]])
        #expect(Set(q.map { $0["category_id"] as! String }) == ["digitalisering", "welbevinden"])
        #expect(
            Set(
                q.map {
                    [$0["document"] as! String, $0["segment_id"] as! String, $0["coder"] as! String].joined(
                        separator: "/")
                }) == want)
    }

    @Test(.enabled(if: Harness.binary != nil)) func searchWhereFilterAndBadInput() throws {
        let kader = try #require(Harness.binary)
        let dir = try makeProject(kader)
        defer { try? FileManager.default.removeItem(at: dir) }
        let s = try Harness.run(kader, ["search", "--project", dir.path, "smartschool", "--format", "csv"])
        #expect(s.status == 0 && s.stdout.contains("Smartschool"))
        let hoger = try Harness.run(
            kader, ["search", "--project", dir.path, "laptop*", "--where", "schooltype=hoger", "--format", "json"])
        let hits = try #require(try JSONSerialization.jsonObject(with: Data(hoger.stdout.utf8)) as? [[String: String]])
        #expect(!hits.isEmpty && hits.allSatisfy { $0["document"]!.hasPrefix("interview-expert") })
        let quotes = try Harness.run(
            kader,
            [
                "export", "quotes", "--project", dir.path, "--where", "schooltype=basis and role=leerkracht",
                "--format", "json", "--all-coders",
            ])
        let qrows = try #require(try JSONSerialization.jsonObject(with: Data(quotes.stdout.utf8)) as? [[String: Any]])
        #expect(
            !qrows.isEmpty
                && qrows.allSatisfy {
                    $0["document"] as? String == "focusgroep-school-b" && $0["role"] as? String == "leerkracht"
                })
        let bad = try Harness.run(kader, ["query", "--project", dir.path, "digitalisering and (welbevinden"])
        #expect(bad.status == 1 && bad.stderr.contains("cannot be read at character"))
        let unknown = try Harness.run(kader, ["export", "matrix", "--project", dir.path, "--by", "regio"])
        #expect(unknown.status == 1 && unknown.stderr.contains("no attribute \"regio\""))
        let undo = try Harness.run(kader, ["autocode", "--project", dir.path, "--undo", "--coder", "ann"])
        #expect(undo.status == 0 && undo.stdout.contains("smartschool"))
    }

    @Test(.enabled(if: Harness.binary != nil)) func autocodeRefusedByTheLockListsNothingAsCoded() throws {
        let kader = try #require(Harness.binary)
        let dir = try Harness.tempDir("kader-autocode-lock")
        defer { try? FileManager.default.removeItem(at: dir) }
        for sub in ["Transcripts", "Codebooks"] {
            try FileManager.default.copyItem(
                at: Self.repo.appendingPathComponent(sub), to: dir.appendingPathComponent(sub))
        }
        // Another Kader (here: this process) is coding as ann.
        let holder = try CodingStore(projectRoot: dir, coder: "ann")
        let r = try Harness.run(
            kader,
            ["autocode", "--project", dir.path, "--search", "tablet*", "--code", "digitaal-toegang", "--coder", "ann"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("already coding"))
        #expect(!r.stdout.contains("coded"), "nothing was coded: \(r.stdout)")
        #expect(CodingStore.documentIds(projectRoot: dir, coder: "ann").isEmpty)
        _ = holder
    }
}
