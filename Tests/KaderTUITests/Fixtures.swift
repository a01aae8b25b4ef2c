import Foundation
import KaderCore
import KaderTestSupport

@testable import KaderTUI

/// Shared fixtures: a small codebook and a document with Dutch accents, a CJK name and an emoji.
enum Fixtures {
    static let codebook = Codebook(
        name: "Test",
        codes: [
            Code(
                id: "welbevinden", name: "Welbevinden", description: "Hoe leerlingen zich voelen. EN: well-being.",
                shortcut: "2"),
            Code(
                id: "digitalisering", name: "Digitalisering", description: "Digitale middelen. EN: digital tools.",
                shortcut: "4",
                children: [
                    Code(
                        id: "werkdruk", name: "Werkdruk", description: "Belasting door digitaal werk. EN: workload.",
                        shortcut: "i"),
                    Code(
                        id: "didactiek", name: "Didactiek",
                        description: "Lesgeven met digitale middelen. EN: didactics.", shortcut: "e"),
                ]),
        ])

    static let transcript = SampleTranscripts.multilingualFocusGroup

    /// A new project in a temporary folder holding ``transcript`` as
    /// `Transcripts/focusgroep-een.md`; the caller removes it.
    static func projectRoot() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("kader-tui-\(UUID().uuidString)")
        try Project.initialize(at: root)
        try transcript.write(
            to: root.appendingPathComponent("Transcripts/focusgroep-een.md"), atomically: true, encoding: .utf8)
        return root
    }

    static func document() throws -> Document {
        try TranscriptLoader().load(
            data: Data(transcript.utf8), path: "Transcripts/focusgroep-een.md", id: "focusgroep-een", format: .markdown)
    }

    /// A state with the fixture document open for coder `ann`.
    static func codingState() throws -> AppState {
        let doc = try document()
        var state = AppState(
            projectName: "demo", coder: "ann", codebook: codebook,
            documents: [
                DocumentEntry(path: "Transcripts/focusgroep-een.md", id: "focusgroep-een", codable: 3),
                DocumentEntry(path: "Transcripts/interview.md", id: "interview", status: .done, coded: 12, codable: 40),
            ])
        state.document = doc
        state.codings = CodingFile(coder: "ann", document: DocumentID(doc.id), contentHash: doc.contentHash)
        state.screen = .coding
        state.cursor = 1
        return state
    }
}
