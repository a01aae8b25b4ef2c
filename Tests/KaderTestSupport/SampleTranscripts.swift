/// Transcripts shared by the unit, TUI and end-to-end tests (one copy of each).
public enum SampleTranscripts {
    /// A Markdown focus group with front matter (a non-codable moderator), Dutch accents, a CJK
    /// speaker name and an emoji: 4 turns, 3 codable. The TUI tests and snapshots use it.
    public static let multilingualFocusGroup = """
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

    /// A Markdown focus group whose speakers carry roles in their labels (`Els (leerkracht):`):
    /// 4 turns, 3 codable. The end-to-end tests code it with the analysekader codebook.
    public static let focusGroup = """
        ---
        title: Focusgroep E2E
        type: focusgroep
        speakers:
          Moderator:
            role: moderator
            codable: false
        ---

        [00:00:05] Moderator: Hoe verliep het afstandsonderwijs bij jullie?

        [00:00:20] Els (leerkracht): Zwaar. De werkdruk was enorm, elke avond nog mails.

        [00:01:02] Koen (ict-coördinator): Wij hebben één platform gekozen, dat hielp de leerlingen.

        [00:01:40] Els (leerkracht): En de kinderen zonder laptop vielen uit de boot.
        """
}
