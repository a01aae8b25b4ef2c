import Foundation
import KaderCore

/// Exports of the large project: coded quotes as CSV and a REFI-QDA .qdpx.
///
/// TODO(issue 8): KaderCore has no export API yet (another engineer is adding quotes CSV and
/// qdpx). When it lands, generate codings for the large project (see FirstFrame.ensureCodings),
/// time the export of every document and report median and peak memory against the targets.
enum Exports {
    static func run(_ ctx: BenchContext) throws -> [Row] {
        let label = BenchContext.sizeLabel(ctx.largeSize)
        return [
            .notMeasuredYet("export quotes CSV, \(label) project", target: "streaming; memory ≤ 3× corpus", why: "no quotes CSV export API in KaderCore yet"),
            .notMeasuredYet("export .qdpx, \(label) project", target: "streaming; memory ≤ 3× corpus", why: "no qdpx export API in KaderCore yet"),
        ]
    }
}
