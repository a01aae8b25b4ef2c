import Foundation

@testable import KaderCore

/// A small project on disk for the analysis tests: two transcripts with attributes and a coder.
enum AnalysisTestProject {
    static let codebook = """
        name: Test
        codes:
        - id: digitalisering
          name: Digitalisering
          children:
          - id: digitaal-toegang
            name: Toegang
          - id: digitaal-werkdruk
            name: Werkdruk
        - id: welbevinden
          name: Welbevinden
          children:
          - id: welbevinden-leerlingen
            name: Welbevinden van leerlingen
        """

    static let schoolA = """
        ---
        title: School A
        type: focusgroep
        schooltype: secundair
        leerlingen: 850
        speakers:
          Moderator: {role: moderator, codable: false}
          Els: {role: leerkracht, jaren-ervaring: 12}
          Koen: {role: ict-coördinator, vak: informatica}
        ---

        Moderator: Hoe ging het?

        Els: De laptops kwamen te laat. Digitale vaardigheden ontbraken.

        Koen: Ik heb elke laptop zelf geïnstalleerd, de werkdruk was enorm.

        Els: Sommige leerlingen zaten thuis zonder internet.

        Koen: Het welbevinden van de leerkrachten kreeg weinig aandacht.
        """

    static let schoolB = """
        ---
        title: School B
        type: focusgroep
        schooltype: basis
        leerlingen: 210
        speakers:
          Moderator: {role: moderator, codable: false}
          Mieke: {role: leerkracht}
        ---

        Moderator: En bij jullie?

        Mieke: Wij hadden geen laptops, alles ging op papier. Café-uitbaters, één ouder: één toestel.
        """

    /// Creates the project; coder `ann` codes A's segments 2-5 and B's segment 2.
    static func make() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kader-analysis-\(UUID().uuidString)")
        try Project.initialize(at: dir)
        try codebook.write(
            to: dir.appendingPathComponent("Codebooks/analysekader.yaml"), atomically: true, encoding: .utf8)
        try schoolA.write(to: dir.appendingPathComponent("Transcripts/school-a.md"), atomically: true, encoding: .utf8)
        try schoolB.write(to: dir.appendingPathComponent("Transcripts/school-b.md"), atomically: true, encoding: .utf8)
        let project = try Project(root: dir)
        let a = try project.loadDocument(path: "Transcripts/school-a.md")
        let b = try project.loadDocument(path: "Transcripts/school-b.md")
        let store = try CodingStore(projectRoot: dir, coder: "ann")
        let t = "2026-03-01T10:00:00Z"
        var fa = try store.load(document: a)
        fa = fa.settingCodes(["digitaal-toegang"], on: a.segments[1], at: t)
        fa = fa.settingCodes(["digitaal-toegang", "digitaal-werkdruk"], on: a.segments[2], at: t)
        fa = fa.settingCodes(["digitaal-toegang", "welbevinden-leerlingen"], on: a.segments[3], at: t)
        fa = fa.settingCodes(["welbevinden"], on: a.segments[4], at: t)
        try store.save(fa)
        var fb = try store.load(document: b)
        fb = fb.settingCodes(["digitaal-toegang", "welbevinden-leerlingen"], on: b.segments[1], at: t)
        try store.save(fb)
        let bart = try CodingStore(projectRoot: dir, coder: "bart")
        var ga = try bart.load(document: a)
        ga = ga.settingCodes(["welbevinden"], on: a.segments[1], at: t)
        try bart.save(ga)
        return dir
    }
}
