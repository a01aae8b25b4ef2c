/// The one keymap table. Help, status-bar hints and key handling are all generated from it.
public struct Keymap: Sendable {
    public var bindings: [KeyBinding]

    public init(bindings: [KeyBinding] = Keymap.defaultBindings) {
        self.bindings = bindings
    }

    /// The action bound to `key` in `context` (context-specific bindings win over `everywhere`).
    public func action(for key: Key, in context: KeyBinding.Context) -> Action? {
        bindings.first { $0.key == key && $0.context == context }?.action
            ?? bindings.first { $0.key == key && $0.context == .everywhere }?.action
    }

    /// Keys taken by the keymap where code shortcuts work (the coding screen), which code
    /// shortcuts may not use. A key bound on the document list only (`o`) stays free for codes.
    public var reservedCharacters: Set<Character> {
        Set(
            bindings.compactMap {
                guard $0.context != .documents, case .char(let c) = $0.key else { return nil }
                return c
            })
    }

    /// Short hints for the status bar in `context`: `j/k move  n next uncoded  ? help`.
    public func hints(for context: KeyBinding.Context) -> [(keys: String, title: String)] {
        var order: [String] = []
        var keys: [String: [String]] = [:]
        for b in bindings where b.hint && (b.context == context || b.context == .everywhere) {
            if keys[b.title] == nil { order.append(b.title) }
            keys[b.title, default: []].append(b.key.displayName)
        }
        // `order` holds exactly the keys of `keys`.
        return order.map { (keys[$0, default: []].joined(separator: "/"), $0) }
    }

    static let overviewHelp =
        "Overview: progress per document and coder, your code frequencies as bars, the category co-occurrence grid (your codings only)."

    public static let defaultBindings: [KeyBinding] = [
        KeyBinding(.char("j"), .moveDown, "move", "Move to the next segment or document.", .everywhere, hint: true),
        KeyBinding(.char("k"), .moveUp, "move", "Move to the previous segment or document.", .everywhere, hint: true),
        KeyBinding(.down, .moveDown, "move", "Move to the next segment or document.", .everywhere),
        KeyBinding(.up, .moveUp, "move", "Move to the previous segment or document.", .everywhere),
        KeyBinding(.pageDown, .pageDown, "page down", "Move one screen down.", .everywhere),
        KeyBinding(.pageUp, .pageUp, "page up", "Move one screen up.", .everywhere),
        KeyBinding(.ctrl("f"), .pageDown, "page down", "Move one screen down.", .everywhere),
        KeyBinding(.ctrl("b"), .pageUp, "page up", "Move one screen up.", .everywhere),
        KeyBinding(.home, .top, "top", "Go to the first segment or document.", .everywhere),
        KeyBinding(.char("g"), .top, "top", "Go to the first segment or document.", .everywhere),
        KeyBinding(.end, .bottom, "bottom", "Go to the last segment or document.", .everywhere),
        KeyBinding(.char("G"), .bottom, "bottom", "Go to the last segment or document.", .everywhere),
        KeyBinding(.enter, .openDocument, "open", "Open the selected document for coding.", .documents, hint: true),
        KeyBinding(
            .char("n"), .nextUncoded, "uncoded", "Jump to the next codable segment without codes.", .coding, hint: true),
        KeyBinding(
            .char("N"), .previousUncoded, "previous uncoded", "Jump to the previous codable segment without codes.",
            .coding),
        KeyBinding(.char("."), .repeatLastCode, "repeat code", "Apply the last code used to this segment.", .coding),
        KeyBinding(.char("u"), .undo, "undo", "Undo the last coding change.", .coding, hint: true),
        KeyBinding(.ctrl("r"), .redo, "redo", "Redo the change last undone.", .coding),
        KeyBinding(.char("U"), .redo, "redo", "Redo the change last undone.", .coding),
        KeyBinding(.char("D"), .markDone, "mark done", "Mark the document done (or back to in progress).", .coding),
        KeyBinding(.char("d"), .showDocuments, "documents", "Go back to the document list.", .coding),
        KeyBinding(
            .char("c"), .openCodePicker, "picker",
            "Code picker: type to search code names, paths and definitions; Enter toggles the code (Ctrl-N new code, Ctrl-R rename, Ctrl-E code memo).",
            .coding, hint: true),
        KeyBinding(
            .char("/"), .search, "search",
            "Search the text (case and accents ignored; Ctrl-T in the prompt for exact).", .coding, hint: true),
        KeyBinding(.char("]"), .nextMatch, "next match", "Go to the next search match.", .coding),
        KeyBinding(.char("["), .previousMatch, "previous match", "Go to the previous search match.", .coding),
        KeyBinding(
            .char("f"), .openFilter, "filter",
            "Filter segments by code, speaker, role, uncoded, coded by me, or a where expression (w: role=leerkracht and not werkdruk, any attribute; your own codings only).",
            .coding),
        KeyBinding(
            .char("F"), .clearFilter, "clear filter", "Show all segments again (clears the filter and the search).",
            .coding),
        KeyBinding(
            .char("m"), .editSegmentMemo, "memo", "Write a memo on this segment (Ctrl-S saves, Esc cancels).", .coding),
        KeyBinding(.char("M"), .editDocumentMemo, "document memo", "Write a memo on this document.", .coding),
        KeyBinding(
            .ctrl("e"), .editCodingMemo, "coding memo",
            "Write the memo of one code on this segment (asks which code when it has several; u undoes).", .coding),
        KeyBinding(
            .ctrl("p"), .editProjectMemo, "project memo", "Write your memo on the whole project.", .everywhere),
        KeyBinding(
            .char("s"), .selectQuote, "select quote",
            "Select the exact words to quote: ←/→ word, ./, sentence/clause under the cursor, )/( next/previous sentence, }/{ clause, a count first (3) ), / types the first words, e extends to the sentence end, Space anchors, Enter keeps, x clears, v makes an in-vivo code.",
            .coding),
        KeyBinding(
            .char("S"), .quoteSentence, "quote sentence",
            "Select the sentence under the cursor (the search match, else the first) as the quote; ) moves on a sentence, Enter keeps.",
            .coding),
        KeyBinding(.char(":"), .jumpToSegment, "go to", "Go to a segment by its number.", .coding),
        KeyBinding(
            .char("J"), .nextWithCode, "next with code", "Go to the next segment with the code last used (or picked).",
            .coding),
        KeyBinding(
            .char("K"), .previousWithCode, "previous with code", "Go to the previous segment with the code last used.",
            .coding),
        KeyBinding(
            .char("r"), .codedSegments, "coded segments",
            "List every segment of a code across all documents; Enter opens one.", .coding),
        KeyBinding(
            .char("*"), .searchAllDocuments, "search all",
            "Search all documents (words, case and accents ignored, * wildcard: werk*): the hits in context; Enter opens one, c codes every listed segment with a code (asks first; u undoes).",
            .everywhere),
        KeyBinding(
            .char("o"), .overview, "overview", Keymap.overviewHelp, .documents, hint: true),
        KeyBinding(.char("O"), .overview, "overview", Keymap.overviewHelp, .everywhere),
        KeyBinding(
            .char("Q"), .query, "query",
            "Query your codings across documents: type an expression (digitalisering and role=leerkracht; or, not, near) or pick one saved in kader.yaml (↓); Enter opens a segment, Q comes back to the list.",
            .everywhere),
        KeyBinding(
            .ctrl("o"), .toggleOtherCoders, "other coders",
            "Show or hide other coders' codings (only once you marked the document done).", .coding),
        KeyBinding(.escape, .cancel, "close", "Close the help or the open dialog.", .everywhere),
        KeyBinding(.char("?"), .toggleHelp, "help", "Show or hide this help.", .everywhere, hint: true),
        KeyBinding(.function(1), .toggleHelp, "help", "Show or hide this help.", .everywhere),
        KeyBinding(
            .char("q"), .quit, "quit",
            "Quit Kader. Codings are saved as you go; if the last save failed, Kader asks first.", .everywhere,
            hint: true),
        KeyBinding(
            .ctrl("c"), .quit, "quit",
            "Quit Kader. Codings are saved as you go; if the last save failed, Kader asks first.", .everywhere),
    ]
}
