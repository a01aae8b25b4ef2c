import Foundation

/// Reliability data in Krippendorff's layout: one row per coder, one column per unit,
/// `nil` where the coder gave no value (missing data).
///
/// Source: Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability,
/// section "Reliability data" (repository.upenn.edu/asc_papers/43).
/// Shape: `values[coder][unit]`, every row of equal length. A value only means
/// something relative to the other values; use `Double` for interval/ratio data.
public struct ReliabilityData<Value: Hashable> {
    /// `values[coder][unit]`; nil = missing.
    public let values: [[Value?]]
    public let coderCount: Int
    public let unitCount: Int

    /// Coders as rows, units as columns. Throws `AgreementError.ragged` if rows differ in length.
    public init(coders rows: [[Value?]]) throws {
        let n = rows.first?.count ?? 0
        for (i, r) in rows.enumerated() where r.count != n {
            throw AgreementError.ragged(row: i, expected: n, found: r.count)
        }
        values = rows
        coderCount = rows.count
        unitCount = n
    }

    /// Coders as rows for rows built with `unitCount` values each (not checked again).
    init(rectangular rows: [[Value?]], unitCount n: Int) {
        values = rows
        coderCount = rows.count
        unitCount = n
    }

    /// Units as rows, coders as columns (the transpose of `init(coders:)`).
    public init(units rows: [[Value?]]) throws {
        let m = rows.first?.count ?? 0
        for (i, r) in rows.enumerated() where r.count != m {
            throw AgreementError.ragged(row: i, expected: m, found: r.count)
        }
        var t = Array(repeating: [Value?](repeating: nil, count: rows.count), count: m)
        for (u, r) in rows.enumerated() { for (c, v) in r.enumerated() { t[c][u] = v } }
        values = t
        coderCount = m
        unitCount = rows.count
    }

    /// The values of one unit that are not missing, in coder order.
    public func unitValues(_ unit: Int) -> [Value] {
        values.compactMap { $0[unit] }
    }

    /// Distinct values in order of first appearance (coder-major).
    public func categories() -> [Value] {
        var seen = Set<Value>()
        var out: [Value] = []
        for row in values { for v in row { if let v, seen.insert(v).inserted { out.append(v) } } }
        return out
    }

    /// Category index of every cell, `-1` for missing, in `[coder * unitCount + unit]`
    /// order. Values absent from `categories` are treated as missing.
    func indexed(categories: [Value]) -> [Int32] {
        var index: [Value: Int32] = [:]
        for (i, c) in categories.enumerated() { index[c] = Int32(i) }
        var out = [Int32](repeating: -1, count: coderCount * unitCount)
        for (c, row) in values.enumerated() {
            for (u, v) in row.enumerated() { if let v, let i = index[v] { out[c * unitCount + u] = i } }
        }
        return out
    }

    /// The units × categories count table r_uk (number of coders giving category k to
    /// unit u). `categories` fixes the column order (default: first appearance).
    public func ratingTable(categories: [Value]? = nil) -> RatingCountTable {
        let cats = categories ?? self.categories()
        let idx = indexed(categories: cats)
        let k = cats.count
        var counts = [Double](repeating: 0, count: unitCount * k)
        for c in 0..<coderCount {
            for u in 0..<unitCount {
                let i = idx[c * unitCount + u]
                if i >= 0 { counts[u * k + Int(i)] += 1 }
            }
        }
        return RatingCountTable(unitCount: unitCount, categoryCount: k, counts: counts, weights: nil)
    }
}

extension ReliabilityData: Sendable where Value: Sendable {}
extension ReliabilityData: Equatable {}

extension ReliabilityData where Value: Comparable {
    /// Distinct values in ascending order (the ordered value domain used by ordinal,
    /// interval and ratio metrics).
    public func sortedCategories() -> [Value] { categories().sorted() }
}
