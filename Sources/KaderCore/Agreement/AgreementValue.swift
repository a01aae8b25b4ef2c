import Foundation

/// The value of an agreement coefficient: a finite number, or the reason it is undefined.
///
/// Coefficients in this module never return NaN or infinity. Whenever a formula would
/// divide by zero (one value only, fewer than 2 coders per unit, no pairable values,
/// expected disagreement D_e = 0, ...) the result is `.notComputable(reason:)` with a
/// sentence a user can act on. Floating-point residue (|x| < 1e-12) is snapped to 0
/// (docs/statistics.md §1).
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

    /// Whether this is a number.
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

/// A structured result that may be undefined, e.g. a bootstrap interval.
public enum Computed<Result: Sendable>: Sendable {
    case computed(Result)
    case notComputable(reason: String)

    /// The result, or nil when not computable.
    public var result: Result? {
        if case .computed(let r) = self { return r }
        return nil
    }

    /// Why the result is undefined, or nil.
    public var reason: String? {
        if case .notComputable(let r) = self { return r }
        return nil
    }

    /// The result transformed by `f`; the reason kept when not computable.
    public func map<T: Sendable>(_ f: (Result) -> T) -> Computed<T> {
        switch self {
        case .computed(let r): return .computed(f(r))
        case .notComputable(let reason): return .notComputable(reason: reason)
        }
    }
}

extension Computed: Equatable where Result: Equatable {}

/// Errors in the shape of reliability data handed to the agreement engine.
public enum AgreementError: Error, Equatable, LocalizedError {
    /// Rows of different length; `row` is the first row whose length differs from row 0.
    case ragged(row: Int, expected: Int, found: Int)
    /// A count is negative or not finite.
    case invalidCount(row: Int, column: Int)
    /// A unit lists more coders than the declared coder count.
    case tooManyCoders(unit: Int, coderCount: Int)

    public var errorDescription: String? {
        switch self {
        case .ragged(let r, let e, let f):
            return "reliability data is not rectangular: row \(r + 1) has \(f) entries, expected \(e)."
        case .invalidCount(let r, let c):
            return "count at row \(r + 1), column \(c + 1) is negative or not a number."
        case .tooManyCoders(let u, let n):
            return "unit \(u + 1) has more than \(n) coder entries."
        }
    }
}
