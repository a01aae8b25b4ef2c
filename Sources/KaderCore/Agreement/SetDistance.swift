import Foundation

/// Distances between code sets, used as δ (not squared) in set-valued α.
///
/// Sources: Jaccard distance d_J = 1 − |A∩B|/|A∪B|; MASI (Passonneau, R. 2006, Measuring
/// Agreement on Set-valued Items, LREC) d = 1 − J·M with monotonicity M = 1 (A = B),
/// 2/3 (one a proper subset of the other), 1/3 (overlap, neither a subset), 0 (disjoint),
/// exact thirds (nltk PR #3695). Two empty sets are identical (distance 0); an empty and a
/// non-empty set are at distance 1.
public enum SetDistance: String, Sendable, Hashable, CaseIterable {
    case masi = "MASI"
    case jaccard = "Jaccard"

    /// The distance between two sets of code ids, in [0, 1].
    public func distance<T: Hashable>(_ a: Set<T>, _ b: Set<T>) -> Double {
        let i = a.intersection(b).count
        return distance(intersection: i, sizeA: a.count, sizeB: b.count)
    }

    /// The distance from set sizes: |A∩B|, |A|, |B|.
    @inline(__always)
    func distance(intersection i: Int, sizeA: Int, sizeB: Int) -> Double {
        let union = sizeA + sizeB - i
        if union == 0 { return 0 }
        let j = Double(i) / Double(union)
        switch self {
        case .jaccard:
            return 1 - j
        case .masi:
            let m: Double
            if i == sizeA && i == sizeB {
                m = 1
            } else if i == sizeA || i == sizeB {
                m = 2.0 / 3.0
            } else if i > 0 {
                m = 1.0 / 3.0
            } else {
                m = 0
            }
            return 1 - j * m
        }
    }

    /// |A∩B|, |A|, |B| for two bit sets of `w` words.
    @inline(__always)
    static func overlap(_ masks: UnsafeBufferPointer<UInt64>, _ a: Int, _ b: Int, words w: Int) -> (Int, Int, Int) {
        var i = 0
        var ca = 0
        var cb = 0
        for k in 0..<w {
            let x = masks[a + k]
            let y = masks[b + k]
            i += (x & y).nonzeroBitCount
            ca += x.nonzeroBitCount
            cb += y.nonzeroBitCount
        }
        return (i, ca, cb)
    }
}
