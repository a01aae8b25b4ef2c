import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Monotonic time in nanoseconds (`clock_gettime(CLOCK_MONOTONIC)`).
@inline(__always)
func nowNanos() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}

/// Runs `body` once and returns its result with the elapsed seconds.
@inline(__always)
func timed<T>(_ body: () throws -> T) rethrows -> (T, Double) {
    let t0 = nowNanos()
    let r = try body()
    return (r, Double(nowNanos() - t0) / 1e9)
}

/// Peak resident set size of this process so far, in bytes (`getrusage` `ru_maxrss`, KiB on Linux).
func peakRSSBytes() -> Int {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    return Int(usage.ru_maxrss) * 1024
}

/// Order statistics of a sample of durations or rates.
struct Stats {
    let sorted: [Double]
    init(_ samples: [Double]) { sorted = samples.sorted() }

    var count: Int { sorted.count }
    var median: Double {
        guard !sorted.isEmpty else { return .nan }
        let n = sorted.count
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
    }
    /// Nearest-rank percentile (p in 0...100).
    func percentile(_ p: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
        return sorted[Swift.min(sorted.count - 1, Swift.max(0, rank - 1))]
    }
    var p99: Double { percentile(99) }
    var maximum: Double { sorted.last ?? .nan }
}

/// Repeats `body` until `minRuns` are done and either `maxRuns` are done or `budget` seconds
/// have passed; returns the seconds of each run.
func repeatTimed(minRuns: Int = 1, maxRuns: Int, budget: Double, _ body: () throws -> Void) rethrows -> [Double] {
    var samples: [Double] = []
    let start = nowNanos()
    while samples.count < maxRuns {
        let (_, s) = try timed(body)
        samples.append(s)
        let spent = Double(nowNanos() - start) / 1e9
        if samples.count >= minRuns && spent > budget { break }
    }
    return samples
}

/// Keeps a value alive so the optimiser cannot drop the work that made it.
@inline(never)
func blackHole<T>(_ x: T) {
    withExtendedLifetime(x) {}
}

enum Format {
    static func ms(_ seconds: Double) -> String {
        let m = seconds * 1000
        if m < 1 { return String(format: "%.3f ms", m) }
        if m < 100 { return String(format: "%.2f ms", m) }
        return String(format: "%.0f ms", m)
    }
    static func seconds(_ s: Double) -> String { s < 1 ? ms(s) : String(format: "%.2f s", s) }
    static func mbps(_ x: Double) -> String {
        x >= 1000 ? String(format: "%.2f GB/s", x / 1000) : String(format: "%.1f MB/s", x)
    }
    static func mb(_ bytes: Int) -> String { String(format: "%.1f MB", Double(bytes) / 1_000_000) }
    static func ratio(_ x: Double) -> String { x >= 10 ? String(format: "%.0f×", x) : String(format: "%.2f×", x) }
}
