import Foundation

/// Reliability data read from a CSV file, for `kader alpha`, with every guess made while
/// reading it recorded in ``notes``.
///
/// Layout (default): one row per coder, one column per unit; the first column holds the coder
/// name. The first row is a header of unit ids when ``HeaderRule`` says so (auto: its first
/// cell is blank or a word such as `coder`, `rater`, `annotator`, `name`, `unit`, `id`, `item`);
/// otherwise every row is a coder and units are numbered 1, 2, …. With `transpose` rows are
/// units and columns coders (first column = unit id, optional header of coder names by the same
/// rule). A blank cell, `.`, `*`, `NA` or `na` is missing data. Separator: comma, or semicolon /
/// tab when the first line has more of those than commas. Cells are RFC 4180 (``CSVCellReader``).
/// Memory: 4 bytes per cell (8 while rows of unequal length are padded into a grid) plus the
/// distinct values and the row/column names (their bytes and 8 bytes each).
public struct ReliabilityCSV: Sendable {
    /// Whether the first row is a header.
    public enum HeaderRule: String, Sendable, CaseIterable { case auto, yes, no }

    public let coders: [String]
    /// Number of units.
    public let unitCount: Int
    /// `cells[coder * coderStride + unit * unitStride]` (``cellIndex(coder:unit:)``): index into
    /// ``labels``, -1 = missing. The rows of the file in order (coder-major, or unit-major with
    /// `transpose`), so a file whose rows are all complete is used as read, without a copy.
    public let cells: [Int32]
    /// Distance in ``cells`` between coders of one unit, and between units of one coder.
    public let coderStride: Int
    public let unitStride: Int
    /// Distinct cell texts, in order of first appearance in the file.
    public let labels: [String]
    /// The separator, the header and orientation decisions and other guesses, one sentence each.
    public let notes: [String]
    public let transposed: Bool
    /// The separator byte (`,`, `;` or tab).
    public let delimiter: UInt8
    private let unitNames: NameArena?

    /// Words that mark a header row's first cell under `HeaderRule.auto` (compared case-insensitively).
    public static let headerWords: Set<String> = [
        "", "coder", "coders", "rater", "raters", "annotator", "annotators", "judge", "judges", "observer", "observers",
        "name", "names", "unit", "units", "id", "ids", "item", "items", "case", "cases", "subject", "subjects",
        "segment", "segments", "#",
    ]

    /// The id of unit `u` (from the header or the first column, else its number from 1).
    public func unitId(_ u: Int) -> String {
        if let n = unitNames, u < n.count, !n[u].isEmpty { return n[u] }
        return String(u + 1)
    }

    /// Parses CSV bytes. `source` names the file in errors.
    /// - Throws: ``ReliabilityCSVError`` with a one-sentence description.
    public init(
        bytes: UnsafeBufferPointer<UInt8>, source: String, transpose: Bool = false, header rule: HeaderRule = .auto
    ) throws {
        var body = bytes
        if body.count >= 3 && body[0] == 0xEF && body[1] == 0xBB && body[2] == 0xBF {
            body = UnsafeBufferPointer(rebasing: body[3...])
        }
        let delimiter = CSVCellReader.guessDelimiter(body)
        self.delimiter = delimiter
        self.transposed = transpose
        var notes: [String] = []
        let sepName = delimiter == UInt8(ascii: ",") ? "comma" : (delimiter == UInt8(ascii: ";") ? "semicolon" : "tab")
        notes.append("separator: \(sepName)")

        var interner = LabelInterner()
        var rows = CellRows()
        var rowNames = NameArena()
        // Room for one name and one row of cells per line (rows of the size of the first).
        let lines = CSVCellReader.lineCount(body)
        var pending = NameArena()  // the first non-blank row, kept as text until the header is decided
        var headerCells: NameArena? = nil
        var decided = false
        var col = 0
        var currentBlank = true
        var headerReason = ""
        var badUTF8 = false
        var reader = CSVCellReader(bytes: body, delimiter: delimiter)
        do {
            while let next = try reader.next() {
                let b = next.cell
                let end = next.endOfRow
                if !b.isEmpty { currentBlank = false }
                if !decided {
                    pending.append(b)
                } else if col == 0 {
                    rowNames.append(b)
                } else {
                    rows.append(interner.cell(b))
                }
                col += 1
                guard end else { continue }
                defer {
                    currentBlank = true
                    col = 0
                }
                if !decided {
                    if currentBlank {
                        pending.removeAll()
                        continue
                    }
                    decided = true
                    let firstCell = pending[0]
                    let first = firstCell.lowercased()
                    let isHeader: Bool
                    switch rule {
                    case .yes:
                        isHeader = true
                        headerReason = "row 1 is a header (--header yes)"
                    case .no:
                        isHeader = false
                        headerReason = "no header row (--header no)"
                    case .auto:
                        isHeader = Self.headerWords.contains(first)
                        headerReason =
                            isHeader
                            ? "row 1 is a header of \(transpose ? "coder names" : "unit ids") (its first cell is \(first.isEmpty ? "blank" : "\"\(firstCell)\""))"
                            : "no header row: row 1 starts with \"\(firstCell)\", read as a \(transpose ? "unit" : "coder") (--header yes if it is a header)"
                    }
                    rows.reserve(
                        rows: lines + (isHeader ? 0 : 1), cellsPerRow: pending.count - 1, atMost: body.count + 1)
                    rowNames.reserve(names: lines + 1, bytes: min(body.count, 16 * (lines + 1)))
                    if isHeader {
                        headerCells = pending
                    } else {
                        rowNames.append(pending.bytes(0))
                        for c in 1..<max(1, pending.count) {
                            let cell = pending.bytes(c)
                            rows.append(cell.withUnsafeBufferPointer { interner.cell($0) })
                        }
                        rows.endRow()
                    }
                    pending.removeAll()
                    continue
                }
                if currentBlank {
                    // A blank row: its cells were all empty, so all missing.
                    rowNames.removeLast()
                    rows.dropOpenRow()
                    continue
                }
                rows.endRow()
            }
        } catch CSVCellReader.Failure.unclosedQuote(let line) {
            throw ReliabilityCSVError(
                source: source, detail: "is not valid CSV: the quoted cell opened on line \(line) is never closed")
        } catch CSVCellReader.Failure.textAfterQuote(let line) {
            throw ReliabilityCSVError(
                source: source, detail: "is not valid CSV: line \(line) has text after a closing quote")
        }
        badUTF8 = interner.badUTF8 || !rowNames.isValidUTF8 || !(headerCells?.isValidUTF8 ?? true)
        if badUTF8 { throw ReliabilityCSVError(source: source, detail: "is not UTF-8 text") }
        guard decided else { throw ReliabilityCSVError(source: source, detail: "holds no rows") }
        guard rowNames.count > 0 else {
            throw ReliabilityCSVError(source: source, detail: "has a header row but no data rows")
        }
        var width = rows.widest + 1
        if let h = headerCells { width = max(width, h.count) }
        guard width >= 2 else {
            throw ReliabilityCSVError(source: source, detail: "needs a name column and at least one value column")
        }
        notes.append(headerReason)
        let rowCount = rowNames.count
        let columns = width - 1
        let shortRows = rows.shortRows(columns: columns)
        if shortRows > 0 {
            notes.append(
                "\(shortRows) row\(shortRows == 1 ? " has" : "s have") fewer cells than the widest row; the cells not given are missing data"
            )
        }
        let names = rowNames
        var columnNames = headerCells
        columnNames?.dropFirstName()
        // Row-major rows × columns, whichever way round the file is.
        let grid = rows.grid(columns: columns)
        if transpose {
            coders = (0..<columns).map { c in
                columnNames.flatMap { c < $0.count && !$0[c].isEmpty ? $0[c] : nil } ?? String(c + 1)
            }
            unitCount = rowCount
            coderStride = 1
            unitStride = columns
            unitNames = names
            notes.append(
                "--transpose: rows are units, columns are coders: \(columns) coder\(columns == 1 ? "" : "s") × \(rowCount) unit\(rowCount == 1 ? "" : "s")"
            )
        } else {
            coders = (0..<rowCount).map { r in names[r].isEmpty ? String(r + 1) : names[r] }
            unitCount = columns
            coderStride = columns
            unitStride = 1
            unitNames = columnNames
            notes.append(
                "rows are coders, columns are units: \(rowCount) coder\(rowCount == 1 ? "" : "s") × \(columns) unit\(columns == 1 ? "" : "s") (--transpose if coders are columns)"
            )
        }
        cells = grid
        labels = interner.labels
        let missing = grid.withUnsafeBufferPointer { g in g.reduce(0) { $0 + ($1 < 0 ? 1 : 0) } }
        if missing > 0 {
            notes.append(
                "\(missing) cell\(missing == 1 ? " is" : "s are") missing data (blank, \".\", \"*\", \"NA\" or not given)"
            )
        }
        self.notes = notes
        if coders.count < 2 {
            throw ReliabilityCSVError(
                source: source,
                detail: transpose
                    ? "has only one coder column; with --transpose columns are coders (leave out --transpose if coders are rows)"
                    : "has only one coder row; agreement needs at least 2 (use --transpose if coders are columns)")
        }
    }

    /// Parses CSV text (tests and small inputs).
    public init(text: String, source: String, transpose: Bool = false, header: HeaderRule = .auto) throws {
        var t = text
        self = try t.withUTF8 { try ReliabilityCSV(bytes: $0, source: source, transpose: transpose, header: header) }
    }

    /// Reads and parses `url` (memory-mapped).
    public init(url: URL, transpose: Bool = false, header: HeaderRule = .auto) throws {
        let data: Data
        do { data = try Data(contentsOf: url, options: .alwaysMapped) } catch {
            throw ReliabilityCSVError(source: url.path, detail: "cannot be read (missing or not a file)")
        }
        self = try data.withUnsafeBytes { raw in
            try ReliabilityCSV(
                bytes: raw.bindMemory(to: UInt8.self), source: url.path, transpose: transpose, header: header)
        }
    }

    static func isMissing(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        switch b.count {
        case 0: return true
        case 1: return b[0] == UInt8(ascii: ".") || b[0] == UInt8(ascii: "*")
        case 2:
            return (b[0] == UInt8(ascii: "N") && b[1] == UInt8(ascii: "A"))
                || (b[0] == UInt8(ascii: "n") && b[1] == UInt8(ascii: "a"))
        default: return false
        }
    }

    /// Where the value of coder `c` for unit `u` is in ``cells``.
    public func cellIndex(coder c: Int, unit u: Int) -> Int { c * coderStride + u * unitStride }

    /// The value of coder `c` for unit `u` as text, nil when missing.
    public func value(coder c: Int, unit u: Int) -> String? {
        let i = cells[cellIndex(coder: c, unit: u)]
        return i < 0 ? nil : labels[Int(i)]
    }

    /// The values as text (for the nominal metric on text labels).
    public var textData: ReliabilityData<String> {
        ReliabilityData(
            rectangular: (0..<coders.count).map { c in (0..<unitCount).map { value(coder: c, unit: $0) } },
            unitCount: unitCount)
    }

    /// The values as numbers.
    /// - Throws: ``ReliabilityCSVError`` naming the cells that are not numbers.
    public func numericData(source: String) throws -> ReliabilityData<Double> {
        let numbers = try numericLabels(source: source, metric: .interval)
        return try ReliabilityData(
            coders: (0..<coders.count).map { c in
                (0..<unitCount).map { u in
                    let i = cells[cellIndex(coder: c, unit: u)]
                    return i < 0 ? nil : numbers[Int(i)]
                }
            })
    }

    /// Every label as a strict number (``StrictNumber``; decimal commas allowed when the separator
    /// is not a comma), or an error naming up to three cells that are not numbers.
    func numericLabels(source: String, metric: AlphaMetric) throws -> [Double] {
        var out = [Double](repeating: 0, count: labels.count)
        var bad: [Int] = []
        let comma = delimiter != UInt8(ascii: ",")
        for (i, l) in labels.enumerated() {
            var s = l
            if let x = s.withUTF8({ StrictNumber.parse($0, decimalComma: comma) }) { out[i] = x } else { bad.append(i) }
        }
        guard !bad.isEmpty else { return out }
        let badSet = Set(bad.map(Int32.init))
        var shown: [String] = []
        var total = 0
        for c in 0..<coders.count {
            for u in 0..<unitCount where badSet.contains(cells[cellIndex(coder: c, unit: u)]) {
                total += 1
                if shown.count < 3 {
                    shown.append(
                        "\"\(labels[Int(cells[cellIndex(coder: c, unit: u)])])\" for coder \(coders[c]), unit \(unitId(u))"
                    )
                }
            }
        }
        let hint =
            labels.indices.contains(bad[0]) && labels[bad[0]].contains(",") && !comma
            ? "; write numbers without thousands separators" : ""
        throw ReliabilityCSVError(
            source: source,
            detail:
                "has \(total) cell\(total == 1 ? "" : "s") that \(total == 1 ? "is" : "are") not a number: \(shown.joined(separator: ", "))\(total > 3 ? ", …" : "") (the \(metric.rawValue) metric needs numbers such as 3, -1.5 or 2e3\(hint))"
        )
    }
}

/// A reliability CSV that cannot be used; the description is one sentence naming the file.
public struct ReliabilityCSVError: Error, LocalizedError, Equatable {
    public let source: String
    public let detail: String
    public var errorDescription: String? { "\(source) \(detail)." }
}

/// Distinct cell texts with O(1) look-up of byte strings: one-byte cells through a table of 256,
/// cells of up to 7 bytes packed into a 64-bit key in an open-addressing table, longer cells
/// through a dictionary.
struct LabelInterner {
    private(set) var labels: [String] = []
    /// The id of each one-byte cell: -1 missing (`.`, `*`), -2 not seen yet.
    private var single: [Int32] = {
        var t = [Int32](repeating: -2, count: 256)
        t[Int(UInt8(ascii: "."))] = -1
        t[Int(UInt8(ascii: "*"))] = -1
        return t
    }()
    private var keys = [UInt64](repeating: 0, count: 64)
    private var ids = [Int32](repeating: -1, count: 64)
    private var used = 0
    private var long: [String: Int32] = [:]

    private(set) var badUTF8 = false

    /// The id of a cell, or -1 when it is missing data (``ReliabilityCSV/isMissing(_:)``).
    @inline(__always)
    mutating func cell(_ b: UnsafeBufferPointer<UInt8>) -> Int32 {
        if b.count == 1 {
            let id = single[Int(b[0])]
            if id != -2 { return id }
            let new = add(b)
            single[Int(b[0])] = new
            return new
        }
        return ReliabilityCSV.isMissing(b) ? -1 : intern(b)
    }

    mutating func intern(_ b: UnsafeBufferPointer<UInt8>) -> Int32 {
        if b.count <= 7 {
            var key = UInt64(b.count) << 56
            for (i, x) in b.enumerated() { key |= UInt64(x) << (8 * UInt64(i)) }
            var h = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 20) & (keys.count - 1)
            while ids[h] >= 0 {
                if keys[h] == key { return ids[h] }
                h = (h + 1) & (keys.count - 1)
            }
            let id = add(b)
            keys[h] = key
            ids[h] = id
            used += 1
            if used * 2 > keys.count { grow() }
            return id
        }
        let s = String(decoding: b, as: UTF8.self)
        if let id = long[s] { return id }
        let id = add(b)
        long[s] = id
        return id
    }

    private mutating func add(_ b: UnsafeBufferPointer<UInt8>) -> Int32 {
        if let s = String(validating: b, as: UTF8.self) {
            labels.append(s)
        } else {
            badUTF8 = true
            labels.append(String(decoding: b, as: UTF8.self))
        }
        return Int32(labels.count - 1)
    }

    private mutating func grow() {
        let oldKeys = keys
        let oldIds = ids
        keys = .init(repeating: 0, count: oldKeys.count * 2)
        ids = .init(repeating: -1, count: oldKeys.count * 2)
        for i in oldKeys.indices where oldIds[i] >= 0 {
            var h = Int(truncatingIfNeeded: (oldKeys[i] &* 0x9E37_79B9_7F4A_7C15) >> 20) & (keys.count - 1)
            while ids[h] >= 0 { h = (h + 1) & (keys.count - 1) }
            keys[h] = oldKeys[i]
            ids[h] = oldIds[i]
        }
    }
}

/// Names (row or column headers) stored as bytes in one buffer, decoded on demand, so a million
/// unit ids cost their bytes and one offset each.
struct NameArena: Sendable {
    private var data: [UInt8] = []
    private var ends: [Int] = []
    private var first = 0

    var count: Int { ends.count - first }

    /// Reserves room for `names` names of `bytes` bytes in all (estimates; more may follow).
    mutating func reserve(names: Int, bytes: Int) {
        ends.reserveCapacity(names)
        data.reserveCapacity(bytes)
    }

    mutating func append(_ b: UnsafeBufferPointer<UInt8>) {
        data.append(contentsOf: b)
        ends.append(data.count)
    }
    mutating func append(_ b: [UInt8]) {
        data.append(contentsOf: b)
        ends.append(data.count)
    }
    mutating func removeLast() {
        ends.removeLast()
        data.removeSubrange((ends.last ?? 0)...)
    }
    mutating func removeAll() {
        data.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        first = 0
    }
    /// Drops the first name (the header's corner cell) from the indexing.
    mutating func dropFirstName() { if first < ends.count { first += 1 } }

    func bytes(_ i: Int) -> [UInt8] {
        let j = i + first
        guard j < ends.count else { return [] }
        return Array(data[(j == 0 ? 0 : ends[j - 1])..<ends[j]])
    }

    subscript(_ i: Int) -> String { String(decoding: bytes(i), as: UTF8.self) }

    var isValidUTF8: Bool { data.withUnsafeBufferPointer { String(validating: $0, as: UTF8.self) != nil } }
}
