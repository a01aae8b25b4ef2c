import Foundation

/// Splits text into words folded for comparison (lowercase, accents removed, like the TUI's
/// search), keeping each word's Unicode scalar offsets in the original text. A word is a run of
/// letters and digits; combining marks belong to the letter before them. Linear in the text;
/// buffers are reused between calls, so one scanner per thread.
public struct WordScanner {
    /// Folded scalars of the last scanned text.
    public private(set) var folded: [Unicode.Scalar] = []
    /// For each folded scalar, the offset of the scalar it came from.
    public private(set) var origin: [Int32] = []
    /// Words as half-open ranges into ``folded``.
    public private(set) var words: [Range<Int>] = []
    private var cache: [UInt32: [Unicode.Scalar]] = [:]
    private var scalarCount = 0

    public init() {}

    /// Scans `text`; afterwards ``words``, ``folded`` and ``origin`` describe it.
    public mutating func scan<S: StringProtocol>(_ text: S) {
        folded.removeAll(keepingCapacity: true)
        origin.removeAll(keepingCapacity: true)
        words.removeAll(keepingCapacity: true)
        var offset: Int32 = 0
        var wordStart = -1
        for s in text.unicodeScalars {
            defer { offset += 1 }
            let v = s.value
            if v < 0x80 {
                let isWord = (v >= 0x61 && v <= 0x7A) || (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A)
                if isWord {
                    if wordStart < 0 { wordStart = folded.count }
                    folded.append(v >= 0x41 && v <= 0x5A ? Unicode.Scalar(UInt8(v + 0x20)) : s)
                    origin.append(offset)
                } else if wordStart >= 0 {
                    words.append(wordStart..<folded.count)
                    wordStart = -1
                }
                continue
            }
            let props = s.properties
            if props.generalCategory == .nonspacingMark || props.generalCategory == .spacingMark
                || props.generalCategory == .enclosingMark
            {
                continue
            }
            if props.isAlphabetic || props.numericType != nil {
                if wordStart < 0 { wordStart = folded.count }
                for f in fold(s) {
                    folded.append(f)
                    origin.append(offset)
                }
            } else if wordStart >= 0 {
                words.append(wordStart..<folded.count)
                wordStart = -1
            }
        }
        if wordStart >= 0 { words.append(wordStart..<folded.count) }
        scalarCount = Int(offset)
    }

    /// Original offsets (start inclusive, end exclusive) of words `first...last`.
    public func span(words first: Int, _ last: Int) -> Range<Int> {
        let end = words[last].upperBound
        // The end is one past the origin of the last folded scalar of the word.
        return Int(origin[words[first].lowerBound])..<(Int(origin[end - 1]) + 1)
    }

    /// The folded text of word `i`.
    public func word(_ i: Int) -> String {
        var s = String.UnicodeScalarView()
        s.append(contentsOf: folded[words[i]])
        return String(s)
    }

    private mutating func fold(_ s: Unicode.Scalar) -> [Unicode.Scalar] {
        if let hit = cache[s.value] { return hit }
        let f = Array(
            String(s).folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
                .unicodeScalars)
        cache[s.value] = f
        return f
    }

    /// `text` folded and split into words (for patterns).
    public static func foldedWords(_ text: String) -> [[Unicode.Scalar]] {
        var scanner = WordScanner()
        scanner.scan(text)
        return scanner.words.map { Array(scanner.folded[$0]) }
    }
}
