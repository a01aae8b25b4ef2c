import Foundation
import KaderCore
import Testing

@testable import KaderTUI

/// State transitions of the picker, search, filter, memo and quote modes.
@Suite struct ModeTests {
    func type(_ text: String, into state: inout AppState) -> [Effect] {
        var effects: [Effect] = []
        for c in text { effects += state.handle(key: .char(c)) }
        return effects
    }

    @Test func pickerFindsCodesByNamePathAndDefinitionAndToggles() throws {
        var state = try Fixtures.codingState()
        _ = state.handle(key: .char("c"))
        guard case .picker = state.mode else {
            Issue.record("picker did not open")
            return
        }
        _ = type("werk", into: &state)
        guard case .picker(let p) = state.mode else { return }
        #expect(p.results.first == "werkdruk")
        let effects = state.handle(key: .enter)
        #expect(state.mode == .normal)
        #expect(state.codes(for: state.currentSegment!.id) == ["werkdruk"])
        #expect(effects.count == 1)
        #expect(state.recentCodes == ["werkdruk"])
        // Definitions are searched too: "lesgeven" appears only in Didactiek's definition.
        _ = state.handle(key: .char("c"))
        _ = type("lesgeven", into: &state)
        guard case .picker(let q) = state.mode else { return }
        #expect(q.results == ["didactiek"])
        _ = state.handle(key: .escape)
        #expect(state.mode == .normal)
    }

    @Test func pickerCanCreateANewCodeUnderACategory() throws {
        var state = try Fixtures.codingState()
        _ = state.handle(key: .char("c"))
        _ = type("lege batterij", into: &state)
        _ = state.handle(key: .ctrl("n"))
        guard case .picker(let p) = state.mode, case .newCodeParent(let name) = p.purpose else {
            Issue.record("expected the category picker")
            return
        }
        #expect(name == "lege batterij")
        #expect(p.results == ["welbevinden", "digitalisering"])
        _ = state.handle(key: .down)
        let effects = state.handle(key: .enter)
        #expect(effects == [.createCode(name: "lege batterij", parent: "digitalisering", span: nil)])
    }

    @Test func searchIgnoresCaseAndAccentsAndJumpsBetweenMatches() throws {
        var state = try Fixtures.codingState()
        state.cursor = 0
        _ = state.handle(key: .char("/"))
        _ = type("EEN PLATFORM", into: &state)
        _ = state.handle(key: .enter)
        #expect(state.cursor == 2)
        #expect(state.search?.matches(in: state.currentSegment!.text).count == 1)
        _ = state.handle(key: .char("/"))
        _ = state.handle(key: .ctrl("u"))
        _ = type("jongsten", into: &state)
        _ = state.handle(key: .enter)
        #expect(state.cursor == 3)
        _ = state.handle(key: .char("]"))
        #expect(state.cursor == 3)
        #expect(TextSearch(query: "een", insensitive: false).matches(in: "één keer") == [])
        #expect(TextSearch(query: "een").matches(in: "één keer") == [0..<3])
    }

    @Test func filtersByRoleSpeakerUncodedAndCode() throws {
        var state = try Fixtures.codingState()
        _ = state.handle(key: .char("i"))
        _ = state.handle(key: .char("f"))
        _ = state.handle(key: .char("r"))  // first role alphabetically: ict-coördinator
        #expect(state.filter.role == "ict-coördinator")
        #expect(state.visibleIndices == [2])
        #expect(state.cursor == 2)
        _ = state.handle(key: .char("x"))
        _ = state.handle(key: .char("u"))
        #expect(state.visibleIndices == [2, 3])
        _ = state.handle(key: .char("u"))
        _ = state.handle(key: .char("m"))
        #expect(state.visibleIndices == [1])
        _ = state.handle(key: .escape)
        #expect(state.mode == .normal)
        _ = state.handle(key: .char("F"))
        #expect(state.visibleIndices == [0, 1, 2, 3])
        state.filter.code = "digitalisering"
        #expect(state.visibleIndices == [1])
    }

    @Test func segmentMemoTakesUTF8AndIsSaved() throws {
        var state = try Fixtures.codingState()
        let seg = state.currentSegment!
        _ = state.handle(key: .char("m"))
        _ = type("Één zin met ë en ’", into: &state)
        _ = state.handle(key: .enter)
        _ = type("tweede regel", into: &state)
        let effects = state.handle(key: .ctrl("s"))
        #expect(state.mode == .normal)
        #expect(state.codings?.coding(forSegment: seg.id)?.memo == "Één zin met ë en ’\ntweede regel")
        guard case .persist(_, let next)? = effects.first else {
            Issue.record("memo not persisted")
            return
        }
        #expect(next.coding(forSegment: seg.id)?.memo?.hasPrefix("Één") == true)
    }

    @Test func quoteSpanSelectsExactWordsForTheOnlyCode() throws {
        var state = try Fixtures.codingState()
        let seg = state.currentSegment!
        _ = state.update(.toggleCode("werkdruk"))
        _ = state.handle(key: .char("s"))
        _ = state.handle(key: .right)  // "simpel:"
        _ = state.handle(key: .char(" "))  // anchor
        _ = state.handle(key: .right)
        _ = state.handle(key: .right)  // … "werkdruk."
        _ = state.handle(key: .enter)
        let span = state.codings?.coding(forSegment: seg.id)?.applied("werkdruk")?.spans.first
        let text = Array(state.document!.text.unicodeScalars)
        let quoted = span.map { String(String.UnicodeScalarView(text[$0.start..<$0.end])) }
        #expect(quoted == "simpel: de werkdruk.")
        #expect(span?.text == "simpel: de werkdruk.")
    }

    @Test func quoteWithSeveralCodesAsksWhichCodeAndKeepsTheOthersWhole() throws {
        var state = try Fixtures.codingState()
        let seg = state.currentSegment!
        _ = state.update(.toggleCode("werkdruk"))
        _ = state.update(.toggleCode("welbevinden"))
        _ = state.handle(key: .char("s"))
        _ = state.handle(key: .right)
        _ = state.handle(key: .enter)
        guard case .picker(let p) = state.mode, case .quote = p.purpose else {
            Issue.record("expected the code picker for the quote, got \(state.mode)")
            return
        }
        #expect(Set(p.results) == ["werkdruk", "welbevinden"])
        let index = try! #require(p.results.firstIndex(of: "welbevinden"))
        for _ in 0..<index { _ = state.handle(key: .down) }
        _ = state.handle(key: .enter)
        let coding = state.codings?.coding(forSegment: seg.id)
        #expect(coding?.applied("welbevinden")?.spans.count == 1)
        #expect(coding?.applied("werkdruk")?.spans.isEmpty == true)
    }

    @Test func jumpToSegmentNumberAndNextWithCode() throws {
        var state = try Fixtures.codingState()
        _ = state.handle(key: .char(":"))
        _ = type("4", into: &state)
        _ = state.handle(key: .enter)
        #expect(state.cursor == 3)
        _ = state.handle(key: .char("e"))
        _ = state.handle(key: .char("g"))
        _ = state.handle(key: .char("J"))
        #expect(state.cursor == 3)
    }

    @Test func otherCodersStayHiddenUntilDone() throws {
        var state = try Fixtures.codingState()
        _ = state.handle(key: .ctrl("o"))
        #expect(!state.othersVisible)
        #expect(state.message?.isError == true)
        _ = state.handle(key: .char("i"))
        _ = state.handle(key: .char("D"))
        #expect(state.handle(key: .ctrl("o")) == [.loadOtherCoders])
        state.otherCodings["bart"] = CodingFile(coder: "bart", document: "x", contentHash: "")
        #expect(state.othersVisible)
    }

    @Test func mouseClickSelectsTheSegmentUnderIt() throws {
        var state = try Fixtures.codingState()
        let frame = Renderer.render(state, width: 80, height: 24)
        state.segmentRows = frame.segmentRows
        let row = frame.segmentRows.first { $0.value == 3 }!.key
        _ = state.handle(key: .mouse(MouseEvent(kind: .click, row: row, column: 5)))
        #expect(state.cursor == 3)
        _ = state.handle(key: .mouse(MouseEvent(kind: .wheelUp, row: row, column: 5)))
        #expect(state.cursor == 0)
    }
}

@Suite struct LongSegmentTests {
    @Test func aSegmentTallerThanTheScreenScrollsWithPageKeys() {
        let words = (0..<3000).map { "w\($0)" }.joined(separator: " ")
        let text = "Ann: \(words)\n\nBob: kort.\n"
        let doc = try! TranscriptLoader().load(data: Data(text.utf8), path: "long.txt", id: "long", format: .plainText)
        var state = AppState(
            projectName: "p", coder: "ann", codebook: Fixtures.codebook,
            documents: [DocumentEntry(path: "long.txt", id: "long")])
        state.document = doc
        state.codings = CodingFile(coder: "ann", document: "long", contentHash: doc.contentHash)
        state.screen = .coding
        var frame = Renderer.render(state, width: 80, height: 24)
        #expect(frame.segmentOverflow > 0)
        #expect(frame.screen.text.contains("more lines of this segment"))
        var seen = frame.screen.text
        var pages = 0
        while frame.segmentOverflow > 0 && pages < 200 {
            state.segmentOverflow = frame.segmentOverflow
            _ = state.handle(key: .pageDown)
            frame = Renderer.render(state, width: 80, height: 24)
            seen += frame.screen.text
            pages += 1
        }
        #expect(state.cursor == 0)
        #expect(seen.contains("w2999"))
        state.segmentOverflow = frame.segmentOverflow
        _ = state.handle(key: .pageDown)
        #expect(state.cursor == 1, "at the end of the long segment PgDn moves on")
        #expect(state.segmentScroll == 0)
    }
}
