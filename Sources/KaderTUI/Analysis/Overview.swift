import KaderCore

/// The overview screen (`o` on the document list, `O` anywhere): progress per document and
/// coder, this coder's code frequencies and category co-occurrence grid. Computed once when the
/// screen opens (see ``Overview/build(_:coder:)``); scrolling only moves ``scroll``.
///
/// Blind coding: the frequencies and the grid count only this coder's own codings; other
/// coders appear only as progress counts.
public struct Overview: Hashable, Sendable {
    /// One coder's progress on one document.
    public struct ProgressRow: Hashable, Sendable {
        public var document: String
        public var coder: String
        /// Codable segments with at least one code, and codable segments.
        public var coded: Int
        public var codable: Int
        public var status: CodingStatus

        public init(document: DocumentID, coder: CoderName, coded: Int, codable: Int, status: CodingStatus) {
            self.document = document.rawValue
            self.coder = coder.rawValue
            self.coded = coded
            self.codable = codable
            self.status = status
        }
    }

    /// A code (codebook order) with the distinct segments this coder coded with it or a sub-code.
    public struct Frequency: Hashable, Sendable {
        public var code: String
        public var depth: Int
        public var segments: Int

        public init(code: String, depth: Int, segments: Int) {
            self.code = code
            self.depth = depth
            self.segments = segments
        }
    }

    public var coder: String
    public var documents: Int
    public var progress: [ProgressRow]
    public var frequencies: [Frequency]
    /// Category ids in codebook order, and grid[i][j] the segments coded with both (the
    /// diagonal: the category's segments).
    public var categories: [String]
    public var grid: [[Int]]
    /// First line shown.
    public var scroll = 0

    public init(
        coder: String, documents: Int, progress: [ProgressRow], frequencies: [Frequency], categories: [String],
        grid: [[Int]]
    ) {
        self.coder = coder
        self.documents = documents
        self.progress = progress
        self.frequencies = frequencies
        self.categories = categories
        self.grid = grid
    }

    /// One coder's progress over the whole project.
    public struct Total: Hashable, Sendable {
        public var coder: String
        /// Documents marked done, and codable segments with a code in all documents.
        public var done: Int
        public var coded: Int
    }

    /// Codable segments of the project (every document's, from this coder's rows, which cover
    /// every document).
    public var codable: Int { progress.filter { $0.coder == coder }.reduce(0) { $0 + $1.codable } }

    /// Per coder (this coder first, then the others by name): documents done and segments coded.
    public var totals: [Total] {
        var order: [String] = []
        var byCoder: [String: Total] = [:]
        for p in progress {
            if byCoder[p.coder] == nil {
                order.append(p.coder)
                byCoder[p.coder] = Total(coder: p.coder, done: 0, coded: 0)
            }
            byCoder[p.coder]?.done += p.status == .done ? 1 : 0
            byCoder[p.coder]?.coded += p.coded
        }
        let sorted = order.filter { $0 == coder } + order.filter { $0 != coder }.sorted()
        return sorted.compactMap { byCoder[$0] }
    }

    /// Lines of the screen (``OverviewView/lines(_:_:width:)`` makes exactly this many at any width).
    public var lineCount: Int {
        // Totals: heading, column header, rows (or a note), blank; frequencies: heading, rows (or
        // a note), blank; grid: heading, column header, rows (or a note), blank; per document:
        // heading, column header, rows (or a note).
        10 + max(1, Set(progress.map(\.coder)).count) + max(1, frequencies.count) + max(1, categories.count)
            + max(1, progress.count)
    }

    /// Builds the overview of `corpus` for `coder`: progress of every coder with a codings file
    /// (and of `coder` on every document, 0 when not started); frequencies and grid of `coder`'s
    /// codings only.
    public static func build(_ corpus: AnalysisCorpus, coder: String) -> Overview {
        var progress: [ProgressRow] = []
        var own = corpus
        own.coders = corpus.coders.filter { $0 == coder }
        for (d, doc) in corpus.documents.enumerated() {
            var rows: [ProgressRow] = []
            var mine: ProgressRow?
            for (file, codes) in zip(doc.files, doc.coders) {
                let coded = doc.units.reduce(0) { $0 + ((codes.codes[$1]?.isEmpty ?? true) ? 0 : 1) }
                let row = ProgressRow(
                    document: DocumentID(doc.document.id), coder: CoderName(codes.coder), coded: coded,
                    codable: doc.units.count,
                    status: file.status)
                if codes.coder == coder { mine = row } else { rows.append(row) }
            }
            progress.append(
                mine
                    ?? ProgressRow(
                        document: DocumentID(doc.document.id), coder: CoderName(coder), coded: 0,
                        codable: doc.units.count,
                        status: .notStarted))
            progress += rows.sorted { $0.coder < $1.coder }
            let keep = doc.coders.indices.filter { doc.coders[$0].coder == coder }
            own.documents[d].coders = keep.map { doc.coders[$0] }
            own.documents[d].files = keep.map { doc.files[$0] }
        }
        let overview = ProjectOverview.build(own)
        return Overview(
            coder: coder, documents: corpus.documents.count, progress: progress,
            frequencies: overview.frequencies.map { Frequency(code: $0.code, depth: $0.depth, segments: $0.segments) },
            categories: overview.categories, grid: overview.grid)
    }
}
