/// Plain left-aligned text tables for the command line (`kader status`, `kader codebook show`).
public enum TextTable {
    /// Rows padded to the widest cell of each column (measured in characters), trailing blanks
    /// dropped. Cost: linear in the total length of the cells (each cell is measured once).
    public static func render(header: [String], rows: [[String]]) -> String {
        let all = [header] + rows
        let counts = all.map { $0.map(\.count) }
        let widths = header.indices.map { c in counts.map { c < $0.count ? $0[c] : 0 }.max() ?? 0 }
        var out = ""
        for (r, row) in all.enumerated() {
            if r > 0 { out += "\n" }
            var line = ""
            for (c, cell) in row.enumerated() {
                line += cell
                if c < row.count - 1 {
                    line += String(repeating: " ", count: max(0, (c < widths.count ? widths[c] : 0) + 2 - counts[r][c]))
                }
            }
            while let last = line.last, last.isWhitespace { line.removeLast() }
            out += line
        }
        return out
    }
}
