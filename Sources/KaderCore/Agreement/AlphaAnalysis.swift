import Foundation

/// Krippendorff's α of a reliability CSV with its interval and the reading decisions behind it:
/// what `kader alpha` prints in every format.
public struct AlphaAnalysis: Sendable {
    /// The file as given.
    public let source: String
    public let coders: [String]
    public let unitCount: Int
    public let result: AlphaResult
    public let interval: Computed<AlphaInterval>
    /// The method asked for (`auto` unless given).
    public let requestedMethod: AlphaIntervalMethod
    /// Whether the values were compared as numbers (else as text).
    public let numericValues: Bool
    /// Every guess made while reading the file and choosing the values, one sentence each.
    public let notes: [String]

    /// Computes α for `csv` with `metric` and its interval.
    ///
    /// Values: when every value is a strict number (``StrictNumber``) values are compared as
    /// numbers for every metric (so `1` and `1.0` are one value); otherwise, for the nominal
    /// metric, as text, and the ordinal, interval and ratio metrics are refused naming the cells.
    /// Cost: O(cells) to group units into distinct patterns, then O(patterns × k + k²) for α and
    /// O(B × (patterns + k²)) for a bootstrap; memory O(cells) (4 bytes each) plus the patterns.
    /// - Throws: ``ReliabilityCSVError`` for values that are not numbers under a numeric metric.
    public init(
        _ csv: ReliabilityCSV, source: String, metric: AlphaMetric, method: AlphaIntervalMethod = .auto,
        samples: Int = 1000, seed: UInt64 = 1
    ) throws {
        self.source = source
        coders = csv.coders
        unitCount = csv.unitCount
        requestedMethod = method
        var notes = csv.notes
        let m = csv.coders.count
        let n = csv.unitCount
        // Used labels, and their categories.
        var usedLabel = [Bool](repeating: false, count: csv.labels.count)
        usedLabel.withUnsafeMutableBufferPointer { used in
            csv.cells.withUnsafeBufferPointer { cells in for i in cells where i >= 0 { used[Int(i)] = true } }
        }
        let numbers: [Double]?
        do { numbers = try csv.numericLabels(source: source, metric: metric) } catch {
            if metric != .nominal { throw error }
            numbers = nil
        }
        var labelToCategory = [Int32](repeating: -1, count: csv.labels.count)
        var categoryLabels: [String] = []
        var categoryValues: [Double]? = nil
        if let numbers {
            var distinct: [Double: [Int]] = [:]
            for (i, x) in numbers.enumerated() where usedLabel[i] { distinct[x == 0 ? 0 : x, default: []].append(i) }
            // (value, label indices) in ascending order of value.
            let groups = distinct.sorted { $0.key < $1.key }
            let sorted = groups.map(\.key)
            for (c, group) in groups.enumerated() { for i in group.value { labelToCategory[i] = Int32(c) } }
            categoryValues = sorted
            categoryLabels = groups.map { x, ls in
                ls.count == 1 ? csv.labels[ls[0]] : ChanceCorrectedAgreement.fmt(x)
            }
            let merged = groups.compactMap { _, ls -> String? in
                ls.count > 1 ? ls.map { "\"\(csv.labels[$0])\"" }.joined(separator: " = ") : nil
            }
            notes.append(
                "values read as numbers (\(sorted.count) distinct)"
                    + (merged.isEmpty
                        ? ""
                        : "; the same number written differently counts as one value: "
                            + merged.prefix(5).joined(separator: ", ") + (merged.count > 5 ? ", …" : "")))
        } else {
            var c: Int32 = 0
            for i in csv.labels.indices where usedLabel[i] {
                labelToCategory[i] = c
                categoryLabels.append(csv.labels[i])
                c += 1
            }
            let firstText = csv.labels.indices.first { i in
                usedLabel[i]
                    && {
                        var s = csv.labels[i]
                        return s.withUTF8 { StrictNumber.parse($0) } == nil
                    }()
            }
            notes.append(
                "values compared as text (\(categoryLabels.count) distinct), because \(firstText.map { "\"\(csv.labels[$0])\"" } ?? "a value") is not a number: \"1\" and \"1.0\" would be different values"
            )
        }
        numericValues = numbers != nil
        let k = categoryLabels.count
        // Group units into patterns of category counts.
        var groups = PatternCounter(categoryCount: k, coders: m)
        csv.cells.withUnsafeBufferPointer {
            groups.addUnits(
                $0, units: n, coders: m, coderStride: csv.coderStride, unitStride: csv.unitStride,
                categories: labelToCategory)
        }
        var patterns = groups.patterns()
        let o = patterns.coincidence()
        result = KrippendorffAlpha.compute(
            o, metric: metric, categoryValues: categoryValues, labels: categoryLabels, unitCount: n)
        if result.value.isComputable,
            let delta = metric.squaredDifferences(values: categoryValues, marginals: o.marginals)
        {
            patterns.setDelta(delta)
            interval = AlphaInterval.compute(
                patterns, method: method, samples: samples, seed: seed,
                kalpha: (o, metric, categoryValues, m))
        } else {
            interval = .notComputable(reason: result.value.reason ?? "alpha is not computable")
        }
        if metric == .ordinal, interval.result?.method != .kalpha, interval.result != nil {
            notes.append("ordinal metric: the resampled α keeps the differences δ² of the full data")
        }
        self.notes = notes
    }
}

/// Counts units by their multiset of categories. Sorted category indices are packed into a
/// 64-bit key when they fit, else kept as arrays.
struct PatternCounter {
    let categoryCount: Int
    let bits: Int
    let packs: Bool
    private var small: [UInt64: Int] = [:]
    /// Direct counts by key when keys have at most 22 bits.
    private var direct: [Int] = []
    private var large: [[Int32]: Int] = [:]
    private var order: [UInt64] = []
    private var largeOrder: [[Int32]] = []
    private var lastKey: UInt64 = .max
    private var lastCount = 0

    init(categoryCount: Int, coders: Int) {
        self.categoryCount = categoryCount
        var b = 1
        while (1 << b) <= categoryCount { b += 1 }
        bits = b
        packs = b * coders <= 63
        if b * coders <= 22 { direct = [Int](repeating: 0, count: 1 << (b * coders)) }
    }

    /// Adds every unit of `cells` (`cells[c * coderStride + u * unitStride]`, label index or -1
    /// when missing), reading each label's category from `categories`. O(units × coders).
    mutating func addUnits(
        _ cells: UnsafeBufferPointer<Int32>, units n: Int, coders m: Int, coderStride: Int, unitStride: Int,
        categories: [Int32]
    ) {
        let scratch = UnsafeMutableBufferPointer<Int32>.allocate(capacity: max(m, 1))
        defer { scratch.deallocate() }
        categories.withUnsafeBufferPointer { category in
            /// The unit's categories, sorted, in scratch[0..<count].
            func gather(_ u: Int) -> Int {
                var mu = 0
                var at = u * unitStride
                for _ in 0..<m {
                    let l = cells[at]
                    if l >= 0 {
                        scratch[mu] = category[Int(l)]
                        mu += 1
                    }
                    at += coderStride
                }
                Self.sort(scratch, mu)
                return mu
            }
            if packs && !direct.isEmpty {
                let bits = UInt64(self.bits)
                direct.withUnsafeMutableBufferPointer { table in
                    for u in 0..<n {
                        let mu = gather(u)
                        var key: UInt64 = 0
                        for i in 0..<mu { key = (key << bits) | UInt64(scratch[i] + 1) }
                        table[Int(key)] += 1
                    }
                }
            } else {
                for u in 0..<n { add(sorted: scratch, count: gather(u)) }
            }
        }
    }

    /// Insertion sort of v[0..<mu] (mu is at most the number of coders).
    @inline(__always)
    private static func sort(_ v: UnsafeMutableBufferPointer<Int32>, _ mu: Int) {
        guard mu > 1 else { return }
        for i in 1..<mu {
            let x = v[i]
            var j = i - 1
            while j >= 0 && v[j] > x {
                v[j + 1] = v[j]
                j -= 1
            }
            v[j + 1] = x
        }
    }

    private mutating func add(sorted v: UnsafeMutableBufferPointer<Int32>, count mu: Int) {
        if packs {
            var key: UInt64 = 0
            for i in 0..<mu { key = (key << UInt64(bits)) | UInt64(v[i] + 1) }
            if !direct.isEmpty {
                direct[Int(key)] += 1
                return
            }
            if key == lastKey {
                lastCount += 1
                return
            }
            flush()
            lastKey = key
            lastCount = 1
        } else {
            let a = Array(v[0..<mu])
            if large[a] == nil { largeOrder.append(a) }
            large[a, default: 0] += 1
        }
    }

    private mutating func flush() {
        guard lastKey != .max, lastCount > 0 else { return }
        if small[lastKey] == nil { order.append(lastKey) }
        small[lastKey, default: 0] += lastCount
        lastCount = 0
    }

    /// The pairable patterns (units with 2+ values), sparse, in order of first appearance; δ² not set yet.
    mutating func patterns() -> AlphaUnitPatterns {
        flush()
        lastKey = .max
        for (key, c) in direct.enumerated() where c > 0 {
            order.append(UInt64(key))
            small[UInt64(key)] = c
        }
        direct = []
        var out = AlphaUnitPatterns(categoryCount: categoryCount)
        var row: [(category: Int, count: Double)] = []
        func add(_ sorted: [Int32], _ w: Int) {
            guard sorted.count >= 2 else { return }
            row.removeAll(keepingCapacity: true)
            for c in sorted {
                if let last = row.last, last.category == Int(c) {
                    row[row.count - 1].count += 1
                } else {
                    row.append((Int(c), 1))
                }
            }
            out.add(weight: w, values: row)
        }
        if packs {
            let mask = (UInt64(1) << UInt64(bits)) - 1
            // `order` holds exactly the keys of `small`.
            for key in order {
                guard let w = small[key] else { continue }
                var cats: [Int32] = []
                var x = key
                while x != 0 {
                    cats.append(Int32(x & mask) - 1)
                    x >>= UInt64(bits)
                }
                add(cats.reversed(), w)
            }
        } else {
            // `largeOrder` holds exactly the keys of `large`.
            for a in largeOrder {
                guard let w = large[a] else { continue }
                add(a, w)
            }
        }
        return out
    }
}
