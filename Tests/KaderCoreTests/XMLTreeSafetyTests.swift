import Foundation
import Testing

@testable import KaderCore

/// Inputs that crashed FoundationXML on Linux come back as errors (or parse) from the REFI-QDA reader
/// (found by mutating a .qdpx: invalid UTF-8 in an element name).
@Suite struct XMLTreeSafetyTests {
    @Test func invalidUTF8AndBadDeclarationsAreErrorsNotCrashes() {
        var bad = Data("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Project><".utf8)
        bad.append(contentsOf: [0xC3, 0x28, 0xFF])
        bad.append(Data(" name=\"x\"/></Project>".utf8))
        #expect(throws: ExchangeError.self) { try XMLTree.parse(bad, path: "project.qde") }
        #expect(throws: ExchangeError.self) { try XMLTree.parse(Data("<?xml?><Project/>".utf8), path: "project.qde") }
        // A processing instruction without data is well-formed (it crashed FoundationXML).
        #expect(
            (try? XMLTree.parse(Data("<?xml version=\"1.0\"?><Project><?pi?></Project>".utf8), path: "project.qde"))?
                .name == "Project")
        #expect((try? XMLTree.parse(Data("<Project name=\"é\"/>".utf8), path: "project.qde"))?.name == "Project")
    }
}
