import Foundation
import KaderCore

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

    /// The terminal colour nearest in hue to a codebook colour (`#rrggbb`), or nil.
    static func color(hex: String?) -> CellColor? {
        guard var h = hex?.trimmingCharacters(in: .whitespaces), h.hasPrefix("#"), h.count == 7 else { return nil }
        h.removeFirst()
        guard let v = UInt32(h, radix: 16) else { return nil }
        let r = Double((v >> 16) & 0xFF) / 255
        let g = Double((v >> 8) & 0xFF) / 255
        let b = Double(v & 0xFF) / 255
        let mx = max(r, g, b)
        let mn = min(r, g, b)
        guard mx - mn > 0.08 else { return .muted }
        var hue: Double
        if mx == r {
            hue = (g - b) / (mx - mn)
        } else if mx == g {
            hue = 2 + (b - r) / (mx - mn)
        } else {
            hue = 4 + (r - g) / (mx - mn)
        }
        hue = (hue * 60).truncatingRemainder(dividingBy: 360)
        if hue < 0 { hue += 360 }
        switch hue {
        case ..<20, 330...: return .role6  // red
        case ..<70: return .role3  // yellow
        case ..<160: return .role2  // green
        case ..<200: return .role1  // cyan
        case ..<270: return .role5  // blue
        default: return .role4  // magenta
        }
    }

    /// The style of a code's label: its own colour from the codebook, else its category's.
    static func code(_ entry: CodeEntry?, in state: AppState, bold: Bool = true) -> CellStyle {
        guard let entry else { return CellStyle(color: .bad, bold: bold) }
        let color = color(hex: entry.code.color) ?? color(hex: state.entry(id: entry.categoryId)?.code.color) ?? .accent
        return CellStyle(color: color, bold: bold)
    }
}
