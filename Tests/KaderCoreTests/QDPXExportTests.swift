import Foundation
import Testing

@testable import KaderCore

/// The exported .qdpx against the REFI-QDA project standard (QDA-XML 1.0), and the round trip.
@Suite struct QDPXExportTests {
    static let date = Date(timeIntervalSince1970: 1_780_000_000)

    func export(_ root: URL) throws -> URL {
        let url = root.appendingPathComponent("out.qdpx")
        _ = try QDPXExporter.export(project: try Project(root: root), to: url, date: Self.date)
        return url
    }

    /// Child element names of `node` must follow `order` (each known name at most where it belongs).
    func expectOrder(_ node: XMLElementNode, _ order: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        let idx = node.children.map { order.firstIndex(of: $0.name) ?? -1 }
        #expect(
            !idx.contains(-1), "unexpected child of <\(node.name)>: \(node.children.map(\.name))",
            sourceLocation: sourceLocation)
        #expect(
            idx == idx.sorted(), "children of <\(node.name)> out of order: \(node.children.map(\.name))",
            sourceLocation: sourceLocation)
    }

    @Test func structureOrderAndRequiredAttributesFollowTheStandard() throws {
        let root = try ExportFixture.make()
        defer { try? FileManager.default.removeItem(at: root) }
        let reader = try QDPXArchiveReader(url: try export(root))
        #expect(reader.names.contains("project.qde"))
        let xml = try XMLTree.parse(try reader.data("project.qde"), path: "project.qde")
        #expect(xml.name == "Project" && xml.namespace == QDAProjectXML.namespace)
        #expect(xml["name"] != nil)
        expectOrder(xml, QDAProjectXML.childOrder)
        var guids: [String] = []
        let users = try #require(xml.first("Users")).all("User")
        #expect(users.compactMap { $0["name"] } == ["ann", "ben"])
        let userGUIDs = Set(users.compactMap { $0["guid"] })
        guids += userGUIDs
        var codeGUIDs: Set<String> = []
        func checkCode(_ c: XMLElementNode) {
            #expect(
                c["guid"].map(StableGUID.isValid) == true && c["name"] != nil
                    && ["true", "false"].contains(c["isCodable"] ?? ""))
            if let color = c["color"] { #expect(color.count == 7 && color.hasPrefix("#")) }
            expectOrder(c, ["Description", "NoteRef", "Code"])
            codeGUIDs.insert(c["guid"] ?? "")
            guids.append(c["guid"] ?? "")
            c.all("Code").forEach(checkCode)
        }
        let codes = try #require(xml.first("CodeBook")?.first("Codes"))
        codes.all("Code").forEach(checkCode)
        #expect(codes.all("Code").count == 4 && codeGUIDs.count == 11)
        #expect(codes.all("Code")[3].all("Code").first?.first("Description") != nil)
        let noteGUIDs = Set((xml.first("Notes")?.all("Note") ?? []).compactMap { $0["guid"] })
        // Three memos and Kader's settings note.
        #expect(noteGUIDs.count == 4 && noteGUIDs.contains(KaderProjectNote.guid))
        guids += noteGUIDs
        let sources = try #require(xml.first("Sources")).all("TextSource")
        #expect(sources.count == 2)
        let project = try Project(root: root)
        var selections = 0
        for s in sources {
            let guid = try #require(s["guid"])
            guids.append(guid)
            #expect(s["plainTextPath"] == "internal://\(guid).txt")
            #expect(s.first("PlainTextContent") == nil)
            expectOrder(
                s, ["Description", "PlainTextContent", "PlainTextSelection", "Coding", "NoteRef", "VariableValue"])
            let doc = try project.loadDocument(path: "Transcripts/\(try #require(s["name"])).md")
            let text = String(decoding: try reader.data("sources/\(guid).txt"), as: UTF8.self)
            #expect(text == doc.text)
            let scalars = Array(text.unicodeScalars)
            for sel in s.all("PlainTextSelection") {
                selections += 1
                guids.append(sel["guid"] ?? "")
                let a = try #require(sel["startPosition"].flatMap { Int($0) })
                let b = try #require(sel["endPosition"].flatMap { Int($0) })
                #expect(0 <= a && a < b && b <= scalars.count)
                #expect(userGUIDs.contains(sel["creatingUser"] ?? ""))
                expectOrder(sel, ["Description", "Coding", "NoteRef"])
                for c in sel.all("Coding") {
                    guids.append(c["guid"] ?? "")
                    #expect(userGUIDs.contains(c["creatingUser"] ?? ""))
                    #expect(c.all("CodeRef").count == 1 && codeGUIDs.contains(c.first("CodeRef")?["targetGUID"] ?? ""))
                }
                for n in sel.all("NoteRef") { #expect(noteGUIDs.contains(n["targetGUID"] ?? "")) }
                // Ann's quote for digitale-kloof alone (her segment memo is a selection of its own).
                if b - a == 42 {
                    #expect(
                        String(String.UnicodeScalarView(scalars[a..<b])) == "Voor kinderen zonder laptop was het drama."
                    )
                }
            }
        }
        #expect(selections == 8)
        #expect(guids.allSatisfy(StableGUID.isValid))
        #expect(Set(guids).count == guids.count, "GUIDs are not unique")
    }

    @Test func exportToAMissingFolderSaysTheArchiveCannotBeWritten() throws {
        let root = try ExportFixture.make()
        defer { try? FileManager.default.removeItem(at: root) }
        let url = root.appendingPathComponent("no-such-folder/out.qdpx")
        #expect {
            _ = try QDPXExporter.export(project: try Project(root: root), to: url, date: Self.date)
        } throws: { error in
            "\(error.localizedDescription)".contains("cannot write the archive")
        }
        #expect(!FileManager.default.fileExists(atPath: url.deletingLastPathComponent().path))
    }

    @Test func guidsAndBytesAreStableAcrossExports() throws {
        let root = try ExportFixture.make()
        defer { try? FileManager.default.removeItem(at: root) }
        let first = try QDPXArchiveReader(url: try export(root)).data("project.qde")
        let second = try QDPXArchiveReader(url: try export(root)).data("project.qde")
        #expect(first == second)
        #expect(StableGUID.code("werkdruk") == StableGUID.make("code", "werkdruk"))
        #expect(StableGUID.isValid(StableGUID.user("ann")) && StableGUID.user("ann") != StableGUID.user("ben"))
    }

    @Test func reimportGivesIdenticalCodingsForEveryCoder() throws {
        let root = try ExportFixture.make()
        defer { try? FileManager.default.removeItem(at: root) }
        let archive = try export(root)
        let copy = try ExportFixture.make(codings: false)
        defer { try? FileManager.default.removeItem(at: copy) }
        let report = try QDPXImporter.importArchive(archive, into: copy)
        #expect(report.documentsMatched.sorted() == ["focusgroep-school-b", "interview-expert"])
        #expect(report.documentsAdded.isEmpty && report.unmatched.isEmpty && report.codesAdded.isEmpty)
        #expect(try ExportFixture.codings(copy) == ExportFixture.codings(root))
        let memo = try CodingStore.read(
            projectRoot: copy, coder: "ann",
            document: try Project(root: copy).loadDocument(path: "Transcripts/focusgroep-school-b.md")
        ).memo
        #expect(memo == "Document memo van ann.")
        // Importing the same archive again changes nothing.
        _ = try QDPXImporter.importArchive(archive, into: copy)
        #expect(try ExportFixture.codings(copy) == ExportFixture.codings(root))
    }

    @Test func importIntoAnEmptyFolderCreatesTheProject() throws {
        let root = try ExportFixture.make()
        defer { try? FileManager.default.removeItem(at: root) }
        let archive = try export(root)
        let fresh = FileManager.default.temporaryDirectory.appendingPathComponent(
            "kader-fresh-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: fresh) }
        let report = try QDPXImporter.importArchive(archive, into: fresh)
        #expect(report.createdProject && report.codebookCreated)
        #expect(report.documentsAdded.sorted() == ["focusgroep-school-b", "interview-expert"])
        let project = try Project(root: fresh)
        #expect(
            project.codebook.entries.map(\.pathString) == (try Project(root: root)).codebook.entries.map(\.pathString))
        #expect(project.codebook.entry(id: "digitale-kloof")?.code.description != nil)
        // Same documents and segments; codings equal once code ids are compared by path.
        let old = try ExportFixture.codings(root)
        let new = try ExportFixture.codings(fresh)
        #expect(Set(old.keys) == Set(new.keys))
        let oldPaths = try Project(root: root).codebook
        let newPaths = project.codebook
        for (key, codings) in old {
            // Per segment: the segment memo, then per code (by path) its spans and memo.
            func shape(_ list: [SegmentCoding], _ book: Codebook) -> [String] {
                list.map { c in
                    let codes = c.applied.map { a in
                        "\(book.entry(id: a.code)?.pathString ?? a.code)=\(a.spans.map { "\($0.start)-\($0.end):\($0.text ?? "")" })|\(a.memo ?? "")"
                    }.sorted()
                    return "\(c.segment) \(c.memo ?? "") \(codes)"
                }
            }
            #expect(shape(codings, oldPaths) == shape(new[key] ?? [], newPaths))
        }
    }

    @Test func codebookQDCRoundTripsDefinitions() throws {
        let root = try ExportFixture.make(codings: false)
        defer { try? FileManager.default.removeItem(at: root) }
        let book = try Project(root: root).codebook
        var edited = book
        edited.codes[3].children[0].inclusion = "Geen laptop, geen wifi."
        edited.codes[3].children[0].exclusion = "Vaardigheden: zie digitale-vaardigheden."
        let qdc = QDACodebookXML.writeQDC(edited, origin: "test")
        #expect(qdc.contains("<CodeBook origin=\"test\" xmlns=\"urn:QDA-XML:codebook:1.0\">"))
        let codes = try QDACodebookXML.readQDC(Data(qdc.utf8), path: "x.qdc")
        let merged = CodebookMerge.merge(codes, into: nil, name: "x")
        let kloof = try #require(merged.codebook.codes[3].children.first)
        #expect(
            kloof.inclusion == "Geen laptop, geen wifi."
                && kloof.exclusion == "Vaardigheden: zie digitale-vaardigheden.")
        #expect(kloof.description == book.codes[3].children[0].description)
        // Into the same codebook: everything matches by GUID, nothing is added.
        #expect(CodebookMerge.merge(codes, into: book, name: "x").added.isEmpty)
        // A new code from another tool lands under its category.
        let extra = qdc.replacingOccurrences(
            of: "</Codes>",
            with: "<Code guid=\"\(StableGUID.make("t", "1"))\" name=\"Nieuwe code\" isCodable=\"true\"/></Codes>")
        let file = root.appendingPathComponent("extra.qdc")
        try extra.write(to: file, atomically: true, encoding: .utf8)
        let result = try CodebookExchange.importQDC(file, into: root)
        #expect(result.added == ["Nieuwe code"] && !result.created)
        #expect(try Project(root: root).codebook.entry(id: "nieuwe-code") != nil)
    }
}
