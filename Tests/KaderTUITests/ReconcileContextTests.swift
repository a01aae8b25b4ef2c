import Foundation
import KaderCore
import Testing

@testable import KaderTUI

/// Reconcile shows the turns before and after, and both coders' quotes and memos side by side.
@Suite struct ReconcileContextTests {
    @Test func contextQuotesAndMemosAreShown() throws {
        DisplayWidth.prepareLocale()
        let doc = try Fixtures.document()
        let s = doc.segments
        let item = ReconcileItem(
            documentId: doc.id, documentTitle: doc.title, segment: s[2], first: ["didactiek"], second: ["werkdruk"],
            previous: s[1], next: s[3], firstMemo: "platformkeuze", secondMemo: "eerder werkdruk",
            firstQuotes: ["didactiek": "één platform voor alles"], secondQuotes: ["werkdruk": "echt geholpen"])
        let state = ReconcileState(
            firstCoder: "ann", secondCoder: "bart", consensusCoder: "consensus", codebook: Fixtures.codebook,
            items: [item])
        let screen = ReconcileView.render(state, width: 100, height: 30)
        try SnapshotTests().assertSnapshot(screen, "reconcile-context-100x30")
        let text = screen.text
        #expect(text.contains("before #2 Anaïs: Da's simpel"))
        #expect(text.contains("after #4 Anaïs: Ja, en de leerlingen"))
        #expect(text.contains("“één platform voor alles”"))
        #expect(text.contains("“echt geholpen”"))
        #expect(text.contains("✎ platformkeuze"))
        #expect(text.contains("✎ eerder werkdruk"))
    }
}
