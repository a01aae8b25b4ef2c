/// Word wrapping measured in display cells, keeping where each character came from.
public enum TextWrap {
    /// A wrapped line: its characters and, for each, the Unicode scalar offset in the wrapped text.
    public struct Line: Hashable, Sendable {
        public var characters: [Character] = []
        public var offsets: [Int] = []
        public var text: String { String(characters) }
        /// Offset of the first character, or of where the line would start when it is empty.
        public var start: Int
    }

    /// Splits `text` into lines of at most `width` cells, breaking at spaces where possible and
    /// inside words longer than a line. Newlines in the text start new lines.
    public static func lines(_ text: String, width: Int) -> [String] {
        wrap(text, width: width).map(\.text)
    }

    /// Like ``lines(_:width:)``, with each character's scalar offset (runs of spaces collapse to one).
    public static func wrap(_ text: String, width: Int) -> [Line] {
        guard width > 0 else { return [] }
        var result: [Line] = []
        var line = Line(start: 0)
        var lineWidth = 0
        var word: [(Character, Int)] = []
        var wordWidth = 0
        var lastSpace = 0
        var offset = 0

        func flushWord() {
            guard !word.isEmpty else { return }
            if lineWidth > 0 && lineWidth + 1 + wordWidth <= width {
                line.characters.append(" ")
                line.offsets.append(lastSpace)
                lineWidth += 1
            } else if lineWidth > 0 {
                result.append(line)
                line = Line(start: word[0].1)
                lineWidth = 0
            }
            if lineWidth == 0 { line.start = word[0].1 }
            for (c, o) in word {
                let w = DisplayWidth.of(c)
                if lineWidth + w > width && lineWidth > 0 {
                    result.append(line)
                    line = Line(start: o)
                    lineWidth = 0
                }
                line.characters.append(c)
                line.offsets.append(o)
                lineWidth += w
            }
            word = []
            wordWidth = 0
        }

        for c in text {
            let n = c.unicodeScalars.count
            if c == "\n" {
                flushWord()
                result.append(line)
                line = Line(start: offset + n)
                lineWidth = 0
            } else if c == " " || c == "\t" {
                flushWord()
                lastSpace = offset
                if lineWidth == 0 { line.start = offset + n }
            } else {
                word.append((c, offset))
                wordWidth += DisplayWidth.of(c)
            }
            offset += n
        }
        flushWord()
        result.append(line)
        return result
    }
}
