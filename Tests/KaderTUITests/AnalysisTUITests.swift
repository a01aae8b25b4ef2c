import Foundation
import KaderCore
import Testing

@testable import KaderTUI

/// Issue 18 in the TUI: the `where` expression in the filter (`f`, `w`) and the search across
/// documents (`*`) with its hit list and coding of the hits.
@Suite struct AnalysisTUITests {
    /// The fixture project plus a second transcript with a `schooltype` attribute.
    static func project() throws -> URL {
        let root = try Fixtures.projectRoot()
        let second = """
            ---
            title: Interview twee
            type: interview
            schooltype: basis
            speakers:
              Interviewer:
                role: interviewer
                codable: false
              Lien:
                role: leerkracht
            ---

            Interviewer: Wat weegt het zwaarst?

            Lien: De WERKDRÚK, zonder twijfel. Elke avond nog mails.

            Lien: Maar het team helpt, en de werkdruk daalt nu wat.

            Interviewer: Werkdruk dus.
            """
        try second.write(
            to: root.appendingPathComponent("Transcripts/interview-twee.md"), atomically: true, encoding: .utf8)
        return root
    }

    static func app(_ root: URL, coder: String = "ann") throws -> AppController {
        AppController(
            project: try Project(root: root), store: try CodingStore(projectRoot: root, coder: coder, journal: true))
    }

    static func type(_ text: String, into app: AppController) {
        for c in text { app.handle(.char(c)) }
    }

    // MARK: - where

    @Test func whereExpressionFiltersByRoleAndOwnCodes() throws {
        let root = try Self.project()
        defer { try? FileManager.default.removeItem(at: root) }
        let app = try Self.app(root)
        try app.open(documentNamed: "focusgroep-een")
        app.handle(.char("i"))  // ann codes #2 werkdruk
        for key: Key in [.char("f"), .char("w")] { app.handle(key) }
        Self.type("role=leerkracht and not werkdruk", into: app)
        app.handle(.enter)
        #expect(app.state.mode == .filterMenu)
        #expect(app.state.filter.expression?.text == "role=leerkracht and not werkdruk")
        let ordinals = app.state.visibleIndices.map { app.state.document!.segments[$0].ordinal }
        #expect(ordinals == [4])
        #expect(app.state.cursor == 3)
        app.handle(.enter)
        let screen = app.frame(width: 100, height: 30).text
        #expect(screen.contains("[filter: where role=leerkracht and not werkdruk]"))
        #expect(screen.contains("filtered 1"))
        // An attribute of another document: nothing here passes.
        for key: Key in [.char("f"), .char("w"), .ctrl("u")] { app.handle(key) }
        Self.type("schooltype=basis", into: app)
        app.handle(.enter)
        #expect(app.state.visibleIndices.isEmpty)
        // Another coder's codings are never read for the filter: bart's werkdruk on #4 is not
        // seen by ann's `werkdruk`.
        let bart = try Self.app(root, coder: "bart")
        try bart.open(documentNamed: "focusgroep-een")
        bart.handle(.char("j"))
        bart.handle(.char("j"))
        bart.handle(.char("i"))
        for key: Key in [.char("w"), .ctrl("u")] { app.handle(key) }
        Self.type("werkdruk", into: app)
        app.handle(.enter)
        #expect(app.state.visibleIndices.map { app.state.document!.segments[$0].ordinal } == [2])
    }

    @Test func badExpressionShowsTheParserMessageAndKeepsTheFilter() throws {
        var state = try Fixtures.codingState()
        state.filter.speaker = "Anaïs"
        for key: Key in [.char("f"), .char("w")] { _ = state.handle(key: key) }
        for c in "werkdruk and (" { _ = state.handle(key: .char(c)) }
        let effects = state.handle(key: .enter)
        #expect(effects.isEmpty)
        #expect(state.filter.speaker == "Anaïs")
        #expect(state.filter.expression == nil)
        guard case .prompt(let p) = state.mode else {
            Issue.record("the prompt closed")
            return
        }
        #expect(p.kind == .whereFilter && p.editor.text == "werkdruk and (")
        #expect(state.message?.isError == true)
        #expect(state.message?.text.contains("cannot be read at character 15") == true)
        // Esc goes back to the filter menu, the filter as it was.
        _ = state.handle(key: .escape)
        #expect(state.mode == .filterMenu)
        #expect(state.filter.speaker == "Anaïs")
    }

    @Test func unknownAttributeReopensThePromptAndKeepsThePreviousExpression() throws {
        let root = try Self.project()
        defer { try? FileManager.default.removeItem(at: root) }
        let app = try Self.app(root)
        try app.open(documentNamed: "focusgroep-een")
        for key: Key in [.char("f"), .char("w")] { app.handle(key) }
        Self.type("role=leerkracht", into: app)
        app.handle(.enter)
        app.handle(.char("w"))
        app.handle(.ctrl("u"))
        Self.type("schoolsoort=basis", into: app)
        app.handle(.enter)
        #expect(app.state.filter.expression?.text == "role=leerkracht")
        #expect(app.state.message?.text.contains("no attribute \"schoolsoort\"") == true)
        #expect(app.state.message?.text.contains("schooltype") == true)
        guard case .prompt(let p) = app.state.mode else {
            Issue.record("the prompt closed")
            return
        }
        #expect(p.editor.text == "schoolsoort=basis")
        // An empty expression clears it.
        app.handle(.ctrl("u"))
        app.handle(.enter)
        #expect(app.state.filter.expression == nil)
        #expect(!app.state.filter.isActive)
    }

    /// Issue 15's defect with an expression filter: a code key that hides the current segment
    /// moves the cursor to the highlighted one, and the next key acts there.
    /// Only the coder's own codings count in the coding screen: `coder=` is refused with why,
    /// in the filter and in the query view alike.
    @Test func coderFieldIsRefusedWithTheReason() throws {
        let root = try Self.project()
        defer { try? FileManager.default.removeItem(at: root) }
        let app = try Self.app(root)
        try app.open(documentNamed: "focusgroep-een")
        for key: Key in [.char("f"), .char("w")] { app.handle(key) }
        Self.type("werkdruk and not coder=bart", into: app)
        app.handle(.enter)
        #expect(app.state.filter.expression == nil)
        #expect(app.state.message?.text.contains("counts only your own codings") == true)
        app.handle(.escape)
        app.handle(.escape)
        app.handle(.char("Q"))
        Self.type("coder=ann", into: app)
        app.handle(.enter)
        #expect(app.state.message?.text.contains("counts only your own codings") == true)
        guard case .queryPrompt = app.state.mode else {
            Issue.record("the query prompt closed: \(app.state.mode)")
            return
        }
    }

    @Test func codeKeyUnderExpressionFilterActsOnTheHighlightedSegment() throws {
        let root = try Self.project()
        defer { try? FileManager.default.removeItem(at: root) }
        let app = try Self.app(root)
        try app.open(documentNamed: "focusgroep-een")
        let segs = app.state.document!.segments
        for key: Key in [.char("f"), .char("w")] { app.handle(key) }
        Self.type("not werkdruk", into: app)
        for key: Key in [.enter, .enter] { app.handle(key) }
        #expect(app.state.cursor == 1)
        app.handle(.char("i"))  // codes #2 werkdruk: the filter hides it now
        #expect(app.state.codes(for: segs[1].id) == ["werkdruk"])
        #expect(app.state.cursor == 2)
        let frame = app.frame(width: 100, height: 30)
        #expect(frame.rows.first { $0.first?.character == "▌" } != nil)
        #expect(!frame.text.contains("#2 Anaïs"))
        app.handle(.char("e"))  // must code #3, not the hidden #2
        #expect(app.state.codes(for: segs[1].id) == ["werkdruk"])
        #expect(app.state.codes(for: segs[2].id) == ["didactiek"])
    }

    // MARK: - search across documents

    @Test func searchListsHitsAcrossDocumentsFoldingAccentsAndCase() throws {
        let root = try Self.project()
        defer { try? FileManager.default.removeItem(at: root) }
        let app = try Self.app(root)
        app.handle(.char("*"))  // from the document list
        Self.type("werkdruk", into: app)
        app.handle(.enter)
        #expect(app.state.mode == .corpusHits)
        let hits = try #require(app.state.corpusHits)
        // Codable segments only: the interviewer's "Werkdruk dus." is not listed.
        #expect(
            hits.rows.map { "\($0.documentId) #\($0.ordinal) \($0.match)" } == [
                "focusgroep-een #2 werkdruk", "interview-twee #2 WERKDRÚK", "interview-twee #3 werkdruk",
            ])
        #expect(hits.segments.count == 3 && hits.documentCount == 2)
        app.handle(.char("j"))
        app.handle(.enter)
        #expect(app.state.screen == .coding)
        #expect(app.state.document?.id == "interview-twee")
        #expect(app.state.currentSegment?.ordinal == 2)
        #expect(app.state.search?.query == "werkdruk", "the term, so ] goes to every hit")
        #expect(AppState.textQuery(forTerm: "tablet*") == "tablet")
        #expect(AppState.textQuery(forTerm: "*vaardig* kind") == "vaardig")
        // `*` again opens an empty prompt (typing does not append to the old term) and names the last term.
        app.handle(.char("*"))
        guard case .prompt(let p) = app.state.mode else {
            Issue.record("no prompt")
            return
        }
        #expect(p.kind == .corpusSearch && p.editor.text.isEmpty)
        #expect(app.state.message?.text.contains("Last: werkdruk.") == true)
    }

    @Test func codingTheHitsAsksWithTheCountWritesOnlyThisCoderAndUndoes() throws {
        let root = try Self.project()
        defer { try? FileManager.default.removeItem(at: root) }
        // bart coded before; his file must not change.
        let bart = try Self.app(root, coder: "bart")
        try bart.open(documentNamed: "focusgroep-een")
        bart.handle(.char("e"))
        let bartURL = CodingStore.fileURL(projectRoot: root, coder: "bart", documentId: "focusgroep-een")
        let bartBefore = try Data(contentsOf: bartURL)
        let app = try Self.app(root)
        try app.open(documentNamed: "focusgroep-een")
        app.handle(.char("j"))
        app.handle(.char("j"))
        app.handle(.char("b"))  // ann's own coding of #4, before the run
        app.handle(.char("*"))
        Self.type("werkdruk", into: app)
        app.handle(.enter)
        app.handle(.char("c"))
        Self.type("werkdruk", into: app)
        app.handle(.enter)
        #expect(
            app.state.message?.text.hasPrefix("Code 3 segments in 2 documents with Werkdruk? y codes them for ann")
                == true)
        app.handle(.char("n"))
        #expect(app.state.mode == .corpusHits)
        #expect(app.state.message?.text == "Nothing coded.")
        #expect(app.state.codes(for: app.state.document!.segments[1].id).isEmpty)
        app.handle(.char("c"))
        Self.type("werkdruk", into: app)
        app.handle(.enter)
        app.handle(.char("y"))
        #expect(app.state.message?.text.hasPrefix("Coded 3 segments in 2 documents with Werkdruk for ann") == true)
        // On disk for ann, in both documents; the open document's codings on screen too.
        let project = try Project(root: root)
        let een = try project.loadDocument(path: "Transcripts/focusgroep-een.md")
        let twee = try project.loadDocument(path: "Transcripts/interview-twee.md")
        let annEen = try CodingStore.read(projectRoot: root, coder: "ann", document: een)
        let annTwee = try CodingStore.read(projectRoot: root, coder: "ann", document: twee)
        #expect(annEen.codes(forSegment: een.segments[1].id) == ["werkdruk"])
        #expect(annEen.codes(forSegment: een.segments[3].id) == ["digitale-vaardigheden"])
        #expect(annTwee.codes(forSegment: twee.segments[1].id) == ["werkdruk"])
        #expect(annTwee.codes(forSegment: twee.segments[2].id) == ["werkdruk"])
        #expect(annTwee.codes(forSegment: twee.segments[3].id).isEmpty)
        #expect(app.state.codes(for: een.segments[1].id) == ["werkdruk"])
        #expect(try Data(contentsOf: bartURL) == bartBefore)
        // u in the coding screen takes the whole run back, and only the run; a coding made after
        // it is undone first.
        app.handle(.escape)
        app.handle(.char("k"))
        app.handle(.char("a"))
        #expect(app.state.codes(for: een.segments[2].id) == ["digitale-kloof"])
        app.handle(.char("u"))
        #expect(app.state.codes(for: een.segments[2].id).isEmpty)
        #expect(app.state.codes(for: een.segments[1].id) == ["werkdruk"])
        app.handle(.char("u"))
        #expect(app.state.message?.text.hasPrefix("Undone: the coding of 3 segments") == true)
        let after = try CodingStore.read(projectRoot: root, coder: "ann", document: een)
        #expect(after.codes(forSegment: een.segments[1].id).isEmpty)
        #expect(after.codes(forSegment: een.segments[3].id) == ["digitale-vaardigheden"])
        #expect(app.state.codes(for: een.segments[1].id).isEmpty)
        let tweeURL = CodingStore.fileURL(projectRoot: root, coder: "ann", documentId: "interview-twee")
        #expect(!FileManager.default.fileExists(atPath: tweeURL.path))
        #expect(try Data(contentsOf: bartURL) == bartBefore)
    }

    @Test func readOnlyCodesNothing() throws {
        var state = try Fixtures.codingState()
        state.readOnly = true
        state.corpusHits = CorpusHits(
            term: "x",
            rows: [
                CorpusHitRow(
                    documentIndex: 0, documentId: "focusgroep-een", segmentId: "s", ordinal: 2, speaker: nil, role: nil,
                    left: "", match: "x", right: "", text: "x")
            ])
        state.mode = .corpusHits
        _ = state.handle(key: .char("c"))
        #expect(state.mode == .corpusHits)
        #expect(state.message?.isError == true)
    }

    @Test func searchKeyIsFreeForCodesAndListedInHelp() {
        let keymap = Keymap()
        #expect(keymap.action(for: .char("*"), in: .coding) == .searchAllDocuments)
        #expect(keymap.action(for: .char("*"), in: .documents) == .searchAllDocuments)
        #expect(keymap.bindings.filter { $0.key == .char("*") }.count == 1)
        #expect(Action(name: "search-all") == .searchAllDocuments)
    }

    // MARK: - screens

    @Test func hitListSnapshot100x30() throws {
        let root = try Self.project()
        defer { try? FileManager.default.removeItem(at: root) }
        let app = try Self.app(root)
        try app.open(documentNamed: "focusgroep-een")  // the status line names it, not the temporary folder
        app.handle(.char("*"))
        Self.type("werkdruk", into: app)
        app.handle(.enter)
        app.handle(.char("j"))
        let screen = app.frame(width: 100, height: 30)
        try SnapshotTests().assertSnapshot(screen, "search-all-100x30")
        #expect(screen.lines[0].contains("\"werkdruk\" · 3 hits in 3 segments, 2 documents"))
        #expect(screen.text.contains("interview-twee #2 Lien"))
        #expect(screen.lines[29].hasSuffix("SEARCH ALL"))
        #expect(screen.lines[28].contains("j/k move  Enter open  c code all listed"))
        app.handle(.char("c"))
        Self.type("werkdruk", into: app)
        app.handle(.enter)
        let confirm = app.frame(width: 100, height: 30)
        #expect(confirm.lines[1].contains("focusgroep-een #2"))  // the list stays behind the question
        #expect(confirm.text.contains("Code 3 segments in 2 documents with Werkdruk?"))
    }

    @Test func filterMenuWithWhereSnapshot100x30() throws {
        let root = try Self.project()
        defer { try? FileManager.default.removeItem(at: root) }
        let app = try Self.app(root)
        try app.open(documentNamed: "focusgroep-een")
        for key: Key in [.char("f"), .char("w")] { app.handle(key) }
        Self.type("role=leerkracht", into: app)
        app.handle(.enter)
        let screen = app.frame(width: 100, height: 30)
        try SnapshotTests().assertSnapshot(screen, "filter-where-100x30")
        #expect(screen.text.contains("w  where … role=leerkracht"))
        #expect(screen.text.contains("2 segments shown"))
    }
}
