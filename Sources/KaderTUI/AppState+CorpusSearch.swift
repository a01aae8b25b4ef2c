import KaderCore

/// Key handling for the analysis half of the TUI: the `where` expression of the filter (`f`,
/// `w`) and the search across documents (`*`) with its hit list and coding of the hits.
extension AppState {
    /// The filter menu's `w`: a prompt holding the current expression.
    mutating func openWherePrompt() {
        mode = .prompt(Prompt(kind: .whereFilter, text: filter.expression?.text ?? ""))
        message = StatusMessage(
            "Codes (yours), role, speaker, document and attribute fields with and/or/not, e.g. role=leerkracht and not werkdruk, site='school A'. Empty clears it."
        )
    }

    /// Enter in the `where` prompt: an empty expression clears it; one the parser rejects keeps
    /// the prompt open with the parser's message (and the previous filter); else the controller
    /// resolves it against the codebook and attributes (``Effect/applyWhere(_:)``).
    mutating func submitWhere(_ text: String) -> [Effect] {
        guard !text.isEmpty else {
            filter.expression = nil
            mode = .filterMenu
            moveIntoFilter()
            message = StatusMessage("Where expression cleared.")
            return []
        }
        do {
            _ = try FilterExpression.parse(text)
        } catch {
            mode = .prompt(Prompt(kind: .whereFilter, text: text))
            message = StatusMessage("Not filtered: " + error.localizedDescription, isError: true)
            return []
        }
        mode = .filterMenu
        return [.applyWhere(text)]
    }

    /// `*`: the prompt for a search across documents, holding the last term.
    mutating func openCorpusSearchPrompt() {
        mode = .prompt(Prompt(kind: .corpusSearch))
        let last = corpusHits.map { " Last: \($0.term)." } ?? ""
        message = StatusMessage(
            "Words, case and accents ignored; * is a wildcard (werk*); a phrase is words in a row. Enter searches, Esc cancels."
                + last)
    }

    /// What the coding screen's search (`/`, `]`) looks for after a hit of `term` is opened:
    /// the term itself, or for a term with `*` its longest piece without one (`tablet*` → `tablet`),
    /// which finds at least every hit of the term in the text.
    static func textQuery(forTerm term: String) -> String {
        guard term.contains("*") else { return term }
        let pieces = term.split(separator: "*").map { $0.trimmingCharacters(in: .whitespaces) }
        return pieces.max { $0.count < $1.count } ?? term
    }

    /// Enter in the search-across-documents prompt.
    mutating func submitCorpusSearch(_ text: String) -> [Effect] {
        guard !text.isEmpty else { return [] }
        do {
            _ = try SearchPattern(text)
        } catch {
            mode = .prompt(Prompt(kind: .corpusSearch, text: text))
            message = StatusMessage("Not searched: " + error.localizedDescription, isError: true)
            return []
        }
        return [.searchCorpus(text)]
    }

    /// Keys in the hit list: move, Enter opens the hit's segment, `c` codes every listed segment
    /// (after a code is picked and the count confirmed), `/` or `*` searches again, Esc returns.
    mutating func corpusHitsKey(_ key: Key) -> [Effect] {
        guard var h = corpusHits else {
            mode = .normal
            return []
        }
        let last = max(0, h.rows.count - 1)
        let page = max(1, viewHeight - 7)
        message = nil
        switch key {
        case .down, .char("j"): h.selected = min(h.selected + 1, last)
        case .up, .char("k"): h.selected = max(h.selected - 1, 0)
        case .pageDown, .ctrl("f"): h.selected = min(h.selected + page, last)
        case .pageUp, .ctrl("b"): h.selected = max(h.selected - page, 0)
        case .home, .char("g"): h.selected = 0
        case .end, .char("G"): h.selected = last
        case .escape, .char("q"):
            mode = .normal
        case .enter:
            mode = .normal
            corpusHits = h
            guard h.rows.indices.contains(h.selected) else { return [] }
            let row = h.rows[h.selected]
            // The term stays the search of the opened document: its matches are highlighted
            // and ] goes to the next one (for `werk*`, every text with "werk").
            search = TextSearch(query: Self.textQuery(forTerm: h.term))
            return [.openDocument(row.documentIndex, segmentId: row.segmentId)]
        case .char("c"):
            corpusHits = h
            openCodeHitsPicker()
            return []
        case .char("/"), .char("*"):
            corpusHits = h
            openCorpusSearchPrompt()
            return []
        case .char("?"):
            message = StatusMessage(
                "j/k move · Enter opens the segment · c codes every listed segment with a code (asks first; u undoes) · / searches again · Esc returns."
            )
        default: break
        }
        corpusHits = h
        if mode != .normal { mode = .corpusHits }
        return []
    }

    /// `c` in the hit list: the code picker for coding every listed segment.
    mutating func openCodeHitsPicker() {
        guard let h = corpusHits, !h.rows.isEmpty else {
            message = StatusMessage("No hits to code.", isError: true)
            return
        }
        guard !readOnly else {
            message = StatusMessage(
                "Read-only: nothing is saved (another Kader holds this coder's lock, or --read-only).", isError: true)
            return
        }
        var p = CodePicker(purpose: .codeHits)
        p.refresh(entries: codeEntries, recent: recentCodes)
        mode = .picker(p)
        message = StatusMessage(
            "Code the \(h.segments.count) listed \(h.segments.count == 1 ? "segment" : "segments") with which code? Enter, then y confirms."
        )
    }

    /// Keys in the picker for coding the hits: Esc returns to the list; Enter asks to confirm.
    mutating func codeHitsPickerKey(_ p: inout CodePicker, _ key: Key) -> [Effect] {
        switch key {
        case .escape:
            mode = .corpusHits
            message = StatusMessage("Nothing coded.")
            return []
        case .down, .ctrl("j"): p.selected = min(p.selected + 1, max(0, p.results.count - 1))
        case .up, .ctrl("k"): p.selected = max(p.selected - 1, 0)
        case .pageDown: p.selected = min(p.selected + 10, max(0, p.results.count - 1))
        case .pageUp: p.selected = max(p.selected - 10, 0)
        case .enter:
            guard let id = p.selectedCode, let h = corpusHits else { break }
            mode = .prompt(Prompt(kind: .confirmCodeHits(code: id)))
            let name = entry(id: id)?.code.name ?? id
            message = StatusMessage(
                "Code \(CorpusHitsView.count(h.segments.count, "segment")) in \(CorpusHitsView.count(h.documentCount, "document")) with \(name)? y codes them for \(coder) (u in the coding screen undoes it), any other key cancels.",
                isError: true)
            return []
        default:
            if p.query.handle(key) == .editing { p.refresh(entries: codeEntries, recent: recentCodes) }
        }
        mode = .picker(p)
        return []
    }

    /// The answer to "Code 37 segments in 5 documents with Werkdruk?": y codes them.
    mutating func confirmCodeHitsKey(code: String, _ key: Key) -> [Effect] {
        mode = .corpusHits
        guard key == .char("y") || key == .char("Y"), let h = corpusHits, !readOnly else {
            message = StatusMessage("Nothing coded.")
            return []
        }
        return [.codeHits(code: code, segments: h.segments)]
    }
}
