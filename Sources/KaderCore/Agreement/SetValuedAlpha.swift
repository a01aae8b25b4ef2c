import Foundation

/// Krippendorff's α for set-valued (multi-label) data with a set distance.
///
/// Sources: Krippendorff (2011) coincidence-matrix α; Passonneau (2006, LREC) for MASI as
/// δ; the same construction as nltk `AnnotationTask.alpha` with `masi_distance` /
/// `jaccard_distance` (docs/statistics.md §2: the distance is used directly, not squared).
/// Each (unit, coder) value is a set of code ids; units with fewer than 2 values are dropped.
/// D_o = Σ_u Σ_{i≠j} δ(v_ui, v_uj)/(m_u − 1) / n;  D_e = Σ_{s,t} n_s n_t δ(s,t) / (n(n−1)),
/// s, t over the distinct sets among the n pairable values.
/// Cost: O(units · coders² · words) for D_o, O(distinct sets² · words) for D_e.
/// Undefined when there are fewer than 2 coders, no pairable values, or D_e = 0 (every
/// pairable value is the same set).
public enum SetValuedAlpha {

    /// α for set-valued reliability data (`data`: coders × units, nil = missing).
    public static func compute(_ data: ReliabilityData<Set<String>>, distance: SetDistance) -> AlphaResult {
        var units = [[Set<String>?]](repeating: [], count: data.unitCount)
        for u in 0..<data.unitCount { units[u] = data.values.map { $0[u] } }
        // Every row has exactly `data.coderCount` values.
        let a = CodeAssignments(checkedUnits: units, coderCount: data.coderCount, codes: nil)
        return compute(a, distance: distance)
    }

    /// α for encoded code assignments (units × coders).
    public static func compute(_ data: CodeAssignments, distance: SetDistance) -> AlphaResult {
        compute(data, distances: [distance])[0]
    }

    /// α for several distances in one pass over the data (the set sizes and intersections
    /// are shared). Results are in the order of `distances`.
    public static func compute(_ data: CodeAssignments, distances: [SetDistance]) -> [AlphaResult] {
        let m = data.coderCount
        let w = data.wordsPerValue
        let nd = distances.count
        func result(_ i: Int, _ v: AgreementValue, _ units: Int = 0, _ n: Int = 0, _ dO: Double = 0, _ dE: Double = 0)
            -> AlphaResult
        {
            AlphaResult(
                value: v, metric: distances[i].rawValue, unitCount: data.unitCount, pairableUnits: Double(units),
                pairableValues: Double(n), observedDisagreement: dO, expectedDisagreement: dE,
                coincidence: nil, categoryLabels: [])
        }
        guard m >= 2 else { return (0..<nd).map { result($0, .notComputable(reason: "fewer than 2 coders")) } }
        var sumO = [Double](repeating: 0, count: nd)
        var unitO = [Double](repeating: 0, count: nd)
        var n = 0
        var units = 0
        var slots = [Int](repeating: 0, count: m)
        // Distinct pairable sets with their counts n_s.
        var single: [UInt64: Int] = [:]
        var multi: [[UInt64]: Int] = [:]
        data.masks.withUnsafeBufferPointer { masks in
            data.present.withUnsafeBufferPointer { present in
                for u in 0..<data.unitCount {
                    var mu = 0
                    for j in 0..<m where present[u * m + j] {
                        slots[mu] = (u * m + j) * w
                        mu += 1
                    }
                    if mu < 2 { continue }
                    units += 1
                    n += mu
                    for d in 0..<nd { unitO[d] = 0 }
                    for x in 0..<mu {
                        for y in (x + 1)..<mu {
                            let (i, ca, cb) = SetDistance.overlap(masks, slots[x], slots[y], words: w)
                            if i == ca && i == cb { continue }
                            for d in 0..<nd { unitO[d] += distances[d].distance(intersection: i, sizeA: ca, sizeB: cb) }
                        }
                    }
                    let f = 2 / Double(mu - 1)
                    for d in 0..<nd { sumO[d] += f * unitO[d] }
                    for x in 0..<mu {
                        if w == 1 {
                            single[masks[slots[x]], default: 0] += 1
                        } else {
                            multi[Array(masks[slots[x]..<(slots[x] + w)]), default: 0] += 1
                        }
                    }
                }
            }
        }
        guard n >= 2 else {
            return (0..<nd).map {
                result($0, .notComputable(reason: "no pairable values (no unit was coded by at least 2 coders)"))
            }
        }
        var flat: [UInt64] = []
        var counts: [Double] = []
        if w == 1 {
            for (k, c) in single {
                flat.append(k)
                counts.append(Double(c))
            }
        } else {
            for (k, c) in multi {
                flat += k
                counts.append(Double(c))
            }
        }
        let k = counts.count
        var sumE = [Double](repeating: 0, count: nd)
        var row = [Double](repeating: 0, count: nd)
        if w == 1, k > 64, let viaSubsets = expectedBySubsets(flat, counts, distances) {
            sumE = viaSubsets
        } else {
            flat.withUnsafeBufferPointer { p in
                for a in 0..<k {
                    for d in 0..<nd { row[d] = 0 }
                    for b in (a + 1)..<max(a + 1, k) {
                        let (i, ca, cb) = SetDistance.overlap(p, a * w, b * w, words: w)
                        for d in 0..<nd {
                            row[d] += counts[b] * distances[d].distance(intersection: i, sizeA: ca, sizeB: cb)
                        }
                    }
                    for d in 0..<nd { sumE[d] += 2 * counts[a] * row[d] }
                }
            }
        }
        let nn = Double(n)
        return (0..<nd).map { d in
            let dO = sumO[d] / nn
            let dE = sumE[d] / (nn * (nn - 1))
            guard k >= 2, dE > 0 else {
                return result(
                    d, .notComputable(reason: "every pairable value is the same set, so expected disagreement D_e = 0"),
                    units, n, dO, dE)
            }
            return result(d, .checked(1 - dO / dE, otherwise: "D_e = 0"), units, n, dO, dE)
        }
    }

    /// Σ_{s≠t} n_s n_t δ(s,t) over distinct single-word sets without the O(k²) pair loop.
    ///
    /// δ depends only on (|s∩t|, |s|, |t|). For every subset T of a set, c(T, p) sums n_s
    /// over sets s ⊇ T of size p; then B_j(p,q) = Σ_{|T|=j} c(T,p)·c(T,q) counts pairs with
    /// weight C(|s∩t|, j), and the exact number of (ordered) pairs with |s∩t| = i is
    /// E_i(p,q) = Σ_{j≥i} (−1)^{j−i} C(j,i) B_j(p,q) (binomial inversion). Cost Σ_s 2^|s|;
    /// returns nil (use the pair loop) when a set has more than 12 codes. Integer arithmetic.
    static func expectedBySubsets(_ sets: [UInt64], _ counts: [Double], _ distances: [SetDistance]) -> [Double]? {
        let maxSize = sets.map(\.nonzeroBitCount).max() ?? 0
        guard maxSize <= 12 else { return nil }
        let sizes = maxSize + 1
        // c(T, p) per subset T, stored as a row of `sizes` integers.
        var index: [UInt64: Int] = [:]
        var rows: [Int] = []
        var rowSize: [Int] = []
        for (si, s) in sets.enumerated() {
            let p = s.nonzeroBitCount
            let n = Int(counts[si])
            var bits: [UInt64] = []
            var x = s
            while x != 0 {
                bits.append(x & (~x &+ 1))
                x &= x - 1
            }
            for pick in 0..<(1 << p) {
                var t: UInt64 = 0
                var b = pick
                var i = 0
                while b != 0 {
                    if b & 1 != 0 { t |= bits[i] }
                    b >>= 1
                    i += 1
                }
                let r: Int
                if let found = index[t] {
                    r = found
                } else {
                    r = rowSize.count
                    index[t] = r
                    rowSize.append(t.nonzeroBitCount)
                    rows += [Int](repeating: 0, count: sizes)
                }
                rows[r * sizes + p] += n
            }
        }
        // B_j(p, q).
        var moments = [Int](repeating: 0, count: sizes * sizes * sizes)
        for r in 0..<rowSize.count {
            let j = rowSize[r]
            let base = r * sizes
            for p in j..<sizes where rows[base + p] != 0 {
                for q in j..<sizes where rows[base + q] != 0 {
                    moments[(j * sizes + p) * sizes + q] += rows[base + p] * rows[base + q]
                }
            }
        }
        var binom = [[Int]](repeating: [Int](repeating: 0, count: sizes), count: sizes)
        for a in 0..<sizes {
            binom[a][0] = 1
            if a > 0 { for b in 1...a { binom[a][b] = binom[a - 1][b - 1] + (b <= a - 1 ? binom[a - 1][b] : 0) } }
        }
        var sum = [Double](repeating: 0, count: distances.count)
        for p in 0..<sizes {
            for q in 0..<sizes {
                for i in 0...min(p, q) {
                    var e = 0
                    for j in i...min(p, q) {
                        let term = binom[j][i] * moments[(j * sizes + p) * sizes + q]
                        e += (j - i) % 2 == 0 ? term : -term
                    }
                    if e == 0 { continue }
                    for (d, dist) in distances.enumerated() {
                        sum[d] += Double(e) * dist.distance(intersection: i, sizeA: p, sizeB: q)
                    }
                }
            }
        }
        return sum
    }
}
