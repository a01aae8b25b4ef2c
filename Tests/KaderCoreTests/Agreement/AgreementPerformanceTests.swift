import Foundation
import Testing

@testable import KaderCore

extension AgreementTests {
    /// 1,000,000 units × 3 coders × 40 codes: per-code table, pooled and set-valued α with
    /// 1,000 bootstrap samples per code. Budget 2 s in release builds. Runs only when
    /// KADER_PERF=1 (e.g. `KADER_PERF=1 swift test -c release --filter AgreementPerformance`).
    struct AgreementPerformanceTests {
        @Test(.enabled(if: ProcessInfo.processInfo.environment["KADER_PERF"] == "1"))
        func millionUnitsPerCodeReport() throws {
            let codes = (0..<40).map { "code-\($0)" }
            var rng = SplitMix64(seed: 7)
            var units: [[Set<String>?]] = []
            units.reserveCapacity(1_000_000)
            for _ in 0..<1_000_000 {
                var truth = Set<String>()
                for _ in 0..<Int(rng.next() % 3) { truth.insert(codes[Int(rng.next() % 40)]) }
                units.append(
                    (0..<3).map { _ -> Set<String>? in
                        if rng.nextUnit() < 0.05 { return nil }
                        var s = truth
                        if rng.nextUnit() < 0.2 { s.insert(codes[Int(rng.next() % 40)]) }
                        return s
                    })
            }
            let clock = ContinuousClock()
            var report: CodeAgreementReport?
            let elapsed = try clock.measure {
                report = try CodeAgreement.report(units: units, coderCount: 3, codes: codes, bootstrapSamples: 1000)
            }
            let r = try #require(report)
            #expect(r.perCode.count == 40)
            #expect(r.overall.masi.value.isComputable)
            #expect(r.overall.pooled.alpha.value.isComputable)
            #expect(elapsed < .seconds(2), "took \(elapsed)")
        }
    }
}
