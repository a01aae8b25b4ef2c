import Foundation

/// Text snapshots kept next to the tests: `RECORD_SNAPSHOTS=1` (or a missing file) records.
/// A snapshot may have a second layer (e.g. one style letter per cell) stored after a line
/// `--- style`, so a colour change is caught as well as a text change.
public enum Snapshot {
    public enum Outcome: Equatable, Sendable {
        case matches
        /// The file was (re)written; the caller must fail the test so a record is never a pass.
        case recorded
        /// Line-by-line report of the differences.
        case differs(String)
    }

    /// Compares `text` (and `style`, if given) with `<folder>/<name>.txt`.
    /// - Throws: file-system errors while recording or reading.
    public static func compare(_ text: String, style: String? = nil, named name: String, in folder: URL) throws
        -> Outcome
    {
        let url = folder.appendingPathComponent(name + ".txt")
        var actual = text + "\n"
        if let style { actual += "--- style\n" + style + "\n" }
        if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] != nil
            || !FileManager.default.fileExists(atPath: url.path)
        {
            try actual.write(to: url, atomically: true, encoding: .utf8)
            return .recorded
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        return expected == actual ? .matches : .differs("Snapshot \(name) differs:\n" + diff(expected, actual))
    }

    /// The lines that differ, numbered from 1.
    public static func diff(_ expected: String, _ actual: String) -> String {
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        var out: [String] = []
        for i in 0..<max(e.count, a.count) {
            let exp = i < e.count ? String(e[i]) : ""
            let act = i < a.count ? String(a[i]) : ""
            if exp != act { out.append("line \(i + 1):\n  expected: \(exp)\n  actual:   \(act)") }
        }
        return out.joined(separator: "\n")
    }
}
