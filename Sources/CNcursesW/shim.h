#ifndef KADER_CNCURSESW_SHIM_H
#define KADER_CNCURSESW_SHIM_H

#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>

/* Function-like and bit-shift macros do not import into Swift; expose them here. */
static inline attr_t kader_attr_bold(void) { return A_BOLD; }
static inline attr_t kader_attr_reverse(void) { return A_REVERSE; }
static inline attr_t kader_attr_underline(void) { return A_UNDERLINE; }
static inline attr_t kader_attr_dim(void) { return A_DIM; }
static inline mmask_t kader_all_mouse_events(void) { return ALL_MOUSE_EVENTS | REPORT_MOUSE_POSITION; }
static inline mmask_t kader_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t kader_button1_clicked(void) { return BUTTON1_CLICKED; }
static inline mmask_t kader_button1_released(void) { return BUTTON1_RELEASED; }
static inline mmask_t kader_report_mouse_position(void) { return REPORT_MOUSE_POSITION; }
static inline mmask_t kader_button4_pressed(void) { return BUTTON4_PRESSED; }
#if defined(BUTTON5_PRESSED)
static inline mmask_t kader_button5_pressed(void) { return BUTTON5_PRESSED; }
#else
static inline mmask_t kader_button5_pressed(void) { return 0; }
#endif
static inline WINDOW *kader_stdscr(void) { return stdscr; }
static inline int kader_key_f(int n) { return KEY_F(n); }
int wcwidth(wchar_t c);

#endif
