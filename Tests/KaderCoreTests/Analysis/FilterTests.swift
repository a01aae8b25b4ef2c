import Foundation
import Testing

@testable import KaderCore

@Suite struct FilterExpressionTests {
    @Test func precedenceIsNotThenNearThenAndThenOr() throws {
        let e = try FilterExpression.parse("a or b and not c near/2/speaker d")
        #expect(
            e
                == .or(
                    .code("a", exact: false),
                    .and(
                        .code("b", exact: false),
                        .near(.not(.code("c", exact: false)), .code("d", exact: false), distance: 2, bySpeaker: true))))
        #expect(
            try FilterExpression.parse("(a or b) and role!='ict coördinator'")
                == .and(
                    .or(.code("a", exact: false), .code("b", exact: false)),
                    .compare(field: "role", op: .notEqual, value: "ict coördinator")))
        #expect(
            try FilterExpression.parse("jaren-ervaring>=10")
                == .compare(field: "jaren-ervaring", op: .greaterOrEqual, value: "10"))
        #expect(try FilterExpression.parse("code==x") == .compare(field: "code", op: .exactly, value: "x"))
    }

    @Test func errorsNameThePosition() {
        #expect(
            throws: AnalysisError.badExpression(
                expression: "a and (b or c", position: 14, detail: "a \"(\" is not closed")
        ) {
            try FilterExpression.parse("a and (b or c")
        }
        #expect(
            throws: AnalysisError.badExpression(
                expression: "a and", position: 6, detail: "the expression ends where a code or a condition is expected")
        ) {
            try FilterExpression.parse("a and")
        }
        #expect(throws: AnalysisError.self) { try FilterExpression.parse("a near/x b") }
        #expect(throws: AnalysisError.self) { try FilterExpression.parse("role='open") }
    }

    @Test func attributeValuesAreTyped() {
        #expect(AttributeValue("12").kind == .number && AttributeValue("4,5").number == 4.5)
        #expect(AttributeValue("2026-03-12").isoDate == "2026-03-12")
        #expect(AttributeValue("12/03/2026").isoDate == "2026-03-12")
        // A date part too long for an Int is text (it used to crash the parser).
        #expect(AttributeValue("2026-03-99999999999999999999").kind == .text)
        #expect(AttributeValue("school A").kind == .text && AttributeValue("1.2.3").kind == .text)
        #expect(AttributeValue("9").compare(AttributeValue("10")) == .orderedAscending)
        #expect(AttributeValue("Secundair").matches(AttributeValue("secundair")))
        #expect(AttributeValue("ICT-Coördinator").matches(AttributeValue("ict-coordinator")))
    }

    @Test func frontMatterKeysBecomeAttributes() throws {
        let meta = try FrontMatter.parseMetadata(
            "title: X\nschooltype: secundair\nRegio: Gent\nvakken: [wiskunde, fysica]\nspeakers:\n  Els: {role: leerkracht, jaren-ervaring: 12}\n",
            path: "x.md")
        #expect(meta.attributes["schooltype"]?.text == "secundair")
        #expect(meta.attributes["regio"]?.text == "Gent")
        #expect(meta.attributes["vakken"]?.text == "wiskunde, fysica")
        #expect(meta.attributes["title"]?.text == "X")
        #expect(meta.attributes["speakers"] == nil)
        #expect(meta.speakers["Els"]?.attributes["jaren-ervaring"]?.number == 12)
        #expect(meta.speakers["Els"]?.attributes["role"] == nil)
    }

    @Test func attributesTableFillsGapsAndReportsConflicts() throws {
        let dir = try AnalysisTestProject.make()
        defer { try? FileManager.default.removeItem(at: dir) }
        try
            "document;speaker;schooltype;regio;vak\nschool-a;;lager;Gent;\nschool-b.md;;;Brugge;\n;Mieke;;;taal\nschool-a;Els;;;wiskunde\n"
            .write(to: dir.appendingPathComponent("Attributes.csv"), atomically: true, encoding: .utf8)
        let corpus = try AnalysisCorpus.load(project: try Project(root: dir))
        let a = corpus.documents[0].attributes
        let b = corpus.documents[1].attributes
        #expect(a.document["schooltype"]?.text == "secundair")
        #expect(a.document["regio"]?.text == "Gent" && b.document["regio"]?.text == "Brugge")
        #expect(a.speakers["Els"]?["vak"]?.text == "wiskunde" && b.speakers["Mieke"]?["vak"]?.text == "taal")
        #expect(
            corpus.conflicts == [
                AttributeConflict(
                    document: "school-a", subject: "document", attribute: "schooltype", frontMatter: "secundair",
                    table: "lager")
            ])
        #expect(
            throws: AnalysisError.badAttributesTable(
                path: "Attributes.csv", detail: "needs a column named document or speaker")
        ) {
            try AttributesTable.parse(Data("name,x\na,b\n".utf8), path: "Attributes.csv")
        }
    }

    @Test func filterEvaluatesCodesFieldsAttributesAndNear() throws {
        let dir = try AnalysisTestProject.make()
        defer { try? FileManager.default.removeItem(at: dir) }
        let corpus = try AnalysisCorpus.load(project: try Project(root: dir))
        func hits(_ q: String) throws -> [String] {
            try SegmentFilter(parsing: q, corpus: corpus).matches(in: corpus).map {
                "\(corpus.documents[$0.document].document.id)#\(corpus.documents[$0.document].document.segments[$0.segment].ordinal)/\($0.coder ?? "-")"
            }
        }
        #expect(try hits("digitalisering and welbevinden") == ["school-a#4/ann", "school-b#2/ann"])
        #expect(
            try hits("Toegang and not schooltype=basis and coder=ann") == [
                "school-a#2/ann", "school-a#3/ann", "school-a#4/ann",
            ])
        #expect(try hits("code==welbevinden") == ["school-a#2/bart", "school-a#5/ann"])
        #expect(try hits("welbevinden and jaren-ervaring>=10") == ["school-a#2/bart", "school-a#4/ann"])
        #expect(try hits("leerlingen<500 and role=leerkracht and coder=ann") == ["school-b#2/ann"])
        #expect(try hits("role=ict* and digitaal-werkdruk") == ["school-a#3/ann"])
        // Within 1 codable segment of the document; of the same speaker (Koen: #3, #5).
        #expect(try hits("digitaal-werkdruk near welbevinden") == ["school-a#3/ann"])
        #expect(try hits("digitaal-werkdruk near/1/speaker code==welbevinden") == ["school-a#3/ann"])
        #expect(try hits("digitaal-werkdruk near/0 welbevinden").isEmpty)
        #expect(throws: AnalysisError.self) { try hits("nosuchcode") }
        #expect(
            throws: AnalysisError.unknownAttribute(
                "regio",
                known: [
                    "coder", "document", "speaker", "role", "jaren-ervaring", "leerlingen", "role", "schooltype",
                    "title", "type", "vak",
                ])
        ) {
            try hits("regio=gent")
        }
    }
}
