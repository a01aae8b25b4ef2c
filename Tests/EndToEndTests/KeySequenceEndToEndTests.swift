import Foundation
import KaderTestSupport
import Testing

/// Issue 15, defect 2: in tmux with TERM=xterm-256color, Home/End/Insert/Delete/PgUp/PgDn and
/// F-keys arrive as escape sequences; none of their bytes may act as a code key.
@Suite(.serialized) struct KeySequenceEndToEndTests {
    static var available: Bool { Harness.binary != nil && Harness.tmux != nil }

    @Test(.enabled(if: available, "tmux or the kader binary is missing (set KADER_BIN)"))
    func navigationAndFunctionKeysChangeNoCoding() throws {
        let kader = Harness.binary!
        let tmux = Harness.tmux!
        let project = try CodingEndToEndTests().makeProject(kader)
        defer { try? FileManager.default.removeItem(at: project) }
        let session = try TmuxSession(
            tmux: tmux, command: [kader.path, "--coder", "ann", "focusgroep-e2e"], cwd: project)
        defer { session.kill() }
        var shot = try session.waitFor("CODING")
        #expect(shot.found, "coding screen did not open:\n\(shot.screen)")
        for key in ["Home", "End", "IC", "DC", "PPage", "NPage", "Home", "F5", "F12", "F3", "End", "IC", "Home"] {
            try session.send(key)
        }
        try session.tm(["send-keys", "-t", session.name, "-l", "\u{1B}[99~"])  // unknown: dropped whole
        try session.send("F1")
        shot = try session.waitFor("HELP")
        #expect(shot.found, "F1 did not open the help:\n\(shot.screen)")
        try session.send("Escape")
        // The memo editor: End moves the cursor, it does not close the editor.
        try session.send("n")
        try session.send("m")
        #expect(try session.waitFor("Memo on segment").found)
        try session.send("-l", "abc")
        try session.send("Home")
        try session.send("End")
        try session.send("-l", "d")
        try session.send("C-s")
        shot = try session.waitFor("Memo saved")
        #expect(shot.found, "memo not saved:\n\(shot.screen)")
        try session.send("q")
        #expect(try session.waitForExit(), "kader did not quit on q")
        let file = try CodingsOnDisk(project: project, coder: "ann", document: "focusgroep-e2e")
        #expect(file.appliedCodes.isEmpty, "a key sequence applied codes: \(file.text)")
        #expect(file.codings.contains { ($0["memo"] as? String) == "abcd" }, "memo text lost: \(file.text)")
    }
}
