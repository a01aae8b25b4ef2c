/// Word wrapping measured in display cells.
public enum TextWrap {
    /// Splits `text` into lines of at most `width` cells, breaking at spaces where possible and
    /// inside words longer than a line. Newlines in the text start new lines.
    public static func lines(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var result: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            var lineWidth = 0
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: true) {
                var w = String(word)
                var ww = DisplayWidth.of(w)
                if lineWidth > 0 && lineWidth + 1 + ww <= width {
                    line += " " + w
                    lineWidth += 1 + ww
                    continue
                }
                if lineWidth > 0 {
                    result.append(line)
                    line = ""
                    lineWidth = 0
                }
                while ww > width {
                    var head = ""
                    var hw = 0
                    var rest = Substring(w)
                    while let c = rest.first, hw + DisplayWidth.of(c) <= width {
                        head.append(c)
                        hw += DisplayWidth.of(c)
                        rest = rest.dropFirst()
                    }
                    if head.isEmpty { break }
                    result.append(head)
                    w = String(rest)
                    ww = DisplayWidth.of(w)
                }
                line = w
                lineWidth = ww
            }
            result.append(line)
        }
        return result
    }
}
