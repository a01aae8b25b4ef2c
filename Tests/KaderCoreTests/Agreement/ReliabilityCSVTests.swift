import Foundation
import Testing

@testable import KaderCore

extension AgreementTests {
    /// `kader alpha FILE.csv`: inputs that used to give wrong numbers without a word.
    @Suite struct ReliabilityCSVTests {
        static func analysis(
            _ text: String, metric: AlphaMetric = .nominal, transpose: Bool = false,
            header: ReliabilityCSV.HeaderRule = .auto
        ) throws -> AlphaAnalysis {
            let csv = try ReliabilityCSV(text: text, source: "f.csv", transpose: transpose, header: header)
            return try AlphaAnalysis(csv, source: "f.csv", metric: metric, samples: 50)
        }

        static func error(_ body: () throws -> Any) -> String? {
            do {
                _ = try body()
                return nil
            } catch { return error.localizedDescription }
        }

        @Test func quotedThousandsSeparatorIsNotANumber() throws {
            let text = "coder,u1,u2,u3\nA,\"1,000\",2,3\nB,1000,2,4\n"
            let e = Self.error { try Self.analysis(text, metric: .interval) }
            #expect(e?.contains("\"1,000\" for coder A, unit u1") == true, "\(e ?? "")")
            #expect(e?.contains("thousands separators") == true)
            // Nominal: compared as text, and said so.
            let a = try Self.analysis(text)
            #expect(!a.numericValues)
            #expect(a.notes.contains { $0.contains("compared as text") && $0.contains("\"1,000\"") })
        }

        @Test func hexAndOtherNonNumbersAreRefused() {
            for bad in ["0x10", "inf", "nan", "1_000", "1.2.3", "+", "1e", " 1 2"] {
                let e = Self.error { try Self.analysis("coder,u1,u2\nA,\(bad),2\nB,3,2\n", metric: .ordinal) }
                #expect(e?.contains("not a number") == true, "\(bad): \(e ?? "accepted")")
            }
            var s = "-1.5e3"
            #expect(s.withUTF8 { StrictNumber.parse($0) } == -1500)
            s = ".5"
            #expect(s.withUTF8 { StrictNumber.parse($0) } == 0.5)
            s = "1,5"
            #expect(s.withUTF8 { StrictNumber.parse($0, decimalComma: true) } == 1.5)
        }

        @Test func headerWordsAreRecognisedAndTheDecisionIsShown() throws {
            // KA-1's first three units with a "rater" header: 2 coders, not 3.
            for word in ["rater", "Name", "annotator", "item", ""] {
                let a = try Self.analysis("\(word),1,2,3,4\nA,a,b,a,b\nB,a,b,a,a\n")
                #expect(a.coders == ["A", "B"], "\(word)")
                #expect(a.notes.contains { $0.contains("row 1 is a header") }, "\(word)")
            }
            let none = try Self.analysis("ann,a,b,a,b\nbart,a,b,a,a\n")
            #expect(none.coders == ["ann", "bart"])
            #expect(none.notes.contains { $0.contains("no header row") && $0.contains("--header yes") })
            let forced = try Self.analysis("who,1,2,3\nA,a,b,a\nB,a,b,b\n", header: .yes)
            #expect(forced.coders == ["A", "B"])
            let notForced = try Self.analysis("coder,a,b,a\nB,a,b,b\n", header: .no)
            #expect(notForced.coders == ["coder", "B"])
        }

        @Test func sameNumberWrittenDifferentlyIsOneValue() throws {
            let a = try Self.analysis("coder,u1,u2,u3,u4\nA,1,2,1,2\nB,1.0,2,1.00,2\n")
            #expect(a.numericValues)
            #expect(a.result.value.double == 1)
            #expect(a.notes.contains { $0.contains("\"1\" = \"1.0\"") })
        }

        @Test func brokenQuoteIsReportedAsSuch() {
            let e = Self.error { try ReliabilityCSV(text: "coder,u1,u2\nA,\"1,2\nB,1,2\n", source: "f.csv") }
            #expect(e == "f.csv is not valid CSV: the quoted cell opened on line 2 is never closed.")
            let e2 = Self.error { try ReliabilityCSV(text: "coder,u1\nA,\"1\"x\nB,1\n", source: "f.csv") }
            #expect(e2?.contains("line 2 has text after a closing quote") == true)
        }

        @Test func oneCoderMessageFitsTheOrientation() {
            let e = Self.error { try ReliabilityCSV(text: "coder,u1,u2\nA,1,2\n", source: "f.csv") }
            #expect(e?.contains("use --transpose if coders are columns") == true)
            let t = Self.error { try ReliabilityCSV(text: "unit,A\nu1,1\nu2,2\n", source: "f.csv", transpose: true) }
            #expect(t?.contains("with --transpose columns are coders") == true)
            #expect(t?.contains("use --transpose") == false)
        }

        @Test func krippendorff2011DataInEveryLayout() throws {
            let rows = [
                "A,1,2,3,3,2,1,4,1,2,,,", "B,1,2,3,3,2,2,4,1,2,5,,3", "C,,3,3,3,2,3,4,2,2,5,1,",
                "D,1,2,3,3,2,4,4,1,2,5,1,",
            ]
            let text = "coder,u1,u2,u3,u4,u5,u6,u7,u8,u9,u10,u11,u12\r\n" + rows.joined(separator: "\r\n") + "\r\n"
            for (metric, alpha) in [
                (AlphaMetric.nominal, 0.743421052632), (.ordinal, 0.815388), (.interval, 0.849107142857),
                (.ratio, 0.797403),
            ] {
                let a = try Self.analysis(text, metric: metric)
                #expect(approx(a.result.value, alpha, 1e-6), "\(metric)")
                #expect(a.result.pairableValues == 40 && a.unitCount == 12)
            }
            // Semicolons, a byte-order mark, quoted cells and NA.
            let semi =
                "\u{FEFF}" + text.replacingOccurrences(of: ",", with: ";").replacingOccurrences(of: ";;", with: ";NA;")
            let s = try Self.analysis(semi.replacingOccurrences(of: "B;1;", with: "\"B\";\"1\";"))
            #expect(approx(s.result.value, 0.743421052632, 1e-12))
            #expect(s.notes.first == "separator: semicolon")
            // Transposed.
            let cols = rows.map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            let t =
                "unit,A,B,C,D\n"
                + (1...12).map { u in "u\(u)," + cols.map { $0[u] }.joined(separator: ",") }.joined(separator: "\n")
            let ta = try Self.analysis(t, transpose: true)
            #expect(approx(ta.result.value, 0.743421052632, 1e-12))
            #expect(ta.notes.contains { $0.hasPrefix("--transpose: rows are units") })
        }

        /// Short rows, blank lines, padded and quoted cells and CRLF, with coders as rows and as
        /// columns: the same cells either way round (the late short row in the transposed file
        /// comes after rows of equal length, which are stored without row offsets).
        @Test func raggedRowsReadTheSameEitherWayRound() throws {
            let expected: [[String?]] = [
                ["1", "2", "3", "3", nil, nil], ["1", "2", "3", "3", "2", "2"], [nil, "3", "3", "3", "2", nil],
                ["1", "2", "3", "3", "2", nil],
            ]
            let byCoder =
                "coder,u1,u2,u3,u4,u5,u6\nA,1,2,3,3\n\nB, 1 ,2,\"3\",3,2,2\r\n,,,,,,\nC,,3,3,3,2\nD,1,2,3,3,2,\n"
            let byUnit = "unit,A,B,C,D\nu1,1,1,,1\nu2,2,2,3,2\nu3,3,3,3,3\r\n\nu4, 3,3,\"3\",3\nu5,,2,2,2\nu6,,2"
            let a = try ReliabilityCSV(text: byCoder, source: "f.csv")
            let b = try ReliabilityCSV(text: byUnit, source: "f.csv", transpose: true)
            for csv in [a, b] {
                #expect(csv.coders == ["A", "B", "C", "D"] && csv.unitCount == 6 && csv.unitId(5) == "u6")
                for c in 0..<4 { for u in 0..<6 { #expect(csv.value(coder: c, unit: u) == expected[c][u]) } }
                #expect(csv.notes.contains("5 cells are missing data (blank, \".\", \"*\", \"NA\" or not given)"))
            }
            #expect(
                a.notes.contains("2 rows have fewer cells than the widest row; the cells not given are missing data"))
            #expect(b.notes.contains("1 row has fewer cells than the widest row; the cells not given are missing data"))
            let alphaA = try AlphaAnalysis(a, source: "f.csv", metric: .interval).result.value.double
            let alphaB = try AlphaAnalysis(b, source: "f.csv", metric: .interval).result.value.double
            #expect(alphaA != nil && alphaA == alphaB)
        }

        /// A wide first row followed by many short ones: room is reserved from the line count and
        /// the first row, but never beyond what the file can hold.
        @Test func wideFirstRowThenShortRows() throws {
            let text =
                "u0," + Array(repeating: "1", count: 3000).joined(separator: ",") + "\n"
                + (1...3000).map { "u\($0),1,0" }.joined(separator: "\n")
            let csv = try ReliabilityCSV(text: text, source: "f.csv", transpose: true)
            #expect(csv.unitCount == 3001 && csv.coders.count == 3000)
            #expect(csv.value(coder: 1, unit: 3000) == "0" && csv.value(coder: 2, unit: 3000) == nil)
            #expect(
                csv.notes.contains(
                    "3000 rows have fewer cells than the widest row; the cells not given are missing data"))
        }

        /// The cell reader's fast path (plain cells) and its general path (quotes, padding, CR)
        /// take turns within one record.
        @Test func cellReaderMixesPlainAndQuotedCells() throws {
            let text = "a,b\r\nc\n\n d ,\"e\"\"f\"\r\ng\rh,,\"i\nj\"\n!x,k"
            var cells: [String] = []
            try Array(text.utf8).withUnsafeBufferPointer { bytes in
                var reader = CSVCellReader(bytes: bytes, delimiter: UInt8(ascii: ","))
                while let next = try reader.next() {
                    cells.append(String(decoding: next.cell, as: UTF8.self) + (next.endOfRow ? "⏎" : ""))
                }
            }
            #expect(cells == ["a", "b⏎", "c⏎", "⏎", "d", "e\"f⏎", "g\rh", "", "i\nj⏎", "!x", "k⏎"])
        }

        /// The JSON names a small-sample bound when it set the lower limit.
        @Test func jsonNamesTheSmallSampleBound() throws {
            func interval(_ text: String) throws -> [String: Any] {
                let csv = try ReliabilityCSV(text: text, source: "f.csv")
                let json = try AlphaReport.json(try AlphaAnalysis(csv, source: "f.csv", metric: .nominal))
                let obj = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
                return try #require(obj["interval"] as? [String: Any])
            }
            let one = try interval("coder,1,2,3,4,5,6,7,8,9,10\nann,1,1,0,0,1,1,0,1,1,0\nbart,1,1,0,0,1,1,0,1,0,0\n")
            #expect(one["lowerLimitBound"] as? String == "few-disagreements")
            #expect(one["disagreeingUnits"] as? Int == 1)
            let none = try interval("coder,1,2,3,4,5,6\nann,1,1,0,0,1,0\nbart,1,1,0,0,1,0\n")
            #expect(none["lowerLimitBound"] as? String == "zero-event")
            #expect(none["disagreeingUnits"] as? Int == 0)
        }

        @Test func jsonRoundTripsAlphaExactly() throws {
            let a = try Self.analysis(
                "coder,1,2,3,4,5,6,7\nA,1,2,3,3,2,1,4\nB,1,2,3,3,2,2,4\nC,2,3,3,3,2,3,1\n", metric: .interval)
            let json = try AlphaReport.json(a)
            let obj = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
            let alpha = try #require(obj["alpha"] as? Double)
            #expect(abs(alpha - a.result.value.double!) < 1e-12)
            #expect(abs((obj["observedDisagreement"] as? Double ?? 0) - a.result.observedDisagreement) < 1e-12)
            #expect((obj["interval"] as? [String: Any])?["method"] as? String == "units")

            #expect((obj["coincidence"] as? [[Double]])?.count == 4)
            let csv = String(decoding: try AlphaReport.csv(a), as: UTF8.self)
            #expect(csv.hasPrefix("file,metric,coders,units,"))
            #expect(csv.hasSuffix("\r\n") && csv.components(separatedBy: "\r\n").count == 3)
            let fields = csv.components(separatedBy: "\r\n")[1].split(separator: ",", omittingEmptySubsequences: false)
            #expect(abs(Double(fields[6])! - a.result.value.double!) < 1e-12)
            let excel = try AlphaReport.csv(a, excel: true)
            #expect(Array(excel.prefix(3)) == [0xEF, 0xBB, 0xBF])
        }
    }
}
