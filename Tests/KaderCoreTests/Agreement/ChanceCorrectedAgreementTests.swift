import Testing

@testable import KaderCore

extension AgreementTests {
    /// Fleiss FK-1, FK-3 and the irrCAC AC1 / Brennan–Prediger / Fleiss vectors (§1, §3, §4.2).
    struct ChanceCorrectedAgreementTests {

        static let fk1: [[Double]] = [
            [0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
            [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7],
        ]

        @Test func fk1_wikipedia() throws {
            let t = try RatingCountTable(rows: Self.fk1)
            let r = ChanceCorrectedAgreement.fleissKappa(t)
            #expect(approx(r.value, 0.210, 1e-3))
            #expect(approx(r.value, 0.209931, 1e-6))
            #expect(approx(r.observedAgreement, 0.378022, 1e-6))
            #expect(approx(r.chanceAgreement, 0.212755, 1e-6))
            #expect(r.pairableUnits == 10)
            let pj = t.agreementSummary().pi
            for (x, e) in zip(pj, [0.142857, 0.200, 0.278571, 0.150, 0.228571]) { #expect(abs(x - e) < 1e-6) }
            // Randolph's free-marginal kappa = Brennan–Prediger with q = 5.
            #expect(approx(ChanceCorrectedAgreement.brennanPrediger(t).value, 0.222527, 1e-6))
        }

        @Test(arguments: [
            ([[7.0, 1], [3, 5]], 0.161905, 0.214286),
            ([[6.0, 1, 0], [0, 7, 0]], 0.708333, 0.785714),
            ([[6.99, 0.01], [6.99, 0.01]], -0.166667, 0.993343),
            ([[7.0, 0], [0, 7]], 1.0, 1.0),
        ])
        func fk3_randolph(rows: [[Double]], fleiss: Double, randolph: Double) throws {
            let t = try RatingCountTable(rows: rows)
            #expect(approx(ChanceCorrectedAgreement.fleissKappa(t).value, fleiss, 1e-6))
            #expect(approx(ChanceCorrectedAgreement.brennanPrediger(t).value, randolph, 1e-6))
        }

        @Test func fk3_singleCategoryIsUndefined() throws {
            let t = try RatingCountTable(rows: [[7, 0], [7, 0]])
            #expect(ChanceCorrectedAgreement.fleissKappa(t).value.double == nil)
            #expect(approx(ChanceCorrectedAgreement.brennanPrediger(t).value, 1, 1e-12))
        }

        @Test func fleissNeedsEqualRaters() throws {
            let t = try numeric(Vectors.ka1).ratingTable()
            let strict = ChanceCorrectedAgreement.fleissKappa(t)
            #expect(strict.value.reason?.contains("same number of ratings") == true)
            // Gwet's generalisation (irrCAC) on KA-1: PUBLISHED 0.76117, p_a 0.81818, p_e 0.23872.
            let g = ChanceCorrectedAgreement.fleissKappa(t, allowUnequalRaters: true)
            #expect(approx(g.value, 0.76117, 1e-5))
            #expect(approx(g.observedAgreement, 0.81818, 1e-5))
            #expect(approx(g.chanceAgreement, 0.23872, 1e-5))
        }

        @Test func ka1_gwetFamily() throws {
            let t = try numeric(Vectors.ka1).ratingTable()
            let ac1 = ChanceCorrectedAgreement.gwetAC1(t)
            #expect(approx(ac1.value, 0.77544, 1e-5))
            #expect(approx(ac1.observedAgreement, 0.81818, 1e-5))
            #expect(approx(ac1.chanceAgreement, 0.19032, 1e-5))
            let bp = ChanceCorrectedAgreement.brennanPrediger(t)
            #expect(approx(bp.value, 0.77273, 1e-5))
            #expect(approx(bp.chanceAgreement, 0.2, 1e-12))
            #expect(approx(ChanceCorrectedAgreement.percentAgreement(t), 0.81818, 1e-5))
            #expect(ac1.pairableUnits == 11)
        }

        @Test func ka2_gwetFamily() throws {
            let t = try numeric(Vectors.ka2).ratingTable()
            #expect(approx(ChanceCorrectedAgreement.gwetAC1(t).value, 0.70916, 1e-5))
            #expect(approx(ChanceCorrectedAgreement.fleissKappa(t, allowUnequalRaters: true).value, 0.68602, 1e-5))
            #expect(approx(ChanceCorrectedAgreement.brennanPrediger(t).value, 0.7037, 1e-4))
            #expect(approx(ChanceCorrectedAgreement.percentAgreement(t), 0.77778, 1e-5))
        }

        @Test(arguments: [
            ("ben_gerry", Vectors.benGerry, 0.66144, 0.64935, 0.66489, 0.65909, 0.72727),
            ("gender", Vectors.gender, 0.20808, 0.12889, 0.14341, 0.18333, 0.45556),
            ("g1g2", Vectors.g1g2, 0.68460, 0.65725, 0.63181, 0.67949, -1),
        ])
        func irrCACRawData(
            name: String, text: String, ac1: Double, fleiss: Double, alpha: Double, bp: Double, pa: Double
        ) throws {
            let d = try labels(text)
            let t = d.ratingTable()
            #expect(approx(ChanceCorrectedAgreement.gwetAC1(t).value, ac1, 1e-5))
            #expect(approx(ChanceCorrectedAgreement.fleissKappa(t, allowUnequalRaters: true).value, fleiss, 1e-5))
            #expect(approx(KrippendorffAlpha.nominal(d).value, alpha, 1e-5))
            #expect(approx(ChanceCorrectedAgreement.brennanPrediger(t).value, bp, 1e-5))
            if pa >= 0 { #expect(approx(ChanceCorrectedAgreement.percentAgreement(t), pa, 1e-5)) }
            if name == "gender" {
                // Complete data: strict Fleiss equals the generalised one.
                #expect(approx(ChanceCorrectedAgreement.fleissKappa(t).value, fleiss, 1e-5))
            }
            if name == "ben_gerry" {
                // irrCAC's Cohen takes each coder's marginals over all units that coder rated.
                #expect(approx(CohenKappa.compute(d, marginalsFromAllRatings: true).value, 0.65714, 1e-5))
                // Classic Cohen on the 11 units both rated (COMPUTED here: p_o 8/11, p_e 25/121).
                let classic = CohenKappa.compute(d)
                let po: Double = 8.0 / 11.0
                let pe: Double = 25.0 / 121.0
                let expected: Double = (po - pe) / (1 - pe)
                #expect(approx(classic.value, expected, 1e-12))
                #expect(classic.table.total == 11)
            }
        }

        @Test func codebookSizeChangesQ() throws {
            let t = try numeric(Vectors.ka1).ratingTable()
            let bp = ChanceCorrectedAgreement.brennanPrediger(t, categoryCount: 10)
            #expect(bp.categoryCount == 10)
            #expect(approx(bp.value, (9.0 / 11.0 - 0.1) / 0.9, 1e-9))
            #expect(ChanceCorrectedAgreement.gwetAC1(t, categoryCount: 1).value.double == nil)
        }
    }
}
