import Foundation
import KaderCore
import Testing

@testable import KaderTUI

/// Quote selection by sentence, clause, count and typed first words (issue 15, coding comfort).
@Suite struct QuoteSelectionTests {
    static let transcript = """
        ---
        title: Quotes
        ---

        [00:00:05] Els (leerkracht): Eerst dit. Dan het tweede punt, met een komma. En ten slotte dit, zei ze. Nog iets!
        """

    static func state() throws -> AppState {
        DisplayWidth.prepareLocale()
        let doc = try TranscriptLoader().load(
            data: Data(transcript.utf8), path: "Transcripts/q.md", id: "q", format: .markdown)
        var state = AppState(
            projectName: "demo", coder: "ann", codebook: Fixtures.codebook,
            documents: [DocumentEntry(path: "Transcripts/q.md", id: "q")])
        state.document = doc
        state.codings = CodingFile(coder: "ann", document: DocumentID(doc.id), contentHash: doc.contentHash)
        state.screen = .coding
        state.cursor = 0
        return state
    }

    func quoted(_ state: AppState) -> String? {
        guard let d = state.document,
            let span = state.coding(forSegment: d.segments[0].id)?.applied("werkdruk")?.spans.first
        else { return nil }
        let scalars = Array(d.text.unicodeScalars)
        return String(String.UnicodeScalarView(scalars[span.start..<span.end]))
    }

    /// Presses `keys` after coding the segment with Werkdruk (key i), the code the quote is for.
    func press(_ state: inout AppState, _ keys: [Key]) throws {
        let segment = try #require(state.currentSegment)
        if state.codes(for: segment.id).isEmpty { _ = state.handle(key: .char("i")) }
        for k in keys { _ = state.handle(key: k) }
    }

    @Test func middleSentenceInFourKeys() throws {
        var state = try Self.state()
        try press(&state, [.char("s"), .char("2"), .char(")"), .enter])
        #expect(quoted(state) == "En ten slotte dit, zei ze.")
    }

    @Test func sentenceKeyAndNextSentence() throws {
        var state = try Self.state()
        try press(&state, [.char("S"), .char(")"), .enter])
        #expect(quoted(state) == "Dan het tweede punt, met een komma.")
    }

    @Test func clauseUnderTheCursorAndPreviousSentence() throws {
        var state = try Self.state()
        try press(&state, [.char("s"), .char("l"), .char("l"), .char(","), .enter])
        #expect(quoted(state) == "Dan het tweede punt,")
        try press(&state, [.char("s"), .char("("), .enter])
        #expect(quoted(state) == "Eerst dit.")
        // One code, one quote set: the new quote replaced the first one.
        #expect(state.coding(forSegment: state.currentSegment!.id)?.applied("werkdruk")?.spans.count == 1)
    }

    @Test func typedFirstWordsThenSentence() throws {
        var state = try Self.state()
        try press(&state, [.char("s"), .char("/")])
        for c in "ten sl" { _ = state.handle(key: .char(c)) }
        try press(&state, [.enter])
        guard case .span(let sel) = state.mode else {
            Issue.record("quote selection closed")
            return
        }
        #expect(sel.query == nil)
        try press(&state, [.char("e"), .enter])
        #expect(quoted(state) == "ten slotte dit, zei ze.")
    }

    @Test func underlineIsInTheSnapshotStyles() throws {
        var state = try Self.state()
        try press(&state, [.char("S"), .enter])
        let screen = Renderer.render(state, width: 80, height: 24).screen
        let styles = screen.styleText.attributes.split(separator: "\n", omittingEmptySubsequences: false)
        let row = screen.lines.firstIndex { $0.contains("Eerst dit.") }!
        let col = Array(screen.rows[row].map(\.character)).firstIndex(of: "E")!
        let attr = Array(styles[row])
        #expect(col < attr.count && (Int(String(attr[col]), radix: 16)! & 4) != 0)
        // Underlined in the code's colour (Werkdruk has no colour in the fixture: its category's,
        // none either, so the accent), and the chip says it has a quote.
        let colours = Array(screen.styleText.colors.split(separator: "\n", omittingEmptySubsequences: false)[row])
        #expect(colours[col] == "a")
        #expect(screen.text.contains("[Werkdruk ❝1❞]"))
    }
}
