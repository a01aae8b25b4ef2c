import Foundation
import KaderTestSupport
import Testing

/// Issue 18 in the real binary under tmux: the search across documents (`*`), coding its hits
/// after the count is confirmed, `u` taking the run back, and a `where` expression in the filter.
@Suite(.serialized) struct AnalysisTUIEndToEndTests {
    static var available: Bool { Harness.binary != nil && Harness.tmux != nil }

    @Test(.enabled(if: available, "tmux or the kader binary is missing (set KADER_BIN)"))
    func searchAllDocumentsCodeTheHitsUndoAndFilterWithWhere() throws {
        let kader = Harness.binary!
        let tmux = Harness.tmux!
        let project = try CodingEndToEndTests().makeProject(kader)
        defer { try? FileManager.default.removeItem(at: project) }
        let second = """
            ---
            title: Interview E2E
            type: interview
            speakers:
              Lien:
                role: directeur
            ---

            Lien: De Werkdrúk blijft hoog, ook na de lockdowns.

            Lien: Maar we hebben nu afspraken.
            """
        try second.write(
            to: project.appendingPathComponent("Transcripts/interview-e2e.md"), atomically: true, encoding: .utf8)
        let session = try TmuxSession(tmux: tmux, command: [kader.path, "--coder", "ann"], cwd: project)
        defer { session.kill() }
        #expect(try session.waitFor("Transcripts/interview-e2e.md").found)
        try session.send("*")
        #expect(try session.waitFor("Search all documents:").found)
        try session.send("-l", "werkdruk")
        try session.send("Enter")
        var shot = try session.waitFor("SEARCH ALL")
        #expect(shot.found, "no hit list:\n\(shot.screen)")
        #expect(shot.screen.contains("2 hits in 2 segments, 2 documents"), "\(shot.screen)")
        #expect(shot.screen.contains("focusgroep-e2e #2 Els"), "\(shot.screen)")
        #expect(shot.screen.contains("interview-e2e #1 Lien"), "\(shot.screen)")
        try session.send("c")
        try session.send("-l", "werkdruk")
        try session.send("Enter")
        shot = try session.waitFor("Code 2 segments in 2 documents with Werkdruk?")
        #expect(shot.found, "no confirmation:\n\(shot.screen)")
        try session.send("y")
        shot = try session.waitFor("Coded 2 segments in 2 documents with Werkdruk for ann")
        #expect(shot.found, "not coded:\n\(shot.screen)")
        for document in ["focusgroep-e2e", "interview-e2e"] {
            let file = try CodingsOnDisk(project: project, coder: "ann", document: document)
            #expect(file.appliedCodes.map { $0["code"] as? String } == ["werkdruk"], "\(document): \(file.text)")
        }
        // Enter opens the selected hit; u there takes the whole run back.
        try session.send("Enter")
        shot = try session.waitFor("CODING")
        #expect(shot.found, "the hit did not open:\n\(shot.screen)")
        try session.send("u")
        shot = try session.waitFor("Undone: the coding of 2 segments")
        #expect(shot.found, "not undone:\n\(shot.screen)")
        // ann had no codings file before the run: the files it created are gone again.
        for document in ["focusgroep-e2e", "interview-e2e"] {
            let path = project.appendingPathComponent("Codings/ann/\(document).json").path
            #expect(!FileManager.default.fileExists(atPath: path), "\(document) still has a codings file")
        }
        // A where expression in the filter, shown in the title bar.
        try session.send("f")
        try session.send("w")
        try session.send("-l", "role=leerkracht")
        try session.send("Enter")
        try session.send("Enter")
        shot = try session.waitFor("[filter: where role=leerkracht]")
        #expect(shot.found, "no where filter:\n\(shot.screen)")
        #expect(shot.screen.contains("filtered 2"), "\(shot.screen)")
        #expect(!shot.screen.contains("Koen"), "\(shot.screen)")
        try session.send("q")
        #expect(try session.waitForExit(), "kader did not quit on q")
    }
}
