import Foundation
import KaderCore
import KaderTestSupport
import Testing

/// `kader export …`, `kader import qdpx`, `kader codebook export|import` through the real binary.
@Suite(.serialized, .enabled(if: Harness.binary != nil, "needs the kader binary: make test, or swift build first"))
struct ExportEndToEndTests {
    static let transcript = """
        ---
        title: Focusgroep school B
        type: focusgroep
        site: school B
        speakers:
          Moderator: {role: moderator, codable: false}
          Mieke: {role: leerkracht}
          Jüri: {role: ict-coördinator}
        ---

        [00:12:40] Moderator: Wat is er gebleven?

        [00:12:45] Mieke: Voor kinderen zonder laptop was het drama. Café-uitbaters, één ouder, vier kinderen: één toestel.

        [00:13:10] Jüri: Wij hebben één platform gekozen; dat gaf rust, "zeker" voor de ouders.
        """

    func makeProject(_ kader: URL) throws -> URL {
        let dir = try Harness.tempDir("kader-export-e2e")
        #expect(try Harness.run(kader, ["init", "--codebook", "analysekader", dir.path]).status == 0)
        try Self.transcript.write(
            to: dir.appendingPathComponent("Transcripts/focusgroep-school-b.md"), atomically: true, encoding: .utf8)
        let project = try Project(root: dir)
        let doc = try project.loadDocument(path: "Transcripts/focusgroep-school-b.md")
        for (coder, codes) in [("ann", ["digitale-kloof"]), ("ben", ["digitale-kloof", "gelijke-onderwijskansen"])] {
            let store = try CodingStore(projectRoot: dir, coder: coder)
            var f = try store.load(document: doc)
            f = f.settingCodes(codes, on: doc.segments[1], at: "2026-03-01T10:00:00Z")
            f = f.settingCodes(["stroomlijning"], on: doc.segments[2], at: "2026-03-01T10:00:00Z")
                .settingMemo("één kanaal; \"rust\"", on: doc.segments[2], at: "2026-03-01T10:00:00Z")
            try store.save(f)
        }
        return dir
    }

    @Test func quotesAndMatrixOnStdoutAndToFiles() throws {
        let kader = try #require(Harness.binary)
        let dir = try makeProject(kader)
        defer { try? FileManager.default.removeItem(at: dir) }
        // Two coders and no consensus: the export asks whose codings to take.
        let ask = try Harness.run(kader, ["export", "quotes", "--project", dir.path])
        #expect(ask.status == 1 && ask.stderr.contains("--coder NAME (repeatable) or --all-coders"), "\(ask.stderr)")
        let md = try Harness.run(kader, ["export", "quotes", "--project", dir.path, "--definitions", "--all-coders"])
        #expect(md.status == 0, "\(md.stderr)")
        #expect(md.stderr.contains("codings of ann, ben (every coder)"), "\(md.stderr)")
        #expect(
            md.stdout.contains(
                "> Voor kinderen zonder laptop was het drama. Café-uitbaters, één ouder, vier kinderen: één toestel. (leerkracht, focusgroep school B, 00:12:45)"
            ))
        #expect(md.stdout.contains("## Codebook"))
        let json = try Harness.run(
            kader,
            [
                "export", "quotes", "--project", dir.path, "--format", "json", "--coder", "ben", "--role",
                "ict-coördinator",
            ])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(rows.count == 1 && rows[0]["memo"] as? String == "één kanaal; \"rust\"")
        let out = dir.appendingPathComponent("matrix.csv")
        let matrix = try Harness.run(
            kader,
            [
                "export", "matrix", "--project", dir.path, "--by", "role", "--format", "csv", "-o", out.path,
                "--all-coders",
            ])
        #expect(matrix.status == 0 && matrix.stdout.isEmpty)
        #expect(try String(contentsOf: out, encoding: .utf8).contains("ict-coördinator segments"))
        let html = try Harness.run(
            kader, ["export", "quotes", "--project", dir.path, "--format", "html", "--all-coders"])
        #expect(html.stdout.contains("&quot;zeker&quot;"))
        let memos = try Harness.run(kader, ["export", "memos", "--project", dir.path, "--format", "json"])
        let memoRows = try #require(try JSONSerialization.jsonObject(with: Data(memos.stdout.utf8)) as? [[String: Any]])
        #expect(
            memos.status == 0
                && memoRows.contains {
                    $0["memo"] as? String == "één kanaal; \"rust\"" && $0["coder"] as? String == "ben"
                })
        let bad = try Harness.run(kader, ["export", "quotes", "--project", dir.path, "--code", "nope", "--all-coders"])
        #expect(bad.status == 1 && bad.stderr == "kader: there is no code with id \"nope\" in the codebook.\n")
    }

    @Test(.enabled(if: Tools.soffice != nil, "needs LibreOffice (soffice)"))
    func csvOpensInLibreOfficeWithAccentsIntact() throws {
        let kader = try #require(Harness.binary)
        let soffice = try #require(Tools.soffice)
        let dir = try makeProject(kader)
        defer { try? FileManager.default.removeItem(at: dir) }
        for (name, args, filter) in [
            ("plain.csv", [String](), "CSV:44,34,76,1"), ("excel.csv", ["--excel"], "CSV:59,34,76,1"),
        ] {
            let csv = dir.appendingPathComponent(name)
            let r = try Harness.run(
                kader,
                ["export", "quotes", "--project", dir.path, "--format", "csv", "-o", csv.path, "--all-coders"] + args)
            #expect(r.status == 0, "\(r.stderr)")
            let profile = "file://" + dir.appendingPathComponent("lo-profile").path
            let conv = try Harness.run(
                soffice,
                [
                    "-env:UserInstallation=\(profile)", "--headless", "--infilter=\(filter)", "--convert-to", "html",
                    "--outdir", dir.path, csv.path,
                ], timeout: 120)
            #expect(conv.status == 0, "soffice failed: \(conv.stderr)")
            let html = try String(
                contentsOf: dir.appendingPathComponent(name.replacingOccurrences(of: ".csv", with: ".html")),
                encoding: .utf8)
            #expect(html.contains("Café-uitbaters, één ouder"), "\(name): accents lost")
            #expect(html.contains("ict-coördinator"))
            #expect(html.contains("één kanaal; &quot;rust&quot;") || html.contains("één kanaal; \"rust\""))
            #expect(!html.contains("Ã"), "\(name): mojibake")
            // 16 columns: the header cell of the last column is its own cell.
            #expect(html.contains(">text<") || html.contains(">text</"))
        }
    }

    @Test func qdpxRoundTripAndCodebookExchangeThroughTheCLI() throws {
        let kader = try #require(Harness.binary)
        let dir = try makeProject(kader)
        defer { try? FileManager.default.removeItem(at: dir) }
        let archive = dir.appendingPathComponent("p.qdpx")
        let exp = try Harness.run(kader, ["export", "qdpx", "--project", dir.path, "-o", archive.path])
        #expect(exp.status == 0 && exp.stdout.contains("2 coders (ann, ben)"), "\(exp.stderr)")
        let target = dir.appendingPathComponent("imported")
        let imp = try Harness.run(kader, ["import", "qdpx", archive.path, "--project", target.path])
        #expect(imp.status == 0, "\(imp.stderr)")
        #expect(imp.stdout.contains("Created the project") && imp.stdout.contains("ann 2, ben 2"))
        let doc = try Project(root: target).loadDocument(path: "Transcripts/focusgroep-school-b.txt")
        let ben = try CodingStore.read(projectRoot: target, coder: "ben", document: doc)
        #expect(ben.codings.count == 2 && ben.codings[1].memo == "één kanaal; \"rust\"")

        let qdc = dir.appendingPathComponent("book.qdc")
        #expect(try Harness.run(kader, ["codebook", "export", "--project", dir.path, "-o", qdc.path]).status == 0)
        #expect(try String(contentsOf: qdc, encoding: .utf8).contains("xmlns=\"urn:QDA-XML:codebook:1.0\""))
        let md = try Harness.run(kader, ["codebook", "export", "--project", dir.path, "--format", "md"])
        #expect(md.stdout.hasPrefix("# Codebook: Analysekader"))
        let yaml = try Harness.run(kader, ["codebook", "export", "--project", dir.path, "--format", "yaml"])
        #expect(yaml.stdout.contains("id: digitale-kloof"))
        let same = try Harness.run(kader, ["codebook", "import", qdc.path, "--project", dir.path])
        #expect(same.status == 0 && same.stdout.contains("nothing changed"))

        let garbage = dir.appendingPathComponent("garbage.qdpx")
        try Data("not a zip at all".utf8).write(to: garbage)
        let empty = dir.appendingPathComponent("empty")
        let bad = try Harness.run(kader, ["import", "qdpx", garbage.path, "--project", empty.path])
        #expect(
            bad.status == 1 && bad.stderr.hasPrefix("kader: ") && bad.stderr.contains("nothing was imported")
                && bad.stderr.split(separator: "\n").count == 1)
        #expect(!FileManager.default.fileExists(atPath: empty.path))
    }
}
