/* vt.h — end-to-end test harness: a program in a pseudo-terminal, its screen
 * read through libvterm, keys typed as a terminal would send them.
 *
 * Typical use (from the repository root, where `make test` runs):
 *
 *     char *argv[] = { "build/dangjian-san", NULL };
 *     struct vt *vt = vt_spawn(24, 80, "zh_CN.GB18030", argv, NULL);
 *     assert_true(vt_wait_text(vt, "党员", VT_TIMEOUT_MS));
 *     vt_key(vt, VT_KEY_F6);
 *     vt_type(vt, "张三");
 *     ...
 *     int status;
 *     assert_true(vt_wait_exit(vt, VT_TIMEOUT_MS, &status));
 *     assert_int_equal(WEXITSTATUS(status), 0);
 *     vt_free(vt);
 *
 * All text crossing this interface is UTF-8.  When the locale's codeset is
 * not UTF-8 (zh_CN.GB18030), the harness plays a GB18030 terminal: it decodes
 * the program's output from that codeset and encodes typed text into it.
 * Widths are libvterm's: East Asian ambiguous characters (· — “ ─ ●) take
 * one column, while glibc's zh_CN.GB18030 wcwidth() gives them two, so a
 * program printing them in a GB18030 locale may see later cells on that
 * row misplaced here (ncurses and libvterm disagree on the width).
 * libvterm 0.1.4 misplaces text after REP (CSI n b) ending on the last
 * column; vt.c expands REP itself, so screens match xterm's.
 *
 * Waits take timeouts only as safety nets (VT_TIMEOUT_MS suits the sanitizer
 * build); they return as soon as the condition holds, so they assert what
 * appears, never how fast. */
#ifndef DANGJIAN_TESTS_E2E_VT_H
#define DANGJIAN_TESTS_E2E_VT_H

#include <stddef.h>
#include <stdio.h>

/* A generous ceiling for any single wait under AddressSanitizer. */
#define VT_TIMEOUT_MS 10000

struct vt;

/* Makes sure the private locales (build/locale/zh_CN.UTF-8, zh_CN.GB18030)
 * exist, running tests/e2e/locales.sh once when they do not.  Returns 1 when
 * both are usable.  vt_spawn calls it for zh_CN locales. */
int vt_locales_ready(void);

/* Starts argv[0] (a path, or a name looked up in PATH) in a new pty of
 * rows x cols.  The child gets TERM=xterm-256color, LANG and LC_ALL = locale
 * (NULL means "C.UTF-8"), LOCPATH when the locale was generated into
 * build/locale, LINES/COLUMNS removed (they would override the pty size),
 * AddressSanitizer reports redirected to build/e2e-logs/ (printed to
 * stderr by vt_wait_exit/vt_free), then every "NAME=value" of envp_extra
 * (may be NULL; e.g. "TERM=vt100").  If the program cannot be started the
 * child exits with status 127.  Returns NULL (message on stderr) when the
 * pty or the locale's converters cannot be set up. */
struct vt *vt_spawn(int rows, int cols, const char *locale,
                    char *const argv[], char *const envp_extra[]);

/* Kills the child (SIGTERM, then SIGKILL) if it still runs, reaps it, prints
 * any sanitizer report it left, and frees everything.  NULL is fine. */
void vt_free(struct vt *vt);

/* ---- output ---------------------------------------------------------- */

/* Reads and interprets the program's output for ms milliseconds (0: only
 * what is already there).  Returns the number of bytes read. */
long vt_pump(struct vt *vt, int ms);

/* Pumps until utf8 appears on the screen (within one row), then returns 1;
 * returns 0 at timeout_ms or when the program closed the terminal without
 * showing it.  The rest of the frame may still be arriving: follow with
 * vt_wait_idle before checking other parts of the screen. */
int vt_wait_text(struct vt *vt, const char *utf8, int timeout_ms);

/* Like vt_wait_text, for text contained in one given row (0-based). */
int vt_wait_row(struct vt *vt, int row, const char *utf8, int timeout_ms);

/* Pumps until utf8 is nowhere on the screen (1) or timeout_ms passes (0). */
int vt_wait_gone(struct vt *vt, const char *utf8, int timeout_ms);

/* Pumps until no output arrived for quiet_ms (1) or timeout_ms passed (0).
 * A closed terminal counts as quiet. */
int vt_wait_idle(struct vt *vt, int quiet_ms, int timeout_ms);

/* Number of bytes the program has written, counted on the raw pty side
 * (before any GB18030 decoding), since the last vt_bytes_mark (or start). */
void vt_bytes_mark(struct vt *vt);
unsigned long vt_bytes_since(const struct vt *vt);

/* ---- the screen ------------------------------------------------------ */

void vt_size(const struct vt *vt, int *rows, int *cols);

/* Row `row` as UTF-8 into utf8 (always NUL-terminated, cut at cap): each
 * character once however many columns it covers, blank cells as spaces,
 * trailing spaces removed.  An out-of-range row gives "". */
void vt_row(struct vt *vt, int row, char *utf8, size_t cap);

/* Screen column where utf8 first starts on row, or -1 if it is not there.
 * Counts columns, not characters: in "中文AB", "AB" starts at column 4. */
int vt_col_of(struct vt *vt, int row, const char *utf8);

/* First row (top-down) containing utf8, or -1. */
int vt_row_of(struct vt *vt, const char *utf8);

/* Cursor position (0-based) and whether the program left it visible.
 * vt_size and vt_cursor need both pointers. */
void vt_cursor(struct vt *vt, int *row, int *col);
int vt_cursor_visible(const struct vt *vt);

/* Attributes of one cell (1 or 0; 0 outside the screen). */
int vt_attr_reverse(struct vt *vt, int row, int col);
int vt_attr_bold(struct vt *vt, int row, int col);
int vt_attr_underline(struct vt *vt, int row, int col);

/* Prints the size, the cursor and every row with its number (for failure
 * messages: call before failing an assertion about the screen). */
void vt_dump(struct vt *vt, FILE *out);

/* ---- keys ------------------------------------------------------------ */

/* Keys as xterm sends them.  Cursor keys and Home/End follow the program's
 * cursor-key mode as a real terminal does: ESC [ A normally, ESC O A after
 * the program (ncurses keypad()) switched application mode on.
 * A lone VT_KEY_ESC is only told apart from a sequence by time: wait for the
 * program's answer on screen before the next key, or the two may be read as
 * one (as Esc+digit is, on purpose, in vt_esc_digit). */
enum vt_keyname {
    VT_KEY_F1, VT_KEY_F2, VT_KEY_F3, VT_KEY_F4,     /* ESC O P .. ESC O S */
    VT_KEY_F5, VT_KEY_F6, VT_KEY_F7, VT_KEY_F8,     /* ESC[15~ 17~ 18~ 19~ */
    VT_KEY_F9, VT_KEY_F10, VT_KEY_F11, VT_KEY_F12,  /* ESC[20~ 21~ 23~ 24~ */
    VT_KEY_PUTTY_F1, VT_KEY_PUTTY_F2,               /* ESC[11~ ESC[12~ */
    VT_KEY_PUTTY_F3, VT_KEY_PUTTY_F4,               /* ESC[13~ ESC[14~ */
    VT_KEY_ENTER,                                   /* \r */
    VT_KEY_TAB, VT_KEY_BTAB,                        /* \t, ESC[Z */
    VT_KEY_ESC,                                     /* a lone ESC */
    VT_KEY_UP, VT_KEY_DOWN, VT_KEY_RIGHT, VT_KEY_LEFT,
    VT_KEY_HOME, VT_KEY_END,
    VT_KEY_PGUP, VT_KEY_PGDN,                       /* ESC[5~ ESC[6~ */
    VT_KEY_INSERT, VT_KEY_DELETE,                   /* ESC[2~ ESC[3~ */
    VT_KEY_BACKSPACE,                               /* 0x7f */
    VT_KEY_CTRL_D, VT_KEY_CTRL_L,                   /* 0x04 0x0c */
    VT_KEY_COUNT
};

/* Each returns 0, or -1 (message on stderr) when the bytes could not be
 * written. */
int vt_key(struct vt *vt, enum vt_keyname key);
/* Types UTF-8 text, encoded for the locale (GB18030 bytes in a GB18030
 * locale).  Text the locale cannot encode fails without writing anything. */
int vt_type(struct vt *vt, const char *utf8);
/* ESC then the digit d (0-9) in one write, as the F-key fallback. */
int vt_esc_digit(struct vt *vt, int d);
/* Raw bytes, untranslated (for sequences of other terminals). */
int vt_send(struct vt *vt, const char *bytes, size_t n);

/* Keystrokes sent so far: one per vt_key, two per vt_esc_digit, one per
 * character of vt_type (vt_send is not counted).  For keystroke economy. */
unsigned long vt_keystrokes(const struct vt *vt);

/* ---- size and exit --------------------------------------------------- */

/* Resizes the pty (the child gets SIGWINCH) and the emulated screen. */
void vt_resize(struct vt *vt, int rows, int cols);

/* Waits for the child to exit, pumping its output meanwhile, then takes in
 * what it wrote last.  Returns 1 with the waitpid status in *status (may be
 * NULL), or 0 if it still runs after timeout_ms.  Prints any sanitizer report
 * the child left to stderr. */
int vt_wait_exit(struct vt *vt, int timeout_ms, int *status);

/* 1 when the reaped child left an AddressSanitizer/LeakSanitizer report
 * (printed to stderr).  GCC's UBSan runs as a plug-in of ASan and ignores
 * log_path: its report shows on the terminal (vt_dump) and the program
 * exits with status 1, so asserting the exit status catches both. */
int vt_sanitizer_reported(const struct vt *vt);

/* Process id of the child (for signals sent by a test). */
int vt_pid(const struct vt *vt);

#endif
