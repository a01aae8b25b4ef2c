import Foundation
import KaderCore
import Testing

@testable import KaderTUI

/// Counts of one in the analysis screens read "1 segment", "1 document", not "1 segments": a
/// project with one document, a `where` expression that passes one segment, a search with one
/// hit coded.
@Suite struct SingularCountTests {
    @Test func oneSegmentAndOneDocumentAreSingular() throws {
        let root = try Fixtures.projectRoot()
        defer { try? FileManager.default.removeItem(at: root) }
        let app = AppController(
            project: try Project(root: root), store: try CodingStore(projectRoot: root, coder: "ann", journal: true))
        #expect(app.frame(width: 100, height: 30).text.contains("│ 1 document │"))
        app.handle(.char("O"))
        #expect(app.frame(width: 100, height: 30).text.contains("every coder over the 1 document (details"))
        app.handle(.escape)
        try app.open(documentNamed: "focusgroep-een")
        for key: Key in [.char("f"), .char("w")] { app.handle(key) }
        AnalysisTUITests.type("role=ict-coördinator", into: app)
        app.handle(.enter)
        #expect(app.state.message?.text == "Where role=ict-coördinator: 1 segment shown.")
        #expect(app.frame(width: 100, height: 30).text.contains("Enter or Esc closes; 1 segment shown."))
        app.handle(.escape)
        app.handle(.char("*"))
        AnalysisTUITests.type("platform", into: app)
        app.handle(.enter)
        app.handle(.char("c"))
        #expect(app.state.message?.text.hasPrefix("Code the 1 listed segment with which code?") == true)
        AnalysisTUITests.type("werkdruk", into: app)
        app.handle(.enter)
        #expect(app.state.message?.text.hasPrefix("Code 1 segment in 1 document with Werkdruk?") == true)
        app.handle(.char("y"))
        #expect(app.state.message?.text.hasPrefix("Coded 1 segment in 1 document with Werkdruk for ann") == true)
        app.handle(.escape)
        app.handle(.char("u"))
        #expect(app.state.message?.text.hasPrefix("Undone: the coding of 1 segment with") == true)
    }
}
