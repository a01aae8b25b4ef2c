import Synchronization

/// The wrapped lines of segment texts, remembered between frames so a redraw after j/k, a page
/// key or a code toggle does not wrap the unchanged turns on screen again.
///
/// A pure memo of ``TextWrap/wrap(_:width:)``: an entry is found only for the same text (the same
/// Unicode scalars, compared byte for byte, not by canonical equivalence, since the offsets count
/// scalars) at the same width, and the wrap depends on nothing else (``DisplayWidth`` has no
/// settings; quote spans, search matches and the selection only colour the characters). So no
/// change of state has to invalidate it: a resize, a reload or an edited transcript simply looks
/// up other keys. That is also why the state may share one cache among all its copies.
///
/// A reference type held by ``AppState`` (copies of a state share it). Thread-safe: every access
/// takes the lock, so states copied to other threads (the parallel tests, the bench's jump) may
/// use it at once. Memory is bounded by `capacity` characters per generation: when the newer
/// generation fills up it becomes the older one and the previous older one is dropped, and an
/// entry found in the older generation moves back to the newer (what is on screen stays).
public final class WrapCache: Sendable {
    private struct Key: Hashable {
        var text: String
        var width: Int

        /// Hashes the width, the length and the first and last few bytes only (equal keys still
        /// compare every byte), so a lookup does not hash the whole turn.
        func hash(into hasher: inout Hasher) {
            hasher.combine(width)
            let utf8 = text.utf8
            hasher.combine(utf8.count)
            for b in utf8.prefix(16) { hasher.combine(b) }
            for b in utf8.suffix(16) { hasher.combine(b) }
        }

        static func == (a: Key, b: Key) -> Bool {
            guard a.width == b.width, a.text.utf8.count == b.text.utf8.count else { return false }
            let fast = a.text.utf8.withContiguousStorageIfAvailable { x in
                b.text.utf8.withContiguousStorageIfAvailable { y in x.elementsEqual(y) }
            }
            return (fast ?? nil) ?? a.text.utf8.elementsEqual(b.text.utf8)
        }
    }

    private struct Generations {
        var newer: [Key: [TextWrap.Line]] = [:]
        var older: [Key: [TextWrap.Line]] = [:]
        /// Characters held by `newer`.
        var newerSize = 0
    }

    private let state = Mutex(Generations())
    /// Most characters of wrapped text kept per generation (0: remember nothing).
    public let capacity: Int

    /// A cache keeping up to `capacity` characters of wrapped text per generation (two
    /// generations; a line's character costs about 24 bytes). 0 disables it.
    public init(capacity: Int = 400_000) {
        self.capacity = capacity
    }

    /// ``TextWrap/wrap(_:width:)`` of `text` at `width` cells, from the cache when it was wrapped before.
    public func wrap(_ text: String, width: Int) -> [TextWrap.Line] {
        guard capacity > 0 else { return TextWrap.wrap(text, width: width) }
        let key = Key(text: text, width: width)
        if let hit = state.withLock({ g -> [TextWrap.Line]? in
            if let lines = g.newer[key] { return lines }
            guard let lines = g.older.removeValue(forKey: key) else { return nil }
            Self.insert(key, lines, into: &g, capacity: capacity)
            return lines
        }) {
            return hit
        }
        let lines = TextWrap.wrap(text, width: width)
        state.withLock { Self.insert(key, lines, into: &$0, capacity: capacity) }
        return lines
    }

    /// How many wrapped texts are remembered (both generations; for the tests).
    public var count: Int { state.withLock { $0.newer.count + $0.older.count } }

    private static func insert(_ key: Key, _ lines: [TextWrap.Line], into g: inout Generations, capacity: Int) {
        let size = lines.reduce(1) { $0 + $1.characters.count }
        if g.newerSize + size > capacity && !g.newer.isEmpty {
            g.older = g.newer
            g.newer = [:]
            g.newerSize = 0
        }
        if g.newer.updateValue(lines, forKey: key) == nil { g.newerSize += size }
    }
}
