import Foundation

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
