import Foundation
import Testing

@testable import KaderCore

@Suite struct CSVBytesTests {
    @Test func quotesOnlyFieldsThatNeedIt() {
        var csv = CSVBytes()
        csv.row(["plain", "één, twee", "zei \"ja\"", "a\nb", "c\r\nd", "", "x;y"])
        #expect(
            String(decoding: csv.bytes, as: UTF8.self)
                == "plain,\"één, twee\",\"zei \"\"ja\"\"\",\"a\nb\",\"c\r\nd\",,x;y\r\n")
    }

    @Test func excelUsesSemicolonsAndAByteOrderMark() throws {
        let data = try QuoteTable.csv(header: ["a", "b"], rows: [["1;2", "3,4"]], excel: true)
        #expect(Array(data.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(String(decoding: data.dropFirst(3), as: UTF8.self) == "a;b\r\n\"1;2\";3,4\r\n")
    }
}
