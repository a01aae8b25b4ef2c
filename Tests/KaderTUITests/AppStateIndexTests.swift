import Foundation
import KaderCore
import Testing

@testable import KaderTUI

/// The per-segment indexes ``AppState`` keeps in step with its codings (updated in place on
/// toggles, undo and redo) must always equal what a full scan of the codings gives.
@Suite struct AppStateIndexTests {
    static func expectConsistent(_ state: AppState, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let file = state.codings
        #expect(state.codesBySegment == AppState.index(file), sourceLocation: sourceLocation)
        var counts: [String: Int] = [:]
        for c in file?.codings ?? [] { for id in c.codes { counts[id, default: 0] += 1 } }
        #expect(state.codeCounts == counts, sourceLocation: sourceLocation)
        let doc = try #require(state.document, sourceLocation: sourceLocation)
        let coded = doc.segments.reduce(0) {
            $0 + ($1.codable && file?.codes(forSegment: $1.id).isEmpty == false ? 1 : 0)
        }
        #expect(state.progress.coded == coded, sourceLocation: sourceLocation)
        #expect(state.progress.codable == doc.codableSegmentCount, sourceLocation: sourceLocation)
        for s in doc.segments {
            #expect(state.coding(forSegment: s.id) == file?.coding(forSegment: s.id), sourceLocation: sourceLocation)
        }
    }

    @Test func indexesFollowTogglesUndoRedoAndMemos() throws {
        var state = try Fixtures.codingState()
        try Self.expectConsistent(state)
        let keys: [Key] = [
            .char("i"), .char("e"), .char("j"), .char("2"), .char("i"), .char("k"), .char("i"), .char("u"),
            .char("u"), .ctrl("r"), .char("j"), .char("4"), .char("."), .char("e"), .char("g"), .char("j"), .char("2"),
            .char("u"), .char("u"), .char("u"), .ctrl("r"), .ctrl("r"), .char("G"), .char("i"), .char("i"),
        ]
        for key in keys {
            _ = state.handle(key: key)
            try Self.expectConsistent(state)
        }
        // A memo without codes is a coding (found by coding(forSegment:)) that counts for nothing.
        let seg = state.currentSegment!
        state.codings = state.codings!.settingMemo("nota", on: seg, at: "2026-03-12T10:00:00Z")
        try Self.expectConsistent(state)
        state.codings = nil
        #expect(state.codesBySegment.isEmpty && state.codeCounts.isEmpty && state.progress.coded == 0)
    }

    @Test func duplicateSegmentIdsInAFileFallBackToAFullScan() throws {
        var state = try Fixtures.codingState()
        let seg = state.document!.segments[1]
        let a = SegmentCoding(
            segment: SegmentID(seg.id), ordinal: seg.ordinal, fingerprint: seg.fingerprint, codes: ["werkdruk"],
            created: "t",
            modified: "t")
        var b = a
        b.codes = ["didactiek"]
        state.codings!.codings = [a, b]
        try Self.expectConsistent(state)
        state.codings!.codings = [b]
        try Self.expectConsistent(state)
        state.codings!.codings = [b, a]
        try Self.expectConsistent(state)
    }

    @Test func codebookLookupsMatchTheTree() throws {
        let state = try Fixtures.codingState()
        for e in state.codebook.entries {
            #expect(state.entry(id: e.code.id) == state.codebook.entry(id: e.code.id))
            #expect(state.codebook.entry(id: e.code.id) == e)
            if let k = e.code.shortcut {
                #expect(state.entry(forShortcut: k) == state.codebook.code(forShortcut: k))
                #expect(state.codebook.code(forShortcut: k) == e)
            }
        }
        #expect(state.entry(id: "nope") == nil && state.codebook.entry(id: "nope") == nil)
    }
}
