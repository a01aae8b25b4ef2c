import Foundation
import KaderCore
import Testing

@testable import KaderTUI

/// The query prompt and results (`Q`): keys, parse errors in the status line, and the controller
/// running saved and typed queries over the coder's own codings.
@Suite struct QueryTests {
    static let saved = [
        SavedQuery(name: "werkdruk", expression: "werkdruk and role=leerkracht"),
        SavedQuery(name: "zorg", expression: "welbevinden or didactiek"),
    ]

    func text(_ state: AppState) -> String? {
        if case .queryPrompt(let p) = state.mode { return p.editor.text } else { return nil }
    }

    @Test func promptChoosesSavedQueriesAndRunsWhatParses() throws {
        var state = try Fixtures.codingState()
        state.mode = .queryPrompt(QueryPrompt(saved: Self.saved))
        _ = state.handle(key: .down)
        #expect(text(state) == "werkdruk and role=leerkracht")
        _ = state.handle(key: .down)
        _ = state.handle(key: .down)
        #expect(text(state) == "welbevinden or didactiek")
        _ = state.handle(key: .up)
        #expect(text(state) == "werkdruk and role=leerkracht")
        #expect(state.handle(key: .enter) == [.runQuery(expression: "werkdruk and role=leerkracht", name: "werkdruk")])
        // Editing the line makes it a typed query.
        _ = state.handle(key: .char(" "))
        for c in "and (" { _ = state.handle(key: .char(c)) }
        #expect(state.handle(key: .enter).isEmpty)
        #expect(state.message?.isError == true)
        #expect(state.message?.text.contains("cannot be read at character") == true)
        #expect(text(state) == "werkdruk and role=leerkracht and (")
        _ = state.handle(key: .backspace)
        for c in "didactiek" { _ = state.handle(key: .char(c)) }
        #expect(
            state.handle(key: .enter) == [
                .runQuery(expression: "werkdruk and role=leerkracht and didactiek", name: nil)
            ])
        // A saved query's name typed on the line runs it; an empty line says what to do.
        state.mode = .queryPrompt(QueryPrompt(saved: Self.saved, text: "zorg"))
        #expect(state.handle(key: .enter) == [.runQuery(expression: "welbevinden or didactiek", name: "zorg")])
        state.mode = .queryPrompt(QueryPrompt(saved: []))
        #expect(state.handle(key: .enter).isEmpty)
        #expect(state.message?.text.contains("Type a query") == true)
        #expect(state.handle(key: .escape).isEmpty)
        #expect(state.mode == .normal)
    }

    @Test func resultsMoveOpenAndReturnToThePrompt() throws {
        var state = try Fixtures.codingState()
        let rows = (1...3).map {
            RetrievalRow(
                documentIndex: 1, documentId: "interview", segmentId: SegmentID("s\($0)"), ordinal: $0, speaker: "Els",
                role: "leerkracht", text: "Tekst \($0)")
        }
        let results = QueryResults(expression: "werkdruk", name: nil, rows: rows, segments: 3)
        state.mode = .queryResults(results)
        for _ in 0..<5 { _ = state.handle(key: .char("j")) }
        _ = state.handle(key: .char("k"))
        #expect(state.handle(key: .enter) == [.openDocument(1, segmentId: "s2")])
        #expect(state.mode == .normal)
        state.mode = .queryResults(results)
        #expect(state.handle(key: .char("Q")) == [.openQuery(text: "werkdruk")])
        #expect(state.handle(key: .char("q")).isEmpty)
        #expect(state.mode == .normal)
    }

    @Test func controllerRunsQueriesOverOwnCodingsOnly() throws {
        let root = try Fixtures.projectRoot()
        defer { try? FileManager.default.removeItem(at: root) }
        let project = try Project(root: root)
        let doc = try project.loadDocument(path: "Transcripts/focusgroep-een.md")
        let segs = doc.segments.filter(\.codable)
        for (coder, sets) in [
            ("ann", [["werkdruk"], ["stroomlijning"], []]),
            ("bart", [["veranderingsprocessen"], ["veranderingsprocessen"], ["werkdruk"]]),
        ] {
            let store = try CodingStore(projectRoot: root, coder: coder)
            var f = try store.load(document: doc)
            for (seg, c) in zip(segs, sets) { f = f.settingCodes(c, on: seg, at: "t") }
            // Ann quotes a few words of the first segment for werkdruk.
            if coder == "ann" {
                f = f.settingSpans(
                    [QuoteSpan(start: segs[0].start, end: segs[0].start + 13)], code: "werkdruk", on: segs[0],
                    at: "t")
            }
            try store.save(f)
        }
        let app = AppController(project: project, store: try CodingStore(projectRoot: root, coder: "ann"))
        // Saved after the controller started: the prompt reads kader.yaml afresh.
        try QuerySettings.save(name: "druk", expression: "digitalisering and role=leerkracht", projectRoot: root)
        app.handle(.char("Q"))
        guard case .queryPrompt(let p) = app.state.mode else {
            Issue.record("no prompt")
            return
        }
        #expect(p.saved == [SavedQuery(name: "druk", expression: "digitalisering and role=leerkracht")])
        app.handle(.down)
        app.handle(.enter)
        guard case .queryResults(let r) = app.state.mode else {
            Issue.record("no results: \(String(describing: app.state.message))")
            return
        }
        #expect(r.name == "druk")
        #expect(r.rows.map(\.segmentId) == [segs[0].id])
        #expect(r.rows.first?.text == segs[0].scalarText(from: segs[0].start, to: segs[0].start + 13))
        #expect(r.rows.first?.role == "leerkracht")
        #expect(app.frame(width: 100, height: 30).text.contains("Query · druk: digitalisering and role=leerkracht"))
        // Enter opens the segment on the coding screen.
        app.handle(.enter)
        #expect(app.state.screen == .coding)
        #expect(app.state.currentSegment?.id == segs[0].id)

        // Q brings the results back (run again) at the row left; Q there edits the query.
        app.handle(.char("Q"))
        guard case .queryResults(let again) = app.state.mode else {
            Issue.record("Q did not return to the results: \(app.state.mode)")
            return
        }
        #expect(again.name == "druk" && again.rows.map(\.segmentId) == [segs[0].id] && again.selected == 0)
        app.handle(.char("Q"))
        guard case .queryPrompt(let edit) = app.state.mode else {
            Issue.record("Q in the results did not open the prompt")
            return
        }
        #expect(edit.editor.text == "digitalisering and role=leerkracht")

        // Bart's codings are not searched (blind coding).
        app.handle(.ctrl("u"))
        for c in "veranderingsprocessen" { app.handle(.char(c)) }
        app.handle(.enter)
        guard case .queryResults(let none) = app.state.mode else {
            Issue.record("no results for veranderingsprocessen")
            return
        }
        #expect(none.rows.isEmpty)
        #expect(app.frame(width: 100, height: 30).text.contains("No segment matches in your codings"))

        // A name the codebook does not know: the error in the status line, the prompt stays.
        app.handle(.char("Q"))
        app.handle(.ctrl("u"))
        for c in "onbekend and role=leerkracht" { app.handle(.char(c)) }
        app.handle(.enter)
        guard case .queryPrompt = app.state.mode else {
            Issue.record("the prompt closed on an error")
            return
        }
        #expect(app.state.message?.isError == true)
        #expect(app.state.message?.text.contains("\"onbekend\"") == true)
    }
}
