/// Turns the raw input a terminal delivers into ``Key``s: escape sequences that curses' keypad
/// handling did not recognise (tmux sends `ESC [ 4 ~` for End under `TERM=xterm-256color`),
/// Alt+key, and bracketed paste. A pure state machine: a sequence split across reads is put
/// together, an unrecognised sequence is dropped whole (its bytes never act as keys), and a
/// lone `ESC` becomes ``Key/escape`` only when the terminal reports a pause (``Input/pause``).
public struct KeyDecoder: Sendable {
    /// One piece of input: a character (Unicode scalar value) or a key curses decoded itself,
    /// or a pause in the input (no byte arrived within the escape delay).
    public enum Input: Hashable, Sendable {
        case scalar(UInt32)
        case key(Key)
        case pause
    }

    enum State: Hashable, Sendable {
        case ground
        /// `ESC` read.
        case escape
        /// `ESC [` (CSI) or `ESC O` (SS3) read, with the bytes after it.
        case csi([UInt32])
        case ss3
        /// Inside a bracketed paste, with the text so far and a possible `ESC [ 201 ~` being read.
        case paste(String, tail: [UInt32])
    }

    var state: State = .ground

    public init() {}

    /// True while a sequence is incomplete: the terminal should read on (with a short timeout)
    /// rather than wait for the user.
    public var isPending: Bool { state != .ground }

    /// True while the input is inside a paste or a CSI sequence (then a pause may be a slow
    /// terminal, not the end of the sequence, and the terminal may wait a little longer).
    public var isInsideSequence: Bool {
        switch state {
        case .csi, .paste: return true
        default: return false
        }
    }

    /// Feeds one piece of input; returns the keys it completes (often none, sometimes two).
    public mutating func feed(_ input: Input) -> [Key] {
        switch state {
        case .ground:
            switch input {
            case .pause: return []
            case .key(let k): return [k]
            case .scalar(27):
                state = .escape
                return []
            case .scalar(let v): return Self.plain(v).map { [$0] } ?? []
            }
        case .escape:
            switch input {
            case .pause:
                state = .ground
                return [.escape]
            case .key(let k):
                state = .ground
                return [.escape, k]
            case .scalar(27):
                return [.escape]  // ESC ESC: the first was a lone Esc
            case .scalar(91):  // [
                state = .csi([])
                return []
            case .scalar(79):  // O
                state = .ss3
                return []
            case .scalar(let v):
                state = .ground
                guard let s = Unicode.Scalar(v), v >= 32, v != 127 else {
                    return Self.plain(v).map { [.escape, $0] } ?? [.escape]
                }
                return [.alt(Character(s))]
            }
        case .ss3:
            state = .ground
            switch input {
            case .pause: return [.alt("O")]
            case .key(let k): return [.alt("O"), k]
            case .scalar(let v):
                switch v {
                case 65: return [.up]
                case 66: return [.down]
                case 67: return [.right]
                case 68: return [.left]
                case 72: return [.home]
                case 70: return [.end]
                case 77: return [.enter]  // keypad Enter
                case 80...83: return [.function(Int(v) - 79)]
                default: return []  // unknown SS3 key: dropped whole
                }
            }
        case .csi(var bytes):
            switch input {
            case .pause, .key:
                // A pause inside a sequence: what was read is not a key; drop it whole.
                state = .ground
                if case .key(let k) = input { return [k] }
                return []
            case .scalar(let v):
                if (0x20...0x3F).contains(v), bytes.count < 32 {
                    bytes.append(v)
                    state = .csi(bytes)
                    return []
                }
                state = .ground
                guard (0x40...0x7E).contains(v) else { return [] }  // malformed: dropped
                return Self.csi(
                    params: String(decoding: bytes.map { UInt8(truncatingIfNeeded: $0) }, as: UTF8.self), final: v,
                    into: &state)
            }
        case .paste(var text, var tail):
            switch input {
            case .pause: return []
            case .key(let k):
                if k == .enter { text.append("\n") }
                state = .paste(text, tail: [])
                return []
            case .scalar(let v):
                let end: [UInt32] = [27, 91, 50, 48, 49, 126]  // ESC [ 2 0 1 ~
                if v == end[tail.count] {
                    tail.append(v)
                    if tail.count == end.count {
                        state = .ground
                        return [.paste(text)]
                    }
                    state = .paste(text, tail: tail)
                    return []
                }
                for b in tail { if let s = Unicode.Scalar(b), b != 27 { text.unicodeScalars.append(s) } }
                tail = []
                if v == 27 {
                    tail = [27]
                } else if v == 13 || v == 10 {
                    text.append("\n")
                } else if v == 9 {
                    text.append("\t")
                } else if v >= 32, v != 127, let s = Unicode.Scalar(v) {
                    text.unicodeScalars.append(s)
                }
                state = .paste(text, tail: tail)
                return []
            }
        }
    }

    /// A CSI sequence `ESC [ params final`: the key it names, or none (dropped). `ESC [ 200 ~`
    /// starts a bracketed paste.
    static func csi(params: String, final: UInt32, into state: inout State) -> [Key] {
        let fields = params.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) }
        let first = fields.first.flatMap { $0 }
        if params.hasPrefix("<") || params.hasPrefix("?") || params.hasPrefix(">") { return [] }  // mouse, reports
        switch final {
        case 65: return [.up]
        case 66: return [.down]
        case 67: return [.right]
        case 68: return [.left]
        case 72: return [.home]
        case 70: return [.end]
        case 90: return [.backTab]
        case 80...83 where params.isEmpty || first == 1: return [.function(Int(final) - 79)]
        case 126:  // ~
            let code = first ?? 0
            switch code {
            case 1, 7: return [.home]
            case 2: return [.insert]
            case 3: return [.delete]
            case 4, 8: return [.end]
            case 5: return [.pageUp]
            case 6: return [.pageDown]
            case 11...15: return [.function(code - 10)]
            case 17...21: return [.function(code - 11)]
            case 23, 24: return [.function(code - 12)]
            case 200:
                state = .paste("", tail: [])
                return []
            default: return []
            }
        default: return []
        }
    }

    /// A single character outside any sequence.
    static func plain(_ v: UInt32) -> Key? {
        switch v {
        case 10, 13: return .enter
        case 9: return .tab
        case 8, 127: return .backspace
        case 0: return nil
        case 3: return .ctrl("c")
        case 1...26: return .ctrl(Character(Unicode.Scalar(UInt8(v + 96))))
        case 28...31: return nil
        default:
            guard let s = Unicode.Scalar(v) else { return nil }
            return .char(Character(s))
        }
    }
}
