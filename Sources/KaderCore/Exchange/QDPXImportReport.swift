import Foundation

/// What a REFI-QDA import did, for the user to check.
public struct QDPXImportReport: Sendable, Hashable {
    public var project = ""
    public var createdProject = false
    /// Documents written to `Transcripts/` (`<id>.txt`).
    public var documentsAdded: [String] = []
    /// Imported sources whose text equals a document already in the project (codings attach to it).
    public var documentsMatched: [String] = []
    /// Sources not imported, each with the reason.
    public var skipped: [String] = []
    /// How positions were read for sources with CRLF line ends or characters outside the BMP.
    public var counting: [String] = []
    /// Documents marked done from Kader's settings note, as `coder document`.
    public var done: [String] = []
    /// Selections reaching outside their source's text (the part inside is coded).
    public var outside: [String] = []
    /// Selections not coded because their start lies after their end, naming GUID and source.
    public var refused: [String] = []
    /// The codebook file written, if any, and the code paths added to it.
    public var codebookFile: String?
    public var codesAdded: [String] = []
    /// True when the codebook file was newly written (the project had none).
    public var codebookCreated = false
    /// Coder → number of segment codings written.
    public var codings: [String: Int] = [:]
    /// Coder → number of code memos added to `Codings/<coder>/code-memos.json`.
    public var codeMemos: [String: Int] = [:]
    /// Coders whose project memo was written (`Codings/<coder>/project-memo.json`).
    public var projectMemos: [String] = []
    /// Selections that reach over more than one segment (each cut into one quote per segment).
    public var split = 0
    /// Imported user names that had to change to become safe coder names.
    public var renamedUsers: [String] = []
    /// Selections that fit no segment, and other problems that lost nothing else.
    public var unmatched: [String] = []
    public var warnings: [String] = []

    /// "1 transcript", "3 transcripts".
    static func counted(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

    /// Names joined with commas; beyond 20, the first 20 and how many more (the full lists are in
    /// the project: Transcripts/ and the codebook).
    static func list(_ names: [String]) -> String {
        names.count <= 20
            ? names.joined(separator: ", ")
            : names.prefix(20).joined(separator: ", ") + " and \(names.count - 20) more"
    }

    /// A human-readable summary, one fact per line.
    public var lines: [String] {
        var out: [String] = []
        out.append(createdProject ? "Created the project \(project)." : "Imported into \(project).")
        if !documentsAdded.isEmpty {
            out.append("Added \(Self.counted(documentsAdded.count, "transcript")): \(Self.list(documentsAdded)).")
        }
        if !documentsMatched.isEmpty {
            out.append(
                "Matched \(Self.counted(documentsMatched.count, "existing transcript")): \(Self.list(documentsMatched))."
            )
        }
        for s in skipped { out.append("Skipped: \(s)") }
        for c in counting { out.append("Positions: \(c)") }
        if let f = codebookFile {
            out.append(
                codebookCreated
                    ? "Codebook \(f): written with \(Self.counted(codesAdded.count, "code"))."
                    : "Codebook \(f): added \(Self.counted(codesAdded.count, "code")): \(Self.list(codesAdded)).")
        } else {
            out.append("Codebook: every imported code matched an existing code.")
        }
        for u in renamedUsers { out.append("Coder name: \(u)") }
        if codings.isEmpty {
            out.append("No codings were imported.")
        } else {
            out.append(
                "Codings: " + codings.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
                    + " (segment codings per coder).")
        }
        if !done.isEmpty { out.append("Marked done: " + done.joined(separator: ", ") + ".") }
        if !projectMemos.isEmpty { out.append("Project memos: " + projectMemos.joined(separator: ", ") + ".") }
        if !codeMemos.isEmpty {
            out.append(
                "Code memos: "
                    + codeMemos.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + "."
            )
        }
        if split > 0 {
            out.append("\(split) selection(s) reach over several segments: each was cut into one quote per segment.")
        }
        for r in refused { out.append("Refused: \(r)") }
        if !outside.isEmpty {
            out.append("\(outside.count) selection(s) reach outside their text (only the part inside is coded):")
            out += outside.map { "  " + $0 }
        }
        if !unmatched.isEmpty {
            out.append("\(unmatched.count) selection(s) fit no segment:")
            out += unmatched.map { "  " + $0 }
        }
        for w in warnings { out.append("Warning: \(w)") }
        return out
    }
}

extension QDPXImportReport {
    /// Records how `source`'s positions are read (only when a reading had to be chosen) and
    /// warns when the unit was decided on weak evidence.
    mutating func noteReading(_ r: PositionReading, of source: String, text: SourceText) {
        var parts: [String] = []
        if text.hasCRLF { parts.append("\(r.counting.rawValue) (\(r.countingReason))") }
        if text.hasAstral { parts.append("\(r.unit.rawValue) (\(r.unitReason))") }
        guard !parts.isEmpty else { return }
        counting.append("\"\(source)\": " + parts.joined(separator: "; ") + ".")
        if r.weak {
            warnings.append(
                "\"\(source)\": positions were read as \(r.unit.rawValue) on weak evidence (\(r.unitReason)); "
                    + "check a few selections after the first emoji or other character outside the BMP")
        }
    }

    /// False (and the selection refused, naming its GUID) when its start lies after its end;
    /// a selection reaching past the text (`length` positions) is listed and still mapped.
    mutating func accepts(_ sel: QDASelection, of source: String, length: Int) -> Bool {
        let guid = sel.guid ?? "(no GUID)"
        if sel.start > sel.end {
            refused.append(
                "selection \(guid) in \"\(source)\" starts at \(sel.start), after its end \(sel.end); not coded.")
            return false
        }
        if sel.start < 0 || sel.end > length {
            outside.append("\"\(source)\" selection \(guid) \(sel.start)–\(sel.end), text 0–\(length)")
        }
        return true
    }
}
