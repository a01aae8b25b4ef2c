import Foundation

/// Words that look like speaker labels but are not (Dutch and English), and the plausibility test
/// every label passes.
extension SpeakerLabelMatcher {
    /// Words that introduce speech content, not speakers, when followed by a colon.
    static let stopWords: Set<String> = [
        "bijvoorbeeld", "vraag", "antwoord", "let op", "opmerking", "noot", "nota", "tip", "conclusie", "dus", "maar",
        "en", "want", "ook", "toen", "nu", "daarna", "eerst", "ten eerste", "ten tweede", "samengevat", "kortom",
        "note", "example", "question", "answer", "e.g", "i.e", "ps", "nb", "zie", "thema", "onderwerp", "stelling",
        "opdracht",
        "http", "https", "ftp", "mailto", "www", "om", "tot", "van", "dat", "wat", "hoe", "waarom", "punt", "vb",
        "ik", "je", "jij", "wij", "we", "hij", "zij", "ze", "het", "dit", "die", "er", "zo", "ja", "nee", "oké", "ok",
        "datum", "date", "tijd", "time", "duur", "plaats", "locatie", "transcribed by", "bron", "source", "titel",
        "title",
        "stap", "deel", "hoofdstuk", "bijlage", "figuur", "tabel", "advies", "probleem", "oplossing", "resultaat",
        "doel",
    ]
    /// Bracketed words that are transcription marks, not speakers.
    static let transcriptionMarks: Set<String> = [
        "onverstaanbaar", "onduidelijk", "lacht", "lachen", "gelach", "stilte", "pauze", "zucht", "naam", "naam school",
        "inaudible", "crosstalk", "laughs", "laughter", "pause", "silence", "unclear", "overlap", "door elkaar",
        "x", "anoniem", "geanonimiseerd", "school", "plaats", "ort", "name", "applaus", "hoest", "kucht", "knikt",
    ]
    /// Short replies that can stand alone on a line and must not become speakers.
    static let ownLineStopWords: Set<String> = [
        "ja", "nee", "oké", "ok", "okay", "juist", "inderdaad", "precies", "goed", "zeker", "klopt", "yes", "no",
        "right",
        "mmm", "hm", "hmm", "euh", "uh", "ah", "oh", "allez", "bon", "dank je", "dankjewel", "bedankt", "einde", "end",
    ]

    /// True when `label` can be a speaker: at most five words, not a stop word (nor starting with
    /// one), not three or more lower-case words (a sentence fragment such as `en toen zei ik`).
    static func plausibleLabel(_ label: String) -> Bool {
        let words = label.split(separator: " ")
        guard !words.isEmpty, words.count <= maxLabelWords else { return false }
        let lower = label.lowercased()
        if stopWords.contains(lower) || transcriptionMarks.contains(lower) { return false }
        if let first = words.first, stopWords.contains(first.lowercased()) { return false }
        if words.count >= 3, words.allSatisfy({ $0.first.map { $0.isLowercase } ?? false }) { return false }
        return true
    }

    /// True for a rejected label worth reporting (a stop word such as `Bijvoorbeeld`), as opposed
    /// to a long sentence fragment.
    static func looksLikeWord(_ label: String) -> Bool {
        let words = label.split(separator: " ")
        return !words.isEmpty && words.count <= 2
    }

    /// Lower-case name particles (`Jan de Vries`, `Ludwig van Beethoven`).
    static let nameParticles: Set<String> = [
        "de", "den", "der", "van", "von", "het", "'t", "ten", "ter", "la", "le", "du", "da", "di", "del", "della",
        "dos", "el", "al", "bin", "y", "e",
    ]

    /// True when a label used only once reads as a name, not a sentence: at most four words, and
    /// every word after the first starts with a capital or a digit or is a name particle
    /// (`Jan de Vries`, `Deelnemer 3`, `id2`). `Une chose en sa faveur` and `Wat we zagen` are not names.
    static func nameLike(_ label: String) -> Bool {
        let words = label.split(separator: " ")
        guard !words.isEmpty, words.count <= 4 else { return false }
        return words.dropFirst().allSatisfy { w in
            guard let f = w.first else { return false }
            return f.isUppercase || f.isNumber || nameParticles.contains(w.lowercased())
        }
    }
}
