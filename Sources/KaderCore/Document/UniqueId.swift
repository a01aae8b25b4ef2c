/// Unique ids for new codes and documents: `base`, else `base-2`, `base-3` …
enum UniqueId {
    /// The first of `base`, `base-2`, `base-3` … not in `taken`, which it joins.
    static func make(_ base: String, taken: inout Set<String>) -> String {
        var id = base
        var n = 2
        while taken.contains(id) {
            id = "\(base)-\(n)"
            n += 1
        }
        taken.insert(id)
        return id
    }
}

/// Many unique ids from one set: like ``UniqueId/make(_:taken:)``, but remembers the next suffix
/// to try per base, so n ids with the same base cost O(n) instead of O(n²).
struct UniqueIds {
    var taken: Set<String> = []
    private var next: [String: Int] = [:]

    mutating func make(_ base: String) -> String {
        var id = base
        var n = next[base] ?? 2
        while taken.contains(id) {
            id = "\(base)-\(n)"
            n += 1
        }
        next[base] = n
        taken.insert(id)
        return id
    }
}
