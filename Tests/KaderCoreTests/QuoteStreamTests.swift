import Foundation
import Testing

@testable import KaderCore

/// The streamed quote exports (``QuoteStream``) write exactly the bytes of the in-memory path
/// (`QuoteCollection.load` + `QuoteTable`) for every filter, in several batches.
@Suite struct QuoteStreamTests {
    /// ``ExportFixture`` plus 11 documents (more than one batch of 8) coded by three coders: quote
    /// spans, non-ASCII, commas, quotes and newlines in text and memos, a code missing from the
    /// codebook, a codings file without a transcript and one of an uncoded document.
    static func makeProject() throws -> URL {
        let root = try ExportFixture.make()
        let t = "2026-03-01T10:00:00Z"
        let codes = ["werkdruk", "digitale-kloof", "stroomlijning", "welbevinden", "niet-in-het-codeboek"]
        for i in 0..<11 {
            let text = """
                ---
                title: Gesprek \(i), "school" C
                type: \(i % 2 == 0 ? "interview" : "focusgroep")
                speakers:
                  Moderator:
                    role: moderator
                    codable: false
                  Zoë:
                    role: leerkracht
                  Kees:
                    role: ouder
                ---

                Moderator: Vraag \(i), met een komma?

                Zoë: Ze zei: "dat kan, maar niet zo" — ça va; 日本語 en 🙂 emoji.

                Kees: Eerste alinea, met "quotes".

                Tweede regel\(i) met een \\ backslash en\ttab.

                Zoë: Korte zin \(i).
                """
            try text.write(
                to: root.appendingPathComponent("Transcripts/gesprek-\(i).md"), atomically: true, encoding: .utf8)
        }
        let project = try Project(root: root)
        for (c, coder) in ["ann", "ben", "cyd"].enumerated() {
            let store = try CodingStore(projectRoot: root, coder: coder)
            for i in 0..<11 where (i + c) % 3 != 0 {
                let doc = try project.loadDocument(path: "Transcripts/gesprek-\(i).md")
                var f = try store.load(document: doc)
                for (k, seg) in doc.segments.enumerated() where k > 0 {
                    let chosen = [codes[(i + k + c) % codes.count], codes[(i + 2 * k) % codes.count]]
                    f = f.settingCodes(Array(Set(chosen)).sorted(), on: seg, at: t)
                    if (i + k) % 2 == 0 {
                        f = f.settingSpans(
                            [
                                QuoteSpan(start: seg.start, end: seg.start + 5),
                                QuoteSpan(start: seg.start + 7, end: min(seg.end, seg.start + 36)),
                                QuoteSpan(start: seg.start + 38, end: min(seg.end, seg.start + 50)),
                            ], code: CodeID(chosen[0]), on: seg, at: t)
                    }
                    if k == 2 {
                        f = f.settingMemo("Memo, met \"quotes\"\nen een nieuwe regel \(coder)", on: seg, at: t)
                    }
                    if k == 1 { f = f.settingCodeMemo("code-memo; ä \(i)", code: CodeID(chosen[0]), on: seg, at: t) }
                }
                try store.save(f)
            }
        }
        // Transcripts edited after coding: a changed segment (re-anchored, to review) and a
        // removed one (its codings become orphans, which exports leave out).
        let four = root.appendingPathComponent("Transcripts/gesprek-4.md")
        try String(contentsOf: four, encoding: .utf8).replacingOccurrences(
            of: "Korte zin 4.", with: "Korte zin 4, anders."
        )
        .write(to: four, atomically: true, encoding: .utf8)
        let five = root.appendingPathComponent("Transcripts/gesprek-5.md")
        try String(contentsOf: five, encoding: .utf8).replacingOccurrences(of: "\n\nZoë: Korte zin 5.", with: "")
            .write(to: five, atomically: true, encoding: .utf8)
        // A codings file whose transcript is gone: left out, as today.
        let orphanDoc = try project.loadDocument(path: "Transcripts/gesprek-1.md")
        let store = try CodingStore(projectRoot: root, coder: "ann")
        var orphan = try store.load(document: orphanDoc)
        orphan = orphan.settingCodes(["werkdruk"], on: orphanDoc.segments[1], at: t)
        orphan.document = "verdwenen"
        let data = try orphan.encoded()
        try data.write(to: CodingStore.fileURL(projectRoot: root, coder: "ann", documentId: "verdwenen"))
        return root
    }

    static func streamed(_ project: Project, _ filter: QuoteFilter, workers: Int, _ format: String) throws -> Data {
        var stream = try QuoteStream(project: project, filter: filter)
        stream.workers = workers
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("kader-qs-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: url) }
        let out = try ExportFileWriter(atomicTo: url)
        switch format {
        case "json": _ = try stream.writeJSON(to: out)
        case "md": _ = try stream.writeMarkdown(to: out)
        case "md-definitions": _ = try stream.writeMarkdown(to: out, definitions: true)
        case "excel": _ = try stream.writeCSV(to: out, excel: true)
        default: _ = try stream.writeCSV(to: out)
        }
        try out.commit()
        return try Data(contentsOf: url)
    }

    static func today(_ project: Project, _ filter: QuoteFilter, _ format: String) throws -> Data {
        let collection = try QuoteCollection.load(project: project, filter: filter)
        let rows = collection.rows
        switch format {
        case "json": return try QuoteTable.json(rows)
        case "md": return Data(QuoteMarkdown.render(collection).utf8)
        case "md-definitions": return Data(QuoteMarkdown.render(collection, definitions: true).utf8)
        case "excel": return try QuoteTable.csv(rows, excel: true)
        default: return try QuoteTable.csv(rows)
        }
    }

    static var filters: [QuoteFilter] {
        var all: [QuoteFilter] = [QuoteFilter()]
        var f = QuoteFilter()
        f.codes = ["digitalisering"]
        all.append(f)
        f.exactCodes = true
        all.append(f)
        f = QuoteFilter()
        f.codes = ["werkdruk", "welbevinden"]
        all.append(f)
        f = QuoteFilter()
        f.coders = ["ben", "cyd"]
        f.roles = ["Leerkracht"]
        all.append(f)
        f = QuoteFilter()
        f.documents = ["GESPREK-3", "focusgroep-school-b"]
        f.speakers = ["zoë", "Mieke"]
        all.append(f)
        f = QuoteFilter()
        f.roles = ["niemand"]
        all.append(f)
        return all
    }

    @Test func everyFormatAndFilterMatchesTheInMemoryExportByteForByte() throws {
        let root = try Self.makeProject()
        defer { try? FileManager.default.removeItem(at: root) }
        let project = try Project(root: root)
        let full = try Self.today(project, QuoteFilter(), "csv")
        #expect(full.count > 5_000)
        let text = String(decoding: full, as: UTF8.self)
        #expect(text.contains("日本語") && text.contains("\"\"quotes\"\"") && text.contains("niet-in-het-codeboek"))
        #expect(!text.contains("verdwenen"))
        #expect(text.contains(",yes\r\n"))  // a coding re-anchored to a changed segment
        let md = String(decoding: try Self.today(project, QuoteFilter(), "md"), as: UTF8.self)
        #expect(md.contains("## 5. Other codes (not in the codebook)"))
        for filter in Self.filters {
            for format in ["csv", "excel", "json", "md", "md-definitions"] {
                let expected = try Self.today(project, filter, format)
                for workers in [1, 2, 3] {
                    let got = try Self.streamed(project, filter, workers: workers, format)
                    #expect(got == expected, "\(format), \(workers) workers, filter \(filter)")
                }
            }
        }
    }

    /// Quote text is cut from the segment's slice of the text: the same bytes as the scalars
    /// `start..<end` of the whole document, for whole segments and spans in non-ASCII text.
    @Test func quoteTextIsTheScalarSliceOfTheDocument() throws {
        let root = try Self.makeProject()
        defer { try? FileManager.default.removeItem(at: root) }
        let project = try Project(root: root)
        let rows = try QuoteCollection.load(project: project).rows
        #expect(rows.contains { $0.isSpan && $0.text.unicodeScalars.contains { !$0.isASCII } })
        var checked = 0
        for path in project.transcriptPaths {
            let doc = try project.loadDocument(path: path)
            let scalars = Array(doc.text.unicodeScalars)
            for r in rows where r.document == doc.id {
                let expected = String(String.UnicodeScalarView(scalars[r.start..<r.end]))
                #expect(Array(r.text.utf8) == Array(expected.utf8), "\(r.document) \(r.start)..<\(r.end)")
                checked += 1
            }
        }
        #expect(checked == rows.count)
    }

    @Test func filterErrorsAreTheSame() throws {
        let root = try Self.makeProject()
        defer { try? FileManager.default.removeItem(at: root) }
        let project = try Project(root: root)
        var f = QuoteFilter()
        f.coders = ["consensus"]
        #expect(throws: ExportError.unknownCoder(name: "consensus", available: ["ann", "ben", "cyd"])) {
            try QuoteStream(project: project, filter: f)
        }
        f = QuoteFilter()
        f.documents = ["nope"]
        #expect(throws: ExportError.self) { try QuoteStream(project: project, filter: f) }
        f = QuoteFilter()
        f.codes = ["nope"]
        #expect(throws: ExportError.unknownCode(id: "nope")) { try Self.streamed(project, f, workers: 2, "csv") }
    }

    /// A damaged codings file in a later batch stops the export: the target keeps its old
    /// content and no temporary file is left beside it.
    @Test func aFailedExportLeavesNoPartialFile() throws {
        let root = try Self.makeProject()
        defer { try? FileManager.default.removeItem(at: root) }
        try Data("{ not json".utf8).write(
            to: CodingStore.fileURL(projectRoot: root, coder: "ben", documentId: "gesprek-9"))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kader-qs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("quotes.csv")
        try Data("old".utf8).write(to: target)
        let stream = try QuoteStream(project: try Project(root: root))
        #expect(throws: StoreError.self) {
            let out = try ExportFileWriter(atomicTo: target)
            _ = try stream.writeCSV(to: out)
            try out.commit()
        }
        #expect(try Data(contentsOf: target) == Data("old".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["quotes.csv"])
    }
}
