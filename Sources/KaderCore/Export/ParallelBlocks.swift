import Dispatch
import Foundation

/// Output of many items formatted in blocks on several threads and written in order, in bounded
/// memory (one buffer per thread).
public enum ParallelBlocks {
    /// Formats the items `0..<count` in consecutive blocks of `block` items, `format(range, &buffer)`
    /// appending the bytes of the items in `range`, up to `workers` blocks at a time on separate
    /// threads (at most the number of cores, at most 4), and hands each block's bytes to `sink` in
    /// order, on the calling thread. One worker formats on the calling thread, one block at a time.
    /// - Throws: what `sink` throws (the blocks after it are not formatted).
    public static func write(
        count: Int, block: Int = 2048, workers: Int = ProcessInfo.processInfo.activeProcessorCount,
        format: @escaping @Sendable (Range<Int>, inout JSONBytes) -> Void,
        to sink: (UnsafeBufferPointer<UInt8>) throws -> Void
    ) rethrows {
        guard count > 0 else { return }
        let block = max(block, 1)
        let blocks = (count + block - 1) / block
        let lanes = max(1, min(workers, 4, blocks))
        let buffers = Buffers(count: lanes)
        defer { buffers.release() }
        var first = 0
        while first < blocks {
            let round = min(lanes, blocks - first)
            let base = first
            let run = { @Sendable (lane: Int) in
                let b = base + lane
                format(b * block..<min((b + 1) * block, count), &buffers.pointer[lane])
            }
            if round == 1 {
                run(0)
            } else {
                DispatchQueue.concurrentPerform(iterations: round, execute: run)
            }
            for lane in 0..<round { try buffers.pointer[lane].flush(to: sink) }
            first += round
        }
    }

    /// One buffer per lane; during a round each lane's buffer is touched by its worker only, and
    /// between rounds by the calling thread only.
    private final class Buffers: @unchecked Sendable {
        let pointer: UnsafeMutablePointer<JSONBytes>
        let count: Int

        init(count: Int) {
            self.count = count
            pointer = .allocate(capacity: count)
            pointer.initialize(repeating: JSONBytes(capacity: 1 << 16), count: count)
        }

        func release() {
            pointer.deinitialize(count: count)
            pointer.deallocate()
        }
    }
}
