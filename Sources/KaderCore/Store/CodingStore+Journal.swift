import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Saving through a ``CodingJournal`` and folding it back into the codings file.
extension CodingStore {
    /// A journal this store is appending to.
    struct OpenJournal {
        var fd: Int32
        /// Bytes written and acknowledged (a failed append is cut back to this).
        var length: Int
        var stamp: FileStamp?
        var records: Int
    }

    /// What reading a codings file found beside it.
    enum JournalFound {
        case none
        /// A journal with a torn header, or one whose records were already folded into the file.
        case stale
        case applied(records: Int)
    }

    /// The codings file at `url` with its journal applied, its bytes, and what the journal was.
    /// A journal based on another version of the file is read again twice (a writer may be
    /// folding it at this moment) before it is called a conflict.
    /// - Throws: as ``readFile(_:)``.
    static func readReplaying(_ url: URL) throws -> (file: CodingFile, data: Data, journal: JournalFound) {
        let journalURL = CodingJournal.url(for: url)
        var attempt = 0
        while true {
            let data = try readData(url)
            let file = try CodingFile.decode(data, path: url.path)
            guard FileManager.default.fileExists(atPath: journalURL.path) else { return (file, data, .none) }
            guard let bytes = try? Data(contentsOf: journalURL) else {
                throw StoreError.io(path: journalURL.path, detail: "cannot read the journal of saved changes")
            }
            guard let journal = try CodingJournal.parse(Array(bytes), path: journalURL.path) else {
                return (file, data, .stale)
            }
            let applied = journal.applied(to: file)
            if journal.isBased(on: Array(data)) {
                return (applied, data, journal.records.isEmpty ? .stale : .applied(records: journal.records.count))
            }
            if applied == file.canonical() { return (file, data, .stale) }
            attempt += 1
            if attempt >= 3 { throw StoreError.journalConflict(path: journalURL.path, codings: url.path) }
            usleep(20_000)
        }
    }

    /// Saved changes in the journal of a codings file that is not there: a journal is only ever
    /// started beside an existing file, so the file was deleted (or removed by git) after a crash
    /// left the journal. Nil when there is no journal or it holds no change.
    public static func orphanJournalRecords(_ url: URL) -> Int? {
        let journalURL = CodingJournal.url(for: url)
        guard !FileManager.default.fileExists(atPath: url.path),
            let bytes = try? Data(contentsOf: journalURL)
        else { return nil }
        do {
            // A torn header (nil) is a journal that never held a change.
            guard let journal = try CodingJournal.parse(Array(bytes), path: journalURL.path) else { return nil }
            return journal.records.isEmpty ? nil : journal.records.count
        } catch {
            return 1  // damaged: it may still hold changes nobody has seen
        }
    }

    /// Throws ``StoreError/journalWithoutFile(path:codings:)`` when the missing codings file at
    /// `url` left saved changes in its journal (see ``orphanJournalRecords(_:)``).
    static func checkNoOrphanJournal(_ url: URL) throws {
        if orphanJournalRecords(url) != nil {
            throw StoreError.journalWithoutFile(path: CodingJournal.url(for: url).path, codings: url.path)
        }
    }

    /// Appends the change from the last saved state to `file` to the document's journal and waits
    /// for the disk. Nil when the journal cannot be used (nothing known about the file, the file
    /// or the journal changed on disk, no file yet): the caller writes the file whole.
    /// - Returns: the canonical state now saved. - Throws: ``StoreError/io(path:detail:)``.
    func appendToJournal(_ file: CodingFile, url: URL) throws -> CodingFile? {
        let id = file.document
        guard let last = current[id], let known = known[id], let base = known.bytes,
            FileStamp(path: url.path) == known.stamp
        else { return nil }
        let next = file.canonical()
        guard let record = CodingJournal.record(from: last, to: next) else { return next }
        let journalURL = CodingJournal.url(for: url)
        if let open = openJournals[id], FileStamp(path: journalURL.path) != open.stamp {
            // Removed or changed by someone else: the whole file takes every change.
            closeJournal(id, removing: nil)
            return nil
        }
        if openJournals[id] == nil { try startJournal(id, url: url, base: base) }
        guard var journal = openJournals[id] else { return nil }
        do {
            if simulatePartialAppend {
                simulatePartialAppend = false
                try Self.writeAll(journal.fd, Array(record.prefix(record.count / 2)), path: journalURL.path)
                throw StoreError.io(path: journalURL.path, detail: "write failed: simulated")
            }
            try Self.writeAll(journal.fd, record, path: journalURL.path)
            guard fdatasync(journal.fd) == 0 else {
                throw StoreError.io(path: journalURL.path, detail: "fsync failed: \(AtomicFile.errnoText())")
            }
        } catch {
            // Cut a partial record off so the next one is not written after garbage.
            if ftruncate(journal.fd, off_t(journal.length)) != 0 { closeJournal(id, removing: nil) }
            throw error
        }
        journal.length += record.count
        journal.records += 1
        journal.stamp = FileStamp(path: journalURL.path)
        openJournals[id] = journal
        return next
    }

    /// Opens an empty journal for the document, so that its next save only appends: called when
    /// the document is loaded and after its file was written whole (off the coder's keys, except
    /// for the first save of a new document). Does nothing unless journaling, or when the
    /// file lists a segment twice (records are keyed by segment id: such a file is written whole).
    func startJournal(_ id: String, url: URL, base: [UInt8]) throws {
        guard journaling, openJournals[id] == nil, let last = current[id],
            Set(last.codings.map(\.segment)).count == last.codings.count,
            let created = try createJournal(CodingJournal.url(for: url), base: base)
        else { return }
        openJournals[id] = created
        journaled.insert(id)
    }

    /// Creates the journal exclusively with its header, durable (file and folder). Nil when a
    /// journal is already there that this store does not know.
    private func createJournal(_ url: URL, base: [UInt8]) throws -> OpenJournal? {
        let fd = open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC | O_APPEND, 0o644)
        guard fd >= 0 else {
            if errno == EEXIST { return nil }
            throw StoreError.io(path: url.path, detail: "cannot create the journal: \(AtomicFile.errnoText())")
        }
        let header = CodingJournal.header(base: base)
        do {
            try Self.writeAll(fd, header, path: url.path)
            guard fsync(fd) == 0 else {
                throw StoreError.io(path: url.path, detail: "fsync failed: \(AtomicFile.errnoText())")
            }
            let dfd = open(url.deletingLastPathComponent().path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            if dfd >= 0 {
                defer { close(dfd) }
                guard fsync(dfd) == 0 else {
                    throw StoreError.io(path: url.path, detail: "fsync of the folder failed: \(AtomicFile.errnoText())")
                }
            }
        } catch {
            close(fd)
            unlink(url.path)
            throw error
        }
        return OpenJournal(fd: fd, length: header.count, stamp: FileStamp(path: url.path), records: 0)
    }

    static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws {
        try bytes.withUnsafeBytes { buf in
            var offset = 0
            while offset < buf.count, let base = buf.baseAddress {
                let n = FaultInjection.diskFull ? -1 : write(fd, base + offset, buf.count - offset)
                if n < 0 {
                    if FaultInjection.diskFull { errno = ENOSPC }
                    if errno == EINTR { continue }
                    throw StoreError.io(path: path, detail: "write failed: \(AtomicFile.errnoText())")
                }
                offset += n
            }
        }
    }

    /// After the file was written whole (or found equal to `file`): the journal, if this store
    /// read or wrote it, is folded in and removed.
    func finishWhole(_ file: CodingFile, documentId: String, url: URL) {
        if journaling { current[documentId] = file.canonical() }
        closeJournal(documentId, removing: journaled.contains(documentId) ? url : nil)
        journaled.remove(documentId)
        if let base = known[documentId]?.bytes { try? startJournal(documentId, url: url, base: base) }
    }

    /// Closes the document's open journal; with `url`, removes the journal of that codings file.
    func closeJournal(_ documentId: String, removing url: URL?) {
        if let open = openJournals.removeValue(forKey: documentId) { close(open.fd) }
        if let url { Self.removeJournal(of: url) }
    }

    static func removeJournal(of url: URL) {
        unlink(CodingJournal.url(for: url).path)
    }

    /// Writes every document with saved changes in its journal whole and removes the journal.
    /// Call it when the coder pauses; cheap when there is nothing to fold.
    /// - Throws: the first error of ``save(_:)``'s whole-file write (``StoreError/changedOnDisk(path:)``
    ///   when the file was replaced meanwhile: the journal is kept); the other documents are still folded.
    public func compactJournals() throws {
        var first: Error?
        for (id, open) in openJournals where open.records > 0 {
            guard let file = current[id] else { continue }
            do {
                try writeWhole(file, documentId: id)
            } catch {
                first = first ?? error
            }
        }
        if let first { throw first }
    }

    /// Folds every journal and closes it, so that the codings files on disk hold every saved
    /// change and no journal is left beside them: for callers that read or write the files
    /// themselves (the TUI's whole-project undo). Journaling starts again at the next load or
    /// save of a document.
    /// - Throws: as ``compactJournals()`` (a journal that could not be folded stays open).
    public func suspendJournals() throws {
        try compactJournals()
        for (id, open) in openJournals where open.records == 0 {
            closeJournal(id, removing: fileURL(documentId: id))
            journaled.remove(id)
        }
    }

    /// True when some saved change is still only in a journal.
    public var hasJournaledChanges: Bool { openJournals.values.contains { $0.records > 0 } }

    /// Folds the journals a crashed writer left in the coder's folder (see ``init(projectRoot:coder:readOnly:journal:)``).
    func foldLeftoverJournals() {
        let folder = Self.folder(projectRoot: projectRoot, coder: coder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for name in names where name.hasPrefix(".") && name.hasSuffix(".json.journal") {
            let id = String(name.dropFirst().dropLast(".json.journal".count))
            guard !id.isEmpty else { continue }
            _ = try? loadFile(documentId: id)
        }
    }
}
