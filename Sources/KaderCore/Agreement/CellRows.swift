import Foundation

/// The value cells of a reliability CSV (every cell after the name column), row by row in one
/// buffer, for ``ReliabilityCSV``.
///
/// Shape: row r is `flat[start(r) ..< start(r) + length(r)]`, each cell a label index or -1
/// (missing). While every row has the same length no offsets are kept (row r starts at r·L), so
/// a regular file costs 4 bytes a cell; the first row of another length starts a table of row
/// starts (8 bytes a row from then on). ``grid(columns:)`` hands back the buffer itself when every
/// row is as wide as the grid, so the cells are never copied for a regular file.
struct CellRows {
    private(set) var flat: [Int32] = []
    /// Rows closed so far.
    private(set) var count = 0
    /// The most cells in one row.
    private(set) var widest = 0
    /// Cells per row while all rows have the same length (-1 before the first row).
    private var regularLength = -1
    /// Row starts plus the end of the last row, once the rows differ in length.
    private var starts: [Int]? = nil
    private var rowBegin = 0

    /// Reserves room for `rows` rows of `cellsPerRow` cells (an estimate; more may follow), but
    /// never for more than `atMost` cells (the most the input can hold, e.g. its bytes + 1).
    mutating func reserve(rows: Int, cellsPerRow: Int, atMost: Int) {
        let (cells, overflow) = rows.multipliedReportingOverflow(by: cellsPerRow)
        let n = overflow ? atMost : min(cells, atMost)
        if n > 0 { flat.reserveCapacity(n) }
    }

    /// Adds a cell to the open row.
    @inline(__always)
    mutating func append(_ id: Int32) { flat.append(id) }

    /// Cells in the open row.
    var openRowLength: Int { flat.count - rowBegin }

    /// Closes the open row.
    mutating func endRow() {
        let length = flat.count - rowBegin
        if starts == nil {
            if count == 0 {
                regularLength = length
            } else if length != regularLength {
                starts = (0...count).map { $0 * regularLength }
            }
        }
        starts?.append(flat.count)
        count += 1
        widest = max(widest, length)
        rowBegin = flat.count
    }

    /// Drops the cells of the open row (a blank line).
    mutating func dropOpenRow() { flat.removeLast(flat.count - rowBegin) }

    func start(_ r: Int) -> Int { starts?[r] ?? r * regularLength }
    func length(_ r: Int) -> Int { starts.map { $0[r + 1] - $0[r] } ?? regularLength }

    /// Rows with fewer than `columns` cells.
    func shortRows(columns: Int) -> Int {
        guard starts != nil else { return regularLength < columns ? count : 0 }
        return (0..<count).reduce(0) { $0 + (length($1) < columns ? 1 : 0) }
    }

    /// The rows as a row-major `count × columns` grid, short rows padded with -1 (missing):
    /// `flat` itself when every row has `columns` cells, else a copy. `columns` ≥ ``widest``.
    func grid(columns: Int) -> [Int32] {
        if starts == nil && regularLength == columns { return flat }
        var grid = [Int32](repeating: -1, count: count * columns)
        grid.withUnsafeMutableBufferPointer { g in
            flat.withUnsafeBufferPointer { f in
                for r in 0..<count {
                    let s = start(r)
                    for c in 0..<length(r) { g[r * columns + c] = f[s + c] }
                }
            }
        }
        return grid
    }
}
