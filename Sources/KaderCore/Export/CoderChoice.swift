import Foundation

/// Whose codings a quote export takes, so a report never mixes coders by accident.
///
/// - `--coder` given: exactly those coders.
/// - `--all-coders`: every coder with codings.
/// - otherwise, one coder with codings: that coder; several with a `consensus` coder (what
///   `kader reconcile` writes): the consensus alone; several without one: an error asking for
///   `--coder` or `--all-coders`.
/// The ``note`` says which coders were included whenever the project has more than one.
public struct CoderChoice: Sendable, Hashable {
    public static let consensus = "consensus"

    /// Coders to include, sorted.
    public var coders: [String]
    /// One sentence for standard error, or nil when the project has at most one coder.
    public var note: String?

    /// - Parameters: `available` are the coders with codings files; `requested` the `--coder`
    ///   values; `all` is `--all-coders`.
    /// - Throws: ``ExportError/unknownCoder(name:available:)``, ``ExportError/chooseCoders(available:)``.
    public static func resolve(available: [String], requested: [String], all: Bool) throws -> CoderChoice {
        let available = available.sorted()
        for c in requested where !available.contains(c) {
            throw ExportError.unknownCoder(name: c, available: available)
        }
        let coders: [String]
        var why: String
        if !requested.isEmpty {
            coders = Array(Set(requested)).sorted()
            why = "as asked with --coder"
        } else if all || available.count <= 1 {
            coders = available
            why = "every coder"
        } else if available.contains(consensus) {
            coders = [consensus]
            why = "the reconciled consensus by default; --coder NAME or --all-coders to choose others"
        } else {
            throw ExportError.chooseCoders(available: available)
        }
        let note =
            available.count > 1
            ? "codings of \(coders.joined(separator: ", ")) (\(why)); the project's coders: \(available.joined(separator: ", "))."
            : nil
        return CoderChoice(coders: coders, note: note)
    }
}
