import KaderCore

#if canImport(Glibc)
import Glibc
#endif

/// Where two versions of a codings list differ, found fast enough for every toggle on a
/// document of thousands of codings.
enum CodingDiff {
    /// How many codings at the start (`prefix`) and then at the end (`suffix`) `old` and `new`
    /// have in common; what lies between is what changed. The two never overlap.
    ///
    /// An edit copies the list and changes one coding, so all the others hold the very same
    /// strings and arrays: their bytes are compared first (equal bytes are equal codings), and
    /// only codings whose bytes differ are compared with `==` (which copies each coding out of
    /// the array, a retain and release of every string: most of a toggle's cost on 2,500 codings).
    /// Bytes that differ only in padding, or equal codings in other storage, just go to `==`.
    static func commonEnds(_ old: [SegmentCoding], _ new: [SegmentCoding]) -> (prefix: Int, suffix: Int) {
        let shorter = min(old.count, new.count)
        let size = MemoryLayout<SegmentCoding>.size
        return old.withUnsafeBufferPointer { o in
            new.withUnsafeBufferPointer { n in
                guard let a = o.baseAddress, let b = n.baseAddress else { return (0, 0) }
                func same(_ i: Int, _ j: Int) -> Bool { memcmp(a + i, b + j, size) == 0 || o[i] == n[j] }
                var prefix = 0
                while prefix < shorter && same(prefix, prefix) { prefix += 1 }
                var suffix = 0
                while suffix < shorter - prefix && same(o.count - 1 - suffix, n.count - 1 - suffix) { suffix += 1 }
                return (prefix, suffix)
            }
        }
    }
}
