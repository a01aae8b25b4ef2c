import Foundation

@testable import KaderCore

/// A small project with two coders (spans, memos, a document memo) for export and exchange tests.
enum ExportFixture {
    static let transcript = """
        ---
        title: Focusgroep school B
        type: focusgroep
        site: school B
        speakers:
          Moderator:
            role: moderator
            codable: false
          Mieke:
            role: leerkracht
          Geert:
            role: directeur
        ---

        [00:12:40] Moderator: Wat is er gebleven van het afstandsonderwijs?

        [00:12:45] Mieke: De weekplanning is gebleven. Elke leerling weet op maandag wat er moet gebeuren, en dat geeft rust.

        [00:13:10] Geert: Als directeur zag ik vooral dat de werkdruk enorm steeg. Iedereen was 's avonds nog bezig met mails.

        [00:13:50] Mieke: Voor kinderen zonder laptop was het drama. Café-uitbaters, één ouder, vier kinderen: één toestel.
        """

    static let interview = """
        ---
        title: Interview expert
        type: interview
        site: online
        speakers:
          Interviewer:
            role: interviewer
            codable: false
          Expert:
            role: expert
        ---

        Interviewer: Wat blijft er over?

        Expert: Thuis leren mag nooit hetzelfde worden als uit beeld verdwijnen.
        """

    /// Creates the project in a fresh temporary folder; returns its root.
    static func make(codings: Bool = true) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent(
            "kader-export-\(UUID().uuidString.prefix(8))")
        try Project.initialize(at: root)
        try transcript.write(
            to: root.appendingPathComponent("Transcripts/focusgroep-school-b.md"), atomically: true, encoding: .utf8)
        try interview.write(
            to: root.appendingPathComponent("Transcripts/interview-expert.md"), atomically: true, encoding: .utf8)
        if codings { try code(root) }
        return root
    }

    static func code(_ root: URL) throws {
        let project = try Project(root: root)
        let fg = try project.loadDocument(path: "Transcripts/focusgroep-school-b.md")
        let iv = try project.loadDocument(path: "Transcripts/interview-expert.md")
        let t = "2026-03-01T10:00:00Z"
        do {
            let ann = try CodingStore(projectRoot: root, coder: "ann")
            var f = try ann.load(document: fg)
            f = f.settingCodes(["stroomlijning", "veranderingsprocessen"], on: fg.segments[1], at: t)
            f = f.settingCodes(["werkdruk"], on: fg.segments[2], at: t)
            let s3 = fg.segments[3]
            f = f.settingCodes(["digitale-kloof"], on: s3, at: t).settingSpans(
                [QuoteSpan(start: s3.start, end: s3.start + 42)], code: "digitale-kloof", on: s3, at: t)
            f = f.settingMemo("Sterk citaat over \"toegang\" & gezin", on: s3, at: t)
            f.memo = "Document memo van ann."
            try ann.save(f)
            var g = try ann.load(document: iv)
            g = g.settingCodes(["gelijke-onderwijskansen"], on: iv.segments[1], at: t)
            try ann.save(g)
        }
        let ben = try CodingStore(projectRoot: root, coder: "ben")
        var f = try ben.load(document: fg)
        f = f.settingCodes(["werkdruk", "welbevinden"], on: fg.segments[2], at: t)
        f = f.settingCodes(["digitale-kloof"], on: fg.segments[3], at: t)
        f = f.settingMemo("Alleen een memo.", on: fg.segments[1], at: t)
        try ben.save(f)
    }

    /// Every coder's codings by coder and document, for comparison.
    static func codings(_ root: URL) throws -> [String: [SegmentCoding]] {
        let project = try Project(root: root)
        let (_, files) = try QuoteCollection.loadAll(project: project)
        return Dictionary(uniqueKeysWithValues: files.map { ("\($0.coder)/\($0.document)", $0.codings) })
    }
}
