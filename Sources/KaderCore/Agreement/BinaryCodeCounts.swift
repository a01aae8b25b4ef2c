import Foundation

/// Sufficient statistics of binary applied / not-applied data for one code (or category,
/// or all codes pooled) over units with any number of coders.
///
/// For nominal agreement coefficients a unit only matters through (m, a): m coders coded
/// it, a of them applied the code. `histogram` counts units per (m, a), so percent
/// agreement, Fleiss, AC1, Brennan–Prediger and α (Krippendorff 2011) all follow in
/// O(coders²), whatever the number of units. For 2 coders the 2×2 table is kept as well.
public struct BinaryCodeCounts: Sendable, Equatable {
    /// Coders in the comparison.
    public let coderCount: Int
    /// `histogram[m * (coderCount + 1) + a]`: units coded by m coders, a of whom applied the code.
    public internal(set) var histogram: [Int]
    /// Units each coder coded (present, whether or not the code was applied).
    public internal(set) var codedByCoder: [Int]
    /// Units to which each coder applied the code.
    public internal(set) var appliedByCoder: [Int]
    /// 2 coders only, over units both coded: both applied / only coder 1 / only coder 2 / neither.
    public internal(set) var bothApplied = 0
    public internal(set) var onlyFirst = 0
    public internal(set) var onlySecond = 0
    public internal(set) var neither = 0

    /// Empty counts for `coderCount` coders.
    public init(coderCount: Int) {
        self.coderCount = coderCount
        histogram = .init(repeating: 0, count: (coderCount + 1) * (coderCount + 1))
        codedByCoder = .init(repeating: 0, count: coderCount)
        appliedByCoder = .init(repeating: 0, count: coderCount)
    }

    /// Units coded by m coders of whom a applied the code.
    public func units(coders m: Int, applied a: Int) -> Int { histogram[m * (coderCount + 1) + a] }

    /// Units with at least 2 coders (the pairable units).
    public var pairableUnits: Int {
        var s = 0
        for m in 2...max(2, coderCount) where m <= coderCount { for a in 0...m { s += units(coders: m, applied: a) } }
        return s
    }

    /// Adds another set of counts (pooling units × codes). Coder counts must match.
    public static func + (l: BinaryCodeCounts, r: BinaryCodeCounts) -> BinaryCodeCounts {
        precondition(l.coderCount == r.coderCount)
        var s = l
        for i in s.histogram.indices { s.histogram[i] += r.histogram[i] }
        for j in 0..<s.coderCount {
            s.codedByCoder[j] += r.codedByCoder[j]
            s.appliedByCoder[j] += r.appliedByCoder[j]
        }
        s.bothApplied += r.bothApplied
        s.onlyFirst += r.onlyFirst
        s.onlySecond += r.onlySecond
        s.neither += r.neither
        return s
    }

    /// The weighted units × {not applied, applied} count table (one row per non-empty
    /// (m, a) cell, weighted by its unit count).
    public var ratingTable: RatingCountTable {
        var rows: [Double] = []
        var weights: [Double] = []
        for m in 1...max(1, coderCount) where m <= coderCount {
            for a in 0...m {
                let c = units(coders: m, applied: a)
                if c == 0 { continue }
                rows += [Double(m - a), Double(a)]
                weights.append(Double(c))
            }
        }
        return RatingCountTable(unitCount: weights.count, categoryCount: 2, counts: rows, weights: weights)
    }

    /// The 2×2 table (index 0 = not applied, 1 = applied; rows coder 1, columns coder 2).
    public var contingencyTable: ContingencyTable {
        ContingencyTable(
            categoryCount: 2, counts: [Double(neither), Double(onlySecond), Double(onlyFirst), Double(bothApplied)])
    }
}

extension CodeAssignments {
    /// Counts for every code at once, in `codes` order. One pass over the data; per unit
    /// the work is proportional to the codes any coder applied there. Integer arrays only.
    public func countsPerCode() -> [BinaryCodeCounts] {
        let m = coderCount
        let w = wordsPerValue
        let k = codes.count
        let h = (m + 1) * (m + 1)
        var hist = [Int](repeating: 0, count: k * h)
        var applied = [Int](repeating: 0, count: k * m)
        var coded = [Int](repeating: 0, count: m)
        var unitsWithM = [Int](repeating: 0, count: m + 1)
        var first = [Int](repeating: 0, count: k)
        var second = [Int](repeating: 0, count: k)
        var both = [Int](repeating: 0, count: k)
        var bothPresent = 0
        var slots = [Int](repeating: 0, count: m)
        var seen = [Int32](repeating: 0, count: max(k, 1))
        masks.withUnsafeBufferPointer { masks in
            present.withUnsafeBufferPointer { present in
                hist.withUnsafeMutableBufferPointer { hist in
                    applied.withUnsafeMutableBufferPointer { applied in
                        for u in 0..<unitCount {
                            var mu = 0
                            for j in 0..<m where present[u * m + j] {
                                slots[mu] = j
                                mu += 1
                                coded[j] += 1
                                let base = (u * m + j) * w
                                for word in 0..<w {
                                    var x = masks[base + word]
                                    while x != 0 {
                                        let c = word * 64 + x.trailingZeroBitCount
                                        applied[c * m + j] += 1
                                        seen[c] &+= 1
                                        x &= x - 1
                                    }
                                }
                            }
                            unitsWithM[mu] += 1
                            if mu == 0 { continue }
                            let pairOf2 = m == 2 && mu == 2
                            if pairOf2 { bothPresent += 1 }
                            // Visit each applied code once via the union of the coders' sets.
                            for word in 0..<w {
                                var union: UInt64 = 0
                                for s in 0..<mu { union |= masks[(u * m + slots[s]) * w + word] }
                                while union != 0 {
                                    let c = word * 64 + union.trailingZeroBitCount
                                    let a = Int(seen[c])
                                    hist[c * h + mu * (m + 1) + a] += 1
                                    if pairOf2 {
                                        if a == 2 {
                                            both[c] += 1
                                        } else if masks[(u * m) * w + word] & (1 << UInt64(c & 63)) != 0 {
                                            first[c] += 1
                                        } else {
                                            second[c] += 1
                                        }
                                    }
                                    seen[c] = 0
                                    union &= union - 1
                                }
                            }
                        }
                    }
                }
            }
        }
        var out: [BinaryCodeCounts] = []
        out.reserveCapacity(k)
        for c in 0..<k {
            var b = BinaryCodeCounts(coderCount: m)
            for mu in 0...m {
                var nonzero = 0
                for a in 1...max(1, mu) where a <= mu { nonzero += hist[c * h + mu * (m + 1) + a] }
                b.histogram[mu * (m + 1)] = unitsWithM[mu] - nonzero
                for a in 1...max(1, mu) where a <= mu { b.histogram[mu * (m + 1) + a] = hist[c * h + mu * (m + 1) + a] }
            }
            b.codedByCoder = coded
            for j in 0..<m { b.appliedByCoder[j] = applied[c * m + j] }
            if m == 2 {
                b.bothApplied = both[c]
                b.onlyFirst = first[c]
                b.onlySecond = second[c]
                b.neither = bothPresent - both[c] - first[c] - second[c]
            }
            out.append(b)
        }
        return out
    }

    /// Counts for a category: a coder "applied" it when any of `ids` is in their set.
    public func counts(anyOf ids: Set<String>) -> BinaryCodeCounts {
        let m = coderCount
        let w = wordsPerValue
        let sel = selector(ids)
        var b = BinaryCodeCounts(coderCount: m)
        for u in 0..<unitCount {
            var mu = 0
            var a = 0
            var hit0 = false
            var hit1 = false
            for j in 0..<m where present[u * m + j] {
                mu += 1
                b.codedByCoder[j] += 1
                let base = (u * m + j) * w
                var hit = false
                for word in 0..<w where masks[base + word] & sel[word] != 0 { hit = true }
                if hit {
                    a += 1
                    b.appliedByCoder[j] += 1
                }
                if j == 0 { hit0 = hit } else if j == 1 { hit1 = hit }
            }
            b.histogram[mu * (m + 1) + a] += 1
            if m == 2 && mu == 2 {
                switch (hit0, hit1) {
                case (true, true): b.bothApplied += 1
                case (true, false): b.onlyFirst += 1
                case (false, true): b.onlySecond += 1
                case (false, false): b.neither += 1
                }
            }
        }
        return b
    }

    /// Counts for one code.
    public func counts(code: String) -> BinaryCodeCounts { counts(anyOf: [code]) }
}
