import Foundation

/// The codebook `kader init` starts a project with (`kader init --codebook …`).
public enum StarterCodebook: Sendable, Equatable {
    /// An empty codebook (`Codebooks/codebook.yaml`, no codes): the default.
    case empty
    /// The sample study's Dutch analysis frame on digitalisation in schools (``analysekaderYAML``).
    case analysekader
    /// A codebook of your own: a `.qdc` (REFI-QDA), `.yaml`/`.yml` or `.json` file, checked and copied.
    case file(URL)

    /// `empty`, `analysekader`, or a file path.
    public init(argument: String) {
        switch argument {
        case "empty": self = .empty
        case "analysekader": self = .analysekader
        default: self = .file(URL(fileURLWithPath: argument))
        }
    }

    /// The file name under `Codebooks/` and its bytes, validated before anything is written.
    /// - Throws: ``CodebookError`` for a file that is not a valid codebook, ``ExchangeError`` for a
    ///   `.qdc` that cannot be read, ``ProjectError/io(path:detail:)`` for another extension.
    func contents() throws -> (name: String, data: Data) {
        switch self {
        case .empty:
            return ("codebook.yaml", Data(Self.emptyYAML.utf8))
        case .analysekader:
            return ("analysekader.yaml", Data(Self.analysekaderYAML.utf8))
        case .file(let url):
            let ext = url.pathExtension.lowercased()
            let base = TranscriptLoader.documentId(forFileName: url.deletingPathExtension().lastPathComponent + ".yaml")
            switch ext {
            case "yaml", "yml", "json":
                _ = try CodebookFile.load(url)
                guard let data = FileManager.default.contents(atPath: url.path) else {
                    throw CodebookError.unreadable(path: url.path, reason: "not readable")
                }
                return (base + (ext == "json" ? ".json" : ".yaml"), data)
            case "qdc":
                guard let data = FileManager.default.contents(atPath: url.path) else {
                    throw ExchangeError.io(path: url.path, detail: "cannot read the file")
                }
                let codes = try QDACodebookXML.readQDC(data, path: url.path)
                let book = CodebookMerge.merge(codes, into: nil, name: url.deletingPathExtension().lastPathComponent)
                    .codebook
                let problems = book.validationProblems()
                if !problems.isEmpty { throw CodebookError.problems(path: url.path, problems: problems) }
                let name = base + ".yaml"
                return (name, try CodebookData.encode(book, for: URL(fileURLWithPath: name)))
            default:
                throw ProjectError.io(
                    path: url.path,
                    detail: "a codebook is a .qdc, .yaml, .yml or .json file (or `empty`, `analysekader`)")
            }
        }
    }

    /// An empty codebook, with a comment saying how to add codes.
    static let emptyYAML = """
        # Kader codebook. Add codes here or in the TUI; each needs an id (stable: codings refer to
        # it) and a name, optionally a description, a one-key shortcut and children. Example:
        #
        #   codes:
        #     - id: workload
        #       name: Workload
        #       description: "Strain caused by the amount of work."
        #       shortcut: "1"
        name: Codebook
        version: 1
        codes: []

        """

    /// The analysis frame of the sample study: four categories with the digitalisation
    /// sub-themes, in Dutch with English glosses.
    static let analysekaderYAML = """
        name: Analysekader
        version: 1
        codes:
          - id: veranderingsprocessen
            name: Veranderingsprocessen
            description: "Hoe de school verandert: visie, leiderschap, professionalisering. EN: How the school changes: vision, leadership, professional development."
            shortcut: "1"
            color: "#4e79a7"
          - id: welbevinden
            name: Welbevinden
            description: "Hoe leerlingen en personeel zich voelen. EN: How pupils and staff feel."
            shortcut: "2"
            color: "#59a14f"
          - id: gelijke-onderwijskansen
            name: Gelijke onderwijskansen
            description: "Kansen van kwetsbare leerlingen. EN: Opportunities of vulnerable pupils."
            shortcut: "3"
            color: "#f28e2b"
          - id: digitalisering
            name: Digitalisering
            description: "Het gebruik van digitale middelen in de school. EN: The use of digital tools in the school."
            shortcut: "4"
            color: "#e15759"
            children:
              - id: digitale-kloof
                name: Digitale kloof
                description: "Ongelijke toegang tot toestellen en internet. EN: Unequal access to devices and internet."
                shortcut: "a"
              - id: digitale-vaardigheden
                name: Digitale vaardigheden
                description: "Vaardigheden van leerlingen en leerkrachten. EN: Skills of pupils and teachers."
                shortcut: "b"
              - id: didactiek
                name: Didactiek
                description: "Hoe digitale middelen het lesgeven veranderen. EN: How digital tools change teaching."
                shortcut: "e"
              - id: structuur-zelfregulering
                name: Structuur en zelfregulering
                description: "Houvast en zelfsturing van leerlingen. EN: Structure and self-regulation of pupils."
                shortcut: "o"
              - id: stroomlijning
                name: Stroomlijning
                description: "Afspraken over platformen en kanalen. EN: Agreements on platforms and channels."
                shortcut: "h"
              - id: werkdruk
                name: Werkdruk
                description: "Belasting door digitaal werken. EN: Workload caused by digital work."
                shortcut: "i"
              - id: school-teamwerking
                name: School- en teamwerking
                description: "Samenwerking in het team rond digitalisering. EN: Team cooperation on digitalisation."
                shortcut: "l"

        """
}
