/// Unique ids for new codes and documents: `base`, else `base-2`, `base-3` …
enum UniqueId {
    /// The first of `base`, `base-2`, `base-3` … not in `taken`, which it joins.
    static func make(_ base: String, taken: inout Set<String>) -> String {
        var id = base, n = 2
        while taken.contains(id) {
            id = "\(base)-\(n)"
            n += 1
        }
        taken.insert(id)
        return id
    }
}
