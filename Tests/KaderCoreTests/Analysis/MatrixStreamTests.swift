import Foundation
import Testing

@testable import KaderCore

/// `kader export matrix` counted document by document (``AttributeMatrix/stream``) against the
/// matrix of the whole loaded corpus, and against the counting it replaced.
@Suite struct MatrixStreamTests {
    /// The counting before ``AttributeMatrix/Counter``: every unit of the corpus at once.
    static func reference(
        _ corpus: AnalysisCorpus, units allUnits: [AnalysisUnit], by axis: String, codes: Set<String>
    ) -> AttributeMatrix {
        let units = allUnits.filter { $0.coder != nil }
        let tree = corpus.tree
        let keys = units.map { corpus.value(of: $0, on: axis) ?? AttributeMatrix.none }
        let sorted = AnalysisCorpus.sortedValues(Set(keys))
        let column = Dictionary(uniqueKeysWithValues: sorted.enumerated().map { ($0.element, $0.offset) })
        let rowIndex = Dictionary(uniqueKeysWithValues: tree.order.enumerated().map { ($0.element, $0.offset) })
        var segs = [[Set<Int>]](repeating: [Set<Int>](repeating: [], count: sorted.count), count: tree.order.count)
        var cods = [[Int]](repeating: [Int](repeating: 0, count: sorted.count), count: tree.order.count)
        var baseSets = [Set<Int>](repeating: [], count: sorted.count)
        var allBase: Set<Int> = []
        for (n, u) in units.enumerated() {
            let c = column[keys[n]] ?? 0
            let key = u.document << 32 | u.segment
            baseSets[c].insert(key)
            allBase.insert(key)
            for code in corpus.codes(of: u) where codes.isEmpty || codes.contains(code) {
                for r in tree.lineage[code] ?? [] {
                    guard let ri = rowIndex[r] else { continue }
                    segs[ri][c].insert(key)
                    cods[ri][c] += 1
                }
            }
        }
        let rows = tree.order.enumerated().filter { codes.isEmpty || codes.contains($0.element) }.map { ri, id in
            AttributeMatrix.Row(
                codeId: id, path: tree.path[id] ?? id, depth: tree.depth[id] ?? 0, segments: segs[ri].map(\.count),
                codings: cods[ri], totalSegments: segs[ri].reduce(into: Set<Int>()) { $0.formUnion($1) }.count,
                totalCodings: cods[ri].reduce(0, +))
        }
        return AttributeMatrix(
            axis: axis, columns: sorted, base: baseSets.map(\.count), totalBase: allBase.count, rows: rows, scope: "")
    }

    @Test func streamedMatrixEqualsTheLoadedCorpusMatrix() throws {
        let dir = try AnalysisTestProject.make()
        defer { try? FileManager.default.removeItem(at: dir) }
        let project = try Project(root: dir)
        let corpus = try AnalysisCorpus.load(project: project)
        let filters: [String?] = [nil, "schooltype=secundair", "role!=moderator", "digitaal-toegang", "coder=bart"]
        var checked = 0
        for axis in ["document", "role", "speaker", "coder", "schooltype", "leerlingen", "vak"] {
            for text in filters {
                for (codes, exact) in [([String](), false), (["digitalisering"], false), (["digitalisering"], true)] {
                    let expression = try text.map(FilterExpression.parse)
                    let filter = try expression.map { try SegmentFilter($0, corpus: corpus) }
                    var selected: Set<String> = []
                    for id in codes { selected.formUnion(exact ? [id] : corpus.tree.subtree[id] ?? [id]) }
                    let units = corpus.units(where: filter)
                    let whole = AttributeMatrix.build(corpus, units: units, by: axis, codes: selected)
                    let streamed = try AttributeMatrix.stream(
                        project: project, by: axis, filter: { expression }, codes: codes, exact: exact)
                    #expect(streamed == whole, "\(axis) \(text ?? "-") \(codes) \(exact)")
                    #expect(whole == Self.reference(corpus, units: units, by: axis, codes: selected))
                    checked += 1
                }
            }
        }
        #expect(checked == 105)
    }

    @Test func namesAreCheckedInTheOrderOfTheLoadedCorpus() throws {
        let dir = try AnalysisTestProject.make()
        defer { try? FileManager.default.removeItem(at: dir) }
        let project = try Project(root: dir)
        func error(_ axis: String, _ filter: String?, _ codes: [String] = []) -> String {
            do {
                _ = try AttributeMatrix.stream(
                    project: project, by: axis, filter: { try filter.map(FilterExpression.parse) }, codes: codes)
                return "none"
            } catch {
                return "\(error)"
            }
        }
        #expect(error("schooltype", nil) == "none")
        #expect(error("kleur", nil).contains("kleur"))
        // The axis is checked before the filter, the filter's names in their order, codes last.
        #expect(error("kleur", "geen-code").contains("kleur"))
        #expect(error("schooltype", "kleur=rood and geen-code").contains("kleur"))
        #expect(error("schooltype", "geen-code and kleur=rood").contains("geen-code"))
        #expect(error("schooltype", "role=leerkracht", ["geen-code"]).contains("geen-code"))
        #expect(error("schooltype", "(((") != "none")
    }
}
