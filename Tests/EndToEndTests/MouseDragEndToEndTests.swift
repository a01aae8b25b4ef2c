import Foundation
import KaderTestSupport
import Testing

/// Selecting a quote by mouse drag through curses in tmux (xterm SGR mouse reports: press,
/// motion with button 1 down — mode 1002 — and release), and a plain click that quotes nothing.
@Suite(.serialized) struct MouseDragEndToEndTests {
    static var available: Bool { Harness.binary != nil && Harness.tmux != nil }

    /// An SGR mouse report at 0-based `row`, `column`: button code `b`, `M` down/motion, `m` up.
    static func report(_ b: Int, _ row: Int, _ column: Int, up: Bool = false) -> String {
        "\u{1B}[<\(b);\(column + 1);\(row + 1)" + (up ? "m" : "M")
    }

    @Test(.enabled(if: available, "tmux or the kader binary is missing (set KADER_BIN)"))
    func dragOverWordsQuotesThemForTheOnlyCode() throws {
        let kader = try #require(Harness.binary)
        let tmux = try #require(Harness.tmux)
        let project = try CodingEndToEndTests().makeProject(kader)
        defer { try? FileManager.default.removeItem(at: project) }
        let session = try TmuxSession(
            tmux: tmux, command: [kader.path, "--coder", "ann", "focusgroep-e2e"], cwd: project)
        defer { session.kill() }
        var shot = try session.waitFor("CODING")
        #expect(shot.found, "coding screen did not open:\n\(shot.screen)")
        try session.send("n")
        try session.send("a")  // one code on the current segment
        shot = try session.waitFor("in progress")
        #expect(shot.found, "the code key did not apply the code:\n\(shot.screen)")
        let lines = try session.screen().components(separatedBy: "\n")
        // The current segment's first text line: marked ▌ and indented (its header is "▌#n").
        let row = try #require(lines.firstIndex { $0.hasPrefix("▌  ") && !$0.hasPrefix("▌  [") })
        let send = { (s: String) in try session.tm(["send-keys", "-t", session.name, "-l", s]) }
        // A click (press and release on one character) quotes nothing.
        _ = try send(Self.report(0, row, 5))
        _ = try send(Self.report(0, row, 5, up: true))
        _ = try send(Self.report(0, row, 3))
        _ = try send(Self.report(32, row, 8))
        _ = try send(Self.report(32, row, 14))
        _ = try send(Self.report(0, row, 14, up: true))
        shot = try session.waitFor("Quote kept for")
        #expect(shot.found, "the drag kept no quote:\n\(shot.screen)")
        try session.send("q")
        #expect(try session.waitForExit(), "kader did not quit on q")
        let file = try CodingsOnDisk(project: project, coder: "ann", document: "focusgroep-e2e")
        let spans = file.appliedCodes.flatMap { ($0["spans"] as? [[String: Any]]) ?? [] }
        #expect(spans.count == 1, "expected one quote span: \(file.text)")
        let quoted = spans.first?["text"] as? String ?? ""
        let shown = String(lines[row].dropFirst(3).prefix(12)).trimmingCharacters(in: .whitespaces)
        #expect(!quoted.isEmpty && shown.hasPrefix(quoted.trimmingCharacters(in: .punctuationCharacters)))
    }
}
