import Foundation
import Testing

/// A coder's session in the real binary under tmux: picker, search, filter, memo, undo and
/// resize, then the files on disk.
@Suite(
    .serialized, .enabled(if: Harness.binary != nil, "needs the kader binary: make test, or swift build first"),
    .enabled(if: Harness.tmux != nil, "needs tmux")) struct WorkbenchEndToEndTests
{
    @Test func pickerSearchFilterMemoUndoAndResize() throws {
        let kader = try #require(Harness.binary)
        let tmux = try #require(Harness.tmux)
        let project = try CodingEndToEndTests().makeProject(kader)
        defer { try? FileManager.default.removeItem(at: project) }
        let tui = try TmuxSession(tmux: tmux, command: [kader.path, "--coder", "eva", "focusgroep-e2e"], cwd: project)
        defer { tui.kill() }
        func expectScreen(_ text: String, _ comment: String) throws {
            let shot = try tui.waitFor(text)
            #expect(shot.found, "\(comment): no \"\(text)\" on\n\(shot.screen)")
        }
        try expectScreen("CODING", "document did not open")

        try tui.send("c")
        try expectScreen("PICK CODE", "picker did not open")
        try tui.send("-l", "werk")
        try expectScreen("Digitalisering/Werkdruk", "picker did not find Werkdruk")
        try tui.send("Enter")
        try expectScreen("[Werkdruk]", "picker did not apply the code")

        try tui.send("/")
        try tui.send("-l", "LAPTOP")
        try tui.send("Enter")
        try expectScreen("[/LAPTOP]", "search not active")
        try expectScreen("4/4", "search did not move to segment 4")
        try tui.send("a")
        try expectScreen("[Digitale kloof]", "shortcut after search")

        try tui.send("m")
        try expectScreen("MEMO", "memo editor did not open")
        try tui.send("-l", "Thuis geen laptop, één gezin")
        try tui.send("C-s")
        try expectScreen("✎ memo", "memo indicator missing")

        try tui.send("f")
        try expectScreen("FILTER", "filter menu did not open")
        try tui.send("m")
        try tui.send("Escape")
        try expectScreen("filtered 2", "coded-by-me filter")
        try tui.send("F")
        try expectScreen("Showing all segments.", "clear filter")

        try tui.send("u")
        try expectScreen("Undone on segment #4.", "undo")
        let afterUndo = try tui.screen()
        #expect(!afterUndo.contains("✎ memo"), "memo still shown after undo:\n\(afterUndo)")

        try tui.tm(["resize-window", "-t", tui.name, "-x", "80", "-y", "24"])
        let narrow = try tui.waitFor("eva │ focusgroep-e2e")
        let lines = narrow.screen.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count <= 25 && lines.allSatisfy { $0.count <= 80 }, "not redrawn at 80×24:\n\(narrow.screen)")
        try tui.tm(["resize-window", "-t", tui.name, "-x", "40", "-y", "10"])
        try expectScreen("Terminal too small", "tiny terminal")
        try tui.tm(["resize-window", "-t", tui.name, "-x", "100", "-y", "30"])
        try expectScreen("CODING", "back to normal size")

        try tui.send("q")
        #expect(try tui.waitForExit(), "kader did not quit")

        let data = try Data(contentsOf: project.appendingPathComponent("Codings/eva/focusgroep-e2e.json"))
        let json = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        let codings = json?["codings"] as? [[String: Any]] ?? []
        let byOrdinal = Dictionary(uniqueKeysWithValues: codings.map { (($0["ordinal"] as? Int) ?? 0, $0) })
        func codes(_ ordinal: Int) -> [String]? {
            (byOrdinal[ordinal]?["codes"] as? [[String: Any]])?.compactMap { $0["code"] as? String }
        }
        #expect(codes(2) == ["werkdruk"])
        #expect(codes(4) == ["digitale-kloof"])
        #expect(byOrdinal[4]?["memo"] == nil, "the undone memo is on disk")
    }
}
