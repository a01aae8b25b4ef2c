import Foundation
import KaderCore
import Testing

@testable import KaderTUI

/// Issue 15: the wrapped lines of the turns on screen are remembered between frames
/// (``WrapCache``); every frame must still equal one drawn by a state without the cache.
@Suite struct WrapCacheTests {
    static let texts = [
        "", "kort", "Da's simpel: de werkdruk. Elke avond nog berichten beantwoorden op Smartschool.",
        "één platform voor alles 🎉 en dat heeft echt geholpen", "王芳 王芳王芳王芳王芳王芳王芳 王芳",
        "regel een\nregel twee\n\nna een lege regel", "eenheelerglangwoordzonderspatieseenheelerglangwoord",
        "  spaties   en\ttabs  ",
    ]

    @Test func aCachedWrapEqualsTheWrapItself() {
        let cache = WrapCache()
        for _ in 0..<2 {
            for text in Self.texts {
                for width in [1, 5, 10, 17, 40, 97] {
                    #expect(cache.wrap(text, width: width) == TextWrap.wrap(text, width: width))
                }
            }
        }
        #expect(cache.count == Self.texts.count * 6)
    }

    /// Canonically equivalent texts (é as one scalar or as e + combining accent) are equal
    /// Strings but have other scalar offsets: they must not share an entry.
    @Test func canonicallyEquivalentTextsAreKeptApart() {
        let cache = WrapCache()
        let composed = "caf\u{E9} op de speelplaats en d\u{E9}ze"
        let decomposed = "cafe\u{301} op de speelplaats en de\u{301}ze"
        #expect(composed == decomposed)
        _ = cache.wrap(composed, width: 12)
        #expect(cache.wrap(decomposed, width: 12) == TextWrap.wrap(decomposed, width: 12))
        #expect(cache.wrap(composed, width: 12) == TextWrap.wrap(composed, width: 12))
        #expect(cache.count == 2)
    }

    @Test func memoryStaysBoundedAndZeroCapacityKeepsNothing() {
        let small = WrapCache(capacity: 100)
        for i in 0..<50 {
            let text = "beurt \(i): " + String(repeating: "woord ", count: 8)
            #expect(small.wrap(text, width: 20) == TextWrap.wrap(text, width: 20))
        }
        // Two generations of at most 100 characters each, about 55 characters per text.
        #expect(small.count <= 4)
        let none = WrapCache(capacity: 0)
        #expect(none.wrap("a b c", width: 3) == TextWrap.wrap("a b c", width: 3))
        #expect(none.count == 0)
    }

    @Test func parallelUseGivesTheSameLines() async {
        let cache = WrapCache(capacity: 300)
        await withTaskGroup(of: Bool.self) { group in
            for t in 0..<8 {
                group.addTask {
                    var ok = true
                    for i in 0..<200 {
                        let text = Self.texts[(i + t) % Self.texts.count] + " \(i % 13)"
                        ok = ok && cache.wrap(text, width: 7 + i % 5) == TextWrap.wrap(text, width: 7 + i % 5)
                    }
                    return ok
                }
            }
            for await ok in group { #expect(ok) }
        }
    }

    // MARK: Frames with a warm cache equal frames without one

    /// A transcript of `turns` turns of various lengths (some wider than any screen).
    static func transcript(turns: Int, word: String = "werkdruk") -> String {
        var text = ""
        for i in 0..<turns {
            let speaker = i % 3 == 0 ? "Moderator" : (i % 3 == 1 ? "Anaïs" : "王芳")
            let body = String(repeating: "de \(word) was één probleem \(i) ", count: 1 + (i * 7) % 9)
            text += "\(speaker): \(body)\n\n"
        }
        return text
    }

    static func document(_ text: String) throws -> Document {
        try TranscriptLoader().load(data: Data(text.utf8), path: "Transcripts/t.txt", id: "t", format: .plainText)
    }

    static func state(turns: Int = 40) throws -> AppState {
        let doc = try document(transcript(turns: turns))
        var state = AppState(
            projectName: "p", coder: "ann", codebook: Fixtures.codebook,
            documents: [DocumentEntry(path: "Transcripts/t.txt", id: "t", codable: doc.segments.count)])
        state.document = doc
        state.codings = CodingFile(coder: "ann", document: DocumentID(doc.id), contentHash: doc.contentHash)
        state.screen = .coding
        return state
    }

    /// Renders `state` (whose cache may be warm) and the same state with no cache, expects the
    /// same frame, and keeps the layout as the controller does.
    static func expectFresh(
        _ state: inout AppState, width: Int, height: Int, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        var fresh = state
        fresh.wrapCache = WrapCache(capacity: 0)
        state.viewHeight = Renderer.bodyHeight(forTerminalHeight: height)
        fresh.viewHeight = state.viewHeight
        let a = Renderer.render(state, width: width, height: height)
        let b = Renderer.render(fresh, width: width, height: height)
        #expect(a.screen == b.screen, sourceLocation: sourceLocation)
        #expect(a.scrollTop == b.scrollTop, sourceLocation: sourceLocation)
        #expect(a.segmentRows == b.segmentRows, sourceLocation: sourceLocation)
        #expect(a.textRows == b.textRows, sourceLocation: sourceLocation)
        #expect(a.segmentOverflow == b.segmentOverflow, sourceLocation: sourceLocation)
        state.scrollTop = a.scrollTop
        state.segmentRows = a.segmentRows
        state.textRows = a.textRows
        state.segmentOverflow = a.segmentOverflow
    }

    @Test func movingPagingAndTogglingDrawTheSameFrames() throws {
        var state = try Self.state()
        Self.expectFresh(&state, width: 100, height: 30)
        let keys: [Key] = [.char("j"), .char("j"), .pageDown, .char("2"), .char("k"), .pageUp, .char("i"), .char("n")]
        for key in keys + keys + keys {
            _ = state.handle(key: key)
            Self.expectFresh(&state, width: 100, height: 30)
        }
        #expect(state.wrapCache.count > 0)
        // A second frame of the same state wraps nothing new.
        let before = state.wrapCache.count
        Self.expectFresh(&state, width: 100, height: 30)
        #expect(state.wrapCache.count == before)
    }

    @Test func resizingDrawsTheSameFramesAsWithoutTheCache() throws {
        var state = try Self.state()
        for _ in 0..<5 { _ = state.handle(key: .char("j")) }
        for (w, h) in [(100, 30), (80, 24), (160, 50), (61, 16), (100, 30), (200, 60), (80, 24)] {
            _ = state.handle(key: .resize)
            Self.expectFresh(&state, width: w, height: h)
        }
    }

    @Test func aSearchDrawsTheSameFramesAsWithoutTheCache() throws {
        var state = try Self.state()
        Self.expectFresh(&state, width: 100, height: 30)
        state.search = TextSearch(query: "één probleem")
        Self.expectFresh(&state, width: 100, height: 30)
        _ = state.handle(key: .char("/"))
        for c in "werk" {
            _ = state.handle(key: .char(c))
            Self.expectFresh(&state, width: 100, height: 30)
        }
        _ = state.handle(key: .enter)
        Self.expectFresh(&state, width: 100, height: 30)
        state.search = nil
        Self.expectFresh(&state, width: 100, height: 30)
    }

    @Test func aQuoteSpanDrawsTheSameFramesAsWithoutTheCache() throws {
        var state = try Self.state()
        for _ in 0..<2 { _ = state.handle(key: .char("j")) }
        Self.expectFresh(&state, width: 100, height: 30)
        let seg = try #require(state.currentSegment)
        let file = try #require(state.codings)
        state.codings = file.settingSpans(
            [QuoteSpan(start: seg.start + 3, end: seg.start + 20).quoting(seg)], code: "werkdruk", on: seg,
            at: "2026-03-12T10:00:00Z")
        Self.expectFresh(&state, width: 100, height: 30)
        Self.expectFresh(&state, width: 80, height: 24)
        _ = state.handle(key: .char("u"))
        Self.expectFresh(&state, width: 80, height: 24)
    }

    @Test func aReloadedTranscriptDrawsTheSameFramesAsWithoutTheCache() throws {
        var state = try Self.state()
        for _ in 0..<4 { _ = state.handle(key: .char("j")) }
        Self.expectFresh(&state, width: 100, height: 30)
        // The same turns with one word longer: the ids and offsets move, the old lines must not show.
        let edited = try Self.document(Self.transcript(turns: 40, word: "werkdrukte"))
        state.document = edited
        state.codings = CodingFile(coder: "ann", document: DocumentID(edited.id), contentHash: edited.contentHash)
        Self.expectFresh(&state, width: 100, height: 30)
        for _ in 0..<6 {
            _ = state.handle(key: .pageDown)
            Self.expectFresh(&state, width: 100, height: 30)
        }
        // And back to the first version: equal text at other offsets in another document.
        state.document = try Self.document(Self.transcript(turns: 40))
        Self.expectFresh(&state, width: 100, height: 30)
    }

    @Test func theFixtureScreensDrawTheSameFramesAsWithoutTheCache() throws {
        var state = try Fixtures.codingState()
        for (w, h) in [(100, 30), (150, 40), (60, 16)] {
            Self.expectFresh(&state, width: w, height: h)
            _ = state.handle(key: .char("j"))
            Self.expectFresh(&state, width: w, height: h)
        }
    }
}
