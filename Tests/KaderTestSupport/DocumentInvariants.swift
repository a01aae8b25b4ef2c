import Foundation
import KaderCore

/// The offset contract of docs/ARCHITECTURE.md §4, written once for the unit tests, the
/// property tests and the fuzz-regression replay: ordinals 1…n, segments in order and inside the
/// text, each segment's text equal to its scalar slice, the gaps and segments together giving the
/// text back, the content hash of the text, and no CR left.
public enum DocumentInvariants {
    /// One sentence per broken rule; empty when `document` keeps the contract.
    public static func violations(of document: Document) -> [String] {
        var out: [String] = []
        let scalars = Array(document.text.unicodeScalars)
        var rebuilt = String.UnicodeScalarView()
        var cursor = 0
        for (i, s) in document.segments.enumerated() {
            if s.ordinal != i + 1 { out.append("segment \(i + 1) has ordinal \(s.ordinal)") }
            guard s.start >= cursor, s.start < s.end, s.end <= scalars.count else {
                out.append(
                    "segment \(s.ordinal) has offsets \(s.start)..<\(s.end) (previous end \(cursor), text \(scalars.count))"
                )
                return out
            }
            rebuilt.append(contentsOf: scalars[cursor..<s.start])
            let slice = String(String.UnicodeScalarView(scalars[s.start..<s.end]))
            if slice != s.text { out.append("segment \(s.ordinal): text differs from its slice of the document") }
            rebuilt.append(contentsOf: s.text.unicodeScalars)
            cursor = s.end
        }
        rebuilt.append(contentsOf: scalars[cursor...])
        if String(rebuilt) != document.text { out.append("segments and gaps do not give the text back") }
        if document.contentHash != Fingerprint.sha256Hex(document.text) {
            out.append("content hash is not the text's SHA-256")
        }
        if document.text.contains("\r") { out.append("the text still contains CR") }
        return out
    }
}
