import Foundation
import Testing

@testable import KaderCore

/// Re-anchoring after the transcript changes: unchanged, moved, changed, orphaned.
@Suite struct ReanchorTests {
    static let turns = [
        "Els: De werkdruk is enorm, elke avond nog mails.",
        "Koen: Wij hebben één platform gekozen.",
        "Els: De kinderen zonder laptop vielen uit de boot.",
        "Mia: Structuur hielp de jongste leerlingen.",
        "Koen: Het team werkte goed samen.",
    ]

    static func doc(_ turns: [String]) throws -> Document {
        try TranscriptLoader().load(
            data: Data(turns.joined(separator: "\n\n").utf8), path: "d.txt", id: "d", format: .plainText)
    }

    /// Codes every segment i with code "c<i+1>".
    static func coded(_ doc: Document) -> CodingFile {
        var file = CodingFile(
            coder: "ann", document: DocumentID(doc.id), contentHash: doc.contentHash, segmentCount: doc.segments.count)
        for (i, s) in doc.segments.enumerated() { file = file.toggling(code: CodeID("c\(i + 1)"), on: s, at: "t") }
        return file
    }

    @Test func unchangedWhenTheTextIsTheSame() throws {
        let d = try Self.doc(Self.turns)
        let file = Self.coded(d)
        let (again, report) = file.reanchored(to: d)
        #expect(report.isClean)
        #expect(report.count(.unchanged) == 5)
        #expect(again == file)
    }

    /// The shortcut for files whose segments all still sit where they were gives what the general
    /// matching gives, with and without quote spans (also spans whose text no longer matches), and
    /// steps aside when anything moved.
    @Test func unchangedShortcutEqualsTheGeneralPath() throws {
        let d = try Self.doc(Self.turns)
        var file = Self.coded(d)
        #expect(file.reanchoredUnchanged(to: d).map { $0.file } == file.reanchoredGenerally(to: d).file)
        let seg = d.segments[2]
        file = file.settingSpans(
            [QuoteSpan(start: seg.start + 12, end: seg.start + 25)], code: CodeID("c\(seg.ordinal)"), on: seg, at: "t")
        var stale = file
        stale.codings[1].applied[0].spans = [QuoteSpan(start: 2, end: 9, text: "anders")]
        for f in [file, stale] {
            let fast = try #require(f.reanchoredUnchanged(to: d))
            let general = f.reanchoredGenerally(to: d)
            #expect(fast.file == general.file)
            #expect(fast.report == general.report)
            #expect(f.reanchored(to: d).file == general.file)
        }
        let inserted = try Self.doc(Array(Self.turns[..<2]) + ["Ann: Nieuw."] + Array(Self.turns[2...]))
        #expect(file.reanchoredUnchanged(to: inserted) == nil)
        var orphaned = file
        orphaned.orphans = [file.codings[0]]
        #expect(orphaned.reanchoredUnchanged(to: d) == nil)
    }

    @Test func insertedTurnMovesTheCodingsAfterIt() throws {
        let old = try Self.doc(Self.turns)
        let file = Self.coded(old)
        var turns = Self.turns
        turns.insert("Mia: Een nieuwe beurt.", at: 1)
        let new = try Self.doc(turns)
        let (moved, report) = file.reanchored(to: new)
        #expect(report.count(.unchanged) == 1)
        #expect(report.count(.moved) == 4)
        #expect(moved.codes(forSegment: new.segments[1].id).isEmpty)
        #expect(moved.codes(forSegment: new.segments[2].id) == ["c2"])
        #expect(moved.codes(forSegment: new.segments[5].id) == ["c5"])
        #expect(moved.contentHash == new.contentHash)
        #expect(moved.orphans == nil)
    }

    @Test func quoteSpansMoveWithTheirSegment() throws {
        let old = try Self.doc(Self.turns)
        var file = Self.coded(old)
        let seg = old.segments[2]  // "De kinderen zonder laptop vielen uit de boot."
        let quote = QuoteSpan(start: seg.start + 12, end: seg.start + 25)  // "zonder laptop"
        file = file.settingSpans([quote], code: CodeID("c\(seg.ordinal)"), on: seg, at: "t")
        #expect(file.coding(forSegment: seg.id)?.segmentStart == seg.start)
        var turns = Self.turns
        turns.insert("Mia: Een nieuwe beurt vooraan, die alles verschuift.", at: 0)
        let new = try Self.doc(turns)
        let (moved, _) = file.reanchored(to: new)
        let target = new.segments[3]
        let c = try #require(moved.coding(forSegment: target.id))
        let span = try #require(c.allSpans.first)
        let scalars = Array(new.text.unicodeScalars)
        #expect(String(String.UnicodeScalarView(scalars[span.start..<span.end])) == "zonder laptop")
        #expect(c.segmentStart == target.start)
        #expect(c.review == nil)
        // A second pass on the same text changes nothing.
        #expect(moved.reanchored(to: new).file == moved)
    }

    @Test func quoteSpanThatNoLongerFitsIsClampedAndMarkedForReview() throws {
        let old = try Self.doc(Self.turns)
        var file = Self.coded(old)
        let seg = old.segments[2]
        file = file.settingSpans(
            [QuoteSpan(start: seg.start + 30, end: seg.end)], code: CodeID("c\(seg.ordinal)"), on: seg, at: "t")
        var turns = Self.turns
        turns.insert("Mia: Vooraan.", at: 0)
        turns[3] = "Els: De kinderen vielen uit."  // shorter text, same speaker and place
        let new = try Self.doc(turns)
        let (moved, _) = file.reanchored(to: new)
        let c = try #require(moved.coding(forSegment: new.segments[3].id))
        #expect(c.review == true)
        if let span = c.allSpans.first {
            #expect(span.start >= new.segments[3].start && span.end <= new.segments[3].end)
        }
        #expect(c.codes == ["c3"])
    }

    @Test func spansWithoutASegmentStartAreFlaggedWhenTheirSegmentMoves() throws {
        let old = try Self.doc(Self.turns)
        var file = Self.coded(old)
        let seg = old.segments[2]
        file = file.settingSpans(
            [QuoteSpan(start: seg.start + 12, end: seg.start + 25)], code: CodeID("c\(seg.ordinal)"), on: seg, at: "t")
        file.codings = file.codings.map { c in  // a schema-1 file from before segment starts were recorded
            var c = c
            c.segmentStart = nil
            for i in c.applied.indices {
                c.applied[i].spans = c.applied[i].spans.map { QuoteSpan(start: $0.start, end: $0.end) }
            }
            return c
        }
        var turns = Self.turns
        turns.insert("Mia: Vooraan.", at: 0)
        let new = try Self.doc(turns)
        let (moved, _) = file.reanchored(to: new)
        #expect(moved.coding(forSegment: new.segments[3].id)?.review == true)
        #expect(moved.coding(forSegment: new.segments[4].id)?.review == nil)
    }

    @Test func aSpanInAShortenedSegmentIsClampedInPlace() throws {
        let old = try Self.doc(Self.turns)
        var file = Self.coded(old)
        let mid = old.segments[3]  // "Structuur hielp de jongste leerlingen."
        file = file.settingSpans(
            [QuoteSpan(start: mid.start + 10, end: mid.end)], code: CodeID("c\(mid.ordinal)"), on: mid, at: "t")
        var turns = Self.turns
        turns[3] = "Mia: Structuur hielp."
        let new = try Self.doc(turns)
        let (changed, _) = file.reanchored(to: new)
        let seg = new.segments[3]
        let c = try #require(changed.coding(forSegment: seg.id))
        #expect(c.review == true)
        #expect(c.allSpans.map { [$0.start, $0.end] } == [[seg.start + 10, seg.end]])
    }

    @Test func anEditedLastCodedSegmentStaysAttachedForReview() throws {
        let old = try Self.doc(Self.turns)
        let file = Self.coded(old)
        var turns = Self.turns
        turns[4] = "Koen: Het hele team werkte goed samen."
        let new = try Self.doc(turns)
        let (changed, report) = file.reanchored(to: new)
        #expect(report.entries[4].outcome == .changed)
        #expect(changed.coding(forSegment: new.segments[4].id)?.codes == ["c5"])
        #expect(changed.coding(forSegment: new.segments[4].id)?.review == true)
        #expect(changed.orphans == nil)
        // Without the old segment count (a file from before) there is no end anchor: kept as an orphan.
        var legacy = file
        legacy.segmentCount = nil
        #expect(legacy.reanchored(to: new).file.orphans?.map(\.codes) == [["c5"]])
    }

    @Test func relabelledSpeakerMovesByFingerprint() throws {
        let old = try Self.doc(Self.turns)
        let file = Self.coded(old)
        var turns = Self.turns
        turns[3] = "Mieke: Structuur hielp de jongste leerlingen."
        let new = try Self.doc(turns)
        let (moved, report) = file.reanchored(to: new)
        #expect(new.segments[3].id != old.segments[3].id)
        #expect(report.entries[3].outcome == .moved)
        #expect(moved.codes(forSegment: new.segments[3].id) == ["c4"])
    }

    @Test func typoFixIsChangedAndFlaggedForReview() throws {
        let old = try Self.doc(Self.turns)
        let file = Self.coded(old)
        var turns = Self.turns
        turns[2] = "Els: De kinderen zonder laptop vielen uit de boot!"
        let new = try Self.doc(turns)
        let (changed, report) = file.reanchored(to: new)
        #expect(report.entries[2].outcome == .changed)
        #expect(report.count(.unchanged) == 4)
        let coding = changed.coding(forSegment: new.segments[2].id)
        #expect(coding?.codes == ["c3"])
        #expect(coding?.review == true)
        #expect(coding?.fingerprint == new.segments[2].fingerprint)
        // Any edit of that segment clears the flag.
        let edited = changed.toggling(code: "c9", on: new.segments[2], at: "t2")
        #expect(edited.coding(forSegment: new.segments[2].id)?.review == nil)
    }

    @Test func deletedTurnIsOrphanedKeptAndReattachedWhenItComesBack() throws {
        let old = try Self.doc(Self.turns)
        let file = Self.coded(old)
        var turns = Self.turns
        turns.remove(at: 2)
        let new = try Self.doc(turns)
        let (anchored, report) = file.reanchored(to: new)
        #expect(report.entries[2].outcome == .orphaned)
        #expect(anchored.orphans?.map(\.codes) == [["c3"]])
        #expect(anchored.orphans?.first?.segment == old.segments[2].id)
        #expect(anchored.codings.count == 4)
        // Never attached to another segment: every attached coding kept its own codes.
        for s in new.segments {
            let original = old.segments.firstIndex { $0.fingerprint == s.fingerprint }!
            #expect(anchored.codes(forSegment: s.id) == ["c\(original + 1)"])
        }
        // The orphan survives a save and comes back when the text does.
        let reloaded = try CodingFile.decode(try anchored.encoded(), path: "d.json")
        let (restored, again) = reloaded.reanchored(to: old)
        #expect(restored.orphans == nil)
        #expect(restored.codes(forSegment: old.segments[2].id) == ["c3"])
        #expect(again.count(.moved) == 3)  // the orphan, and the two turns after it back in place
    }

    @Test func editedTurnWithAnInsertionNextToItIsOrphanedNotGuessed() throws {
        let old = try Self.doc(Self.turns)
        let file = Self.coded(old)
        var turns = Self.turns
        turns[2] = "Els: Iets heel anders gezegd."
        turns.insert("Mia: Nog een beurt.", at: 2)
        let new = try Self.doc(turns)
        let (anchored, report) = file.reanchored(to: new)
        #expect(report.entries[2].outcome == .orphaned)
        #expect(anchored.codes(forSegment: new.segments[2].id).isEmpty)
        #expect(anchored.codes(forSegment: new.segments[3].id).isEmpty)
        #expect(anchored.codeApplicationCount == file.codeApplicationCount)
    }

    @Test func lastCodedTurnChangedInAFileWithoutSegmentCountIsOrphaned() throws {
        let old = try Self.doc(Self.turns)
        var file = Self.coded(old)
        file.segmentCount = nil  // written before the count was recorded: no end anchor
        var turns = Self.turns
        turns[4] = "Koen: Het team werkte heel goed samen."
        let (anchored, report) = file.reanchored(to: try Self.doc(turns))
        #expect(report.entries[4].outcome == .orphaned)
        #expect(anchored.orphans?.count == 1)
    }

    @Test func storeLoadReanchors() throws {
        let root = try CodingStoreTests.tempProject()
        defer { try? FileManager.default.removeItem(at: root) }
        let old = try Self.doc(Self.turns)
        let store = try CodingStore(projectRoot: root, coder: "ann")
        try store.save(Self.coded(old))
        var turns = Self.turns
        turns.insert("Mia: Een nieuwe beurt.", at: 0)
        let new = try Self.doc(turns)
        let (file, report) = try store.loadReanchored(document: new)
        #expect(report.count(.moved) == 5)
        #expect(file.codes(forSegment: new.segments[1].id) == ["c1"])
    }
}
