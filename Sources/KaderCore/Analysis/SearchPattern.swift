import Foundation

/// What `kader search` and `kader autocode --search` look for: words (folded like the TUI's
/// search: case and accents ignored), a phrase of several words in a row, `*` for any letters
/// within a word (`leerkracht*`, `*vaardig*`), or, `regex`, a regular expression (ICU syntax,
/// case-insensitive, accents significant).
public struct SearchPattern: Sendable {
    public let term: String
    /// One entry per word of the phrase: the literal pieces between `*`.
    let words: [[[Unicode.Scalar]]]
    let regex: NSRegularExpression?
    /// The longest literal piece of the pattern that is plain lowercase ASCII letters and digits:
    /// a text of ASCII only that lacks it (ignoring case) cannot match, so it is not scanned.
    let requiredASCII: [UInt8]?

    /// - Throws: ``AnalysisError/badSearch(term:detail:)`` for an empty term or a bad regular expression.
    public init(_ term: String, regex: Bool = false) throws {
        self.term = term
        if regex {
            do {
                self.regex = try NSRegularExpression(pattern: term, options: [.caseInsensitive])
            } catch {
                throw AnalysisError.badSearch(term: term, detail: "not a valid regular expression")
            }
            words = []
            requiredASCII = nil
        } else {
            self.regex = nil
            // Words of the term: runs of letters, digits and `*`; anything else separates them.
            let raw = term.split(whereSeparator: { c in
                !(c == "*" || c.isLetter || c.isNumber
                    || c.unicodeScalars.allSatisfy { $0.properties.generalCategory == .nonspacingMark })
            }).map(String.init)
            words = raw.map { w in
                w.split(separator: "*", omittingEmptySubsequences: false).map {
                    WordScanner.foldedWords(String($0)).flatMap { $0 }
                }
            }
            .filter { !$0.allSatisfy(\.isEmpty) || $0.count > 1 }
            // `*` alone (or `* *`) would match every word of the corpus: refused like a term without letters.
            if words.allSatisfy({ $0.allSatisfy(\.isEmpty) }) {
                throw AnalysisError.badSearch(term: term, detail: "it has no letters or digits to look for")
            }
            let ascii = words.joined().filter { piece in
                !piece.isEmpty
                    && piece.allSatisfy {
                        ($0.value >= 0x61 && $0.value <= 0x7A) || ($0.value >= 0x30 && $0.value <= 0x39)
                    }
            }
            requiredASCII = ascii.max { $0.count < $1.count }.map { $0.map { UInt8($0.value) } }
        }
    }

    /// True when `text` cannot hold a match because it lacks ``requiredASCII``: the text is
    /// projected onto what the word scanner folds it to — ASCII lowercased, the accented Latin-1
    /// letters that fold to one ASCII letter (é → e, Ï → i …), Latin-1 symbols and General
    /// Punctuation (quotes, dashes, …) as separators — and searched for the piece. Any other
    /// character (a combining mark, ß, æ, ø, other scripts …) means "may match": the caller scans.
    func cannotMatch<S: StringProtocol>(_ text: S) -> Bool {
        guard let need = requiredASCII, !need.isEmpty else { return false }
        let projected: [UInt8]? =
            text.utf8.withContiguousStorageIfAvailable { buf -> [UInt8]? in
                var out: [UInt8] = []
                out.reserveCapacity(buf.count)
                var i = 0
                let n = buf.count
                while i < n {
                    let b = buf[i]
                    if b < 0x80 {
                        out.append(b >= 0x41 && b <= 0x5A ? b | 0x20 : b)
                        i += 1
                    } else if b == 0xC2 || b == 0xC3, i + 1 < n {
                        let v = Int(b & 0x1F) << 6 | Int(buf[i + 1] & 0x3F)
                        guard let f = Self.latin1Fold(v) else { return nil }
                        out.append(f)
                        i += 2
                    } else if b == 0xE2, i + 2 < n, buf[i + 1] == 0x80 || buf[i + 1] == 0x81 {
                        // U+2000–U+207F; General Punctuation is U+2000–U+206F.
                        let v = 0x2000 | Int(buf[i + 1] & 0x3F) << 6 | Int(buf[i + 2] & 0x3F)
                        guard v <= 0x206F else { return nil }
                        out.append(0x20)
                        i += 3
                    } else {
                        return nil
                    }
                }
                return out
            } ?? nil
        guard let hay = projected, hay.count >= need.count else { return projected != nil }
        let first = need[0]
        var i = 0
        let last = hay.count - need.count
        while i <= last {
            if hay[i] == first {
                var k = 1
                while k < need.count, hay[i + k] == need[k] { k += 1 }
                if k == need.count { return false }
            }
            i += 1
        }
        return true
    }

    /// What the word scanner folds the Latin-1 scalar `v` (U+0080–U+00FF) to when that is one
    /// ASCII letter, a space for a symbol or punctuation mark (a word separator), or nil when it
    /// is a letter or digit that folds otherwise (æ, ß, ø, ð, þ, ª, º, µ, ², ¼ …).
    static func latin1Fold(_ v: Int) -> UInt8? {
        switch v {
        case 0xC0...0xC5, 0xE0...0xE5: return UInt8(ascii: "a")
        case 0xC7, 0xE7: return UInt8(ascii: "c")
        case 0xC8...0xCB, 0xE8...0xEB: return UInt8(ascii: "e")
        case 0xCC...0xCF, 0xEC...0xEF: return UInt8(ascii: "i")
        case 0xD1, 0xF1: return UInt8(ascii: "n")
        case 0xD2...0xD6, 0xF2...0xF6: return UInt8(ascii: "o")
        case 0xD9...0xDC, 0xF9...0xFC: return UInt8(ascii: "u")
        case 0xDD, 0xFD, 0xFF: return UInt8(ascii: "y")
        case 0xD7, 0xF7: return 0x20
        case 0xAA, 0xB2, 0xB3, 0xB5, 0xB9, 0xBA, 0xBC, 0xBD, 0xBE: return nil
        case 0xA0...0xBF: return 0x20
        default: return nil
        }
    }

    /// Scalar ranges of the matches in `text` (offsets relative to `text`), in order. `scanner`
    /// is reused scratch space.
    public func matches<S: StringProtocol>(in text: S, scanner: inout WordScanner) -> [Range<Int>] {
        if let regex { return regexMatches(String(text), regex) }
        if cannotMatch(text) { return [] }
        scanner.scan(text)
        let n = words.count
        guard scanner.words.count >= n else { return [] }
        var out: [Range<Int>] = []
        var i = 0
        while i + n <= scanner.words.count {
            var ok = true
            for k in 0..<n where !Self.glob(words[k], scanner.folded[scanner.words[i + k]]) {
                ok = false
                break
            }
            if ok {
                out.append(scanner.span(words: i, i + n - 1))
                i += n
            } else {
                i += 1
            }
        }
        return out
    }

    /// Whether the folded word matches the pieces (`a*b` is `["a", "b"]`): whole-word match.
    static func glob(_ parts: [[Unicode.Scalar]], _ word: ArraySlice<Unicode.Scalar>) -> Bool {
        if parts.count == 1 { return word.elementsEqual(parts[0]) }
        guard word.starts(with: parts[0]) else { return false }
        var rest = word.dropFirst(parts[0].count)
        let last = parts[parts.count - 1]
        for p in parts.dropFirst().dropLast() where !p.isEmpty {
            guard let at = firstIndex(of: p, in: rest) else { return false }
            rest = rest[(at + p.count)...]
        }
        return rest.count >= last.count && rest.suffix(last.count).elementsEqual(last)
    }

    static func firstIndex(of needle: [Unicode.Scalar], in hay: ArraySlice<Unicode.Scalar>) -> Int? {
        guard needle.count <= hay.count else { return nil }
        var i = hay.startIndex
        while i + needle.count <= hay.endIndex {
            if hay[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }

    func regexMatches(_ text: String, _ regex: NSRegularExpression) -> [Range<Int>] {
        let ns = text as NSString
        let found = regex.matches(in: text, range: NSRange(location: 0, length: ns.length))
        guard !found.isEmpty else { return [] }
        // UTF-16 offsets to scalar offsets.
        var map: [Int: Int] = [:]
        var u16 = 0
        var scalar = 0
        for s in text.unicodeScalars {
            map[u16] = scalar
            u16 += s.utf16.count
            scalar += 1
        }
        map[u16] = scalar
        return found.compactMap { m in
            guard m.range.length > 0, let a = map[m.range.location], let b = map[m.range.location + m.range.length]
            else { return nil }
            return a..<b
        }
    }
}
