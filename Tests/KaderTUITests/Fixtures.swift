import Foundation
import KaderCore
@testable import KaderTUI

/// Shared fixtures: a small codebook and a document with Dutch accents, a CJK name and an emoji.
enum Fixtures {
    static let codebook = Codebook(name: "Test", codes: [
        Code(id: "welbevinden", name: "Welbevinden", description: "Hoe leerlingen zich voelen. EN: well-being.", shortcut: "2"),
        Code(id: "digitalisering", name: "Digitalisering", description: "Digitale middelen. EN: digital tools.", shortcut: "4", children: [
            Code(id: "werkdruk", name: "Werkdruk", description: "Belasting door digitaal werk. EN: workload.", shortcut: "i"),
            Code(id: "didactiek", name: "Didactiek", description: "Lesgeven met digitale middelen. EN: didactics.", shortcut: "e"),
        ]),
    ])

    static let transcript = """
    ---
    title: Focusgroep één
    type: focusgroep
    site: school Ë
    speakers:
      Moderator:
        role: moderator
        codable: false
      Anaïs:
        role: leerkracht
      王芳:
        role: ict-coördinator
    ---

    [00:00:05] Moderator: Goeiemiddag, wat was voor jullie het moeilijkste?

    [00:00:20] Anaïs: Da's simpel: de werkdruk. Elke avond nog berichten beantwoorden op Smartschool, ge kunt da nie volhouden.

    [00:01:02] 王芳: Wij hebben dan afgesproken: één platform voor alles 🎉 en dat heeft echt geholpen.

    [00:01:40] Anaïs: Ja, en de leerlingen vonden dat ook duidelijker, zeker de jongsten.
    """

    static func document() -> Document {
        try! TranscriptLoader().load(data: Data(transcript.utf8), path: "Transcripts/focusgroep-een.md", id: "focusgroep-een", format: .markdown)
    }

    /// A state with the fixture document open for coder `ann`.
    static func codingState() -> AppState {
        let doc = document()
        var state = AppState(projectName: "demo", coder: "ann", codebook: codebook, documents: [
            DocumentEntry(path: "Transcripts/focusgroep-een.md", id: "focusgroep-een", codable: 3),
            DocumentEntry(path: "Transcripts/interview.md", id: "interview", status: .done, coded: 12, codable: 40),
        ])
        state.document = doc
        state.codings = CodingFile(coder: "ann", document: doc.id, contentHash: doc.contentHash)
        state.screen = .coding
        state.cursor = 1
        return state
    }
}
