import Foundation
import Testing

@testable import KaderCore

/// The codings journal: saves append the changed segment codings; every reader sees them; the
/// file is folded whole on pause, reopening and close; torn tails, damage and conflicts are told apart.
@Suite struct CodingJournalTests {
    static let codes = ["werkdruk", "didactiek", "digitale-kloof", "welzijn"]

    /// A deterministic sequence of edits of every kind (codes, memos, spans, status, removal).
    static func edit(_ file: CodingFile, _ doc: Document, step: Int) -> CodingFile {
        let segments = doc.segments.filter(\.codable)
        let s = segments[(step * 7) % segments.count]
        let t = "2026-12-02T05:00:\(String(format: "%02d", step % 60))Z"
        switch step % 6 {
        case 0, 1: return file.toggling(code: CodeID(codes[step % codes.count]), on: s, at: t)
        case 2: return file.settingMemo(step % 4 == 0 ? nil : "memo \(step) — é", on: s, at: t)
        case 3:
            let code = codes[step % codes.count]
            let f = file.codes(forSegment: s.id).contains(code) ? file : file.toggling(code: CodeID(code), on: s, at: t)
            return f.settingSpans([QuoteSpan(start: s.start, end: s.start + 3)], code: CodeID(code), on: s, at: t)
        case 4: return file.settingCodes([], on: s, at: t)
        default: return file.settingStatus(step % 12 == 5 ? .done : .inProgress, document: doc)
        }
    }

    /// Records waiting in the journal of the codings file at `url` (0 when there is none).
    static func pending(_ url: URL) throws -> Int {
        let journal = CodingJournal.url(for: url)
        guard let data = FileManager.default.contents(atPath: journal.path) else { return 0 }
        return try CodingJournal.parse(Array(data), path: journal.path)?.records.count ?? 0
    }

    /// Saves `steps` edits through a journaling store and returns the last state and the bytes
    /// of the codings file and its journal just before the store closed (what a SIGKILL leaves).
    static func savedBeforeClose(_ root: URL, _ doc: Document, _ url: URL, steps: Int) throws -> (
        file: CodingFile, codings: Data, journal: Data
    ) {
        let store = try CodingStore(projectRoot: root, coder: "ann", journal: true)
        var file = try store.load(document: doc)
        for step in 0..<steps {
            file = Self.edit(file, doc, step: step)
            try store.save(file)
        }
        return (file, try Data(contentsOf: url), try Data(contentsOf: CodingJournal.url(for: url)))
    }

    static func setUp() throws -> (URL, Document, URL) {
        let root = try CodingStoreTests.tempProject()
        let doc = try CodingStoreTests.document()
        return (root, doc, CodingStore.fileURL(projectRoot: root, coder: "ann", documentId: DocumentID(doc.id)))
    }

    @Test func everySaveIsVisibleToReadersAndTheFoldedFileIsCanonical() throws {
        let (root, doc, url) = try Self.setUp()
        defer { try? FileManager.default.removeItem(at: root) }
        let store = try CodingStore(projectRoot: root, coder: "ann", journal: true)
        var file = try store.load(document: doc).toggling(code: "werkdruk", on: doc.segments[1], at: "t0")
        try store.save(file)
        let firstWrite = try Data(contentsOf: url)
        for step in 0..<60 {
            file = Self.edit(file, doc, step: step)
            try store.save(file)
            #expect(try CodingStore.readFile(url) == file.canonical(), "step \(step)")
        }
        #expect(try Data(contentsOf: url) == firstWrite, "saves after the first go to the journal")
        #expect(try Self.pending(url) == 60)
        #expect(store.hasJournaledChanges)
        try store.compactJournals()
        #expect(!store.hasJournaledChanges)
        #expect(try Self.pending(url) == 0, "folded; an empty journal waits for the next save")
        #expect(try Data(contentsOf: url) == Data(file.encodedBytes()))
        // Journaling goes on after folding.
        file = Self.edit(file, doc, step: 61)
        try store.save(file)
        #expect(try CodingStore.readFile(url) == file.canonical())
    }

    @Test func aCrashLeavesAJournalThatTheNextWriterFoldsIn() throws {
        let (root, doc, url) = try Self.setUp()
        defer { try? FileManager.default.removeItem(at: root) }
        let journal = CodingJournal.url(for: url)
        let (file, codings, journalBytes) = try Self.savedBeforeClose(root, doc, url, steps: 20)
        let saved = (codings, journalBytes)
        try saved.0.write(to: url)
        try saved.1.write(to: journal)
        #expect(try CodingStore.readFile(url) == file.canonical(), "readers apply the journal")
        let reader = try CodingStore(projectRoot: root, coder: "ann", readOnly: true)
        #expect(try reader.load(document: doc) == file.canonical())
        #expect(FileManager.default.fileExists(atPath: journal.path), "a read-only store leaves it")
        _ = try CodingStore(projectRoot: root, coder: "ann")
        #expect(!FileManager.default.fileExists(atPath: journal.path), "a writer folds it in")
        #expect(try CodingFile.decode(Data(contentsOf: url), path: url.path) == file.canonical())
    }

    @Test func aTornTailIsIgnoredAndDamageInsideIsReported() throws {
        let (root, doc, url) = try Self.setUp()
        defer { try? FileManager.default.removeItem(at: root) }
        let journal = CodingJournal.url(for: url)
        let (file, codings, journalBytes) = try Self.savedBeforeClose(root, doc, url, steps: 6)
        let saved = (codings, journalBytes)
        try saved.0.write(to: url)
        // An append cut short by a crash: part of a record header, or a whole header and half a payload.
        for tail in ["rec", "record 400 0123456789abcdef\n[]\n{\"co", String(repeating: "\0", count: 64)] {
            try (saved.1 + Data(tail.utf8)).write(to: journal)
            #expect(try CodingStore.readFile(url) == file.canonical(), "tail \(tail.prefix(10))")
        }
        // The same bytes with a record after them: that is damage, reported with the journal's path.
        let damaged = saved.1 + Data("record 3 0000000000000000\n[]x\n".utf8) + saved.1.suffix(from: 0)
        try damaged.write(to: journal)
        #expect {
            try CodingStore.readFile(url)
        } throws: { error in
            guard case .damaged(let path, _, _, _) = error as? StoreError else { return false }
            return path == journal.path
        }
        #expect(try Data(contentsOf: journal) == damaged, "never touched")
    }

    @Test func aReplacedFileWithChangesInTheJournalIsAConflictAndBothAreKept() throws {
        let (root, doc, url) = try Self.setUp()
        defer { try? FileManager.default.removeItem(at: root) }
        let journal = CodingJournal.url(for: url)
        // Two saves: the first writes the file whole, the second is the journal's one record.
        let saved = try Self.savedBeforeClose(root, doc, url, steps: 2).journal
        // Another version of the file arrives (git pull) while the journal is still there.
        let theirs = CodingFile(coder: "ann", document: DocumentID(doc.id), contentHash: doc.contentHash)
            .toggling(code: "welzijn", on: doc.segments[2], at: "t")
        try Data(theirs.encodedBytes()).write(to: url)
        try saved.write(to: journal)
        #expect(throws: StoreError.journalConflict(path: journal.path, codings: url.path)) {
            try CodingStore.readFile(url)
        }
        let writer = try CodingStore(projectRoot: root, coder: "ann", journal: true)
        #expect(throws: StoreError.journalConflict(path: journal.path, codings: url.path)) {
            try writer.load(document: doc)
        }
        #expect(try Data(contentsOf: journal) == saved)
        #expect(try Data(contentsOf: url) == Data(theirs.encodedBytes()))
        let findings = ProjectCheck.run(project: try Project(root: root)).findings
        #expect(findings.contains { $0.kind == .damaged && $0.advice.contains("journal") })
    }

    @Test func aDeletedFileWithChangesInTheJournalIsReportedAndTheJournalKept() throws {
        let (root, doc, url) = try Self.setUp()
        defer { try? FileManager.default.removeItem(at: root) }
        let journal = CodingJournal.url(for: url)
        // Two saves: the first writes the file whole, the second is the journal's one record.
        let saved = try Self.savedBeforeClose(root, doc, url, steps: 2).journal
        // A crash left the journal; then the file went (deleted, `git stash -u`, `git clean`).
        try FileManager.default.removeItem(at: url)
        try saved.write(to: journal)
        #expect(CodingStore.orphanJournalRecords(url) == 1)
        let error = StoreError.journalWithoutFile(path: journal.path, codings: url.path)
        #expect(throws: error) { try CodingStore.read(projectRoot: root, coder: "ann", document: doc) }
        let writer = try CodingStore(projectRoot: root, coder: "ann", journal: true)
        #expect(throws: error) { try writer.load(document: doc) }
        #expect(try Data(contentsOf: journal) == saved, "never touched")
        #expect(!FileManager.default.fileExists(atPath: url.path), "no new file written over the changes")
        let findings = ProjectCheck.run(project: try Project(root: root)).findings
        #expect(
            findings.contains {
                $0.kind == .damaged && $0.path == "Codings/ann/fg.json" && $0.message.hasPrefix("is gone")
                    && $0.advice.contains("rm Codings/ann/.fg.json.journal")
            })
        // A journal holding no change (a header only) is no problem.
        let header = CodingJournal.header(base: [])
        try Data(header).write(to: journal)
        #expect(CodingStore.orphanJournalRecords(url) == nil)
        #expect(try writer.load(document: doc).codings.isEmpty)
    }

    @Test func aJournalAlreadyFoldedInIsDroppedNotAConflict() throws {
        let (root, doc, url) = try Self.setUp()
        defer { try? FileManager.default.removeItem(at: root) }
        let journal = CodingJournal.url(for: url)
        var file: CodingFile
        var oldJournal = Data()
        do {
            let store = try CodingStore(projectRoot: root, coder: "ann", journal: true)
            file = try store.load(document: doc)
            for step in 0..<8 {
                file = Self.edit(file, doc, step: step)
                try store.save(file)
            }
            oldJournal = try Data(contentsOf: journal)
            try store.compactJournals()
        }
        // A crash between writing the folded file and removing the journal.
        try oldJournal.write(to: journal)
        #expect(try CodingStore.readFile(url) == file.canonical())
        _ = try CodingStore(projectRoot: root, coder: "ann")
        #expect(!FileManager.default.fileExists(atPath: journal.path))
    }

    @Test func theJournalIsFoldedAfterItsLimitAndOnClose() throws {
        let (root, doc, url) = try Self.setUp()
        defer { try? FileManager.default.removeItem(at: root) }
        let journal = CodingJournal.url(for: url)
        var file: CodingFile
        do {
            let store = try CodingStore(projectRoot: root, coder: "ann", journal: true)
            store.journalLimit = 3
            file = try store.load(document: doc)
            file = Self.edit(file, doc, step: 0)
            try store.save(file)  // whole: the first write of the file
            for step in 1...3 {
                file = Self.edit(file, doc, step: step)
                try store.save(file)
            }
            #expect(try Self.pending(url) == 0, "folded at the limit")
            file = Self.edit(file, doc, step: 4)
            try store.save(file)
            #expect(try Self.pending(url) == 1)
        }
        #expect(!FileManager.default.fileExists(atPath: journal.path), "folded when the store closes")
        #expect(try CodingFile.decode(Data(contentsOf: url), path: url.path) == file.canonical())
    }

    @Test func aFullDiskDuringAnAppendLosesNothingAcknowledged() throws {
        let (root, doc, url) = try Self.setUp()
        defer { try? FileManager.default.removeItem(at: root) }
        let store = try CodingStore(projectRoot: root, coder: "ann", journal: true)
        var file = try store.load(document: doc)
        for step in 0..<4 {
            file = Self.edit(file, doc, step: step)
            try store.save(file)
        }
        let acknowledged = file.canonical()
        store.simulatePartialAppend = true
        #expect(throws: StoreError.self) { try store.save(Self.edit(file, doc, step: 4)) }
        #expect(try CodingStore.readFile(url) == acknowledged)
        file = Self.edit(file, doc, step: 4)
        try store.save(file)
        #expect(try CodingStore.readFile(url) == file.canonical())
    }
}
