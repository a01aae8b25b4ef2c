import Foundation
import Testing

/// The HTML reports (matrix, co-occurrence, word frequencies) rendered by headless Chromium:
/// the charts are in the page as SVG, with the number tables, and Chromium reports no errors.
@Suite(.serialized) struct ChromiumRenderTests {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static var chromium: URL? {
        for path in ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/local/bin/chromium", "/snap/bin/chromium"]
        where FileManager.default.isExecutableFile(atPath: path) {
            return URL(fileURLWithPath: path)
        }
        return nil
    }

    static var available: Bool { chromium != nil && Harness.binary != nil }

    func render(_ page: URL, in dir: URL) throws -> (dom: String, log: String, screenshot: Data?) {
        let browser = try #require(Self.chromium)
        let profile = dir.appendingPathComponent("profile-\(UUID().uuidString)")
        let common = [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--user-data-dir=\(profile.path)",
            "--enable-logging=stderr", "--v=0", "--window-size=1200,2400",
        ]
        let dom = try Harness.run(browser, common + ["--dump-dom", page.absoluteString], timeout: 120)
        let shot = dir.appendingPathComponent(page.deletingPathExtension().lastPathComponent + ".png")
        let capture = try Harness.run(
            browser, common + ["--screenshot=\(shot.path)", page.absoluteString], timeout: 120)
        return (dom.stdout, dom.stderr + capture.stderr, try? Data(contentsOf: shot))
    }

    @Test(.enabled(if: ChromiumRenderTests.available)) func chartsRenderWithoutErrors() throws {
        let kader = try #require(Harness.binary)
        let dir = try Harness.tempDir("kader-chromium")
        defer { try? FileManager.default.removeItem(at: dir) }
        let pages: [(name: String, args: [String], chart: String, table: String)] = [
            (
                "matrix", ["export", "matrix", "--by", "role", "--format", "html"], "class=\"chart bars\"",
                "Codable segments"
            ),
            (
                "cooccur", ["cooccur", "--coder", "demo-an", "--level", "category", "--format", "html"],
                "class=\"chart heatmap\"", "share of A"
            ),
            ("words", ["words", "--by", "type", "--format", "html"], "class=\"chart bars\"", "<th>total</th>"),
        ]
        for p in pages {
            let file = dir.appendingPathComponent(p.name + ".html")
            let r = try Harness.run(kader, p.args + ["--project", Self.repo.path, "-o", file.path])
            #expect(r.status == 0, "\(p.name): \(r.stderr)")
            let source = try String(contentsOf: file, encoding: .utf8)
            #expect(
                !source.contains("<script") && !source.contains("src=") && !source.contains("<link")
                    && !source.contains("url("), "\(p.name) loads nothing external")
            let (dom, log, png) = try render(file, in: dir)
            #expect(dom.contains(p.chart), "\(p.name): the chart is in the rendered page")
            #expect(dom.contains(p.table), "\(p.name): the numbers table is in the rendered page")
            // Every bar or cell of the source survives parsing as an SVG element.
            let marks = source.components(separatedBy: "<rect").count - 1
            #expect(
                marks > 4 && dom.components(separatedBy: "<rect").count - 1 == marks,
                "\(p.name): \(marks) SVG rectangles")
            #expect(
                !log.contains("Uncaught") && !log.contains("CONSOLE(") && !log.lowercased().contains("error parsing"),
                "\(p.name): \(log)")
            let image = try #require(png, "\(p.name): no screenshot")
            #expect(
                image.count > 5_000 && image.starts(with: [0x89, 0x50, 0x4E, 0x47]), "\(p.name): screenshot is a PNG")
        }
    }
}
