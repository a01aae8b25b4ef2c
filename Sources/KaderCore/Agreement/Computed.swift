import Foundation

/// A structured result that may be undefined, e.g. a bootstrap interval.
public enum Computed<Result: Sendable>: Sendable {
    case computed(Result)
    case notComputable(reason: String)

    /// The result, or nil when not computable.
    public var result: Result? {
        if case .computed(let r) = self { return r }
        return nil
    }

    public var reason: String? {
        if case .notComputable(let r) = self { return r }
        return nil
    }
}

extension Computed: Equatable where Result: Equatable {}
