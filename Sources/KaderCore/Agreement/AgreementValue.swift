import Foundation

/// The value of an agreement coefficient: a finite number, or the reason it is undefined.
///
/// Coefficients in this module never return NaN or infinity. Whenever a formula would
/// divide by zero (one value only, fewer than 2 coders per unit, no pairable values,
/// expected disagreement D_e = 0, ...) the result is `.notComputable(reason:)` with a
/// sentence a user can act on. Floating-point residue (|x| < 1e-12) is snapped to 0
/// (pitfall 15 in agreement-vectors.md).
public enum AgreementValue: Sendable, Hashable, CustomStringConvertible {
    case value(Double)
    case notComputable(reason: String)

    /// The number, or nil when not computable.
    public var double: Double? {
        if case .value(let v) = self { return v }
        return nil
    }

    /// The reason, or nil when computable.
    public var reason: String? {
        if case .notComputable(let r) = self { return r }
        return nil
    }

    public var isComputable: Bool { double != nil }

    public var description: String {
        switch self {
        case .value(let v): return String(format: "%.4f", v)
        case .notComputable(let r): return "not computable (\(r))"
        }
    }

    /// Wraps `x`, snapping residue to 0 and turning a non-finite number into
    /// `.notComputable(reason:)`.
    static func checked(_ x: Double, otherwise reason: String) -> AgreementValue {
        guard x.isFinite else { return .notComputable(reason: reason) }
        return .value(abs(x) < 1e-12 ? 0 : x)
    }
}
