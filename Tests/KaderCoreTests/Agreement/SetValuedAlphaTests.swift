import Testing
@testable import KaderCore

/// MASI / Jaccard distances MD-1..MD-5, ML-1 set-valued α and ML-3 (agreement-vectors.md §4).
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

    static var ml1Data: ReliabilityData<Set<String>> { try! ReliabilityData(units: Vectors.ml1) }

    @Test func ml1_masi() {
        let r = SetValuedAlpha.compute(Self.ml1Data, distance: .masi)
        #expect(approx(r.value, 0.540356, 1e-6))
        #expect(r.pairableValues == 22)
        #expect(abs(r.observedDisagreement - 0.323232) < 1e-6)
        #expect(abs(r.expectedDisagreement - 0.703223) < 1e-6)
        #expect(r.metric == "MASI")
    }

    @Test func ml1_jaccard() {
        let r = SetValuedAlpha.compute(Self.ml1Data, distance: .jaccard)
        #expect(approx(r.value, 0.6015625, 1e-9))
        #expect(abs(r.observedDisagreement - 0.257576) < 1e-6)
        #expect(abs(r.expectedDisagreement - 0.646465) < 1e-6)
    }

    @Test func ml1_nominalOnExactSets() {
        #expect(approx(KrippendorffAlpha.nominal(Self.ml1Data).value, 0.438503, 1e-6))
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
