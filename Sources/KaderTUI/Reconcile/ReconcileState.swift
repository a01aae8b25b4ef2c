import Foundation
import KaderCore

/// One disagreement to reconcile: a segment two coders coded differently.
public struct ReconcileItem: Sendable, Hashable {
    public var documentId: String
    public var documentTitle: String
    public var segment: Segment
    /// Sorted code ids of the first and the second coder.
    public var first: [String]
    public var second: [String]
    /// The turns before and after the segment, for context.
    public var previous: Segment?
    public var next: Segment?
    /// Each coder's memo on the segment.
    public var firstMemo: String?
    public var secondMemo: String?
    /// Each coder's quoted words per code id (several quotes joined with ` … `).
    public var firstQuotes: [String: String]
    public var secondQuotes: [String: String]
    /// The coders' codings of the segment (their quote spans and memos), when they have one.
    public var firstCoding: SegmentCoding?
    public var secondCoding: SegmentCoding?

    public init(
        documentId: String, documentTitle: String, segment: Segment, first: [String], second: [String],
        previous: Segment? = nil, next: Segment? = nil, firstMemo: String? = nil, secondMemo: String? = nil,
        firstQuotes: [String: String] = [:], secondQuotes: [String: String] = [:]
    ) {
        self.documentId = documentId
        self.documentTitle = documentTitle
        self.segment = segment
        self.first = first.sorted()
        self.second = second.sorted()
        self.previous = previous
        self.next = next
        self.firstMemo = firstMemo
        self.secondMemo = secondMemo
        self.firstQuotes = firstQuotes
        self.secondQuotes = secondQuotes
    }
}

/// The consensus decided for one segment.
public struct Resolution: Sendable, Hashable {
    /// Sorted code ids (may be empty: "no code applies").
    public var codes: [String]
    public var memo: String?
    /// Whose quote spans the consensus keeps, per code id (absent: every coder's, the default).
    public var picks: [String: ConsensusCoding.SpanPick]
    public init(codes: [String], memo: String? = nil, picks: [String: ConsensusCoding.SpanPick] = [:]) {
        self.codes = Array(Set(codes)).sorted()
        self.memo = memo
        self.picks = picks.filter { codes.contains($0.key) }
    }
}

/// What the controller must do after a key: write one resolution through the store, or quit.
public enum ReconcileEffect: Hashable, Sendable {
    case save(item: Int, Resolution)
    case quit
}

/// Pure state of `kader reconcile`: the disagreements, where the user is, what is resolved.
public struct ReconcileState: Sendable {
    public enum Mode: Hashable, Sendable {
        case browse
        /// Editing the consensus codes; `working` is the set being edited.
        case edit(working: Set<String>)
        /// Typing a memo.
        case memo(text: String)
        /// Picking whose quotes the consensus keeps; `code` indexes the resolution's codes.
        case pick(code: Int)
    }

    public var firstCoder: String
    public var secondCoder: String
    public var consensusCoder: String
    public var codebook: Codebook
    public var items: [ReconcileItem]
    public var cursor = 0
    /// Resolutions by item index (from the consensus file, or made in this session).
    public var resolutions: [Int: Resolution] = [:]
    /// Memos typed on items not yet resolved; written with the resolution.
    public var pendingMemos: [Int: String] = [:]
    public var mode: Mode = .browse
    public var showHelp = false
    /// First help line shown (the help scrolls with j/k, ↓/↑, PgDn/PgUp when taller than the screen).
    public var helpScroll = 0
    public var message: String?
    public var lastSaveFailed = false
    public var quitRequested = false
    /// Set by a `q` while a typed memo is not saved yet: a second `q` quits anyway.
    public var quitPending = false
    /// The memo as it was when the memo prompt opened, and whether an `Esc` already asked.
    public var memoOriginal = ""
    public var confirmingDiscard = false
    public var keymap: ReconcileKeymap

    public init(
        firstCoder: String, secondCoder: String, consensusCoder: String, codebook: Codebook,
        items: [ReconcileItem], resolutions: [Int: Resolution] = [:], keymap: ReconcileKeymap = ReconcileKeymap()
    ) {
        self.firstCoder = firstCoder
        self.secondCoder = secondCoder
        self.consensusCoder = consensusCoder
        self.codebook = codebook
        self.items = items
        self.resolutions = resolutions
        self.keymap = keymap
        cursor = items.indices.first { resolutions[$0] == nil } ?? 0
    }

    public var resolvedCount: Int { resolutions.count }
    public var current: ReconcileItem? { items.indices.contains(cursor) ? items[cursor] : nil }

    public var bindingMode: ReconcileBinding.Mode {
        switch mode {
        case .browse: return .browse
        case .edit: return .edit
        case .memo: return .memo
        case .pick: return .pick
        }
    }

    /// Handles one key and returns the effects to carry out.
    public mutating func handle(key: Key) -> [ReconcileEffect] {
        if key == .resize { return [] }
        if case .alt(let c) = key, !keymap.bindings.contains(where: { $0.key == key }) {
            let first = handle(key: .escape)
            return first + handle(key: .char(c))
        }
        message = nil
        let confirmQuit = quitPending
        let confirmDiscard = confirmingDiscard
        quitPending = false
        confirmingDiscard = false
        if showHelp {
            let lines = keymap.helpLines().count
            switch key {
            case .char("j"), .down: helpScroll = min(helpScroll + 1, lines)
            case .char("k"), .up: helpScroll = max(0, helpScroll - 1)
            case .pageDown, .char(" "): helpScroll = min(helpScroll + 10, lines)
            case .pageUp: helpScroll = max(0, helpScroll - 10)
            case .escape, .char("?"), .char("q"): showHelp = false
            default: break
            }
            return []
        }
        let action = keymap.action(for: key, in: bindingMode)
        switch mode {
        case .edit(var working):
            if let action { return perform(action) }
            guard case .char(let c) = key, let entry = codebook.code(forShortcut: String(c)) else {
                message = "Not a code shortcut: \(key.displayName). Enter saves, Esc cancels."
                return []
            }
            if working.contains(entry.code.id) { working.remove(entry.code.id) } else { working.insert(entry.code.id) }
            mode = .edit(working: working)
            return []
        case .memo(var text):
            if action == .cancel, text.trimmingCharacters(in: .whitespaces) != memoOriginal, !confirmDiscard {
                confirmingDiscard = true
                message = "This memo has unsaved text: Enter or Ctrl-S saves it, Esc again throws it away."
                return []
            }
            if let action { return perform(action) }
            switch key {
            case .char(let c): text.append(c)
            case .paste(let p): text += p.replacingOccurrences(of: "\n", with: " ")
            case .backspace, .delete: if !text.isEmpty { text.removeLast() }
            default: break
            }
            mode = .memo(text: text)
            return []
        case .pick:
            guard let action else {
                message = "\(key.displayName) picks nothing: a, b, u or w picks, j/k moves, Esc closes."
                return []
            }
            return perform(action)
        case .browse:
            if action == .quit, !pendingMemos.isEmpty, !confirmQuit {
                quitPending = true
                let n = pendingMemos.count
                message =
                    "\(n == 1 ? "A memo" : "\(n) memos") on unresolved segments \(n == 1 ? "is" : "are") NOT saved yet (saved when you resolve the segment); q again quits and loses \(n == 1 ? "it" : "them")."
                return []
            }
            guard let action else {
                message = "\(key.displayName) does nothing here; ? shows the keys."
                return []
            }
            return perform(action)
        }
    }

    mutating func perform(_ action: ReconcileAction) -> [ReconcileEffect] {
        switch action {
        case .quit:
            quitRequested = true
            return [.quit]
        case .toggleHelp:
            showHelp.toggle()
            helpScroll = 0
            return []
        case .next, .previous:
            if case .pick(let i) = mode {
                let count = resolutions[cursor]?.codes.count ?? 1
                mode = .pick(code: action == .next ? min(i + 1, max(count - 1, 0)) : max(i - 1, 0))
            } else {
                cursor = action == .next ? min(cursor + 1, max(items.count - 1, 0)) : max(cursor - 1, 0)
            }
            return []
        case .pickQuotes:
            return openPick()
        case .pickFirst, .pickSecond, .pickAll, .pickWhole:
            return pick(action)
        case .nextUnresolved:
            let order = Array(items.indices[(cursor + 1)...]) + Array(items.indices[..<min(cursor + 1, items.count)])
            if let i = order.first(where: { resolutions[$0] == nil }) {
                cursor = i
            } else {
                message = "Every disagreement is resolved."
            }
            return []
        case .cancel:
            mode = .browse
            return []
        case .acceptFirst, .acceptSecond, .union, .intersection:
            guard let item = current else { return [] }
            let a = Set(item.first)
            let b = Set(item.second)
            let codes: Set<String> =
                action == .acceptFirst
                ? a : action == .acceptSecond ? b : action == .union ? a.union(b) : a.intersection(b)
            return resolve(codes)
        case .edit:
            guard let item = current else { return [] }
            mode = .edit(working: Set(resolutions[cursor]?.codes ?? Array(Set(item.first).intersection(item.second))))
            return []
        case .memo:
            guard current != nil else { return [] }
            let text = resolutions[cursor]?.memo ?? pendingMemos[cursor] ?? ""
            memoOriginal = text
            mode = .memo(text: text)
            return []
        case .confirm:
            switch mode {
            case .edit(let working):
                mode = .browse
                return resolve(working)
            case .memo(let text):
                mode = .browse
                let memo = text.trimmingCharacters(in: .whitespaces)
                if var r = resolutions[cursor] {
                    r.memo = memo.isEmpty ? nil : memo
                    resolutions[cursor] = r
                    return [.save(item: cursor, r)]
                }
                pendingMemos[cursor] = memo.isEmpty ? nil : memo
                message = "Memo kept, NOT saved yet: it is saved with the consensus once you resolve this segment."
                return []
            case .browse, .pick:
                mode = .browse
                return []
            }
        }
    }

    /// Records `codes` as the consensus of the current item, then moves to the next open one.
    mutating func resolve(_ codes: Set<String>) -> [ReconcileEffect] {
        let index = cursor
        let r = Resolution(
            codes: Array(codes), memo: resolutions[index]?.memo ?? pendingMemos[index],
            picks: resolutions[index]?.picks ?? [:])
        resolutions[index] = r
        pendingMemos[index] = nil
        if let next = items.indices.first(where: { $0 > index && resolutions[$0] == nil }) {
            cursor = next
        } else if resolvedCount == items.count {
            message = "All \(items.count) disagreements are resolved; q quits."
        }
        return [.save(item: index, r)]
    }
}
