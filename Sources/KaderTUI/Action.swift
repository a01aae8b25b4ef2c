/// Everything a user can ask the TUI to do. Keys map to actions through ``Keymap``.
public enum Action: Hashable, Sendable {
    case moveUp, moveDown, pageUp, pageDown, top, bottom
    case nextUncoded, previousUncoded
    case toggleCode(String)
    case repeatLastCode
    case undo, redo
    case openDocument
    case showDocuments
    case toggleHelp
    case markDone
    case quit
    case cancel
    case openCodePicker
    case search
    case nextMatch, previousMatch
    case openFilter
    case clearFilter
    case editSegmentMemo, editDocumentMemo
    /// The memo of one code on the current segment (asks which code when it has several).
    case editCodingMemo
    /// This coder's memo on the whole project.
    case editProjectMemo
    case selectQuote
    case quoteSentence
    case jumpToSegment
    case nextWithCode, previousWithCode
    case codedSegments
    /// Search every document and list the hits in context (`*`).
    case searchAllDocuments
    case toggleOtherCoders
    case scrollDown, scrollUp
    /// The overview screen: progress, code frequencies, category co-occurrence.
    case overview
    /// The query prompt: run a query over this coder's codings across documents.
    case query
}

/// One row of the keymap: a key, the action, a short title and a help sentence.
public struct KeyBinding: Hashable, Sendable {
    public var key: Key
    public var action: Action
    public var title: String
    public var help: String
    /// Where the binding applies.
    public var context: Context
    /// Shown in the status-bar hints.
    public var hint: Bool

    public enum Context: String, Hashable, Sendable, CaseIterable {
        case everywhere = "Everywhere"
        case documents = "Document list"
        case coding = "Coding"
    }

    public init(_ key: Key, _ action: Action, _ title: String, _ help: String, _ context: Context, hint: Bool = false) {
        self.key = key
        self.action = action
        self.title = title
        self.help = help
        self.context = context
        self.hint = hint
    }
}

extension Action {
    /// Actions a user can rebind, with their names in the keymap override file.
    public static let configurable: [Action] = [
        .moveUp, .moveDown, .pageUp, .pageDown, .top, .bottom, .nextUncoded, .previousUncoded, .repeatLastCode,
        .undo, .redo, .openDocument, .showDocuments, .toggleHelp, .markDone, .quit, .cancel, .openCodePicker, .search,
        .nextMatch, .previousMatch, .openFilter, .clearFilter, .editSegmentMemo, .editDocumentMemo, .selectQuote,
        .quoteSentence, .editCodingMemo, .editProjectMemo,
        .jumpToSegment, .nextWithCode, .previousWithCode, .codedSegments, .toggleOtherCoders, .scrollDown, .scrollUp,
        .searchAllDocuments,
        .overview, .query,
    ]

    /// The action's name in the keymap override file (`next-uncoded`, `pick-code`, …).
    public var name: String {
        switch self {
        case .moveUp: return "move-up"
        case .moveDown: return "move-down"
        case .pageUp: return "page-up"
        case .pageDown: return "page-down"
        case .top: return "top"
        case .bottom: return "bottom"
        case .nextUncoded: return "next-uncoded"
        case .previousUncoded: return "previous-uncoded"
        case .toggleCode(let id): return "toggle-code:" + id
        case .repeatLastCode: return "repeat-code"
        case .undo: return "undo"
        case .redo: return "redo"
        case .openDocument: return "open-document"
        case .showDocuments: return "documents"
        case .toggleHelp: return "help"
        case .markDone: return "mark-done"
        case .quit: return "quit"
        case .cancel: return "cancel"
        case .openCodePicker: return "pick-code"
        case .search: return "search"
        case .nextMatch: return "next-match"
        case .previousMatch: return "previous-match"
        case .openFilter: return "filter"
        case .clearFilter: return "clear-filter"
        case .editSegmentMemo: return "memo"
        case .editDocumentMemo: return "document-memo"
        case .editCodingMemo: return "coding-memo"
        case .editProjectMemo: return "project-memo"
        case .selectQuote: return "select-quote"
        case .quoteSentence: return "quote-sentence"
        case .jumpToSegment: return "go-to-segment"
        case .nextWithCode: return "next-with-code"
        case .previousWithCode: return "previous-with-code"
        case .codedSegments: return "coded-segments"
        case .searchAllDocuments: return "search-all"
        case .toggleOtherCoders: return "other-coders"
        case .scrollDown: return "scroll-down"
        case .scrollUp: return "scroll-up"
        case .overview: return "overview"
        case .query: return "query"
        }
    }

    /// The configurable action called `name`, or nil.
    public init?(name: String) {
        if name.hasPrefix("toggle-code:"), name.count > 12 {
            self = .toggleCode(String(name.dropFirst(12)))
            return
        }
        guard let a = Action.configurable.first(where: { $0.name == name }) else { return nil }
        self = a
    }
}
