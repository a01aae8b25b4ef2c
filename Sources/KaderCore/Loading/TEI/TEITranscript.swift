import Foundation

/// TEI transcripts with `<u>` utterances (ParlaMint and TEI spoken-language corpora).
///
/// Each `<u>` in `<text>` is a turn. Its paragraphs are the `<seg>` elements (or the `<u>`'s own
/// text when it has no `<seg>`), with XML whitespace collapsed; editorial `<note>`/`<desc>` text
/// inside the `<u>` is kept as data. The speaker name comes from the `<note type="speaker">` just
/// before the `<u>` (`01.01 Annick Ponthier (VB):` → `Annick Ponthier`), else from `who` without
/// its `#`. `ana="#chair"` gives the role `chair` (not codable by default). The header's first
/// `<title>` becomes the document title.
///
/// Constructed text (``TextAssembler``): per turn the speaker note as written (or `Name:`) and a
/// space, then one line per `<seg>`; turns separated by a blank line.
final class TEITranscript: SafeXMLHandler {
    private var assembler = TextAssembler()
    private var inText = false
    private var sawRoot = false
    private var utterances = 0
    private var speakerNote: String?
    private var collectingNote = false
    private var noteText = ""
    private var title: String?
    private var collectingTitle = false
    private var titleText = ""
    private var who: String?
    private var ana: String?
    private var inU = false
    private var paragraph = ""
    private var turnStarted = false

    static func load(_ data: Data, path: String) throws -> FormatParse {
        if data.isEmpty { throw LoaderError.empty(path: path) }
        if let kind = BinarySignature.detect([UInt8](data.prefix(8))) {
            throw LoaderError.binary(path: path, detail: "it looks like \(kind)")
        }
        let reader = TEITranscript()
        let encoding: String
        do {
            encoding = try SafeXMLParser.parse(data, handler: reader)
        } catch {
            throw LoaderError.malformed(path: path, detail: "\(error.detail), so it cannot be read as TEI")
        }
        guard reader.sawRoot else {
            throw LoaderError.malformed(path: path, detail: "this XML file is not TEI (it has no <TEI> root element)")
        }
        let (bytes, turns) = reader.assembler.finish()
        var warnings = PlainTextSegmenter.labelVariantWarnings(turns)
        if reader.utterances == 0 { warnings.append("no <u> utterances found in the TEI text") }
        return FormatParse(
            format: .tei, bytes: bytes, turns: turns, encoding: SourceEncoding(rawValue: encoding),
            lineEndings: .notApplicableXML,
            labelPattern: "TEI <u who> with <note type=\"speaker\">", warnings: warnings,
            frontMatter: reader.title.map { DocumentMetadata(title: $0) })
    }

    func start(_ tag: XMLTag) -> String? {
        let attributes = tag.attributes
        switch tag.localName {
        case "TEI", "teiCorpus": sawRoot = true
        case "title" where !inText && title == nil: collectingTitle = true
        case "text": inText = true
        case "note" where inText && !inU && attributes["type"] == "speaker":
            collectingNote = true
            noteText = ""
        case "u" where inText:
            inU = true
            utterances += 1
            who = attributes["who"].map { $0.hasPrefix("#") ? String($0.dropFirst()) : $0 }
            ana = attributes["ana"]
            paragraph = ""
            turnStarted = false
        case "seg", "note", "gap", "kinesic", "vocal", "incident", "p": if inU { flush() }
        default: break
        }
        return nil
    }

    func end(localName: String, qualifiedName: String) {
        switch localName {
        case "title" where collectingTitle:
            collectingTitle = false
            let t = collapse(titleText)
            if !t.isEmpty { title = t }
        case "note" where collectingNote:
            collectingNote = false
            speakerNote = collapse(noteText)
        case "u" where inU:
            flush()
            if turnStarted { assembler.finishTurn() }
            inU = false
            speakerNote = nil
        case "seg", "note", "gap", "kinesic", "vocal", "incident", "p": if inU { flush() }
        case "text": inText = false
        default: break
        }
    }

    func characters(_ string: String) {
        if collectingTitle { titleText += string }
        if collectingNote { noteText += string } else if inU { paragraph += string }
    }

    private func flush() {
        let text = collapse(paragraph)
        paragraph = ""
        guard !text.isEmpty else { return }
        if !turnStarted {
            let (name, prefix) = speakerName()
            let role = ana.flatMap { $0.split(separator: " ").first }.map { String($0.drop { $0 == "#" }) }
            assembler.startTurn(speaker: name, role: role == "regular" ? nil : role, prefix: prefix)
            turnStarted = true
        }
        assembler.appendParagraph(text)
    }

    /// The speaker name and the label written before the turn.
    private func speakerName() -> (String?, String) {
        if let note = speakerNote, !note.isEmpty {
            var n = Substring(note.hasSuffix(":") ? String(note.dropLast()) : note)
            if let first = n.split(separator: " ").first, first.allSatisfy({ $0.isNumber || $0 == "." }),
                first.count < n.count
            {
                n = n.dropFirst(first.count).drop { $0 == " " }
            }
            if n.hasSuffix(")"), let open = n.lastIndex(of: "(") { n = n[..<open] }
            let name = n.trimmingCharacters(in: .whitespaces)
            if !name.isEmpty { return (name, note + " ") }
        }
        guard let who, !who.isEmpty else { return (nil, "") }
        return (who, who + ": ")
    }

    private func collapse(_ s: String) -> String {
        s.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).joined(separator: " ")
    }
}
