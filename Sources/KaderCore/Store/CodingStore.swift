import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// One coder's codings in one project: `Codings/<coder>/<document-id>.json`.
///
/// Durability: every ``save(_:)`` is on disk before it returns, so a caller that shows "saved"
/// after `save` returns never shows anything that a crash could lose. Without a journal each
/// save replaces the file atomically (temporary file, fsync, rename, fsync of the folder; see
/// ``AtomicFile``). With `journal: true` (the coding screen) a save appends the changed segment
/// codings to the document's ``CodingJournal`` and `fdatasync`s it, and the whole file is
/// rewritten only by ``compactJournals()`` (when the coder pauses), ``flush()``, reopening, or
/// after ``journalLimit`` records; readers apply the journal, so nothing saved is ever invisible.
///
/// Damage: a file that does not parse or has an unknown schema is never overwritten — `save`
/// checks the file on disk unless it is exactly the one this store last read or wrote.
///
/// Last-good copies: `Codings/<coder>/.<document-id>.json.last-good` (hidden, ignored by git) is
/// an exact copy of a file Kader parsed or wrote, so a file damaged later by hand or by a bad
/// merge can be restored from it. It is refreshed when a file is loaded, on the first save of a
/// document, then at most every ``lastGoodInterval`` seconds while saving, and by ``flush()``
/// (called on deinit). Copies are not fsync'd: they are a safety net, never the saved data,
/// and rewriting them on every save would double the disk traffic of each change.
public final class CodingStore: @unchecked Sendable {
    public let projectRoot: URL
    public let coder: String
    public let readOnly: Bool
    private let lock: CoderLock?
    /// Stamp and bytes of each file as this store last read or wrote it, by document id.
    var known: [String: (stamp: FileStamp, bytes: [UInt8]?)] = [:]
    var folderExists = false
    /// When each document's last-good copy was written (uptime ns), and which are behind.
    private var copiedAt: [String: UInt64] = [:]
    private var behind: [String: [UInt8]] = [:]
    /// The last encoding of each document, to copy unchanged codings from.
    private var encodings: [String: CanonicalJSONWriter.Cache] = [:]
    /// Seconds between last-good copies while saving (default 10).
    public var lastGoodInterval: Double = 10
    /// True when saves go to a ``CodingJournal`` (see the type's documentation).
    public let journaling: Bool
    /// Records after which a save compacts the journal itself (default 1,000).
    public var journalLimit = 1000
    /// The canonical content of each document as last saved or loaded (journaling stores).
    var current: [String: CodingFile] = [:]
    /// The journal each document is appending to.
    var openJournals: [String: OpenJournal] = [:]
    /// Documents whose journal this store read or created: writing their file whole removes it.
    var journaled: Set<String> = []
    /// Tests: the next journal append writes half its record and fails, as on a full disk.
    var simulatePartialAppend = false

    /// Opens the store for `coder`. Unless `readOnly`, takes the coder's lock, removes
    /// temporary files a crashed writer left behind and folds journals left by a crash into their
    /// codings files (a journal that cannot be folded stays and is reported when its document is
    /// opened and by `kader check`). `journal`: save through a ``CodingJournal``.
    /// - Throws: ``StoreError/unsafeCoderName(_:)``, ``StoreError/locked(coder:pid:holder:lockPath:)``.
    public init(projectRoot: URL, coder: String, readOnly: Bool = false, journal: Bool = false) throws {
        self.projectRoot = projectRoot
        self.coder = try CoderName.validated(coder)
        self.readOnly = readOnly
        self.journaling = journal && !readOnly
        let folder = Self.folder(projectRoot: projectRoot, coder: coder)
        if !readOnly { try ProjectPaths.refuseLinks(folder, below: projectRoot) }
        self.lock = readOnly ? nil : try CoderLock(folder: folder, coder: coder)
        if !readOnly {
            AtomicFile.removeLeftovers(in: folder)
            folderExists = true
            foldLeftoverJournals()
        }
    }

    public static func folder(projectRoot: URL, coder: String) -> URL {
        projectRoot.appendingPathComponent("Codings").appendingPathComponent(coder)
    }

    public static func fileURL(projectRoot: URL, coder: CoderName, documentId: DocumentID) -> URL {
        folder(projectRoot: projectRoot, coder: coder.rawValue).appendingPathComponent(documentId.rawValue + ".json")
    }

    /// `Codings/<coder>/.<document-id>.json.last-good`: a copy of the last file Kader wrote.
    public static func lastGoodURL(for url: URL) -> URL {
        url.deletingLastPathComponent().appendingPathComponent("." + url.lastPathComponent + ".last-good")
    }

    public func fileURL(documentId: String) -> URL {
        Self.fileURL(projectRoot: projectRoot, coder: CoderName(coder), documentId: DocumentID(documentId))
    }

    /// The coder's codings of `document`, re-anchored to its current text (see
    /// ``CodingFile/reanchored(to:)``), or an empty file when none exist yet.
    /// - Throws: ``StoreError/damaged(path:line:column:detail:)``, ``StoreError/unknownSchema(path:version:)``,
    ///   ``StoreError/io(path:detail:)``. A damaged file is never touched.
    public func load(document: Document) throws -> CodingFile {
        try loadReanchored(document: document).file
    }

    /// Like ``load(document:)``, with the report of what re-anchoring did (all unchanged when the
    /// document's content hash matches the file's).
    public func loadReanchored(document: Document) throws -> (file: CodingFile, report: ReanchorReport) {
        guard let file = try loadFile(documentId: document.id) else {
            return (
                CodingFile(
                    coder: CoderName(coder), document: DocumentID(document.id), contentHash: document.contentHash,
                    segmentCount: document.segments.count), ReanchorReport()
            )
        }
        return file.reanchored(to: document)
    }

    /// The coder's file for `documentId` exactly as stored, or nil when there is none.
    /// - Throws: as ``load(document:)``.
    public func loadFile(documentId: String) throws -> CodingFile? {
        let url = fileURL(documentId: documentId)
        guard let stamp = FileStamp(path: url.path) else {
            try Self.checkNoOrphanJournal(url)
            return nil
        }
        let read = try Self.readReplaying(url)
        let bytes = Array(read.data)
        known[documentId] = (stamp, bytes)
        guard !readOnly else { return read.file }
        copyLastGood(documentId: documentId, bytes)
        if journaling { current[documentId] = read.file.canonical() }
        switch read.journal {
        case .none: try startJournal(documentId, url: url, base: bytes)
        case .stale:
            Self.removeJournal(of: url)
            try startJournal(documentId, url: url, base: bytes)
        case .applied:
            journaled.insert(documentId)
            // Fold the journal in now: the file on disk is complete again before coding goes on.
            try writeWhole(read.file, documentId: documentId)
        }
        return read.file
    }

    /// The coding files that exist among `coders`' for `document`, in the order of `coders`, each
    /// read as ``read(projectRoot:coder:document:)`` does, with its coder's folder name.
    /// - Throws: ``StoreError`` for a file that cannot be read.
    public static func readExisting(projectRoot: URL, coders: [String], document: Document) throws -> [(
        coder: String, file: CodingFile
    )] {
        var out: [(coder: String, file: CodingFile)] = []
        for coder in coders {
            let url = fileURL(projectRoot: projectRoot, coder: CoderName(coder), documentId: DocumentID(document.id))
            guard FileManager.default.fileExists(atPath: url.path) else { continue }
            out.append((coder, try read(projectRoot: projectRoot, coder: coder, document: document)))
        }
        return out
    }

    /// Reads any coder's file for `document` (read-only; no lock), re-anchored to the document.
    public static func read(projectRoot: URL, coder: String, document: Document) throws -> CodingFile {
        let url = fileURL(projectRoot: projectRoot, coder: CoderName(coder), documentId: DocumentID(document.id))
        guard FileManager.default.fileExists(atPath: url.path) else {
            try checkNoOrphanJournal(url)
            return CodingFile(
                coder: CoderName(coder), document: DocumentID(document.id), contentHash: document.contentHash,
                segmentCount: document.segments.count)
        }
        return try readFile(url).reanchored(to: document).file
    }

    /// Parses the codings file at `url` with the saved changes of its journal applied.
    /// - Throws: ``StoreError/damaged(path:line:column:detail:)``, ``StoreError/unknownSchema(path:version:)``,
    ///   ``StoreError/io(path:detail:)``.
    ///   ``StoreError/journalConflict(path:codings:)`` (the file's ``CodingJournal`` is applied).
    public static func readFile(_ url: URL) throws -> CodingFile {
        try readReplaying(url).file
    }

    static func readData(_ url: URL) throws -> Data {
        do {
            return try Data(contentsOf: url)
        } catch {
            throw StoreError.io(path: url.path, detail: "cannot read the codings file")
        }
    }

    /// Writes `file` durably and atomically to `Codings/<coder>/<file.document>.json`, then a
    /// copy to the last-good file. Unchanged content is not rewritten.
    /// - Throws: ``StoreError/readOnly(coder:)``; ``StoreError/damaged(path:line:column:detail:)`` or
    ///   ``StoreError/unknownSchema(path:version:)`` when the file on disk is damaged (it is left
    ///   as it is); ``StoreError/changedOnDisk(path:)`` when another program changed the file
    ///   since this store read it; ``StoreError/io(path:detail:)``.
    public func save(_ file: CodingFile) throws {
        guard !readOnly else { throw StoreError.readOnly(coder: coder) }
        let url = fileURL(documentId: file.document)
        if journaling, let saved = try appendToJournal(file, url: url) {
            current[file.document] = saved
            if let j = openJournals[file.document], j.records >= journalLimit {
                try writeWhole(saved, documentId: file.document)
            }
            return
        }
        try writeWhole(file, documentId: file.document)
    }

    /// Writes `file` whole and atomically (see ``save(_:)``), then removes its journal.
    func writeWhole(_ file: CodingFile, documentId: String) throws {
        let url = fileURL(documentId: documentId)
        var cache = encodings.removeValue(forKey: documentId)
        let bytes = file.encodedBytes(cache: &cache)
        encodings[documentId] = cache
        if let stamp = FileStamp(path: url.path) {
            if let k = known[documentId], k.stamp == stamp {
                if let previous = k.bytes, previous == bytes {
                    finishWhole(file, documentId: documentId, url: url)
                    return
                }
            } else {
                let data = try Self.readData(url)
                _ = try CodingFile.decode(data, path: url.path)
                if known[documentId] != nil { throw StoreError.changedOnDisk(path: url.path) }
                if data.elementsEqual(bytes) {
                    known[documentId] = (stamp, bytes)
                    finishWhole(file, documentId: documentId, url: url)
                    return
                }
            }
        }
        if !folderExists {
            try ProjectPaths.createFolder(url.deletingLastPathComponent(), below: projectRoot)
            folderExists = true
        }
        try AtomicFile.write(bytes, to: url)
        if let stamp = FileStamp(path: url.path) { known[documentId] = (stamp, bytes) }
        finishWhole(file, documentId: documentId, url: url)
        if let at = copiedAt[documentId], DispatchTime.now().uptimeNanoseconds - at < UInt64(lastGoodInterval * 1e9) {
            behind[documentId] = bytes
        } else {
            copyLastGood(documentId: documentId, bytes)
        }
    }

    /// Folds every journal into its codings file (``compactJournals()``, errors left for the
    /// next open to report) and brings every last-good copy up to date with the last save.
    public func flush() {
        try? compactJournals()
        for (id, bytes) in behind { copyLastGood(documentId: id, bytes) }
    }

    deinit {
        flush()
        for (id, open) in openJournals {
            close(open.fd)
            if open.records == 0 { Self.removeJournal(of: fileURL(documentId: id)) }
        }
    }

    func copyLastGood(documentId: String, _ bytes: [UInt8]) {
        behind[documentId] = nil
        copiedAt[documentId] = DispatchTime.now().uptimeNanoseconds
        let url = Self.lastGoodURL(for: fileURL(documentId: documentId))
        if let existing = FileStamp(path: url.path), existing.size == Int64(bytes.count),
            let data = try? Data(contentsOf: url), data.elementsEqual(bytes)
        {
            return
        }
        try? AtomicFile.writeUnsynced(bytes, to: url)
    }

    /// Document ids with a codings file in this coder's folder, sorted. The coder's code memos
    /// (``CodeMemoFile/fileName``) and project memo (``ProjectMemoFile/fileName``) are not a codings file.
    public static func documentIds(projectRoot: URL, coder: String) -> [String] {
        let dir = folder(projectRoot: projectRoot, coder: coder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter {
            $0.hasSuffix(".json") && !$0.hasPrefix(".") && $0 != CodeMemoFile.fileName && $0 != ProjectMemoFile.fileName
        }.map { String($0.dropLast(5)) }.sorted()
    }

    /// Coders with a folder under `Codings/`, sorted.
    public static func coders(projectRoot: URL) -> [String] {
        let dir = projectRoot.appendingPathComponent("Codings")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { (try? CoderName.validated($0)) != nil }.filter { name in
            var isDir: ObjCBool = false
            return FileManager.default.fileExists(atPath: dir.appendingPathComponent(name).path, isDirectory: &isDir)
                && isDir.boolValue
        }.sorted()
    }
}

/// Identity of a file's content as far as `stat` can tell: device, inode, size, change time.
struct FileStamp: Equatable {
    var device: UInt64
    var inode: UInt64
    var size: Int64
    var seconds: Int
    var nanoseconds: Int

    /// The stamp of the file at `path`, or nil when it does not exist.
    init?(path: String) {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        device = UInt64(st.st_dev)
        inode = UInt64(st.st_ino)
        size = Int64(st.st_size)
        seconds = Int(st.st_mtim.tv_sec)
        nanoseconds = Int(st.st_mtim.tv_nsec)
    }
}
