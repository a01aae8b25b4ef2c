import Testing

@testable import KaderCore

extension AgreementTests {
    /// MASI / Jaccard distances MD-1..MD-5, ML-1 set-valued α and ML-3 (docs/statistics.md §3).
    struct SetValuedAlphaTests {

        static let md: [(String, [String], [String], Double, Double)] = [
            ("MD-1", ["1", "2", "3", "4"], ["3", "4", "5"], 0.6, 0.866667),
            ("MD-2", ["1", "2"], ["1", "2", "3", "4"], 0.5, 0.666667),
            ("MD-3", ["l1"], ["l1", "l2"], 0.5, 0.666667),
            ("MD-4", ["A"], ["B"], 1, 1),
            ("MD-5", ["A", "B"], ["A", "B"], 0, 0),
        ]

        @Test(arguments: md)
        func distances(id: String, a: [String], b: [String], jaccard: Double, masi: Double) {
            #expect(abs(SetDistance.jaccard.distance(Set(a), Set(b)) - jaccard) < 1e-6)
            #expect(abs(SetDistance.masi.distance(Set(a), Set(b)) - masi) < 1e-6)
            #expect(SetDistance.masi.distance(Set(b), Set(a)) == SetDistance.masi.distance(Set(a), Set(b)))
        }

        @Test func emptySets() {
            #expect(SetDistance.masi.distance(Set<String>(), Set<String>()) == 0)
            #expect(SetDistance.jaccard.distance(Set<String>(), Set(["a"])) == 1)
        }

        static func ml1Data() throws -> ReliabilityData<Set<String>> { try ReliabilityData(units: Vectors.ml1) }

        @Test func ml1_masi() throws {
            let r = SetValuedAlpha.compute(try Self.ml1Data(), distance: .masi)
            #expect(approx(r.value, 0.540356, 1e-6))
            #expect(r.pairableValues == 22)
            #expect(abs(r.observedDisagreement - 0.323232) < 1e-6)
            #expect(abs(r.expectedDisagreement - 0.703223) < 1e-6)
            #expect(r.metric == "MASI")
        }

        @Test func ml1_jaccard() throws {
            let r = SetValuedAlpha.compute(try Self.ml1Data(), distance: .jaccard)
            #expect(approx(r.value, 0.6015625, 1e-9))
            #expect(abs(r.observedDisagreement - 0.257576) < 1e-6)
            #expect(abs(r.expectedDisagreement - 0.646465) < 1e-6)
        }

        @Test func ml1_nominalOnExactSets() throws {
            #expect(approx(KrippendorffAlpha.nominal(try Self.ml1Data()).value, 0.438503, 1e-6))
        }

        @Test func ml3_singleUnitIsZero() throws {
            let d = try ReliabilityData<Set<String>>(coders: [[["l1"]], [["l1", "l2"]]])
            #expect(approx(SetValuedAlpha.compute(d, distance: .masi).value, 0, 1e-12))
        }

        @Test func undefinedCases() throws {
            let same = try ReliabilityData<Set<String>>(coders: [[["a"], ["a"]], [["a"], ["a"]]])
            #expect(SetValuedAlpha.compute(same, distance: .masi).value.reason?.contains("D_e = 0") == true)
            let one = try ReliabilityData<Set<String>>(coders: [[["a"], ["b"]]])
            #expect(SetValuedAlpha.compute(one, distance: .jaccard).value.reason == "fewer than 2 coders")
            let unpaired = try ReliabilityData<Set<String>>(coders: [[["a"], nil], [nil, ["b"]]])
            #expect(SetValuedAlpha.compute(unpaired, distance: .jaccard).value.reason?.contains("no pairable") == true)
        }

        /// More than 64 codes use several words per value; results must not change.
        @Test func manyCodesMatchesFewCodes() throws {
            let extra = (0..<100).map { "x\($0)" }
            let a = try CodeAssignments(units: Vectors.ml1)
            let b = try CodeAssignments(units: Vectors.ml1, codes: extra)
            #expect(b.wordsPerValue == 2)
            for d in SetDistance.allCases {
                let x = SetValuedAlpha.compute(a, distance: d).value.double!
                let y = SetValuedAlpha.compute(b, distance: d).value.double!
                #expect(abs(x - y) < 1e-12)
            }
        }
    }

    /// The subset-moment computation of D_e must equal the direct pair sum.
    struct SetValuedAlphaExpectedTests {
        @Test func subsetMomentsEqualPairLoop() throws {
            var rng = SplitMix64(seed: 99)
            var seen = Set<UInt64>()
            var sets: [UInt64] = []
            var counts: [Double] = []
            while sets.count < 300 {
                var s: UInt64 = 0
                let size = Int(rng.next() % 6)
                for _ in 0..<size { s |= 1 << (rng.next() % 20) }
                if seen.insert(s).inserted {
                    sets.append(s)
                    counts.append(Double(1 + rng.next() % 50))
                }
            }
            let fast = try #require(SetValuedAlpha.expectedBySubsets(sets, counts, [.masi, .jaccard]))
            for (d, dist) in [SetDistance.masi, .jaccard].enumerated() {
                var slow = 0.0
                for a in sets.indices {
                    for b in sets.indices where a != b {
                        let i = (sets[a] & sets[b]).nonzeroBitCount
                        slow +=
                            counts[a] * counts[b]
                            * dist.distance(
                                intersection: i, sizeA: sets[a].nonzeroBitCount, sizeB: sets[b].nonzeroBitCount)
                    }
                }
                #expect(abs(fast[d] - slow) <= 1e-9 * slow)
            }
        }

        /// Large data takes the subset path (more than 64 distinct sets); same α as via the
        /// generic coders × units data.
        @Test func largeDataPathAgrees() throws {
            var rng = SplitMix64(seed: 5)
            let codes = (0..<12).map { "c\($0)" }
            let units: [[Set<String>?]] = (0..<2000).map { _ in
                (0..<3).map { _ in rng.nextUnit() < 0.1 ? nil : Set(codes.filter { _ in rng.nextUnit() < 0.2 }) }
            }
            let a = try CodeAssignments(units: units, codes: codes)
            let fast = SetValuedAlpha.compute(a, distances: [.masi, .jaccard])
            // Brute force on the same data.
            for (d, dist) in [SetDistance.masi, .jaccard].enumerated() {
                var dO = 0.0
                var n = 0
                var values: [Set<String>] = []
                for u in 0..<a.unitCount {
                    let vs = (0..<3).compactMap { a.codeSet(unit: u, coder: $0) }
                    if vs.count < 2 { continue }
                    n += vs.count
                    values += vs
                    var s = 0.0
                    for x in vs.indices { for y in vs.indices where x != y { s += dist.distance(vs[x], vs[y]) } }
                    dO += s / Double(vs.count - 1)
                }
                var groups: [Set<String>: Double] = [:]
                for v in values { groups[v, default: 0] += 1 }
                let g = Array(groups)
                var dE = 0.0
                for x in g { for y in g { dE += x.value * y.value * dist.distance(x.key, y.key) } }
                let alpha = 1 - (Double(n) - 1) * dO / dE
                #expect(abs(fast[d].value.double! - alpha) < 1e-9)
                #expect(fast[d].pairableValues == Double(n))
            }
        }
    }
}
