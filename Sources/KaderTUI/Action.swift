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
    case selectQuote
    case jumpToSegment
    case nextWithCode, previousWithCode
    case codedSegments
    case toggleOtherCoders
    case scrollDown, scrollUp
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
