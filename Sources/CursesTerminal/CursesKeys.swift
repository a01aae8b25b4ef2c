@preconcurrency import CNcursesW
import KaderTUI

/// Maps curses key codes to ``Key``.
enum CursesKeys {
    static func functionKey(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_NPAGE: return .pageDown
        case KEY_PPAGE: return .pageUp
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_ENTER: return .enter
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_IC: return .insert
        case KEY_BTAB: return .backTab
        case KEY_RESIZE: return .resize
        case KEY_MOUSE: return mouse()
        default:
            for n in 1...12 where code == kader_key_f(Int32(n)) { return .function(n) }
            return nil
        }
    }

    static func mouse() -> Key? {
        var event = MEVENT()
        guard getmouse(&event) == OK else { return nil }
        let row = Int(event.y)
        let col = Int(event.x)
        if event.bstate & kader_button4_pressed() != 0 {
            return .mouse(MouseEvent(kind: .wheelUp, row: row, column: col))
        }
        if kader_button5_pressed() != 0 && event.bstate & kader_button5_pressed() != 0 {
            return .mouse(MouseEvent(kind: .wheelDown, row: row, column: col))
        }
        // Button 1 down, moved while down (xterm mode 1002 reports motion only then), and up:
        // the reducer selects a quote from a press-drag-release and takes a press-release as a click.
        if event.bstate & kader_button1_pressed() != 0 {
            return .mouse(MouseEvent(kind: .press, row: row, column: col))
        }
        if event.bstate & kader_button1_released() != 0 {
            return .mouse(MouseEvent(kind: .release, row: row, column: col))
        }
        if event.bstate & kader_button1_clicked() != 0 {
            return .mouse(MouseEvent(kind: .click, row: row, column: col))
        }
        if event.bstate & kader_report_mouse_position() != 0 {
            return .mouse(MouseEvent(kind: .drag, row: row, column: col))
        }
        return nil
    }
}
