#if canImport(Glibc)
import Glibc
#endif

@_silgen_name("wcwidth")
private func c_wcwidth(_ c: Int32) -> Int32

/// Display width of text in terminal cells, measured with the C library's `wcwidth`.
///
/// `wcwidth` needs a UTF-8 `LC_CTYPE`; ``prepareLocale()`` sets one (the user's, else `C.UTF-8`).
public enum DisplayWidth {
    /// Sets `LC_ALL` from the environment and falls back to `C.UTF-8` when that locale is not
    /// UTF-8. Returns true when the fallback was needed.
    @discardableResult
    public static func prepareLocale() -> Bool {
        let name = setlocale(LC_ALL, "").map { String(cString: $0) } ?? "C"
        let upper = name.uppercased()
        if upper.contains("UTF-8") || upper.contains("UTF8") { return false }
        if setlocale(LC_ALL, "C.UTF-8") == nil { _ = setlocale(LC_ALL, "C.utf8") }
        return true
    }

    /// Width of one scalar: 0 for combining marks and zero-width characters, 2 for wide
    /// (CJK, most emoji), 1 otherwise. Control characters count 1 (they are shown as `�`).
    public static func of(_ s: Unicode.Scalar) -> Int {
        let v = s.value
        if v >= 0x20 && v < 0x7F { return 1 }
        if v < 0x20 || (v >= 0x7F && v < 0xA0) { return 1 }
        let w = Int(c_wcwidth(Int32(bitPattern: v)))
        if w >= 0 { return w }
        return s.properties.isEmojiPresentation ? 2 : 1
    }

    /// Width of a grapheme cluster: the sum over its scalars, at most 2.
    public static func of(_ c: Character) -> Int {
        var total = 0
        for s in c.unicodeScalars { total += of(s) }
        if c.unicodeScalars.count > 1 && c.unicodeScalars.contains(where: { $0.properties.isEmojiPresentation }) { return 2 }
        return min(max(total, c.unicodeScalars.first.map { of($0) } ?? 1), 2)
    }

    /// Width of a string in cells.
    public static func of(_ text: String) -> Int {
        var total = 0
        for c in text { total += of(c) }
        return total
    }
}
