import Foundation
import KaderCore
import Testing

@testable import KaderTUI

/// The hit list of the search across documents keeps each hit's segment number in sight when
/// document ids are long (real corpora: `parlamint-be-2020-06-17-55-commissie-ic210x`).
@Suite struct CorpusHitsViewTests {
    static func row(_ document: String, ordinal: Int, speaker: String?) -> CorpusHitRow {
        CorpusHitRow(
            documentIndex: 0, documentId: DocumentID(document), segmentId: "s", ordinal: ordinal, speaker: speaker,
            role: nil,
            left: "volgens recente berichten loopt ", match: "de", right: " bouw van de nieuwe schepen", text: "x")
    }

    @Test func aLongDocumentIdIsCutBeforeTheSegmentNumber() {
        let long = Self.row("parlamint-be-2020-06-17-55-commissie-ic210x", ordinal: 12, speaker: "Vanessa Matz")
        #expect(CorpusHitsView.who(long, width: 31) == "parlamint-be-… #12 Vanessa Matz")
        #expect(DisplayWidth.of(CorpusHitsView.who(long, width: 31)) == 31)
        #expect(CorpusHitsView.who(long, width: 14).hasPrefix("parla… #12"))
        #expect(DisplayWidth.of(CorpusHitsView.who(long, width: 14)) == 14)
        let short = Self.row("interview-1", ordinal: 3, speaker: "Raf")
        #expect(CorpusHitsView.who(short, width: 40) == "interview-1 #3 Raf")
    }

    @Test func theListShowsTheNumberAt100And80Columns() {
        var state = AppState(
            projectName: "p", coder: "ann", codebook: Fixtures.codebook,
            documents: [DocumentEntry(path: "Transcripts/x.txt", id: "x")])
        let rows = [
            Self.row("parlamint-be-2020-06-17-55-commissie-ic210x", ordinal: 2, speaker: "Vanessa Matz"),
            Self.row("parlamint-be-2020-06-17-55-commissie-ic210x", ordinal: 104, speaker: "Ludivine Dedonder"),
        ]
        state.corpusHits = CorpusHits(term: "de", rows: rows)
        state.mode = .corpusHits
        for (width, height) in [(100, 30), (80, 24)] {
            var buf = ScreenBuffer(width: width, height: height)
            CorpusHitsView.draw(state, into: &buf)
            let text = buf.text
            #expect(text.contains("… #2 Vanessa"), "\(width) columns")
            #expect(text.contains("… #104 Ludivine"), "\(width) columns")
        }
    }
}
