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

    /// `#rrggbb` (spaces or tabs around it allowed) as 0xRRGGBB, read byte by byte (it runs for
    /// every code of the codebook panel on every frame); nil for anything else.
    static func rgb(_ text: String) -> UInt32? {
        var value: UInt32 = 0
        var digits = -1  // -1 until the '#'
        var trailing = false
        for b in text.utf8 {
            if b == 0x20 || b == 0x09 {
                if digits >= 0 { trailing = true }
                continue
            }
            if trailing { return nil }
            if digits < 0 {
                guard b == UInt8(ascii: "#") else { return nil }
                digits = 0
                continue
            }
            let d: UInt32
            switch b {
            case 0x30...0x39: d = UInt32(b - 0x30)
            case 0x41...0x46: d = UInt32(b - 0x41 + 10)
            case 0x61...0x66: d = UInt32(b - 0x61 + 10)
            default: return nil
            }
            guard digits < 6 else { return nil }
            value = value << 4 | d
            digits += 1
        }
        return digits == 6 ? value : nil
    }

    /// The terminal colour nearest in hue to a codebook colour (`#rrggbb`), or nil.
    static func color(hex: String?) -> CellColor? {
        guard let hex, let v = rgb(hex) else { return nil }
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
