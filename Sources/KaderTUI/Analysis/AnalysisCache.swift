import Foundation
import KaderCore

/// What the overview and the query view keep between openings, so that opening them again on a
/// large project does not parse every transcript and codings file again: the transcripts and
/// attributes (loaded once per session, like the documents the coding screen opens), and each
/// codings file read, with the size and modification time it had. A file is read again when
/// either changed. Safe to use from several threads.
final class AnalysisCache: @unchecked Sendable {
    /// A codings file as read: its stamp, the file (re-anchored; other coders' without their
    /// codings, which only this coder may see in full) and its codes by segment index.
    struct Entry {
        var stamp: Stamp
        var file: CodingFile
        var codes: CoderCodes
        /// The file keeps its codings.
        var full: Bool
    }

    /// Size and modification time of a codings file and of its journal (a coder coding right
    /// now saves to the journal first, see ``CodingJournal``).
    struct Stamp: Equatable {
        var size: Int?
        var modified: Date?
        var journalSize: Int?
        var journalModified: Date?

        init(_ url: URL) {
            let attributes = try? FileManager.default.attributesOfItem(atPath: url.path)
            size = attributes?[.size] as? Int
            modified = attributes?[.modificationDate] as? Date
            let journal = try? FileManager.default.attributesOfItem(atPath: CodingJournal.url(for: url).path)
            journalSize = journal?[.size] as? Int
            journalModified = journal?[.modificationDate] as? Date
        }
    }

    /// The project's transcripts and attributes without codings (set on first use).
    var base: AnalysisCorpus? {
        get { locked { storedBase } }
        set { locked { storedBase = newValue } }
    }

    private var storedBase: AnalysisCorpus?
    private var entries: [String: Entry] = [:]
    private let lock = NSLock()

    private func locked<T>(_ body: () -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body()
    }

    /// `coder`'s codings of `document`, from the cache when the file is unchanged. `full` keeps
    /// the codings in ``Entry/file`` (for quotes); otherwise only the status and memo stay.
    /// - Throws: what ``CodingStore/read(projectRoot:coder:document:)`` throws.
    func read(root: URL, coder: String, document: AnalysisDocument, full: Bool) throws -> Entry {
        let key = coder + "\u{1}" + document.document.id
        let url = CodingStore.fileURL(
            projectRoot: root, coder: CoderName(coder), documentId: DocumentID(document.document.id))
        let stamp = Stamp(url)
        if let hit = locked({ entries[key] }), hit.stamp == stamp, hit.full || !full {
            return hit
        }
        var file = try CodingStore.read(projectRoot: root, coder: coder, document: document.document)
        let codes = CoderCodes(coder: coder, codes: CodingAccess.codes(of: file, segmentIndex: document.segmentIndex))
        if !full { file.codings = [] }
        let entry = Entry(stamp: stamp, file: file, codes: codes, full: full)
        locked { entries[key] = entry }
        return entry
    }
}
