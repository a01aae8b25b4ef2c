import Foundation
import Testing

@testable import KaderCore

extension AgreementTests {
    /// Every rendering of `kader agree` on the sample project's demo codings (demo-an, demo-bart),
    /// pinned byte for byte. RECORD_SNAPSHOTS=1 rewrites the files under Golden/.
    @Suite struct AgreementReportGoldenTests {
        static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
        static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()

        static func agreement() throws -> (ProjectAgreement, Codebook) {
            let project = try Project(root: root)
            let units = try ProjectUnits(project: project, coders: ["demo-an", "demo-bart"], includeUnfinished: false)
            return (try ProjectAgreement(units: units, codebook: project.codebook), project.codebook)
        }

        static func check(_ name: String, _ actual: String) throws {
            let url = folder.appendingPathComponent(name)
            if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] != nil {
                try actual.write(to: url, atomically: true, encoding: .utf8)
                return
            }
            let expected = try String(contentsOf: url, encoding: .utf8)
            #expect(actual == expected, "\(name) differs from its golden file (RECORD_SNAPSHOTS=1 to accept)")
        }

        @Test func table() throws {
            let (a, cb) = try Self.agreement()
            try Self.check(
                "agree-table.txt",
                AgreementReportFormatter(agreement: a, codebook: cb, markdown: false, showDisagreements: true).render()
                    + "\n")
        }

        @Test func markdown() throws {
            let (a, cb) = try Self.agreement()
            let md =
                AgreementReportFormatter(agreement: a, codebook: cb, markdown: true, showDisagreements: true).render()
                + "\n"
            try Self.check("agree-md.md", md)
            // Each disagreement is a list item with a quote and one sub-item per coder.
            let item = try #require(md.range(of: "\n- **"))
            let block = md[item.upperBound...].prefix(600)
            #expect(
                block.contains("\n\n  > ") && block.contains("\n  - demo-an: ") && block.contains("\n  - demo-bart: "))
        }

        @Test func csv() throws {
            let (a, cb) = try Self.agreement()
            let data = try AgreementReportExport.csv(a, codebook: cb)
            let text = String(decoding: data, as: UTF8.self)
            #expect(text.contains("\r\n") && !text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
            try Self.check("agree.csv", text)
        }

        @Test func json() throws {
            let (a, cb) = try Self.agreement()
            let text = try AgreementReportExport.json(a, codebook: cb, disagreements: true) + "\n"
            try Self.check("agree.json", text)
            // Full precision: the pooled α reads back exactly.
            let obj = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            let pooled = ((obj["overall"] as? [String: Any])?["pooled"] as? [String: Any])?["alpha"] as? [String: Any]
            #expect(
                abs((pooled?["value"] as? Double ?? 0) - a.overall.report.overall.pooled.alpha.value.double!) < 1e-12)
        }
    }
}
