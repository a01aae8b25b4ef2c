import Foundation
import KaderCore
import Testing

/// `kader agree` and `kader alpha` through the real binary, checked against hand-computed values.
@Suite(.enabled(if: Harness.binary != nil, "needs the kader binary: make test, or swift build first"))
struct AgreeEndToEndTests {
    static let codebook = """
        name: Test
        version: 1
        codes:
          - id: cat
            name: Cat
            shortcut: "1"
            children:
              - id: x
                name: X
                shortcut: a
              - id: y
                name: Y
                shortcut: b
        """

    static func transcript(_ lines: [String]) -> String {
        "---\ntitle: T\ntype: focusgroep\nspeakers:\n  Moderator:\n    role: moderator\n    codable: false\n  Els:\n    role: leerkracht\n---\n\n"
            + "Moderator: Vraag?\n\n" + lines.map { "Els: \($0)\n\n" }.joined()
    }

    /// Codes `sets[i]` onto the i-th codable segment of `doc` for `coder`, with `status`.
    static func code(
        _ root: URL, _ project: Project, doc id: String, coder: String, _ sets: [[String]], status: CodingStatus
    ) throws {
        let path = project.transcriptPaths[try #require(project.documentIds.firstIndex(of: id))]
        let doc = try project.loadDocument(path: path)
        let store = try CodingStore(projectRoot: root, coder: coder)
        var file = try store.load(document: doc)
        for (s, codes) in zip(doc.segments.filter(\.codable), sets) {
            file = file.settingCodes(codes, on: s, at: "2026-01-01T00:00:00Z")
        }
        file.status = status
        try store.save(file)
    }

    /// Three coders A, B, C.
    /// doc1 (4 segments, all three done): s1 A{x} B{x} C{x}; s2 A{x} B{x} C{}; s3 all {}; s4 A{y} B{x} C{y}.
    /// doc2 (2 segments; A and B done, C only in progress, so C is missing): t1 A{x} B{x} (C{x} ignored);
    ///   t2 A{} B{y} (C{} ignored).
    /// doc3 (1 segment): only A done, so it is not counted.
    static func makeProject() throws -> URL {
        let root = try Harness.tempDir("kader-agree")
        for sub in ["Transcripts", "Codebooks", "Codings"] {
            try FileManager.default.createDirectory(
                at: root.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        try codebook.write(to: root.appendingPathComponent("Codebooks/test.yaml"), atomically: true, encoding: .utf8)
        try transcript(["één", "twee", "drie", "vier"]).write(
            to: root.appendingPathComponent("Transcripts/doc1.md"), atomically: true, encoding: .utf8)
        try transcript(["vijf", "zes"]).write(
            to: root.appendingPathComponent("Transcripts/doc2.md"), atomically: true, encoding: .utf8)
        try transcript(["zeven"]).write(
            to: root.appendingPathComponent("Transcripts/doc3.md"), atomically: true, encoding: .utf8)
        let p = try Project(root: root)
        try code(root, p, doc: "doc1", coder: "A", [["x"], ["x"], [], ["y"]], status: .done)
        try code(root, p, doc: "doc1", coder: "B", [["x"], ["x"], [], ["x"]], status: .done)
        try code(root, p, doc: "doc1", coder: "C", [["x"], [], [], ["y"]], status: .done)
        try code(root, p, doc: "doc2", coder: "A", [["x"], []], status: .done)
        try code(root, p, doc: "doc2", coder: "B", [["x"], ["y"]], status: .done)
        try code(root, p, doc: "doc2", coder: "C", [["x"], []], status: .inProgress)
        try code(root, p, doc: "doc3", coder: "A", [["x"]], status: .done)
        return root
    }

    static func value(_ row: [String: Any], _ key: String) -> Double? {
        (row[key] as? [String: Any])?["value"] as? Double
    }
    static func row(_ rows: Any?, _ id: String) -> [String: Any] {
        ((rows as? [[String: Any]]) ?? []).first { $0["id"] as? String == id } ?? [:]
    }

    @Test func agreeJSONMatchesHandComputedFigures() throws {
        let kader = try #require(Harness.binary)
        let root = try Self.makeProject()
        defer { try? FileManager.default.removeItem(at: root) }
        let r = try Harness.run(
            kader, ["agree", "--project", root.path, "--coders", "A,B,C", "--format", "json", "--by", "document"])
        #expect(r.status == 0, "agree failed: \(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(json["units"] as? Int == 6)  // doc1 4 + doc2 2; doc3 has only A
        let overall = try #require(json["overall"] as? [String: Any])

        // Code x over 6 units, C missing on doc2. Coincidences: o11 = 3+1+2 = 6, o00 = 3+1+2 = 6,
        // o10 = o01 = 2; n = 16. D_o = 4/16, D_e = 2·8·8/(16·15) = 8/15, α = 1 − (1/4)/(8/15) = 17/32.
        let x = Self.row(overall["perCode"], "x")
        #expect(x["n"] as? Int == 6)
        #expect(abs(Self.value(x, "alpha")! - 17.0 / 32) < 1e-9)
        #expect(abs(x["observedDisagreement"] as! Double - 0.25) < 1e-9)
        #expect(abs(x["expectedDisagreement"] as! Double - 8.0 / 15) < 1e-9)
        // Pairwise % agreement: units 1, 1/3, 1, 1/3, 1, 1 → 14/3 / 6 = 7/9.
        #expect(abs(Self.value(x, "percentAgreement")! - 7.0 / 9) < 1e-9)
        // Fleiss needs equal raters per unit (3 on doc1, 2 on doc2): not computable, with a reason.
        let fleiss = try #require(x["fleissKappa"] as? [String: Any])
        #expect(fleiss["value"] == nil && (fleiss["reason"] as? String ?? "").contains("same number of ratings"))
        #expect((x["appliedByCoder"] as? [String: Int]) == ["A": 3, "B": 4, "C": 1])

        // Category cat (x, y or cat): o11 = 3+1+3+2 = 9, o00 = 3, o10 = o01 = 2; n1 = 11, n0 = 5.
        // D_e = 2·11·5/(16·15) = 11/24, α = 1 − (1/4)/(11/24) = 5/11.
        let cat = Self.row(overall["perCategory"], "cat")
        #expect(abs(Self.value(cat, "alpha")! - 5.0 / 11) < 1e-9)

        // Pooled over codes cat, x, y: o00 = 16 + 6 + 11 = 33, o11 = 6 + 0 + 1 = 7, o10 = o01 = 4, n = 48.
        // α = 1 − (47 · 8) / (2 · 11 · 37) = 219/407.
        let pooled = try #require(overall["pooled"] as? [String: Any])
        #expect(abs(Self.value(pooled, "alpha")! - 219.0 / 407) < 1e-9)

        // doc1 alone (3 coders on every unit): o11 = 4, o00 = 4, o10 = o01 = 2, n = 12,
        // α = 1 − (1/3)/(6/11) = 7/18; p_a = 2/3, p_e = 1/2 for Fleiss, AC1 and Brennan–Prediger → 1/3.
        let groups = try #require(json["groups"] as? [[String: Any]])
        let doc1 = try #require(groups.first { $0["label"] as? String == "doc1" })
        let x1 = Self.row(doc1["perCode"], "x")
        #expect(abs(Self.value(x1, "alpha")! - 7.0 / 18) < 1e-9)
        #expect(abs(Self.value(x1, "fleissKappa")! - 1.0 / 3) < 1e-9)
        #expect(abs(Self.value(x1, "ac1")! - 1.0 / 3) < 1e-9)
        #expect(abs(Self.value(x1, "brennanPrediger")! - 1.0 / 3) < 1e-9)
        #expect(x1["verdict"] as? String == "unreliable")

        let docs = try #require(json["documents"] as? [[String: Any]])
        #expect(docs.first { $0["id"] as? String == "doc3" }?["units"] as? Int == 0)
        #expect(
            (docs.first { $0["id"] as? String == "doc2" }?["counted"] as? [String: Bool]) == [
                "A": true, "B": true, "C": false,
            ])
    }

    @Test func agreeTableFlagsAndListsDisagreements() throws {
        let kader = try #require(Harness.binary)
        let root = try Self.makeProject()
        defer { try? FileManager.default.removeItem(at: root) }
        let r = try Harness.run(kader, ["agree", "--project", root.path, "--coders", "A,B", "--disagreements"])
        #expect(r.status == 0, "agree failed: \(r.stderr)")
        #expect(r.stdout.contains("Cohen κ"))
        #expect(r.stdout.contains("unreliable") || r.stdout.contains("tentative"))
        #expect(r.stdout.contains("doc1 #5 Els"))  // s4: A{y} B{x}
        #expect(r.stdout.contains("Krippendorff 2011"))
        let bad = try Harness.run(kader, ["agree", "--project", root.path, "--coders", "A,nobody"])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("no codings for coder \"nobody\""))
    }

    @Test func alphaOnKrippendorff2011Data() throws {
        let kader = try #require(Harness.binary)
        let dir = try Harness.tempDir("kader-alpha")
        defer { try? FileManager.default.removeItem(at: dir) }
        // KA-1 (docs/statistics.md §3): 4 coders × 12 units, blank = missing.
        let csv = """
            coder,u1,u2,u3,u4,u5,u6,u7,u8,u9,u10,u11,u12
            A,1,2,3,3,2,1,4,1,2,,,
            B,1,2,3,3,2,2,4,1,2,5,,3
            C,,3,3,3,2,3,4,2,2,5,1,
            D,1,2,3,3,2,4,4,1,2,5,1,
            """
        let file = dir.appendingPathComponent("ka1.csv")
        try csv.write(to: file, atomically: true, encoding: .utf8)
        for (metric, alpha) in [
            ("nominal", "0.743421"), ("ordinal", "0.815388"), ("interval", "0.849107"), ("ratio", "0.797403"),
        ] {
            let r = try Harness.run(kader, ["alpha", file.path, "--metric", metric])
            #expect(r.status == 0, "\(metric): \(r.stderr)")
            #expect(r.stdout.contains("α      = \(alpha)"), "\(metric): \(r.stdout)")
            #expect(r.stdout.contains("n      = 40 pairable values"))
            #expect(r.stdout.contains("units  = 12 (11 pairable"))
        }
        let nominal = try Harness.run(kader, ["alpha", file.path])
        #expect(nominal.stdout.contains("D_o    = 0.200000") && nominal.stdout.contains("D_e    = 0.779487"))
        #expect(nominal.stdout.contains("95% CI = ["))
        // Transposed: units as rows.
        let t =
            "unit,A,B,C,D\n"
            + (0..<12).map { u in
                "u\(u + 1),"
                    + [
                        ["1", "2", "3", "3", "2", "1", "4", "1", "2", "", "", ""],
                        ["1", "2", "3", "3", "2", "2", "4", "1", "2", "5", "", "3"],
                        ["", "3", "3", "3", "2", "3", "4", "2", "2", "5", "1", ""],
                        ["1", "2", "3", "3", "2", "4", "4", "1", "2", "5", "1", ""],
                    ]
                    .map { $0[u] }.joined(separator: ",")
            }.joined(separator: "\n")
        let tf = dir.appendingPathComponent("ka1-t.csv")
        try t.write(to: tf, atomically: true, encoding: .utf8)
        #expect(try Harness.run(kader, ["alpha", tf.path, "--transpose"]).stdout.contains("α      = 0.743421"))
        // Bad files: one clear line on stderr, exit 1.
        let bad = dir.appendingPathComponent("bad.csv")
        try "coder,u1\nA,1\nB,x\n".write(to: bad, atomically: true, encoding: .utf8)
        let r = try Harness.run(kader, ["alpha", bad.path, "--metric", "interval"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("that is not a number: \"x\" for coder B, unit u1"))
        #expect(r.stderr.split(separator: "\n").count == 1)
        let missing = try Harness.run(kader, ["alpha", dir.appendingPathComponent("none.csv").path])
        #expect(missing.status == 1 && missing.stderr.contains("cannot be read"))
    }
}
