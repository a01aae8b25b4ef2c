import Foundation
import Testing

@testable import KaderCore

/// Untrusted archives and XML: no path traversal, no entities, size limits, nothing written on error.
@Suite struct ExchangeSafetyTests {
    static let minimal = """
        <?xml version="1.0" encoding="utf-8"?>
        <Project name="p" xmlns="urn:QDA-XML:project:1.0"><Sources>
        <TextSource guid="CCCCCCCC-0000-4000-8000-000000000001" name="a" plainTextPath="internal://a.txt"/></Sources></Project>
        """

    /// Runs an import of an archive with `xml` and `files` into a fresh project; returns the error
    /// and whether the project folder is exactly as before.
    func attempt(
        _ xml: String?, files: [(String, Data)] = [], raw: Data? = nil, limits: ArchiveLimits = ArchiveLimits()
    ) throws -> (Error?, Bool) {
        let root = try ExportFixture.make(codings: false)
        defer { try? FileManager.default.removeItem(at: root) }
        let before = try listing(root)
        let archive = root.deletingLastPathComponent().appendingPathComponent(
            "safety-\(UUID().uuidString.prefix(8)).qdpx")
        defer { try? FileManager.default.removeItem(at: archive) }
        if let raw {
            try raw.write(to: archive)
        } else {
            try QDPXArchiveWriter.write(projectXML: xml ?? Self.minimal, files: files, to: archive)
        }
        var caught: Error?
        do { _ = try QDPXImporter.importArchive(archive, into: root, limits: limits) } catch { caught = error }
        return (caught, try listing(root) == before)
    }

    func listing(_ root: URL) throws -> [String] {
        (FileManager.default.enumerator(atPath: root.path)?.allObjects as? [String] ?? []).sorted()
    }

    @Test func entriesThatClimbOutAreRefused() throws {
        for evil in ["../evil.txt", "sources/../../evil.txt", "/tmp/evil.txt", "..\\evil.txt", "C:/evil.txt"] {
            let (error, untouched) = try attempt(
                nil, files: [("sources/a.txt", Data("Ann: hallo".utf8)), (evil, Data("x".utf8))])
            guard case .unsafeEntry(_, let entry)? = error as? ExchangeError else {
                Issue.record("\(evil): expected unsafeEntry, got \(String(describing: error))")
                continue
            }
            #expect(entry == evil)
            #expect(untouched)
            #expect((error as? LocalizedError)?.errorDescription?.contains("outside the target folder") == true)
        }
    }

    @Test func externalEntitiesAreNeverResolved() throws {
        let xxe = """
            <?xml version="1.0"?>
            <!DOCTYPE Project [<!ENTITY x SYSTEM "file:///etc/passwd">]>
            <Project name="&x;" xmlns="urn:QDA-XML:project:1.0"/>
            """
        let (error, untouched) = try attempt(xxe)
        guard case .badXML(_, let detail)? = error as? ExchangeError else {
            Issue.record("expected badXML, got \(String(describing: error))")
            return
        }
        #expect(detail.contains("DTD"))
        #expect(untouched)
        #expect(throws: ExchangeError.self) { try XMLTree.parse(Data(xxe.utf8), path: "x") }
    }

    @Test func malformedXMLAndArchivesWriteNothing() throws {
        let (e1, u1) = try attempt(
            "<Project name=\"p\"><Sources><TextSource", files: [("sources/a.txt", Data("Ann: hallo".utf8))])
        if !(e1 is ExchangeError) { Issue.record("e1: \(String(describing: e1))") }
        #expect({ if case .badXML? = e1 as? ExchangeError { return true } else { return false } }())
        #expect(u1)
        let (e2, u2) = try attempt(nil, raw: Data("PK\u{3}\u{4} not really a zip".utf8))
        #expect({ if case .badArchive? = e2 as? ExchangeError { return true } else { return false } }())
        #expect(u2)
        let bad = Self.minimal.replacingOccurrences(
            of: "/></Sources>",
            with: "><PlainTextSelection startPosition=\"x\" endPosition=\"3\"/></TextSource></Sources>")
        let (e3, u3) = try attempt(bad, files: [("sources/a.txt", Data("Ann: hallo".utf8))])
        #expect({ if case .badXML? = e3 as? ExchangeError { return true } else { return false } }())
        #expect(u3)
        let (e4, u4) = try attempt("<CodeBook/>")
        #expect((e4 as? LocalizedError)?.errorDescription?.contains("not <Project>") == true)
        #expect(u4)
    }

    @Test func sizeLimitsApplyPerEntryAndInTotal() throws {
        var limits = ArchiveLimits()
        limits.maxEntrySize = 1_000
        let big = Data(repeating: 0x61, count: 5_000)
        let (e1, u1) = try attempt(nil, files: [("sources/a.txt", big)], limits: limits)
        #expect((e1 as? LocalizedError)?.errorDescription?.contains("larger than the limit of 1000 bytes") == true)
        #expect(u1)
        limits = ArchiveLimits()
        limits.maxTotalSize = 2_000
        let (e2, u2) = try attempt(
            nil,
            files: [
                ("sources/a.txt", Data(repeating: 0x61, count: 900)),
                ("sources/b.txt", Data(repeating: 0x61, count: 900)),
            ], limits: limits)
        #expect((e2 as? LocalizedError)?.errorDescription?.contains("more than the limit of 2000 bytes") == true)
        #expect(u2)
    }
}
