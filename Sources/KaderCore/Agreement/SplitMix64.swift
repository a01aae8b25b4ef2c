import Foundation

/// SplitMix64, a small seeded pseudo-random generator, so bootstrap results are reproducible.
///
/// Source: Steele, Lea & Flood (2014), Fast splittable pseudorandom number generators,
/// OOPSLA; constants as in Vigna's reference `splitmix64.c`.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator whose sequence is fixed by `seed`.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform double in [0, 1) with 53 random bits.
    public mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }
}

/// Walker's alias method: O(n) set-up, O(1) draws from a discrete distribution.
/// Source: Walker, A. J. (1977), ACM TOMS 3(3); Vose (1991) numerically stable variant.
struct AliasTable: Sendable {
    private var prob: [Double]
    private var alias: [Int]

    init(_ p: [Double]) {
        let n = p.count
        let total = p.reduce(0, +)
        var scaled = p.map { $0 * Double(n) / total }
        prob = .init(repeating: 1, count: n)
        alias = Array(0..<n)
        var small: [Int] = []
        var large: [Int] = []
        for (i, x) in scaled.enumerated() { if x < 1 { small.append(i) } else { large.append(i) } }
        while let s = small.popLast(), let l = large.popLast() {
            prob[s] = scaled[s]
            alias[s] = l
            scaled[l] = scaled[l] + scaled[s] - 1
            if scaled[l] < 1 { small.append(l) } else { large.append(l) }
        }
    }

    func draw(_ rng: inout SplitMix64) -> Int {
        let u = rng.nextUnit() * Double(prob.count)
        let i = min(Int(u), prob.count - 1)
        return (u - Double(i)) < prob[i] ? i : alias[i]
    }
}
