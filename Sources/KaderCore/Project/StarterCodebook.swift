/// The codebook `kader init` writes: the four categories of the analysis frame with the
/// digitalisation sub-themes, ready to extend.
enum StarterCodebook {
    static let yaml = """
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
