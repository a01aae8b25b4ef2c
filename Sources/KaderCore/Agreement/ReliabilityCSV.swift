import CSV
import Foundation

/// Reliability data read from a CSV file, for `kader alpha`.
///
/// Layout (default): one row per coder, one column per unit; the first column holds the coder
/// name. The first row is a header of unit ids when its first cell is blank or one of
/// `coder`, `coders`, `unit`, `units`, `id` (case-insensitive); otherwise every row is a coder
/// and units are numbered 1, 2, …. With `transpose` rows are units and columns coders (first
/// column = unit id, optional header of coder names by the same rule).
/// A blank cell, `.`, `*` or `NA` is missing data. Values are kept as text; numeric metrics
/// (ordinal, interval, ratio) need every value to be a number.
/// Separator: comma, or semicolon / tab when the first line has more of those than commas.
public struct ReliabilityCSV: Sendable {
    public let coders: [String]
    public let unitIds: [String]
    /// `values[coder][unit]`, nil = missing.
    public let values: [[String?]]

    /// Parses CSV text. `source` names the file in errors.
    /// - Throws: ``ReliabilityCSVError`` with a one-sentence description.
    public init(text: String, source: String, transpose: Bool = false) throws {
        let first = text.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? ""
        let counts = [(",", first.filter { $0 == "," }.count), (";", first.filter { $0 == ";" }.count),
                      ("\t", first.filter { $0 == "\t" }.count)]
        let delimiter = counts.max { $0.1 < $1.1 }!.0
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, delimiter: delimiter.unicodeScalars.first!)
        } catch {
            throw ReliabilityCSVError(source: source, detail: "cannot be read as CSV")
        }
        var rows: [[String]] = []
        while let row = reader.next() {
            let cells = row.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            if cells.allSatisfy(\.isEmpty) { continue }
            rows.append(cells)
        }
        if reader.error != nil { throw ReliabilityCSVError(source: source, detail: "is not valid CSV (unbalanced quotes?)") }
        guard !rows.isEmpty else { throw ReliabilityCSVError(source: source, detail: "holds no rows") }
        var header: [String]?
        if ["", "coder", "coders", "unit", "units", "id"].contains(rows[0][0].lowercased()) { header = rows.removeFirst() }
        guard !rows.isEmpty else { throw ReliabilityCSVError(source: source, detail: "has a header row but no data rows") }
        let width = max(header?.count ?? 0, rows.map(\.count).max() ?? 0)
        guard width >= 2 else {
            throw ReliabilityCSVError(source: source, detail: "needs a name column and at least one value column")
        }
        let rowNames = rows.enumerated().map { i, r in r[0].isEmpty ? String(i + 1) : r[0] }
        let columnNames = (1..<width).map { c in
            if let header, c < header.count, !header[c].isEmpty { return header[c] }
            return String(c)
        }
        let grid: [[String?]] = rows.map { r in
            (1..<width).map { c in
                guard c < r.count else { return nil }
                let v = r[c]
                return ["", ".", "*", "NA", "na"].contains(v) ? nil : v
            }
        }
        if transpose {
            coders = columnNames
            unitIds = rowNames
            values = (0..<columnNames.count).map { c in grid.map { $0[c] } }
        } else {
            coders = rowNames
            unitIds = columnNames
            values = grid
        }
        if coders.count < 2 {
            throw ReliabilityCSVError(source: source, detail: "has only one coder; agreement needs at least 2 (use --transpose if coders are columns)")
        }
    }

    /// Reads and parses `url`.
    public init(url: URL, transpose: Bool = false) throws {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw ReliabilityCSVError(source: url.path, detail: "cannot be read (missing or not a file)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ReliabilityCSVError(source: url.path, detail: "is not UTF-8 text")
        }
        try self.init(text: text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text, source: url.path, transpose: transpose)
    }

    /// The values as text (for the nominal metric).
    public var textData: ReliabilityData<String> { try! ReliabilityData(coders: values) }

    /// The values as numbers.
    /// - Throws: ``ReliabilityCSVError`` naming the first cell that is not a number.
    public func numericData(source: String) throws -> ReliabilityData<Double> {
        let rows: [[Double?]] = try values.enumerated().map { c, row in
            try row.enumerated().map { u, v in
                guard let v else { return nil }
                guard let x = Double(v.replacingOccurrences(of: ",", with: ".")), x.isFinite else {
                    throw ReliabilityCSVError(source: source,
                        detail: "has \"\(v)\" for coder \(coders[c]), unit \(unitIds[u]), which is not a number (the ordinal, interval and ratio metrics need numbers)")
                }
                return x
            }
        }
        return try ReliabilityData(coders: rows)
    }
}

/// A reliability CSV that cannot be used; the description is one sentence naming the file.
public struct ReliabilityCSVError: Error, LocalizedError, Equatable {
    public let source: String
    public let detail: String
    public var errorDescription: String? { "\(source) \(detail)." }
}
