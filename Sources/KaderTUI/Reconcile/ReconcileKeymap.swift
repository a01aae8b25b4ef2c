/// What a user can do while reconciling two coders' codings.
public enum ReconcileAction: Hashable, Sendable {
    case acceptFirst, acceptSecond, union, intersection
    case edit, memo
    /// Open the quote pick; then take A's, B's, both coders' quotes or the whole segment for one code.
    case pickQuotes, pickFirst, pickSecond, pickAll, pickWhole
    case next, previous, nextUnresolved
    case confirm, cancel
    case toggleHelp, quit
}

/// One row of the reconcile keymap: key, action, title, help sentence and the mode it works in.
public struct ReconcileBinding: Hashable, Sendable {
    public enum Mode: String, Hashable, Sendable, CaseIterable {
        case browse = "Reconciling"
        case edit = "Editing the consensus codes"
        case memo = "Typing a memo"
        case pick = "Picking the quotes the consensus keeps"
    }

    public var key: Key
    public var action: ReconcileAction
    public var title: String
    public var help: String
    public var mode: Mode
    public var hint: Bool

    public init(
        _ key: Key, _ action: ReconcileAction, _ title: String, _ help: String, _ mode: Mode, hint: Bool = false
    ) {
        self.key = key
        self.action = action
        self.title = title
        self.help = help
        self.mode = mode
        self.hint = hint
    }
}

/// The reconcile keymap table. Key handling, the hint line and the help screen come from it.
/// In edit mode, code shortcuts of the codebook toggle codes; in memo mode, other keys type text.
public struct ReconcileKeymap: Sendable {
    public var bindings: [ReconcileBinding]

    public init(bindings: [ReconcileBinding] = ReconcileKeymap.defaultBindings) { self.bindings = bindings }

    /// The action for `key` in `mode`, or nil.
    public func action(for key: Key, in mode: ReconcileBinding.Mode) -> ReconcileAction? {
        bindings.first { $0.key == key && $0.mode == mode }?.action
    }

    /// `a accept A  b accept B …` hints for `mode`, keys sharing a title merged.
    public func hints(for mode: ReconcileBinding.Mode) -> String {
        var order: [String] = []
        var keys: [String: [String]] = [:]
        for b in bindings where b.mode == mode && b.hint {
            if keys[b.title] == nil { order.append(b.title) }
            keys[b.title, default: []].append(b.key.displayName)
        }
        // `order` holds exactly the keys of `keys`.
        return order.map { "\(keys[$0, default: []].joined(separator: "/")) \($0)" }.joined(separator: "  ")
    }

    /// Help lines: per mode, keys sharing a help sentence merged.
    public func helpLines() -> [(text: String, heading: Bool)] {
        var out: [(String, Bool)] = [("Reconcile keys (Esc or ? closes; j/k scroll)", true)]
        for mode in ReconcileBinding.Mode.allCases {
            out.append(("", false))
            out.append((mode.rawValue, true))
            var merged: [(String, String)] = []
            for b in bindings where b.mode == mode {
                if let i = merged.firstIndex(where: { $0.1 == b.help }) {
                    merged[i].0 += "/" + b.key.displayName
                } else {
                    merged.append((b.key.displayName, b.help))
                }
            }
            for (k, h) in merged {
                out.append(("  " + k.padding(toLength: max(12, k.count + 1), withPad: " ", startingAt: 0) + h, false))
            }
        }
        return out
    }

    public static let defaultBindings: [ReconcileBinding] = [
        ReconcileBinding(
            .char("a"), .acceptFirst, "accept A", "Take the first coder's codes as the consensus.", .browse, hint: true),
        ReconcileBinding(
            .char("b"), .acceptSecond, "accept B", "Take the second coder's codes as the consensus.", .browse,
            hint: true),
        ReconcileBinding(.char("u"), .union, "union", "Take every code either coder applied.", .browse, hint: true),
        ReconcileBinding(
            .char("i"), .intersection, "intersection", "Take only the codes both coders applied.", .browse, hint: true),
        ReconcileBinding(
            .char("e"), .edit, "edit", "Edit the consensus codes by toggling code shortcuts.", .browse, hint: true),
        ReconcileBinding(
            .char("m"), .memo, "memo", "Write a one-line memo on this segment's consensus.", .browse, hint: true),
        ReconcileBinding(
            .char("p"), .pickQuotes, "quotes",
            "Pick, code by code, whose quotes the consensus keeps (A's, B's, both or none).", .browse,
            hint: true),
        ReconcileBinding(.char("j"), .next, "move", "Go to the next disagreement.", .browse, hint: true),
        ReconcileBinding(.down, .next, "next", "Go to the next disagreement.", .browse),
        ReconcileBinding(.right, .next, "next", "Go to the next disagreement.", .browse),
        ReconcileBinding(.char("k"), .previous, "move", "Go to the previous disagreement.", .browse, hint: true),
        ReconcileBinding(.up, .previous, "previous", "Go to the previous disagreement.", .browse),
        ReconcileBinding(.left, .previous, "previous", "Go to the previous disagreement.", .browse),
        ReconcileBinding(
            .char("n"), .nextUnresolved, "next open", "Go to the next disagreement not yet resolved.", .browse),
        ReconcileBinding(.char("?"), .toggleHelp, "help", "Show or hide this help.", .browse, hint: true),
        ReconcileBinding(.escape, .cancel, "close", "Close the help.", .browse),
        ReconcileBinding(
            .char("q"), .quit, "quit", "Quit; every resolution is already saved, and reopening continues here.",
            .browse, hint: true),
        ReconcileBinding(.char("a"), .pickFirst, "A's", "Keep only A's quotes for this code.", .pick, hint: true),
        ReconcileBinding(.char("b"), .pickSecond, "B's", "Keep only B's quotes for this code.", .pick, hint: true),
        ReconcileBinding(
            .char("u"), .pickAll, "both", "Keep both coders' quotes for this code (the default).", .pick, hint: true),
        ReconcileBinding(
            .char("w"), .pickWhole, "whole segment", "Keep no quote: the code covers the whole segment.", .pick,
            hint: true),
        ReconcileBinding(
            .char("j"), .next, "code", "Go to the next or previous code of the consensus.", .pick, hint: true),
        ReconcileBinding(
            .char("k"), .previous, "code", "Go to the next or previous code of the consensus.", .pick, hint: true),
        ReconcileBinding(.down, .next, "code", "Go to the next or previous code of the consensus.", .pick),
        ReconcileBinding(.up, .previous, "code", "Go to the next or previous code of the consensus.", .pick),
        ReconcileBinding(
            .escape, .cancel, "done", "Close the quote pick (each pick is saved at once).", .pick, hint: true),
        ReconcileBinding(.enter, .cancel, "done", "Close the quote pick (each pick is saved at once).", .pick),
        ReconcileBinding(.char("p"), .cancel, "done", "Close the quote pick (each pick is saved at once).", .pick),
        ReconcileBinding(.enter, .confirm, "save", "Save the edited codes as the consensus.", .edit, hint: true),
        ReconcileBinding(.ctrl("s"), .confirm, "save", "Save the edited codes as the consensus.", .edit),
        ReconcileBinding(.escape, .cancel, "cancel", "Leave editing without saving.", .edit, hint: true),
        ReconcileBinding(
            .ctrl("s"), .confirm, "save", "Save the memo (with the consensus once the segment is resolved).", .memo),
        ReconcileBinding(
            .enter, .confirm, "save", "Save the memo (with the consensus once the segment is resolved).", .memo,
            hint: true),
        ReconcileBinding(
            .escape, .cancel, "cancel", "Leave the memo unchanged (asks first when you typed something).", .memo,
            hint: true),
        ReconcileBinding(
            .ctrl("c"), .quit, "quit", "Quit; every resolution is already saved, and reopening continues here.", .browse
        ),
    ]
}
