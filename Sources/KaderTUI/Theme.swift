/// Styles used by the screens, in one place.
enum Theme {
    static let titleBar = CellStyle(color: .accent, reverse: true)
    static let statusBar = CellStyle(reverse: true)
    static let hints = CellStyle(color: .muted, dim: true)
    static let cursorMarker = CellStyle(color: .accent, bold: true)
    static let chip = CellStyle(color: .accent, bold: true)
    static let muted = CellStyle(color: .muted, dim: true)
    static let error = CellStyle(color: .bad, bold: true, reverse: true)
    static let selected = CellStyle(reverse: true)
    static let heading = CellStyle(bold: true)
    static let good = CellStyle(color: .good, bold: true)
    static let match = CellStyle(color: .highlight, bold: true, reverse: true)

    private static let roleColors: [CellColor] = [.role1, .role2, .role3, .role4, .role5, .role6]

    /// A stable colour per role (or speaker when no role is known).
    static func speaker(_ role: String?, _ speaker: String?) -> CellStyle {
        let key = role ?? speaker ?? ""
        var h: UInt32 = 2166136261
        for b in key.utf8 { h = (h ^ UInt32(b)) &* 16777619 }
        return CellStyle(color: roleColors[Int(h % UInt32(roleColors.count))], bold: true)
    }
}
