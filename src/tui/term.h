/* term.h — the terminal: set-up, key decoding, resize.
 *
 * Keys arrive as one `struct key`, whatever the terminal sent: F1..F10 from
 * terminfo, PuTTY's ESC[11~..ESC[14~ (bound with define_key), and Esc followed
 * by a digit (Esc 1 = F1 … Esc 0 = F10) for SSH clients that swallow F-keys.
 * Two waits tell these apart: a terminal's sequence arrives within ESCDELAY
 * ([ui] escdelay, so arrow keys decode fast), while the digit an operator
 * presses after Esc may come up to [ui] esc_digit_ms later (a second, as in
 * Midnight Commander).  A lone Esc, nothing following within that time, is
 * K_ESC. */
#ifndef DJ_TUI_TERM_H
#define DJ_TUI_TERM_H

#include <wchar.h>

enum key_code {
	K_CHAR = 0,        /* a printable character in key.ch */
	K_F1 = 0x110001, K_F2, K_F3, K_F4, K_F5, K_F6, K_F7, K_F8, K_F9, K_F10,
	K_ENTER, K_TAB, K_BTAB, K_ESC,
	K_UP, K_DOWN, K_LEFT, K_RIGHT, K_PGUP, K_PGDN, K_HOME, K_END,
	K_BACKSPACE, K_DELETE, K_INSERT,
	K_CTRL_A, K_CTRL_D, K_CTRL_E, K_CTRL_K, K_CTRL_L, K_CTRL_U,
	K_RESIZE,
	K_NONE,            /* nothing (timeout) or an unknown sequence */
};

struct key {
	int code;          /* enum key_code */
	wchar_t ch;        /* the character when code == K_CHAR */
};

struct term_opts {
	int escdelay_ms;   /* [ui] escdelay, default 150 */
	int esc_digit_ms;  /* [ui] esc_digit_ms, default 1000 */
	int colours;       /* [ui] colours: 1 use colours when the terminal has them, 0 never */
	int ascii_borders; /* [ui] borders = ascii */
};

/* Starts curses (setlocale must already have been called by main).
 * Returns 0, or -1 with a message on stderr when there is no usable terminal. */
int term_start(const struct term_opts *o);
void term_stop(void);

/* Waits for the next key (blocking). */
struct key term_getkey(void);

/* Same, giving up after ms milliseconds with K_NONE (for tests of timing-free
 * code paths and dialogs that poll). */
struct key term_getkey_timeout(int ms);

/* Rings the terminal's bell (a refused key). */
void term_beep(void);

int term_rows(void);
int term_cols(void);
int term_has_colour(void);
int term_ascii_borders(void);

/* A key's name for help texts: "F2", "Esc 2", "回车" … */
const char *key_name(int code);

#endif
