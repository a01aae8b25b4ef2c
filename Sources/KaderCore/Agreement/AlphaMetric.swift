import Foundation

/// Difference functions δ²_ck of Krippendorff's α.
///
/// Source: Krippendorff (2011), section "Difference functions"; docs/statistics.md §2.
/// - nominal: 0 if c = k, else 1
/// - ordinal: (Σ_{g=c..k} n_g − (n_c + n_k)/2)², g over the ordered value domain,
///   n_g the coincidence marginals (categories must be given in ascending order)
/// - interval: (c − k)²
/// - ratio: ((c − k)/(c + k))², defined as 0 when c = k = 0; values must be ≥ 0
public enum AlphaMetric: String, Sendable, Hashable, CaseIterable {
    case nominal, ordinal, interval, ratio

    /// Whether the metric needs numeric category values (interval, ratio).
    public var needsNumericValues: Bool { self == .interval || self == .ratio }

    /// The k × k matrix of δ²_ck, row-major. `values` are the numeric category values
    /// (required for interval and ratio); `marginals` the coincidence marginals (ordinal).
    /// Returns nil when the metric cannot be applied (missing values, negative ratio values).
    func squaredDifferences(values: [Double]?, marginals: [Double]) -> [Double]? {
        let k = marginals.count
        var d = [Double](repeating: 0, count: k * k)
        switch self {
        case .nominal:
            for c in 0..<k { for j in 0..<k where c != j { d[c * k + j] = 1 } }
        case .ordinal:
            for c in 0..<k {
                var s = 0.0
                for j in c..<k {
                    s += marginals[j]
                    if j == c { continue }
                    let x = s - (marginals[c] + marginals[j]) / 2
                    d[c * k + j] = x * x
                    d[j * k + c] = x * x
                }
            }
        case .interval:
            guard let v = values, v.count == k else { return nil }
            for c in 0..<k {
                for j in 0..<k {
                    let x = v[c] - v[j]
                    d[c * k + j] = x * x
                }
            }
        case .ratio:
            guard let v = values, v.count == k, v.allSatisfy({ $0 >= 0 }) else { return nil }
            for c in 0..<k {
                for j in 0..<k where v[c] != v[j] {
                    let x = (v[c] - v[j]) / (v[c] + v[j])
                    d[c * k + j] = x * x
                }
            }
        }
        return d
    }
}
