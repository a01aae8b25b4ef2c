import Testing

@testable import KaderCore

extension AgreementTests {
    /// Cohen tables CK-1..CK-12 and their companion values (docs/statistics.md §3).
    struct CohenKappaTests {

        struct Case: Sendable, CustomTestStringConvertible {
            let id: String
            let table: [[Int]]
            let po: Double, pe: Double, kappa: Double, tol: Double
            var testDescription: String { id }
        }

        static let cases: [Case] = [
            Case(id: "CK-1", table: [[20, 5], [10, 15]], po: 0.70, pe: 0.50, kappa: 0.4, tol: 1e-9),
            Case(id: "CK-2", table: [[40, 9], [6, 45]], po: 0.85, pe: 0.5008, kappa: 0.699519, tol: 1e-6),
            Case(id: "CK-3", table: [[80, 10], [5, 5]], po: 0.85, pe: 0.78, kappa: 0.318182, tol: 1e-6),
            Case(id: "CK-4", table: [[45, 15], [25, 15]], po: 0.60, pe: 0.54, kappa: 0.130435, tol: 1e-6),
            Case(id: "CK-5", table: [[25, 35], [5, 35]], po: 0.60, pe: 0.46, kappa: 0.259259, tol: 1e-6),
            Case(
                id: "CK-6", table: [[1467, 782], [1309, 16232]], po: 0.8943, pe: 0.7780, kappa: 0.524130, tol: 1e-6),
            Case(id: "CK-7", table: [[20, 20], [10, 50]], po: 0.70, pe: 0.54, kappa: 0.347826, tol: 1e-6),
            Case(
                id: "CK-8", table: [[46, 0, 0], [6, 32, 6], [0, 0, 10]], po: 0.88, pe: 0.396, kappa: 0.801325, tol: 1e-6
            ),
            Case(
                id: "CK-9", table: [[0, 4, 1], [0, 8, 0], [0, 1, 5]], po: 0.684211, pe: 0.387812, kappa: 0.4842,
                tol: 1e-4),
            Case(
                id: "CK-11", table: [[13, 0, 0], [0, 20, 7], [0, 4, 56]], po: 0.89, pe: 0.4597, kappa: 0.796409,
                tol: 1e-6),
            Case(
                id: "CK-12", table: [[40, 4, 4, 17], [6, 25, 2, 13], [4, 1, 21, 12], [15, 5, 9, 45]],
                po: 0.587444, pe: 0.274307, kappa: 0.431501, tol: 1e-6),
        ]

        @Test(arguments: cases)
        func kappaFromTable(c: Case) throws {
            let t = try ContingencyTable(rows: c.table.map { $0.map(Double.init) })
            let r = CohenKappa.compute(t)
            #expect(approx(r.value, c.kappa, c.tol))
            #expect(approx(r.observedAgreement, c.po, 1e-4))
            #expect(approx(r.chanceAgreement, c.pe, 1e-4))
            // Same result from raw two-coder data; the table is exposed.
            let raw = CohenKappa.compute(try dataFromTable(c.table), categories: Array(0..<c.table.count))
            #expect(approx(raw.value, c.kappa, c.tol))
            #expect(raw.table == t)
        }

        @Test func publishedRoundings() throws {
            func k(_ rows: [[Double]]) throws -> Double? {
                CohenKappa.compute(try ContingencyTable(rows: rows)).value.double
            }
            #expect(approx(try k([[40, 9], [6, 45]]), 0.70, 1e-2))
            #expect(approx(try k([[80, 10], [5, 5]]), 0.32, 1e-2))
            #expect(approx(try k([[1467, 782], [1309, 16232]]), 0.524, 1e-3))
            #expect(approx(try k([[20, 20], [10, 50]]), 0.348, 1e-3))
            #expect(approx(try k([[46, 0, 0], [6, 32, 6], [0, 0, 10]]), 0.8013, 1e-4))
        }

        /// Companion values: BP/S, AC1 and α on the same tables (COMPUTED in the reference).
        @Test(arguments: [
            ("CK-1", [[20, 5], [10, 15]], 0.4, 0.405941, 0.4),
            ("CK-2", [[40, 9], [6, 45]], 0.7, 0.700748, 0.700752),
            ("CK-3", [[80, 10], [5, 5]], 0.7, 0.808, 0.317714),
            ("CK-4", [[45, 15], [25, 15]], 0.2, 0.266055, 0.125275),
            ("CK-5", [[25, 35], [5, 35]], 0.2, 0.207921, 0.195960),
            ("CK-6", [[1467, 782], [1309, 16232]], 0.788681, 0.864247, 0.523380),
            ("CK-7", [[20, 20], [10, 50]], 0.4, 0.449541, 0.343956),
            ("CK-8", [[46, 0, 0], [6, 32, 6], [0, 0, 10]], 0.82, 0.828743, 0.800535),
            ("CK-9", [[0, 4, 1], [0, 8, 0], [0, 1, 5]], 0.526316, 0.555988, 0.467626),
            ("CK-11", [[13, 0, 0], [0, 20, 7], [0, 4, 56]], 0.835, 0.84933, 0.79726),
            ("CK-12", [[40, 4, 4, 17], [6, 25, 2, 13], [4, 1, 21, 12], [15, 5, 9, 45]], 0.44993, 0.45616, 0.43162),
        ])
        func companions(id: String, table: [[Int]], bp: Double, ac1: Double, alpha: Double) throws {
            let t = try ContingencyTable(rows: table.map { $0.map(Double.init) }).ratingTable()
            let tol = id == "CK-3" ? 1e-3 : (id >= "CK-11" ? 1e-5 : 1e-6)
            #expect(approx(ChanceCorrectedAgreement.brennanPrediger(t).value, bp, tol))
            #expect(approx(ChanceCorrectedAgreement.gwetAC1(t).value, ac1, tol))
            #expect(approx(KrippendorffAlpha.compute(t, metric: .nominal).value, alpha, tol))
        }

        @Test func ck11_ac1Published() throws {
            let t = try ContingencyTable(rows: [[13, 0, 0], [0, 20, 7], [0, 4, 56]]).ratingTable()
            let r = ChanceCorrectedAgreement.gwetAC1(t)
            #expect(approx(r.value, 0.84933, 1e-5))
            #expect(approx(r.observedAgreement, 0.89, 1e-9))
            #expect(approx(r.chanceAgreement, 0.26992, 1e-5))
        }

        @Test func undefinedCases() throws {
            // scikit-learn #9624: perfect agreement on a single label is 0/0.
            let same = CohenKappa.compute(try ReliabilityData(coders: [[1, 1, 1, 1, 1], [1, 1, 1, 1, 1]]))
            #expect(same.value.double == nil)
            #expect(same.observedAgreement == 1)
            let empty = CohenKappa.compute(try ReliabilityData<Int>(coders: [[1, nil], [nil, 2]]))
            #expect(empty.value.reason == "no unit was coded by both coders")
            let three = CohenKappa.compute(try ReliabilityData(coders: [[1], [1], [1]]))
            #expect(three.value.reason?.contains("exactly 2 coders") == true)
        }

        /// NVivo 85% example splits (docs/statistics.md §3).
        @Test(arguments: [
            (50, 100, 50, 800, 0.318182), (50, 75, 75, 800, 0.314286), (50, 150, 0, 800, 0.347826),
            (0, 10, 0, 990, 0.0),
        ])
        func nvivoSplits(both: Int, a: Int, b: Int, neither: Int, kappa: Double) throws {
            let t = try ContingencyTable(rows: [[Double(both), Double(a)], [Double(b), Double(neither)]])
            #expect(approx(CohenKappa.compute(t).value, kappa, 1e-6))
        }
    }
}
