import Testing

@testable import KaderCore

extension AgreementTests {
    /// KALPHA bootstrap (Hayes & Krippendorff 2007) against the Monte Carlo reproduction in
    /// docs/statistics.md §3 (B = 20,000; compare within ±0.01).
    struct AlphaBootstrapTests {

        @Test func ka1_nominal() throws {
            let r = try #require(
                AlphaBootstrap.compute(
                    try numeric(Vectors.ka1), metric: .nominal, samples: 20_000, seed: 1,
                    thresholds: [0.667, 0.7, 0.8]
                ).result)
            #expect(r.drawsPerSample == 60)
            #expect(abs(r.alpha - 0.743421052631579) < 1e-12)
            #expect(abs(r.lower - 0.615) <= 0.01)
            #expect(abs(r.upper - 0.872) <= 0.01)
            #expect(abs(r.probabilityBelow(0.8)! - 0.78) <= 0.01)
            #expect(abs(r.probabilityBelow(0.7)! - 0.20) <= 0.01)
            #expect(abs(r.probabilityBelow(0.667)! - 0.13) <= 0.01)
        }

        @Test func ka3_ordinal() throws {
            let r = try #require(
                AlphaBootstrap.compute(
                    try numeric(Vectors.ka3), metric: .ordinal, samples: 20_000, seed: 1,
                    thresholds: [0.667, 0.7, 0.8]
                ).result)
            #expect(r.drawsPerSample == 318)
            #expect(abs(r.lower - 0.714) <= 0.01)
            #expect(abs(r.upper - 0.802) <= 0.01)
            #expect(abs(r.probabilityBelow(0.8)! - 0.968) <= 0.01)
            #expect(abs(r.probabilityBelow(0.7)! - 0.006) <= 0.01)
            #expect(r.probabilityBelow(0.667)! <= 0.01)
        }

        @Test func deterministicForASeed() throws {
            let d = try numeric(Vectors.ka2)
            let a = AlphaBootstrap.compute(d, metric: .interval, samples: 500, seed: 42)
            let b = AlphaBootstrap.compute(d, metric: .interval, samples: 500, seed: 42)
            let c = AlphaBootstrap.compute(d, metric: .interval, samples: 500, seed: 43)
            #expect(a == b)
            #expect(a.result != nil)
            #expect(a.result!.samples == 500)
            #expect(a.result!.thresholds == [0.667, 0.8])
            #expect(a != c)
            let x = try #require(a.result)
            #expect(x.lower <= x.alpha + 0.05 && x.alpha - 0.05 <= x.upper && x.lower <= x.upper && x.lower >= -1)
        }

        @Test func notComputableCases() throws {
            #expect(
                AlphaBootstrap.compute(try numeric("1 1 1\n1 1 1"), metric: .nominal).reason?.contains("D_e = 0")
                    == true)
            #expect(AlphaBootstrap.compute(try numeric(Vectors.ka1), metric: .nominal, samples: 0).result == nil)
            #expect(AlphaBootstrap.compute(try numeric("1 2 3"), metric: .nominal).result == nil)
        }

        @Test func splitMix64ReferenceSequence() {
            // First outputs for seed 1234567 (Vigna's splitmix64.c).
            var g = SplitMix64(seed: 1_234_567)
            #expect(g.next() == 6_457_827_717_110_365_317)
            #expect(g.next() == 3_203_168_211_198_807_973)
        }
    }
}
