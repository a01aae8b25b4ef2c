import Foundation
import KaderCore
import Testing

@testable import KaderTUI

/// Issue 14, item 9: a segment of any length (a single-line transcript of megabytes) is laid out
/// only up to ``SegmentListView/maxShownScalars``, so every frame and key costs the same.
@Suite struct HugeSegmentTests {
    static func state(characters: Int) throws -> AppState {
        DisplayWidth.prepareLocale()
        let text = "Els: " + String(repeating: "de werkdruk was enorm ", count: characters / 22) + "\n"
        let doc = try TranscriptLoader().load(
            data: Data(text.utf8), path: "Transcripts/long.txt", id: "long", format: .plainText)
        var state = AppState(
            projectName: "p", coder: "ann", codebook: Fixtures.codebook,
            documents: [DocumentEntry(path: "Transcripts/long.txt", id: "long", codable: doc.segments.count)])
        state.document = doc
        state.codings = CodingFile(coder: "ann", document: DocumentID(doc.id), contentHash: doc.contentHash)
        state.screen = .coding
        return state
    }

    @Test func aHugeSegmentIsShownUpToTheLimitWithANote() throws {
        var state = try Self.state(characters: 2_000_000)
        #expect(state.document!.segments.count == 1)
        #expect(state.document!.segments[0].end - state.document!.segments[0].start > SegmentListView.maxShownScalars)
        let rows = SegmentListView.block(state, state.document!.segments[0], width: 80, current: true)
        // About 100,000 / 77 text lines, not 2,000,000 / 77.
        #expect(rows.count < 2 * SegmentListView.maxShownScalars / 70)
        #expect(rows.contains { String($0.text).contains("more characters of this segment are not shown") })
        // Search matches are highlighted in what is shown; typing in the search prompt still renders.
        state.search = TextSearch(query: "enorm")
        let frame = Renderer.render(state, width: 80, height: 24)
        #expect(frame.screen.text.contains("werkdruk"))
        state.search = nil
        _ = state.handle(key: .char("/"))
        for c in "enor" { _ = state.handle(key: .char(c)) }
        #expect(state.search?.query == "enor")
        #expect(Renderer.render(state, width: 80, height: 24).screen.text.contains("[/enor]"))
    }
}
