import Testing

@testable import KaderCore

extension AgreementTests {
    /// Per-code, category and pooled agreement (ML-1, docs/statistics.md §3) and the fast
    /// count-based path checked against the generic reliability-data path.
    struct CodeAgreementTests {

        static let ml1PerCode: [(String, Double, Double, Double)] = [
            ("1", 0.8, 0.792453, 10.0 / 11.0), ("2", 0.4, 0.421053, 8.0 / 11.0),
            ("3", 0.752941, 0.744186, 10.0 / 11.0), ("4", 0.631579, 0.620690, 10.0 / 11.0),
        ]

        @Test(arguments: ml1PerCode)
        func ml1_perCode(code: String, alpha: Double, kappa: Double, pa: Double) throws {
            let report = try CodeAgreement.report(units: Vectors.ml1, bootstrapSamples: 200)
            let r = try #require(report.perCode.first { $0.label == code })
            #expect(approx(r.alpha.value, alpha, 1e-6))
            #expect(approx(r.cohen?.value ?? .notComputable(reason: ""), kappa, 1e-6))
            #expect(approx(r.percentAgreement, pa, 1e-9))
            #expect(approx(r.percentAgreement, (pa * 1000).rounded() / 1000, 5e-4))
            #expect(r.pairableUnits == 11)
            #expect(r.fleiss == nil)
            let t = r.counts
            #expect(t.bothApplied + t.onlyFirst + t.onlySecond + t.neither == 11)
            // Same values through the generic path.
            let a = try CodeAssignments(units: Vectors.ml1)
            #expect(approx(KrippendorffAlpha.nominal(a.binaryData(code: code)).value, alpha, 1e-6))
            #expect(approx(CohenKappa.compute(a.binaryData(code: code)).value, kappa, 1e-6))
        }

        @Test func ml1_tablesAndMean() throws {
            let report = try CodeAgreement.report(units: Vectors.ml1, bootstrapSamples: 200)
            #expect(report.perCode.map(\.label) == ["1", "2", "3", "4"])
            let l2 = report.perCode[1].counts
            // Code 2: coder 1 applied it on i0,i1,i6,i7,i8; coder 2 on i1,i8.
            #expect([l2.bothApplied, l2.onlyFirst, l2.onlySecond, l2.neither] == [2, 3, 0, 6])
            #expect(l2.appliedByCoder == [5, 2])
            #expect(l2.codedByCoder == [11, 11])
            let mean = report.perCode.compactMap(\.alpha.value.double).reduce(0, +) / 4
            #expect(abs(mean - 0.646130) < 1e-6)
        }

        @Test func ml1_pooledAndOverall() throws {
            let report = try CodeAgreement.report(units: Vectors.ml1, bootstrapSamples: 200)
            let pooled = report.overall.pooled
            #expect(approx(pooled.alpha.value, 0.7, 1e-9))
            #expect(approx(pooled.cohen!.value, 0.696552, 1e-6))
            #expect(pooled.pairableUnits == 44)
            #expect(pooled.alpha.pairableValues == 88)
            #expect(approx(report.overall.masi.value, 0.540356, 1e-6))
            #expect(approx(report.overall.jaccard.value, 0.6015625, 1e-9))
        }

        @Test func categoryIsAnyOfItsCodes() throws {
            let report = try CodeAgreement.report(
                units: Vectors.ml1, categories: [("c12", ["1", "2"])], bootstrapSamples: 100)
            let c = report.perCategory[0]
            // Both: i0 i1 i2 i7 i8 i9 i10; only coder 1: i6; only coder 2: i4; neither: i3 i5.
            let a = try CodeAssignments(units: Vectors.ml1)
            let generic = KrippendorffAlpha.nominal(a.binaryData(anyOf: ["1", "2"]))
            #expect(c.alpha.value == generic.value)
            #expect([c.counts.bothApplied, c.counts.onlyFirst, c.counts.onlySecond, c.counts.neither] == [7, 1, 1, 2])
        }

        /// The one-pass integer counting must agree with the generic computation on messy data:
        /// 3 and 2 coders, missing values, empty sets, unused codes.
        @Test(arguments: [2, 3, 4])
        func fastPathMatchesGeneric(coders: Int) throws {
            var rng = SplitMix64(seed: UInt64(coders))
            let codes = (0..<7).map { "k\($0)" }
            let units: [[Set<String>?]] = (0..<300).map { _ in
                (0..<coders).map { _ -> Set<String>? in
                    if rng.nextUnit() < 0.15 { return nil }
                    return Set(codes.prefix(6).filter { _ in rng.nextUnit() < 0.3 })
                }
            }
            let a = try CodeAssignments(units: units, codes: codes)
            let report = CodeAgreement.report(
                a, categories: [("c", ["k1", "k2"])], interval: AlphaIntervalOptions(samples: 50))
            for r in report.perCode + report.perCategory {
                let ids: Set<String> = r.label == "c" ? ["k1", "k2"] : [r.label]
                let d = a.binaryData(anyOf: ids)
                let t = d.ratingTable(categories: [false, true])
                let alpha = KrippendorffAlpha.nominal(d)
                #expect(
                    r.alpha.value.double.map { abs($0 - alpha.value.double!) < 1e-12 } ?? (alpha.value.double == nil))
                #expect(abs(r.alpha.pairableValues - alpha.pairableValues) < 1e-9)
                #expect(
                    r.percentAgreement == ChanceCorrectedAgreement.percentAgreement(t)
                        || approx(r.percentAgreement, ChanceCorrectedAgreement.percentAgreement(t).double ?? -9, 1e-12))
                #expect(
                    approx(r.ac1.value, ChanceCorrectedAgreement.gwetAC1(t, categoryCount: 2).value.double ?? -9, 1e-12)
                        || r.ac1.value.double == nil)
                #expect(
                    approx(
                        r.brennanPrediger.value,
                        ChanceCorrectedAgreement.brennanPrediger(t, categoryCount: 2).value.double ?? -9, 1e-12))
                if coders == 2 {
                    let k = CohenKappa.compute(d, categories: [false, true])
                    #expect(r.cohen?.table == k.table)
                    #expect(r.cohen?.value == k.value || approx(r.cohen!.value, k.value.double ?? -9, 1e-12))
                } else {
                    #expect(r.cohen == nil)
                    #expect(r.fleiss?.value.reason?.contains("same number of ratings") == true)
                }
            }
            // The unused code k6: nobody applied it, so α is not computable and agreement is 1.
            let unused = report.perCode[6]
            #expect(unused.alpha.value.double == nil)
            #expect(unused.alphaInterval.result == nil)
            #expect(approx(unused.percentAgreement, 1, 0))
            // Pooled α equals α over the unit × code binary data.
            var pooledRows = [[Bool?]](repeating: [], count: coders)
            for code in codes {
                let d = a.binaryData(code: code)
                for j in 0..<coders { pooledRows[j] += d.values[j] }
            }
            let pooled = KrippendorffAlpha.nominal(try ReliabilityData(coders: pooledRows))
            #expect(abs(report.overall.pooled.alpha.value.double! - pooled.value.double!) < 1e-12)
            // Set-valued α through ReliabilityData matches the encoded path.
            let viaData = SetValuedAlpha.compute(a.setData(), distance: .masi)
            #expect(abs(viaData.value.double! - report.overall.masi.value.double!) < 1e-12)
        }

        @Test func fleissForThreeCompleteCoders() throws {
            let units: [[Set<String>?]] = [
                [["a"], ["a"], ["a"]], [["a"], [], ["a"]], [[], [], []], [["a"], ["a"], []], [[], [], []],
            ]
            let r = try CodeAgreement.report(units: units, bootstrapSamples: 100).perCode[0]
            let d = try ReliabilityData<Bool>(units: [
                [true, true, true], [true, false, true], [false, false, false],
                [true, true, false], [false, false, false],
            ])
            let expected = ChanceCorrectedAgreement.fleissKappa(d.ratingTable(categories: [false, true]))
            #expect(r.fleiss?.value == expected.value)
            #expect(r.fleiss?.value.isComputable == true)
            #expect(r.counts.units(coders: 3, applied: 2) == 2)
        }

        @Test func raggedUnitsThrow() {
            #expect(throws: AgreementError.tooManyCoders(unit: 1, coderCount: 2)) {
                try CodeAssignments(units: [[["a"], ["a"]], [["a"], ["a"], ["a"]]])
            }
        }
    }
}
