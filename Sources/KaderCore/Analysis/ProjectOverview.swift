import Foundation

/// What the TUI's overview screen shows: progress per document and coder, code frequencies, and
/// the category co-occurrence grid (all coders pooled).
public struct ProjectOverview: Sendable {
    public struct Progress: Sendable, Hashable {
        public var document: String
        public var coder: String
        /// Codable segments with at least one code, and codable segments.
        public var coded: Int
        public var codable: Int
        public var status: CodingStatus
    }

    public var progress: [Progress]
    /// Code ids in codebook order with the distinct segments coded with them (sub-codes counted
    /// in their category), any coder.
    public var frequencies: [(code: String, name: String, depth: Int, segments: Int)]
    /// Categories with pooled co-occurrence counts (diagonal: the category's segments).
    public var categories: [String]
    public var grid: [[Int]]

    /// Builds the overview from a loaded corpus.
    public static func build(_ corpus: AnalysisCorpus) -> ProjectOverview {
        var progress: [Progress] = []
        for doc in corpus.documents {
            for (file, codes) in zip(doc.files, doc.coders) {
                let coded = doc.units.filter { !(codes.codes[$0] ?? []).isEmpty }.count
                progress.append(
                    Progress(
                        document: doc.document.id, coder: codes.coder, coded: coded, codable: doc.units.count,
                        status: file.status))
            }
        }
        let units = corpus.units()
        let matrix = AttributeMatrix.build(corpus, units: units, by: "coder")
        let frequencies = matrix.rows.map { r in
            (code: r.codeId, name: corpus.tree.name[r.codeId] ?? r.codeId, depth: r.depth, segments: r.totalSegments)
        }
        let co = Cooccurrence.build(corpus, units: units, level: .category, by: nil, pooled: true)
        let cats = corpus.tree.categories
        var grid = [[Int]](repeating: [Int](repeating: 0, count: cats.count), count: cats.count)
        if let g = co.groups.first {
            let index = Dictionary(uniqueKeysWithValues: g.codes.enumerated().map { ($0.element, $0.offset) })
            for (i, a) in cats.enumerated() {
                for (j, b) in cats.enumerated() {
                    if let x = index[a], let y = index[b] { grid[i][j] = g.both[x][y] }
                }
            }
        }
        return ProjectOverview(progress: progress, frequencies: frequencies, categories: cats, grid: grid)
    }
}
