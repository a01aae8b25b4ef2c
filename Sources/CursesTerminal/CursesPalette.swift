@preconcurrency import CNcursesW
import KaderTUI

/// Colour pairs for ``CellColor`` and the attribute bits for ``CellStyle``.
enum CursesPalette {
    private static let foregrounds: [CellColor: Int16] = [
        .accent: Int16(COLOR_CYAN), .muted: Int16(COLOR_WHITE), .good: Int16(COLOR_GREEN), .warn: Int16(COLOR_YELLOW),
        .bad: Int16(COLOR_RED), .role1: Int16(COLOR_CYAN), .role2: Int16(COLOR_GREEN), .role3: Int16(COLOR_YELLOW),
        .role4: Int16(COLOR_MAGENTA), .role5: Int16(COLOR_BLUE), .role6: Int16(COLOR_RED),
        .highlight: Int16(COLOR_YELLOW),
    ]

    static func install() {
        for (color, fg) in foregrounds { init_pair(Int16(color.rawValue), fg, -1) }
    }

    static func attributes(_ style: CellStyle, colors: Bool) -> (attr_t, Int16) {
        var a: attr_t = 0
        if style.bold { a |= kader_attr_bold() }
        if style.reverse { a |= kader_attr_reverse() }
        if style.underline { a |= kader_attr_underline() }
        if style.dim && colors { a |= kader_attr_dim() }
        let pair: Int16 = colors && style.color != .normal ? Int16(style.color.rawValue) : 0
        return (a, pair)
    }
}
