import ArgumentParser
import Foundation
import KaderCore

/// `kader attributes`: every document's and speaker's attributes, and conflicts with Attributes.csv.
struct AttributesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attributes",
        abstract:
            "Show the attributes of documents and speakers (front matter, sidecars, Attributes.csv); exit 1 on conflicts.",
        discussion: """
            Any key of a transcript's front matter or sidecar is a document attribute; keys under a speaker \
            (besides role and codable) are speaker attributes. Attributes.csv at the project root adds more: a \
            document column (id or file name) and/or a speaker column, one column per attribute. Where it \
            disagrees with the front matter, the front matter is used and the conflict is listed.
            """
    )

    @OptionGroup var options: ProjectOptions

    @Flag(name: .long, help: "JSON: documents with their attributes and speakers.")
    var json = false

    func run() throws {
        try CLI.run {
            let corpus = try AnalysisCorpus.load(project: try options.open(), codings: false)
            if json {
                struct JDoc: Encodable {
                    var document: String
                    var attributes: Attributes
                    var speakers: [String: Attributes]
                }
                struct Doc: Encodable {
                    var documents: [JDoc]
                    var conflicts: [AttributeConflict]
                }
                let enc = JSONEncoder()
                enc.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                let doc = Doc(
                    documents: corpus.documents.map {
                        JDoc(
                            document: $0.document.id, attributes: $0.attributes.document,
                            speakers: $0.attributes.speakers)
                    },
                    conflicts: corpus.conflicts)
                try emit(try enc.encode(doc) + Data([0x0A]), to: nil)
            } else {
                var rows: [[String]] = []
                for d in corpus.documents {
                    for (k, v) in d.attributes.document.sorted(by: { $0.key < $1.key }) {
                        rows.append([d.document.id, "", k, v.text, v.kind.rawValue])
                    }
                    for s in d.attributes.speakerNames {
                        for (k, v) in (d.attributes.speakers[s] ?? [:]).sorted(by: { $0.key < $1.key }) {
                            rows.append([d.document.id, s, k, v.text, v.kind.rawValue])
                        }
                    }
                }
                print(TextTable.render(header: ["document", "speaker", "attribute", "value", "type"], rows: rows))
            }
            for c in corpus.conflicts {
                FileHandle.standardError.write(Data(TerminalSafe.clean("kader: \(c.message)\n").utf8))
            }
            if !corpus.conflicts.isEmpty { throw ExitCode(1) }
        }
    }
}

/// Attributes in one line (`schooltype=secundair, regio=Gent`), for `segments` and `status`.
enum AttributeSummary {
    static func describe(_ attributes: Attributes, skipping: Set<String>) -> String {
        attributes.filter { !skipping.contains($0.key) }.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.text)" }
            .joined(separator: ", ")
    }

    /// For `kader status`: each document's attributes (title, type, site and date left out, as
    /// the table above names the document) and its speakers' own attributes; conflicts with
    /// Attributes.csv on stderr. Prints nothing when there are none.
    static func printTable(_ project: Project, documents: [Document]? = nil) {
        guard let corpus = try? AnalysisCorpus.load(project: project, codings: false, loaded: documents) else {
            return
        }
        var rows: [[String]] = []
        for d in corpus.documents {
            let own = describe(d.attributes.document, skipping: ["title", "type", "site", "date"])
            let speakers = d.attributes.speakerNames.compactMap { name -> String? in
                let a = describe(d.attributes.speakers[name] ?? [:], skipping: ["role"])
                return a.isEmpty ? nil : "\(name): \(a)"
            }.joined(separator: "; ")
            if !own.isEmpty || !speakers.isEmpty { rows.append([d.document.id, own, speakers]) }
        }
        if !rows.isEmpty {
            print("")
            print(TextTable.render(header: ["document", "attributes", "speaker attributes"], rows: rows))
        }
        warnAboutConflicts(corpus)
    }
}
