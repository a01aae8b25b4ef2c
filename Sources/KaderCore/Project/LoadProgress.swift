import Foundation

/// A process-wide observer of long document walks (``DocumentBatchLoader``), so a front end can
/// show progress without the core knowing about terminals.
///
/// The observer is called from the walking thread after each batch, with documents done / total
/// and transcript bytes done / total (file sizes on disk, in bytes).
public enum LoadProgress {
    /// One report: `documentsDone` of `documentsTotal` documents, `bytesDone` of `bytesTotal`
    /// transcript bytes.
    public struct Event: Sendable, Hashable {
        public var documentsDone: Int
        public var documentsTotal: Int
        public var bytesDone: Int64
        public var bytesTotal: Int64
    }

    private final class Box: @unchecked Sendable {
        let lock = NSLock()
        var observer: (@Sendable (Event) -> Void)?
    }

    private static let box = Box()

    /// Installs `observer` (nil removes it). Only one observer at a time.
    public static func observe(_ observer: (@Sendable (Event) -> Void)?) {
        box.lock.lock()
        box.observer = observer
        box.lock.unlock()
    }

    /// Sends `event` to the observer, if any.
    public static func report(_ event: Event) {
        box.lock.lock()
        let observer = box.observer
        box.lock.unlock()
        observer?(event)
    }

    /// Whether an observer is installed (callers skip measuring file sizes otherwise).
    public static var isObserved: Bool {
        box.lock.lock()
        defer { box.lock.unlock() }
        return box.observer != nil
    }

    /// The size in bytes of each file of `paths` under `root` (0 when it cannot be read).
    static func sizes(of paths: [String], in root: URL) -> [Int64] {
        paths.map { path in
            let full = path.hasPrefix("/") ? path : root.appendingPathComponent(path).path
            let attributes = try? FileManager.default.attributesOfItem(atPath: full)
            return (attributes?[.size] as? NSNumber)?.int64Value ?? 0
        }
    }
}
