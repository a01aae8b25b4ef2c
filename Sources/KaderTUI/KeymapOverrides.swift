import Foundation
import KaderCore
import Yams

/// A per-user keymap override file: YAML mapping action names to a key or a list of keys,
/// read from `$KADER_KEYMAP`, else `$XDG_CONFIG_HOME/kader/keymap.yaml`, else
/// `~/.config/kader/keymap.yaml`:
///
/// ```yaml
/// next-uncoded: Tab
/// pick-code: [c, Ctrl-P]
/// ```
///
/// Key names are those the help shows: a character, `Ctrl-X`, `Enter`, `Esc`, `Tab`, `Space`,
/// `PgDn`, `PgUp`, `Home`, `End`, `Up`, `Down`, `Left`, `Right`, `Backspace`, `Del`, `F1`…`F12`.
public enum KeymapOverrides {
    /// Errors in the override file; the description names the file and the entry.
    public struct Problem: Error, LocalizedError, Equatable {
        public var path: String
        public var detail: String
        public var errorDescription: String? { "\(path): \(detail)." }
    }

    /// The override file to read, if one exists.
    public static func defaultURL(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL? {
        let candidates: [String?] = [
            environment["KADER_KEYMAP"],
            environment["XDG_CONFIG_HOME"].map { $0 + "/kader/keymap.yaml" },
            environment["HOME"].map { $0 + "/.config/kader/keymap.yaml" },
        ]
        return candidates.compactMap { $0 }.first { FileManager.default.fileExists(atPath: $0) }.map(
            URL.init(fileURLWithPath:))
    }

    /// `keymap` with the overrides in `url` applied: each named action gets exactly the keys
    /// given, and a key given to an action is taken away from any other action.
    /// - Throws: ``Problem`` for YAML errors, unknown action names and unknown key names.
    public static func apply(_ url: URL, to keymap: Keymap) throws -> Keymap {
        let path = url.path
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw Problem(path: path, detail: "cannot read the keymap file")
        }
        if let problem = YAMLLimits.problem(text) { throw Problem(path: path, detail: problem) }
        let node: Any?
        do {
            node = try Yams.load(yaml: text)
        } catch {
            throw Problem(path: path, detail: "not valid YAML (\("\(error)".split(separator: "\n").first ?? ""))")
        }
        guard let map = node as? [String: Any] else {
            if node == nil { return keymap }
            throw Problem(path: path, detail: "expected a mapping of action names to keys")
        }
        var bindings = keymap.bindings
        for (name, value) in map.sorted(by: { $0.key < $1.key }) {
            guard let action = Action(name: name) else {
                throw Problem(
                    path: path,
                    detail:
                        "unknown action \"\(name)\" (known: \(Action.configurable.map(\.name).joined(separator: ", ")))"
                )
            }
            let names = (value as? [Any])?.map { "\($0)" } ?? ["\(value)"]
            var keys: [Key] = []
            for n in names {
                guard let key = Key(name: n) else {
                    throw Problem(path: path, detail: "unknown key \"\(n)\" for \(name)")
                }
                keys.append(key)
            }
            // An action with no default key (a code by id, scrolling) gets a coding-screen row.
            let template =
                bindings.first(where: { $0.action == action })
                ?? KeyBinding(keys.first ?? .char(" "), action, name, Self.help(for: action), .coding)
            bindings.removeAll { $0.action == action || keys.contains($0.key) && $0.context == template.context }
            for key in keys {
                bindings.append(
                    KeyBinding(key, action, template.title, template.help, template.context, hint: template.hint))
            }
        }
        return Keymap(bindings: bindings)
    }
}

extension KeymapOverrides {
    static func help(for action: Action) -> String {
        switch action {
        case .toggleCode(let id): return "Toggle the code \(id) on this segment."
        case .scrollDown: return "Scroll down three segments."
        case .scrollUp: return "Scroll up three segments."
        default: return action.name
        }
    }
}

extension Key {
    /// Parses a key name as shown in the help (`j`, `Ctrl-R`, `PgDn`, `F2`, `Space`).
    public init?(name: String) {
        let lower = name.lowercased()
        let named: [String: Key] = [
            "enter": .enter, "return": .enter, "esc": .escape, "escape": .escape, "tab": .tab, "shift-tab": .backTab,
            "space": .char(" "), "pgdn": .pageDown, "pagedown": .pageDown, "pgup": .pageUp, "pageup": .pageUp,
            "home": .home, "end": .end, "up": .up, "↑": .up, "down": .down, "↓": .down, "left": .left, "←": .left,
            "right": .right, "→": .right, "backspace": .backspace, "del": .delete, "delete": .delete,
            "ins": .insert, "insert": .insert,
        ]
        if let k = named[lower] {
            self = k
        } else if lower.hasPrefix("ctrl-"), name.count == 6, let c = lower.last, c.isLetter {
            self = .ctrl(c)
        } else if lower.hasPrefix("alt-"), name.count == 5, let c = name.last {
            self = .alt(c)
        } else if lower.hasPrefix("f"), let n = Int(lower.dropFirst()), (1...12).contains(n) {
            self = .function(n)
        } else if name.count == 1, let c = name.first {
            self = .char(c)
        } else {
            return nil
        }
    }
}
