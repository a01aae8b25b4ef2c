import Foundation

/// Per-unit, per-coder code sets, encoded as bit sets for fast agreement computation.
///
/// Input layout (note: units are the OUTER index here, unlike `ReliabilityData`):
/// `units[unit][coder]` is the set of code ids that coder applied to that unit, or nil when
/// the coder did not code the unit (missing data, e.g. segment not marked done). An empty
/// set means "coded, no code applies". docs/statistics.md §1: the unit is the segment.
/// Storage: `wordsPerValue` UInt64 words per (unit, coder); bit i of the set = `codes[i]`.
public struct CodeAssignments: Sendable, Equatable {
    /// Code ids in bit order.
    public let codes: [String]
    public let unitCount: Int
    public let coderCount: Int
    let wordsPerValue: Int
    /// `masks[(unit * coderCount + coder) * wordsPerValue + word]`.
    let masks: [UInt64]
    /// `present[unit * coderCount + coder]`.
    let present: [Bool]

    /// Encodes `units[unit][coder]`. `codes` fixes the code order (e.g. the codebook's);
    /// codes found in the data but not listed are appended in sorted order. `coderCount`
    /// defaults to the length of the first unit's row; shorter rows are padded with nil.
    /// Throws `AgreementError.tooManyCoders` if a row is longer than `coderCount`.
    public init(units: [[Set<String>?]], coderCount: Int? = nil, codes: [String]? = nil) throws {
        let m = coderCount ?? units.first?.count ?? 0
        for (u, row) in units.enumerated() where row.count > m {
            throw AgreementError.tooManyCoders(unit: u, coderCount: m)
        }
        self.init(checkedUnits: units, coderCount: m, codes: codes)
    }

    /// As `init(units:coderCount:codes:)` for rows already known to be no longer than `m`.
    init(checkedUnits units: [[Set<String>?]], coderCount m: Int, codes: [String]?) {
        var order = codes ?? []
        var index: [String: Int] = [:]
        for (i, c) in order.enumerated() where index[c] == nil { index[c] = i }
        var extra = Set<String>()
        for row in units {
            for s in row { if let s { for c in s where index[c] == nil { extra.insert(c) } } }
        }
        for c in extra.sorted() {
            index[c] = order.count
            order.append(c)
        }
        let w = max(1, (order.count + 63) / 64)
        var masks = [UInt64](repeating: 0, count: units.count * m * w)
        var present = [Bool](repeating: false, count: units.count * m)
        for (u, row) in units.enumerated() {
            for (j, s) in row.enumerated() {
                guard let s else { continue }
                let slot = u * m + j
                present[slot] = true
                // Every code of the data is in `index` (listed or appended above).
                for c in s {
                    guard let b = index[c] else { continue }
                    masks[slot * w + (b >> 6)] |= 1 << UInt64(b & 63)
                }
            }
        }
        self.codes = order
        self.unitCount = units.count
        self.coderCount = m
        self.wordsPerValue = w
        self.masks = masks
        self.present = present
    }

    /// Whether `coder` coded `unit`.
    public func isPresent(unit: Int, coder: Int) -> Bool { present[unit * coderCount + coder] }

    /// The code set of (unit, coder), or nil if missing.
    public func codeSet(unit: Int, coder: Int) -> Set<String>? {
        guard isPresent(unit: unit, coder: coder) else { return nil }
        var out = Set<String>()
        let base = (unit * coderCount + coder) * wordsPerValue
        for w in 0..<wordsPerValue {
            var x = masks[base + w]
            while x != 0 {
                out.insert(codes[w * 64 + x.trailingZeroBitCount])
                x &= x - 1
            }
        }
        return out
    }

    /// Bit mask (one word per 64 codes) selecting `ids`; unknown ids are ignored.
    func selector(_ ids: Set<String>) -> [UInt64] {
        var sel = [UInt64](repeating: 0, count: wordsPerValue)
        for (i, c) in codes.enumerated() where ids.contains(c) { sel[i >> 6] |= 1 << UInt64(i & 63) }
        return sel
    }

    /// Binary applied/not-applied data for a category: true when the coder applied any of
    /// `ids`. Coders × units, nil = missing. For one code pass `[code]`.
    public func binaryData(anyOf ids: Set<String>) -> ReliabilityData<Bool> {
        let sel = selector(ids)
        var rows = [[Bool?]](repeating: .init(repeating: nil, count: unitCount), count: coderCount)
        for u in 0..<unitCount {
            for j in 0..<coderCount where isPresent(unit: u, coder: j) {
                let base = (u * coderCount + j) * wordsPerValue
                var hit = false
                for w in 0..<wordsPerValue where masks[base + w] & sel[w] != 0 { hit = true }
                rows[j][u] = hit
            }
        }
        return ReliabilityData(rectangular: rows, unitCount: unitCount)
    }

    /// Binary applied/not-applied data for one code (coders × units, nil = missing).
    public func binaryData(code: String) -> ReliabilityData<Bool> { binaryData(anyOf: [code]) }

    /// Set-valued data (coders × units, nil = missing) for overall agreement.
    public func setData() -> ReliabilityData<Set<String>> {
        var rows = [[Set<String>?]](repeating: .init(repeating: nil, count: unitCount), count: coderCount)
        for u in 0..<unitCount { for j in 0..<coderCount { rows[j][u] = codeSet(unit: u, coder: j) } }
        return ReliabilityData(rectangular: rows, unitCount: unitCount)
    }
}
