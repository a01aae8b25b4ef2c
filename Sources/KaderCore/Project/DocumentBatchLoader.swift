import Dispatch
import Foundation

/// Loads a project's transcripts on every core while handing them to the caller in project order.
///
/// Transcripts are loaded in batches of a few per core (``batchSize``), so memory stays near one
/// batch of documents plus what the caller keeps. Loading is the same as
/// ``Project/loadDocument(path:loader:)``; results, including errors, arrive in the order of
/// `paths`.
public struct DocumentBatchLoader: Sendable {
    public let project: Project
    public let loader: TranscriptLoader
    /// Worker threads: the active processor count, at least 1.
    public let workers: Int

    public init(
        project: Project, loader: TranscriptLoader? = nil, workers: Int = ProcessInfo.processInfo.activeProcessorCount
    ) {
        self.project = project
        self.loader = loader ?? TranscriptLoader(options: project.settings.loadOptions)
        self.workers = max(1, workers)
    }

    /// Documents loaded at once: four per worker.
    public var batchSize: Int { workers * 4 }

    /// Calls `body` with each path of `paths` (default: every transcript) and its document or
    /// loading error (a ``LoaderError``), in order. Errors thrown by `body` stop the walk.
    public func forEach(paths: [String]? = nil, _ body: (String, Result<Document, Error>) throws -> Void) rethrows {
        try forEach(paths: paths, transform: { $0 }, body)
    }

    /// Like ``forEach(paths:_:)``, but `transform` runs on each loaded document on the worker
    /// that loaded it (on every core, so per-document work such as reading codings files runs in
    /// parallel too); `body` gets its result or the loading or transform error, in order.
    public func forEach<T>(
        paths: [String]? = nil, transform: @escaping @Sendable (Document) throws -> T,
        _ body: (String, Result<T, Error>) throws -> Void
    ) rethrows {
        let all = paths ?? project.transcriptPaths
        let sizes = LoadProgress.isObserved ? LoadProgress.sizes(of: all, in: project.root) : []
        let bytesTotal = sizes.reduce(0, +)
        var bytesDone: Int64 = 0
        var start = 0
        while start < all.count {
            let batch = Array(all[start..<min(start + batchSize, all.count)])
            for (path, result) in zip(batch, load(batch, transform: transform)) { try body(path, result) }
            if !sizes.isEmpty {
                bytesDone += sizes[start..<start + batch.count].reduce(0, +)
                LoadProgress.report(
                    .init(
                        documentsDone: start + batch.count, documentsTotal: all.count,
                        bytesDone: bytesDone, bytesTotal: bytesTotal))
            }
            start += batch.count
        }
        // A walk over every transcript knows which documents exist: entries of the cache for
        // transcripts deleted or renamed since go (their text must not outlive them).
        if paths == nil { DocumentCache(root: project.root).prune(keeping: project.documentIds) }
    }

    /// Every document of `paths`, loaded in parallel, in order.
    func load(_ batch: [String]) -> [Result<Document, Error>] { load(batch, transform: { $0 }) }

    /// `transform` of every document of `batch`, loaded in parallel, in order.
    func load<T>(_ batch: [String], transform: @escaping @Sendable (Document) throws -> T) -> [Result<T, Error>] {
        let project = project
        let loader = loader
        return Parallel.map(count: batch.count, workers: workers) { i in
            Result { try transform(try project.loadDocument(path: batch[i], loader: loader)) }
        }
    }
}
