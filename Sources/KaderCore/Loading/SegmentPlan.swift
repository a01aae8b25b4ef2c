import Crypto
import Dispatch
import Foundation

/// The segments ``SegmentBuilder`` decided on, made into ``Segment``s: fingerprints and ids
/// (two SHA-256 each) for every segment, on every core when there are many, then repeated ids
/// numbered in document order.
struct SegmentPlan {
    let turns: [RawTurn]
    /// Facts per distinct speaker and role.
    let facts: [SpeakerFacts]
    /// Index in `facts` of each turn.
    let factsOf: [Int]
    /// Index of the first segment of each turn, and the number of segments last.
    let firstSegment: [Int]
    let maxLength: Int

    /// Documents with fewer segments are made on one thread.
    static let parallelFrom = 20_000

    /// The segments, in order, with ordinals and ids (`-2`, `-3` … for repeats of an id).
    ///
    /// `text`, when given, must be the document text whose UTF-8 is `buffer.bytes`; segment texts
    /// are then sliced from it without validating the bytes again.
    func segments(buffer: TextBuffer, text: String?) -> [Segment] {
        let total = firstSegment.last ?? 0
        guard total > 0 else { return [] }
        let native = text.map { t -> String in
            var t = t
            t.makeContiguousUTF8()
            return t
        }
        let workers = total >= Self.parallelFrom ? min(ProcessInfo.processInfo.activeProcessorCount, 4) : 1
        // Contiguous runs of turns with about the same number of segments each.
        var bounds = [0]
        var t = 0
        for w in 1..<max(workers, 1) {
            while t < turns.count && firstSegment[t] < total * w / workers { t += 1 }
            bounds.append(t)
        }
        bounds.append(turns.count)
        let ranges = bounds
        var keys = [UInt64](repeating: 0, count: total)
        var segments = [Segment](unsafeUninitializedCapacity: total) { out, count in
            var filled = false
            keys.withUnsafeMutableBufferPointer { keys in
                // `total` is positive, so both buffers have a base address.
                guard let first = out.baseAddress, let firstKey = keys.baseAddress else { return }
                let slots = Slots(segments: first, keys: firstKey)
                let fill = { @Sendable (w: Int) in
                    var maker = SegmentMaker(buffer: buffer, native: native)
                    for i in ranges[w]..<ranges[w + 1] { make(turn: i, with: &maker, into: slots) }
                }
                if workers == 1 { fill(0) } else { DispatchQueue.concurrentPerform(iterations: workers, execute: fill) }
                filled = true
            }
            count = filled ? total : 0
        }
        var seen: [UInt64: Int] = [:]
        seen.reserveCapacity(total)
        for j in segments.indices {
            if let n = seen[keys[j]] {
                seen[keys[j]] = n + 1
                segments[j].id = "\(segments[j].id)-\(n + 1)"
            } else {
                seen[keys[j]] = 1
            }
        }
        return segments
    }

    /// Makes the segments of turn `i` into their slots.
    private func make(turn i: Int, with maker: inout SegmentMaker, into slots: Slots) {
        let turn = turns[i]
        let f = facts[factsOf[i]]
        var k = firstSegment[i]
        if SegmentBuilder.isWhole(turn, maxLength: maxLength) {
            slots.put(k, maker.make(turn, f, turn.start, turn.end, turn.startByte, turn.endByte, ordinal: k + 1))
            return
        }
        for (start, end, startByte, endByte) in SegmentBuilder.pieces(
            of: turn, buffer: maker.buffer, maxLength: maxLength)
        {
            slots.put(k, maker.make(turn, f, start, end, startByte, endByte, ordinal: k + 1))
            k += 1
        }
    }

    /// The uninitialised segment array and the id keys; each slot is written by exactly one worker.
    private final class Slots: @unchecked Sendable {
        let segments: UnsafeMutablePointer<Segment>
        let keys: UnsafeMutablePointer<UInt64>

        init(segments: UnsafeMutablePointer<Segment>, keys: UnsafeMutablePointer<UInt64>) {
            self.segments = segments
            self.keys = keys
        }

        func put(_ k: Int, _ made: (Segment, UInt64)) {
            (segments + k).initialize(to: made.0)
            keys[k] = made.1
        }
    }
}

/// Makes one segment: its text slice, fingerprint and (unnumbered) id, with scratch space reused
/// from segment to segment.
struct SegmentMaker {
    let buffer: TextBuffer
    /// The document text made native, for slicing segment texts without validating again.
    let native: String?
    var scratch: [UInt8] = []
    var idBytes: [UInt8] = []

    init(buffer: TextBuffer, native: String?) {
        self.buffer = buffer
        self.native = native
    }

    /// The segment and the 48 digest bits its id shows (the key repeats are counted by).
    mutating func make(
        _ turn: RawTurn, _ f: SpeakerFacts, _ start: Int, _ end: Int, _ startByte: Int, _ endByte: Int, ordinal: Int
    ) -> (Segment, UInt64) {
        let segmentText =
            native.map { SegmentBuilder.slice($0, startByte, endByte) }
            ?? Substring(buffer.string(bytes: startByte, endByte))
        let digest = buffer.bytes.withUnsafeBufferPointer {
            Fingerprint.collapsedDigest($0, startByte, endByte, scratch: &scratch)
        }
        let print = Fingerprint.hexPrefix(digest, digits: 16)
        idBytes.removeAll(keepingCapacity: true)
        idBytes.append(contentsOf: f.idPrefix)
        idBytes.append(contentsOf: print.utf8)
        let idDigest = idBytes.withUnsafeBytes { Fingerprint.sha256($0) }
        let key = idDigest.withUnsafeBytes { d in
            UInt64(d[0]) << 40 | UInt64(d[1]) << 32 | UInt64(d[2]) << 24 | UInt64(d[3]) << 16 | UInt64(d[4]) << 8
                | UInt64(d[5])
        }
        let id = Fingerprint.hexPrefix(idDigest, digits: 12, prefix: UInt8(ascii: "s"))
        let segment = Segment(
            id: id, ordinal: ordinal, speaker: turn.speaker, role: f.role, start: start, end: end,
            textSlice: segmentText, timestamp: turn.timestamp, endTimestamp: turn.endTimestamp, fingerprint: print,
            codable: f.codable)
        return (segment, key)
    }
}
