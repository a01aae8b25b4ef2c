import Testing

@testable import KaderCore

extension AgreementTests {
    /// Vectors KA-1, KA-2, KA-3, KA-5 and edge cases E1–E8 of docs/statistics.md §3.
    struct KrippendorffAlphaTests {

        @Test(arguments: [
            (AlphaMetric.nominal, 0.743421052631579, 0.200000, 0.779487),
            (.ordinal, 0.815387503754881, 47.275, 256.076923),
            (.interval, 0.849107142857143, 0.433333, 2.871795),
            (.ratio, 0.797402774711612, 0.022433, 0.110726),
        ])
        func ka1_allMetrics(metric: AlphaMetric, expected: Double, dO: Double, dE: Double) throws {
            let r = KrippendorffAlpha.compute(try numeric(Vectors.ka1), metric: metric)
            #expect(approx(r.value, expected, 1e-6))
            #expect(r.pairableValues == 40)
            #expect(r.pairableUnits == 11)
            #expect(r.unitCount == 12)
            #expect(abs(r.observedDisagreement - dO) < 1e-3 * max(1, dO))
            #expect(abs(r.expectedDisagreement - dE) < 1e-3 * max(1, dE))
        }

        @Test func ka1_coincidenceMatrix() throws {
            let r = KrippendorffAlpha.compute(try numeric(Vectors.ka1), metric: .nominal)
            let o = r.coincidence!
            let t = 1.0 / 3.0
            let f = 4.0 / 3.0
            let expected: [[Double]] = [
                [7, f, t, t, 0], [f, 10, f, t, 0], [t, f, 8, t, 0], [t, t, t, 4, 0], [0, 0, 0, 0, 3],
            ]
            for c in 0..<5 { for k in 0..<5 { #expect(abs(o[c, k] - expected[c][k]) < 1e-9) } }
            #expect(o.marginals.map { Int($0.rounded()) } == [9, 13, 10, 5, 3])
            #expect(r.categoryLabels == ["1", "2", "3", "4", "5"])
        }

        @Test func ka1_publishedThreeDecimals() throws {
            let d = try numeric(Vectors.ka1)
            #expect(approx(KrippendorffAlpha.compute(d, metric: .nominal).value, 0.743, 1e-3))
            #expect(approx(KrippendorffAlpha.compute(d, metric: .ordinal).value, 0.815, 1e-3))
            #expect(approx(KrippendorffAlpha.compute(d, metric: .interval).value, 0.849, 1e-3))
            #expect(approx(KrippendorffAlpha.compute(d, metric: .ratio).value, 0.797, 1e-3))
            // Nominal on string labels gives the same.
            #expect(approx(KrippendorffAlpha.nominal(try labels(Vectors.ka1)).value, 0.743421052631579, 1e-9))
            // Ordinal needs only the order.
            let ints = try ReliabilityData(coders: parseMatrix(Vectors.ka1).map { $0.map { $0.map { Int($0)! } } })
            #expect(approx(KrippendorffAlpha.compute(ordered: ints, metric: .ordinal).value, 0.815387503754881, 1e-9))
        }

        @Test(arguments: [
            (AlphaMetric.nominal, 0.691358024691358),
            (.interval, 0.810844892812106),
            (.ordinal, 0.806721419941315),
            (.ratio, 0.808943670784247),
        ])
        func ka2_allMetrics(metric: AlphaMetric, expected: Double) throws {
            let r = KrippendorffAlpha.compute(try numeric(Vectors.ka2), metric: metric)
            #expect(approx(r.value, expected, 1e-6))
            #expect(r.pairableValues == 26)
            #expect(r.pairableUnits == 12)
        }

        @Test func ka2_intermediates() throws {
            let r = KrippendorffAlpha.compute(try numeric(Vectors.ka2), metric: .nominal)
            #expect(approx(r.value, 0.691, 1e-3))
            #expect(abs(r.observedDisagreement - 6.0 / 26.0) < 1e-9)
            #expect(abs(r.expectedDisagreement - 0.747692) < 1e-6)
            let o = r.coincidence!
            let expected: [[Double]] = [[6, 0, 1, 0], [0, 4, 0, 0], [1, 0, 7, 2], [0, 0, 2, 3]]
            for c in 0..<4 { for k in 0..<4 { #expect(abs(o[c, k] - expected[c][k]) < 1e-9) } }
            #expect(o.marginals == [7, 4, 10, 5])
            #expect(approx(KrippendorffAlpha.compute(try numeric(Vectors.ka2), metric: .interval).value, 0.811, 1e-3))
        }

        @Test(arguments: [
            (AlphaMetric.ordinal, 0.759829), (.nominal, 0.476510), (.interval, 0.757378), (.ratio, 0.662123),
        ])
        func ka3_hayesKrippendorff(metric: AlphaMetric, expected: Double) throws {
            let r = KrippendorffAlpha.compute(try numeric(Vectors.ka3), metric: metric)
            #expect(approx(r.value, expected, 1e-6))
            #expect(r.pairableValues == 159)
            if metric == .ordinal { #expect(approx(r.value, 0.7598, 1e-4)) }
            if metric == .nominal {
                #expect(abs(r.observedDisagreement - 0.373166) < 1e-6)
                #expect(abs(r.expectedDisagreement - 0.712841) < 1e-6)
                #expect(r.coincidence!.marginals.map { Int($0.rounded()) } == [42, 48, 56, 13])
            }
        }

        @Test func ka5_atlasBinary() throws {
            let r = KrippendorffAlpha.compute(try numeric(Vectors.ka5), metric: .nominal)
            #expect(approx(r.value, 0.095238, 1e-6))
            #expect(abs(r.observedDisagreement - 0.4) < 1e-9)
            #expect(abs(r.expectedDisagreement - 0.442105) < 1e-6)
            // Published: expected agreement (9.6 + 1.6)/20 = 56%.
            #expect(abs((1 - r.expectedDisagreement) - 0.557895) < 1e-6)
            let t = try numeric(Vectors.ka5).ratingTable()
            #expect(approx(ChanceCorrectedAgreement.percentAgreement(t), 0.6, 1e-12))
            #expect(approx(CohenKappa.compute(try numeric(Vectors.ka5)).value, 0.090909, 1e-6))
        }

        @Test func e1_singleValueIsNotComputable() throws {
            let d = try numeric("1 1 1\n1 1 1\n1 1 1")
            for metric in AlphaMetric.allCases {
                let r = KrippendorffAlpha.compute(d, metric: metric)
                #expect(r.value.double == nil)
                #expect(r.value.reason?.contains("D_e = 0") == true)
                #expect(r.observedDisagreement == 0 && r.expectedDisagreement == 0)
            }
            #expect(approx(ChanceCorrectedAgreement.percentAgreement(d.ratingTable()), 1, 0))
        }

        @Test func e3_systematicDisagreementIsNegative() throws {
            let r = KrippendorffAlpha.nominal(try! ReliabilityData(coders: [["A", "B"], ["B", "A"]]))
            #expect(approx(r.value, -0.5, 1e-12))
        }

        @Test func e4_missingIsNotACategory() throws {
            let r = KrippendorffAlpha.compute(try numeric("1 1 2\n1 1 .\n. 1 2"), metric: .nominal)
            #expect(approx(r.value, 1.0, 1e-12))
        }

        @Test func e6_singleCoderUnitsAreDropped() throws {
            let r = KrippendorffAlpha.compute(try numeric("1 2 1 2 1\n1 2 2 . ."), metric: .nominal)
            #expect(approx(r.value, 0.444444, 1e-6))
            #expect(r.pairableValues == 6)
            #expect(r.pairableUnits == 3)
        }

        @Test func e7_oneCoderIsNotComputable() throws {
            let d = try numeric("1 2 3 1 2")
            for metric in AlphaMetric.allCases {
                #expect(KrippendorffAlpha.compute(d, metric: metric).value.reason == "fewer than 2 coders")
            }
            #expect(ChanceCorrectedAgreement.percentAgreement(d.ratingTable()).double == nil)
            #expect(CohenKappa.compute(d).value.double == nil)
        }

        @Test func e8_completeDataUsesPairableDivisor() throws {
            let d = try numeric("1 2 3 3 2 1 4 1 2\n1 2 3 3 2 2 4 1 2\n1 2 3 3 2 4 4 1 2")
            #expect(approx(KrippendorffAlpha.compute(d, metric: .nominal).value, 0.852273, 1e-6))
            #expect(approx(KrippendorffAlpha.compute(d, metric: .interval).value, 0.752044, 1e-6))
        }

        @Test func noPairableValuesIsNotComputable() throws {
            let r = KrippendorffAlpha.compute(try numeric("1 . 3\n. 2 ."), metric: .nominal)
            #expect(r.value.reason?.contains("no pairable values") == true)
            #expect(r.pairableValues == 0)
        }

        @Test func raggedRowsThrow() throws {
            #expect(throws: AgreementError.ragged(row: 1, expected: 2, found: 1)) {
                try ReliabilityData<Int>(coders: [[1, 2], [1]])
            }
        }

        @Test func ratioRejectsNegativeValues() throws {
            let r = KrippendorffAlpha.compute(try numeric("-1 2 3\n-1 2 2"), metric: .ratio)
            #expect(r.value.double == nil)
        }

        @Test func verdicts() throws {
            #expect(KrippendorffAlpha.compute(try numeric(Vectors.ka1), metric: .interval).verdict == .reliable)
            #expect(KrippendorffAlpha.compute(try numeric(Vectors.ka1), metric: .nominal).verdict == .tentative)
            #expect(KrippendorffAlpha.compute(try numeric(Vectors.ka3), metric: .nominal).verdict == .unreliable)
            #expect(KrippendorffAlpha.compute(try numeric("1 1\n1 1"), metric: .nominal).verdict == .notComputable)
        }
    }
}
