import Foundation
import Testing

@testable import KaderCore

extension AgreementTests {
    /// The 95% interval of α: jackknife and bootstrap over units pinned against values computed
    /// independently with Python (numpy 2.4, scipy 1.17, krippendorff 0.8 from PyPI), run once:
    /// - jackknife: α of the data with each pairable unit left out by `krippendorff.alpha`,
    ///   SE² = (N−1)/N Σ(α_(u) − mean)², bounds α ± scipy.stats.t.ppf(0.975, N−1)·SE clipped to [−1, 1];
    /// - bootstrap: 100,000 replicates drawing N pairable units with replacement
    ///   (numpy default_rng(12345)), `krippendorff.alpha(value_counts=…)` per replicate,
    ///   numpy.percentile 2.5 / 97.5 and the standard deviation. Kader uses its own generator, so
    ///   these agree within Monte Carlo error (≈ 0.003 at this B), not digit for digit.
    @Suite struct AlphaIntervalTests {
        static let ka1 = """
            1 2 3 3 2 1 4 1 2 . . .
            1 2 3 3 2 2 4 1 2 5 . 3
            . 3 3 3 2 3 4 2 2 5 1 .
            1 2 3 3 2 4 4 1 2 5 1 .
            """

        /// Patterns of numeric data with a metric.
        static func patterns(_ text: String, _ metric: AlphaMetric) throws -> (
            AlphaUnitPatterns, CoincidenceMatrix, [Double]
        ) {
            let d = try numeric(text)
            let cats = d.sortedCategories()
            let table = d.ratingTable(categories: cats)
            let o = CoincidenceMatrix(table)
            let delta = try #require(metric.squaredDifferences(values: cats, marginals: o.marginals))
            return (AlphaUnitPatterns(table, delta: delta), o, cats)
        }

        /// Two coders, binary: counts of (coder 1, coder 2) pairs.
        static func binary(_ both: Int, _ neither: Int, _ onlyFirst: Int, _ onlySecond: Int) -> AlphaUnitPatterns {
            var p = AlphaUnitPatterns(categoryCount: 2, delta: [0, 1, 1, 0])
            p.add(weight: both, values: [(1, 2)])
            p.add(weight: neither, values: [(0, 2)])
            p.add(weight: onlyFirst + onlySecond, values: [(0, 1), (1, 1)])
            return p
        }

        @Test func jackknifeMatchesPythonOnKA1() throws {
            let (nominal, _, _) = try Self.patterns(Self.ka1, .nominal)
            let j = try #require(AlphaInterval.compute(nominal, method: .jackknife).result)
            #expect(j.method == .jackknife && j.units == 11)
            #expect(abs(j.alpha - 0.743421052632) < 1e-11)
            #expect(abs(j.standardError - 0.146326652201) < 1e-11)
            #expect(abs(j.lower - 0.417384953782) < 1e-6)
            #expect(j.upper == 1)
            let (interval, _, _) = try Self.patterns(Self.ka1, .interval)
            let ji = try #require(AlphaInterval.compute(interval, method: .jackknife).result)
            #expect(abs(ji.standardError - 0.140839831381) < 1e-11)
            #expect(abs(ji.lower - 0.535296442649) < 1e-6)
        }

        /// The method's own interval, before the few-disagreements bound (`AlphaInterval.jackknife`).
        static func ownJackknife(_ p: AlphaUnitPatterns) -> Computed<AlphaInterval> {
            AlphaInterval.jackknife(p, alpha: p.alpha ?? .nan, thresholds: [0.667, 0.8])
        }

        @Test func jackknifeMatchesPythonOnBinaryData() throws {
            let j60 = try #require(Self.ownJackknife(Self.binary(20, 30, 6, 4)).result)
            #expect(abs(j60.alpha - 0.66) < 1e-12)
            #expect(abs(j60.standardError - 0.099218589645) < 1e-11)
            #expect(abs(j60.lower - 0.461464060700) < 1e-6 && abs(j60.upper - 0.858535939300) < 1e-6)
            let j150 = try #require(Self.ownJackknife(Self.binary(50, 80, 12, 8)).result)
            #expect(abs(j150.standardError - 0.057822937250) < 1e-11)
            #expect(abs(j150.lower - 0.608889262169) < 1e-6 && abs(j150.upper - 0.837407034128) < 1e-6)
        }

        @Test func bootstrapOverUnitsMatchesPython() throws {
            let (interval, _, _) = try Self.patterns(Self.ka1, .interval)
            let b = try #require(AlphaInterval.compute(interval, method: .units, samples: 100_000, seed: 1).result)
            #expect(b.method == .units && b.replicates == 100_000)
            #expect(abs(b.lower - 0.430552) < 0.01, "lower \(b.lower)")
            #expect(b.upper == 1)
            #expect(abs(b.standardError - 0.151186) < 0.004, "sd \(b.standardError)")
            let p150 = Self.binary(50, 80, 12, 8)
            let b150 = try #require(
                AlphaInterval.bootstrap(
                    p150, alpha: p150.alpha ?? .nan, samples: 100_000, seed: 1, thresholds: [0.667, 0.8]
                ).result)
            #expect(abs(b150.lower - 0.602394) < 0.006, "lower \(b150.lower)")
            #expect(abs(b150.upper - 0.828325) < 0.006, "upper \(b150.upper)")
            #expect(abs(b150.standardError - 0.057872) < 0.002, "sd \(b150.standardError)")
        }

        @Test func autoIsTheBootstrapOverUnitsAtEveryN() throws {
            for p in [Self.binary(10, 12, 4, 3), Self.binary(20, 30, 6, 4), Self.binary(50, 80, 12, 8)] {
                let a = try #require(AlphaInterval.compute(p, method: .auto, seed: 9).result)
                let u = try #require(AlphaInterval.compute(p, method: .units, seed: 9).result)
                #expect(a.method == .units && a == u)
            }
            // A code applied once, by one coder: leaving that unit out leaves one value, so the
            // jackknife is undefined.
            let rare = Self.binary(0, 60, 1, 0)
            #expect(AlphaInterval.compute(rare, method: .jackknife).reason?.contains("single value") == true)
            // Applied once by both coders: no disagreement, and the zero-event bound says how
            // little one agreed unit proves (D_e = 2·2·120/(122·121), N = 61).
            let once = try #require(AlphaInterval.compute(Self.binary(1, 60, 0, 0), method: .jackknife).result)
            #expect(once.withoutObservedDisagreement && once.upper == 1)
            #expect(abs(once.lower - -0.804692141018) < 1e-9)
        }

        /// The 97.5% mid-p upper limit of a binomial proportion, against scipy 1.17
        /// (`brentq` on `binom.cdf(k − 1, N, p) + binom.pmf(k, N, p)/2 − 0.025`).
        @Test func midPUpperLimitMatchesScipy() {
            for (k, n, p) in [
                (1, 30, 0.15360924119155284), (3, 20, 0.3561073603136116), (50, 1000, 0.06486583534862413),
                (1, 2, 0.975),
            ] {
                let x = AlphaFewDisagreements.midPUpperLimit(events: k, trials: n)
                #expect(abs(x - p) < 1e-10, "k \(k) N \(n): \(x)")
            }
        }

        @Test func fewDisagreementsWidenTheLowerLimit() throws {
            // One disagreeing unit among 51 (α = 0.95962 by krippendorff 0.8): the bootstrap sees the
            // spread of one unit only; the bound L = 1 − (1 − α)·N·p_U(1, 51) lowers the limit to
            // 0.808649 (computed with scipy, see midPUpperLimitMatchesScipy).
            let one = Self.binary(20, 30, 1, 0)
            for method in [AlphaIntervalMethod.auto, .units, .jackknife] {
                guard case .computed(let i) = AlphaInterval.compute(one, method: method) else { continue }
                #expect(i.fewDisagreements == 1, "\(method)")
                #expect(abs(i.lower - 0.8086485655372085) < 1e-9, "\(method): \(i.lower)")
                #expect(i.methodDescription.contains("mid-p bound for 1 disagreeing unit"))
            }
            // Seven of 29 disagree (α = 0.5233): the lower limit is at most the bound 0.1704, and
            // equals it exactly when the bound is what lowered it.
            let seven = try #require(AlphaInterval.compute(Self.binary(10, 12, 4, 3), method: .jackknife).result)
            #expect(seven.lower <= 0.17035162186874309 + 1e-9)
            #expect(seven.fewDisagreements != 7 || abs(seven.lower - 0.17035162186874309) < 1e-9)
            let ownSeven = try #require(Self.ownJackknife(Self.binary(10, 12, 4, 3)).result)
            #expect((seven.fewDisagreements == 7) == (ownSeven.lower > 0.17035162186874309))
            // More than 50 disagreeing units: the bound is not applied.
            let many = try #require(AlphaInterval.compute(Self.binary(500, 800, 40, 30), method: .auto).result)
            #expect(many.fewDisagreements == nil)
            #expect(AlphaFewDisagreements.lowerLimit(alpha: 0.9, disagreeing: 51, units: 1000) == nil)
            #expect(AlphaFewDisagreements.lowerLimit(alpha: 0.9, disagreeing: 0, units: 1000) == nil)
        }

        @Test func largeSamplesGetNarrowIntervalsAtConstantCost() throws {
            // 1,500,000 units in 3 patterns: the cost is per pattern, not per unit.
            let big = Self.binary(500_000, 800_000, 120_000, 80_000)
            let b = try #require(AlphaInterval.compute(big, method: .units, samples: 1000, seed: 1).result)
            #expect(b.units == 1_500_000)
            #expect(b.upper - b.lower < 0.01 && b.lower < b.alpha && b.alpha < b.upper, "\(b.lower) \(b.upper)")
            let k = try #require(
                AlphaInterval.compute(
                    big, method: .kalpha, samples: 1000, seed: 1,
                    kalpha: (big.coincidence(), .nominal, nil, 2)
                ).result)
            #expect(
                k.upper - k.lower > 0.1, "KALPHA draws a fixed number of pairs, so it stays wide: \(k.lower) \(k.upper)"
            )
        }

        @Test func replicatesHaveAnUpperBound() {
            let p = Self.binary(20, 30, 6, 4)
            #expect(
                AlphaInterval.compute(p, method: .units, samples: AlphaInterval.maxReplicates + 1).reason?.contains(
                    "100000") == true)
            #expect(AlphaInterval.compute(p, method: .units, samples: 0).result == nil)
            #expect(
                AlphaInterval.compute(p, method: .units, samples: 10, seed: 3)
                    == AlphaInterval.compute(p, method: .units, samples: 10, seed: 3))
        }

        @Test func studentTQuantiles() {
            // scipy.stats.t.ppf(0.975, df)
            for (df, t) in [
                (1, 12.706204736174694), (4, 2.7764451051977934), (5, 2.5705818356363146), (10, 2.228138851986274),
                (19, 2.0930240544083087), (41, 2.019540970441376), (99, 1.9842169515864174),
            ] {
                #expect(abs(StudentT.quantile975(df: df) - t) < 1e-6 * t, "df \(df)")
            }
        }

        @Test func binomialDrawsHaveTheRightMoments() {
            var rng = SplitMix64(seed: 9)
            for (n, p) in [(1_000_000, 0.3), (50, 0.1), (1000, 0.97)] {
                let draws = (0..<4000).map { _ in Double(RandomVariates.binomial(n, p, &rng)) }
                let mean = draws.reduce(0, +) / 4000
                let variance = draws.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / 3999
                let sd = (Double(n) * p * (1 - p)).squareRoot()
                #expect(abs(mean - Double(n) * p) < 4 * sd / 4000.0.squareRoot(), "n \(n) p \(p) mean \(mean)")
                #expect(abs(variance / (sd * sd) - 1) < 0.1, "n \(n) p \(p) variance \(variance)")
            }
            var counts = [0, 0, 0]
            RandomVariates.multinomial(10, counts: [5, 0, 5], into: &counts, &rng)
            #expect(counts.reduce(0, +) == 10 && counts[1] == 0)
        }

        /// The whole distribution, not just its moments: a χ² test of 20,000 draws against the
        /// binomial probabilities (cells merged until each expects at least 10 draws), on both
        /// sides of the switch from inversion (n·p < 20) to transformed rejection.
        @Test func binomialDrawsFollowTheBinomialProbabilities() {
            var rng = SplitMix64(seed: 4)
            for (n, p) in [(60, 0.3), (200, 0.1), (1000, 0.3), (100_000, 0.01), (1_000_000, 0.45), (500, 0.8)] {
                let draws = 20_000
                var seen: [Int: Int] = [:]
                for _ in 0..<draws { seen[RandomVariates.binomial(n, p, &rng), default: 0] += 1 }
                func probability(_ k: Int) -> Double {
                    exp(
                        lgamma(Double(n + 1)) - lgamma(Double(k + 1)) - lgamma(Double(n - k + 1)) + Double(k) * log(p)
                            + Double(n - k) * log1p(-p))
                }
                let mean = Double(n) * p
                let sd = (mean * (1 - p)).squareRoot()
                let lo = max(0, Int(mean - 8 * sd))
                let hi = min(n, Int(mean + 8 * sd) + 1)
                var chi2 = 0.0
                var cells = 0
                var expected = 0.0
                var observed = 0
                var outside = draws
                for k in lo...hi {
                    expected += Double(draws) * probability(k)
                    observed += seen[k] ?? 0
                    outside -= seen[k] ?? 0
                    if expected >= 10 || k == hi {
                        chi2 += (Double(observed) - expected) * (Double(observed) - expected) / expected
                        cells += 1
                        expected = 0
                        observed = 0
                    }
                }
                // Beyond 8 standard deviations: not one draw in 20,000 is expected.
                #expect(outside == 0, "n \(n) p \(p): \(outside) draws far out")
                // χ² with cells − 1 degrees of freedom: mean df, sd √(2df); 6 sd is p < 1e-6.
                let df = Double(cells - 1)
                #expect(chi2 < df + 6 * (2 * df).squareRoot(), "n \(n) p \(p): χ² \(chi2) over \(cells) cells")
            }
        }

        @Test func pooledPatternsGiveThePooledAlpha() throws {
            let a = try CodeAssignments(units: Vectors.ml1)
            let report = CodeAgreement.report(a)
            let pooled = try #require(report.overall.pooled.alpha.value.double)
            let p = a.pooledPatterns()
            #expect(abs(try #require(p.alpha) - pooled) < 1e-12)
            #expect(p.unitCount == report.overall.pooled.pairableUnits / a.codes.count)
            #expect(report.overall.pooled.alphaInterval.result != nil)
        }

        /// No unit shows a disagreement: resampling would give [1, 1]; the lower limit is the
        /// zero-event bound 1 − (1 − 0.025^{1/N})/D_e (values computed by hand with Python:
        /// D_e = 2·16·24/(40·39), q(α_min) = (1 − (1 − α_min)·D_e)^N).
        @Test func withoutDisagreementTheLowerLimitIsTheZeroEventBound() throws {
            let perfect = Self.binary(8, 12, 0, 0)
            for method in [AlphaIntervalMethod.auto, .jackknife, .units] {
                let i = try #require(AlphaInterval.compute(perfect, method: method).result)
                #expect(i.withoutObservedDisagreement)
                #expect(i.alpha == 1 && i.upper == 1)
                #expect(abs(i.lower - 0.657869512066) < 1e-9)
                #expect(i.units == 20)
                #expect(abs((i.probabilityBelow(0.8) ?? -1) - 0.125801316939) < 1e-9)
                #expect(abs((i.probabilityBelow(0.667) ?? -1) - 0.027846133365) < 1e-9)
                #expect(i.methodDescription.contains("no disagreement in N = 20 units"))
            }
            #expect(try #require(AlphaInterval.compute(perfect, method: .auto).result).method == .units)
            // One disagreement is enough for the ordinary interval.
            let one = try #require(AlphaInterval.compute(Self.binary(8, 11, 1, 0), method: .jackknife).result)
            #expect(!one.withoutObservedDisagreement && one.lower < 1)
            // Units of three values are bounded through one of their pairs.
            var three = AlphaUnitPatterns(categoryCount: 2, delta: [0, 1, 1, 0])
            three.add(weight: 5, values: [(1, 3)])
            three.add(weight: 10, values: [(0, 2)])
            let t = try #require(AlphaInterval.compute(three, method: .auto).result)
            #expect(abs(t.lower - 0.567594934194) < 1e-9 && t.upper == 1)
        }
    }
}
