import Foundation

extension AttributeMatrix {
    /// Counts codes by an axis one document at a time (``build(_:units:by:codes:scope:)`` and the
    /// streamed ``stream(project:coders:documents:by:filter:codes:exact:loaded:)``): it keeps the
    /// counts (codes × values) only, never the documents. Units are a segment index and a coder;
    /// units without a coder are left out, also from the bases.
    public struct Counter: Sendable {
        public let axis: String
        let tree: CodeTree
        let codes: Set<String>
        let rowIndex: [String: Int]
        /// Column values in order of first appearance.
        var keys: [String] = []
        var columnOf: [String: Int] = [:]
        /// By row (of `tree.order`) and column (of `keys`): distinct segments, and codings.
        var segments: [[Int]]
        var codings: [[Int]]
        /// By row: distinct segments over every column.
        var rowSegments: [Int]
        var base: [Int] = []
        var totalBase = 0

        /// Counts on `axis`; only the codes in `codes` (all when empty) count and have rows.
        public init(axis: String, tree: CodeTree, codes: Set<String> = []) {
            self.axis = axis
            self.tree = tree
            self.codes = codes
            rowIndex = Dictionary(uniqueKeysWithValues: tree.order.enumerated().map { ($0.element, $0.offset) })
            segments = Array(repeating: [], count: tree.order.count)
            codings = Array(repeating: [], count: tree.order.count)
            rowSegments = Array(repeating: 0, count: tree.order.count)
        }

        /// Adds the units of `doc`; each document is added once.
        public mutating func add(_ doc: AnalysisDocument, units: [(segment: Int, coder: String?)]) {
            // Segments are distinct within a document and documents are added once, so distinct
            // segments are counted per document and summed.
            var baseSegments: [Int: Set<Int>] = [:]
            var allSegments: Set<Int> = []
            var cellSegments: [Int: Set<Int>] = [:]
            var rowSets: [Int: Set<Int>] = [:]
            for u in units {
                guard let coder = u.coder else { continue }
                let c = column(doc.value(segment: u.segment, coder: coder, on: axis) ?? AttributeMatrix.none)
                baseSegments[c, default: []].insert(u.segment)
                allSegments.insert(u.segment)
                for code in doc.codes(segment: u.segment, coder: coder) where codes.isEmpty || codes.contains(code) {
                    for r in tree.lineage[code] ?? [] {
                        guard let ri = rowIndex[r] else { continue }
                        cellSegments[ri << 32 | c, default: []].insert(u.segment)
                        rowSets[ri, default: []].insert(u.segment)
                        codings[ri][c] += 1
                    }
                }
            }
            for (c, s) in baseSegments { base[c] += s.count }
            totalBase += allSegments.count
            for (cell, s) in cellSegments { segments[cell >> 32][cell & 0xFFFF_FFFF] += s.count }
            for (ri, s) in rowSets { rowSegments[ri] += s.count }
        }

        /// The column of `key`, added when new.
        private mutating func column(_ key: String) -> Int {
            if let c = columnOf[key] { return c }
            columnOf[key] = keys.count
            keys.append(key)
            base.append(0)
            for ri in segments.indices {
                segments[ri].append(0)
                codings[ri].append(0)
            }
            return keys.count - 1
        }

        /// The matrix so far: columns sorted (``AnalysisCorpus/sortedValues(_:)``), rows in codebook order.
        public func matrix(scope: String = "") -> AttributeMatrix {
            let sorted = AnalysisCorpus.sortedValues(Set(keys))
            let order = sorted.map { columnOf[$0] ?? 0 }
            func permuted(_ counts: [Int]) -> [Int] { order.map { counts[$0] } }
            let rows = tree.order.enumerated().filter { codes.isEmpty || codes.contains($0.element) }.map { ri, id in
                Row(
                    codeId: id, path: tree.path[id] ?? id, depth: tree.depth[id] ?? 0,
                    segments: permuted(segments[ri]), codings: permuted(codings[ri]),
                    totalSegments: rowSegments[ri], totalCodings: codings[ri].reduce(0, +))
            }
            return AttributeMatrix(
                axis: axis, columns: sorted, base: permuted(base), totalBase: totalBase, rows: rows, scope: scope)
        }
    }

    /// `kader export matrix` over a corpus walked document by document
    /// (``AnalysisCorpus/stream(project:coders:documents:_:)``): the matrix
    /// ``build(_:units:by:codes:scope:)`` gives for the corpus ``AnalysisCorpus/load(project:coders:documents:codings:loaded:)``
    /// loads, its units filtered by `filter`, in the memory of one batch of documents.
    ///
    /// `filter` gives the `--where`, `--role` and `--speaker` clauses joined (nil: every unit);
    /// it is called before the walk and again after it, so that its parse errors come where the
    /// loaded corpus's checks put them. `codes`: `--code` ids, each with its sub-codes unless
    /// `exact`. `loaded` sees the outline once every document was read (for warnings), before
    /// the names are checked.
    /// - Throws: as ``AnalysisCorpus/load(project:coders:documents:codings:loaded:)``; then, in
    ///   this order, ``AnalysisError/unknownAttribute(_:known:)`` for the axis, what `filter`
    ///   throws, ``AnalysisError`` for an unknown name in it, ``ExportError/unknownCode(id:)``.
    public static func stream(
        project: Project, coders: [CoderName] = [], documents: [DocumentID] = [], by axis: String,
        filter: () throws -> FilterExpression?, codes: [String] = [], exact: Bool = false,
        loaded: (AnalysisOutline) -> Void = { _ in }
    ) throws -> AttributeMatrix {
        let tree = CodeTree(project.codebook)
        // Attribute names are known only once every document was read: they are checked then,
        // and a filter that fails now is built again then to throw in its turn.
        var early: SegmentFilter?
        var failed = false
        do {
            early = try filter().map { try SegmentFilter($0, tree: tree, attributes: nil) }
        } catch {
            failed = true
        }
        var selected: Set<String> = []
        for id in codes where tree.contains(id) { selected.formUnion(exact ? [id] : tree.subtree[id] ?? [id]) }
        var counter = Counter(axis: axis, tree: tree, codes: selected)
        let outline = try AnalysisCorpus.stream(project: project, coders: coders, documents: documents) { doc in
            guard !failed else { return }
            counter.add(doc, units: early.map { $0.matches(in: doc) } ?? SegmentFilter.units(of: doc))
        }
        loaded(outline)
        try outline.checkAxis(axis)
        if let expression = try filter() {
            _ = try SegmentFilter(expression, tree: tree, attributes: Set(outline.attributeNames))
        }
        for id in codes where !tree.contains(id) { throw ExportError.unknownCode(id: id) }
        return counter.matrix()
    }
}
