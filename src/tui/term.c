/* term.c — curses set-up and key decoding (see term.h). */
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <curses.h>
#include <term.h>

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "tui/term.h"

static struct {
	SCREEN *scr;
	int escdelay_ms;
	int esc_digit_ms;
	int colour;
	int ascii_borders;
	struct key pushed;      /* one key read ahead while decoding Esc+key */
	int has_pushed;
	int escape_pending;     /* an Esc was read ahead: decode it next time */
} T;

static struct key mk(int code) { return (struct key){ code, 0 }; }

/* Sequences whose terminfo entry differs between terminals (PuTTY's F1-F4,
 * the several Home/End conventions, xterm's keys under TERM=vt100).  Bound
 * only where terminfo left them free, so a terminal's own meaning wins. */
static const struct { const char *seq; int code; } extra_keys[] = {
	{ "\033[11~", KEY_F(1) }, { "\033[12~", KEY_F(2) },
	{ "\033[13~", KEY_F(3) }, { "\033[14~", KEY_F(4) },
	{ "\033OP", KEY_F(1) }, { "\033OQ", KEY_F(2) },
	{ "\033OR", KEY_F(3) }, { "\033OS", KEY_F(4) },
	{ "\033[15~", KEY_F(5) }, { "\033[17~", KEY_F(6) },
	{ "\033[18~", KEY_F(7) }, { "\033[19~", KEY_F(8) },
	{ "\033[20~", KEY_F(9) }, { "\033[21~", KEY_F(10) },
	{ "\033[1~", KEY_HOME }, { "\033[4~", KEY_END },
	{ "\033[7~", KEY_HOME }, { "\033[8~", KEY_END },
	{ "\033[H", KEY_HOME }, { "\033[F", KEY_END },
	{ "\033OH", KEY_HOME }, { "\033OF", KEY_END },
	{ "\033[2~", KEY_IC }, { "\033[3~", KEY_DC },
	{ "\033[5~", KEY_PPAGE }, { "\033[6~", KEY_NPAGE },
	{ "\033[A", KEY_UP }, { "\033[B", KEY_DOWN },
	{ "\033[C", KEY_RIGHT }, { "\033[D", KEY_LEFT },
	{ "\033OA", KEY_UP }, { "\033OB", KEY_DOWN },
	{ "\033OC", KEY_RIGHT }, { "\033OD", KEY_LEFT },
	{ "\033[Z", KEY_BTAB },
};

static void bind_extra_keys(void)
{
	for (size_t i = 0; i < sizeof extra_keys / sizeof extra_keys[0]; i++)
		if (key_defined(extra_keys[i].seq) == 0)
			define_key(extra_keys[i].seq, extra_keys[i].code);
}

static int terminal_lacks_acs(void)
{
	const char *acsc = tigetstr("acsc");
	return acsc == NULL || acsc == (char *)-1 || acsc[0] == '\0';
}

/* Operators used to other software press Ctrl-S to save; with XON/XOFF on
 * that freezes the terminal until Ctrl-Q, which nobody knows.  Saved as the
 * program mode so ncurses puts it back after a suspend. */
static void disable_flow_control(void)
{
	struct termios t;
	if (tcgetattr(STDIN_FILENO, &t) == 0) {
		t.c_iflag &= ~(tcflag_t)(IXON | IXOFF);
		tcsetattr(STDIN_FILENO, TCSANOW, &t);
		def_prog_mode();
	}
}

int term_start(const struct term_opts *o)
{
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "dangjian: 全屏界面需要在终端中运行\n");
		return -1;
	}
	const char *tn = getenv("TERM");
	T.scr = newterm(NULL, stdout, stdin);
	if (T.scr == NULL) {
		fprintf(stderr, "dangjian: 无法使用终端类型 TERM=%s，请设置为 xterm 或 vt100\n",
		        tn ? tn : "(未设置)");
		return -1;
	}
	T.escdelay_ms = o->escdelay_ms > 0 ? o->escdelay_ms : 150;
	T.esc_digit_ms = o->esc_digit_ms > 0 ? o->esc_digit_ms : 1000;
	cbreak();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	meta(stdscr, TRUE);
	set_escdelay(T.escdelay_ms);
	curs_set(0);
	disable_flow_control();
	bind_extra_keys();
	T.colour = 0;
	if (o->colours && has_colors() && start_color() == OK) {
		use_default_colors();
		T.colour = 1;
	}
	T.ascii_borders = o->ascii_borders || terminal_lacks_acs();
	T.has_pushed = 0;
	T.escape_pending = 0;
	return 0;
}

void term_stop(void)
{
	if (T.scr == NULL)
		return;
	curs_set(1);
	endwin();
	delscreen(T.scr);
	T.scr = NULL;
}

/* The terminal went away (SSH dropped): behave as the hang-up signal would,
 * instead of spinning on a read that fails at once forever. */
static void check_hangup(int read_errno)
{
	struct pollfd p = { .fd = STDIN_FILENO, .events = POLLIN };
	if (read_errno == EIO || read_errno == EBADF ||
	    (poll(&p, 1, 0) == 1 && (p.revents & (POLLHUP | POLLERR | POLLNVAL)))) {
		raise(SIGHUP);
		exit(1); /* SIGHUP ignored: nobody is left to type */
	}
}

/* A blocking read wakes this often: ncurses notices a window resize only
 * when a read starts, and a SIGWINCH that lands between its check and the
 * read would otherwise wait for the next key (the screen stays at the old
 * size).  Waking costs nothing on the wire. */
#define RESIZE_POLL_MS 200

/* One raw read: ms < 0 blocks.  Returns OK, KEY_CODE_YES or ERR. */
static int raw_get(int ms, wint_t *wc)
{
	int r;
	for (;;) {
		wtimeout(stdscr, ms < 0 ? RESIZE_POLL_MS : ms);
		errno = 0;
		r = wget_wch(stdscr, wc);
		int read_errno = errno;
		wtimeout(stdscr, -1);
		if (r != ERR || ms >= 0)
			return r;
		check_hangup(read_errno);
		if (read_errno && read_errno != EINTR) {
			/* a read failing at once: do not spin on it */
			struct timespec pause = { 0, 50 * 1000 * 1000 };
			nanosleep(&pause, NULL);
		}
	}
}

static struct key map_function_key(wint_t wc)
{
	if (wc >= (wint_t)KEY_F(1) && wc <= (wint_t)KEY_F(10))
		return mk(K_F1 + (int)(wc - KEY_F(1)));
	switch (wc) {
	case KEY_ENTER: return mk(K_ENTER);
	case KEY_BTAB: return mk(K_BTAB);
	case KEY_UP: return mk(K_UP);
	case KEY_DOWN: return mk(K_DOWN);
	case KEY_LEFT: return mk(K_LEFT);
	case KEY_RIGHT: return mk(K_RIGHT);
	case KEY_PPAGE: return mk(K_PGUP);
	case KEY_NPAGE: return mk(K_PGDN);
	/* vt220-style terminfo calls ESC[1~ "find" and ESC[4~ "select";
	 * the keypad's corners are Home/End too. */
	case KEY_HOME: case KEY_FIND: case KEY_A1: return mk(K_HOME);
	case KEY_END: case KEY_SELECT: case KEY_C1: return mk(K_END);
	case KEY_BACKSPACE: return mk(K_BACKSPACE);
	case KEY_DC: return mk(K_DELETE);
	case KEY_IC: return mk(K_INSERT);
	case KEY_RESIZE: return mk(K_RESIZE);
	default: return mk(K_NONE);
	}
}

static struct key map_char(wint_t wc)
{
	switch (wc) {
	case '\r': case '\n': return mk(K_ENTER);
	case '\t': return mk(K_TAB);
	case 127: case 8: return mk(K_BACKSPACE);
	case 1: return mk(K_CTRL_A);
	case 4: return mk(K_CTRL_D);
	case 5: return mk(K_CTRL_E);
	case 11: return mk(K_CTRL_K);
	case 12: return mk(K_CTRL_L);
	case 21: return mk(K_CTRL_U);
	default: break;
	}
	if (wc < 0x20 || (wc >= 0x7f && wc < 0xa0))
		return mk(K_NONE);
	return (struct key){ K_CHAR, (wchar_t)wc };
}

static struct key map_key(int r, wint_t wc)
{
	return r == KEY_CODE_YES ? map_function_key(wc) : map_char(wc);
}

/* Escape sequences split across reads (a slow SSH link can separate the Esc
 * from the rest by more than ESCDELAY) are decoded here; anything else
 * starting with Esc [ or Esc O is swallowed rather than seen as Esc. */
static const struct { const char *tail; int code; } split_seqs[] = {
	{ "[11~", K_F1 }, { "[12~", K_F2 }, { "[13~", K_F3 }, { "[14~", K_F4 },
	{ "OP", K_F1 }, { "OQ", K_F2 }, { "OR", K_F3 }, { "OS", K_F4 },
	{ "[15~", K_F5 }, { "[17~", K_F6 }, { "[18~", K_F7 }, { "[19~", K_F8 },
	{ "[20~", K_F9 }, { "[21~", K_F10 },
	{ "[A", K_UP }, { "[B", K_DOWN }, { "[C", K_RIGHT }, { "[D", K_LEFT },
	{ "OA", K_UP }, { "OB", K_DOWN }, { "OC", K_RIGHT }, { "OD", K_LEFT },
	{ "[H", K_HOME }, { "[F", K_END }, { "OH", K_HOME }, { "OF", K_END },
	{ "[1~", K_HOME }, { "[4~", K_END }, { "[7~", K_HOME }, { "[8~", K_END },
	{ "[2~", K_INSERT }, { "[3~", K_DELETE }, { "[5~", K_PGUP }, { "[6~", K_PGDN },
	{ "[Z", K_BTAB },
};

static struct key decode_split_sequence(wint_t intro)
{
	char tail[16] = { (char)intro };
	size_t n = 1;
	for (;;) {
		wint_t wc;
		if (raw_get(T.escdelay_ms, &wc) != OK || wc > 0x7e)
			break;
		if (n < sizeof tail - 1)
			tail[n++] = (char)wc;
		/* SS3 takes one final character; CSI ends at 0x40..0x7e. */
		if (intro == 'O' || (wc >= 0x40 && wc <= 0x7e))
			break;
	}
	tail[n] = '\0';
	for (size_t i = 0; i < sizeof split_seqs / sizeof split_seqs[0]; i++)
		if (strcmp(tail, split_seqs[i].tail) == 0)
			return mk(split_seqs[i].code);
	return mk(K_NONE);
}

/* After a lone Esc: a digit within esc_digit_ms makes an F-key (Esc 1 = F1
 * … Esc 0 = F10; Alt-digit arrives the same way); nothing makes K_ESC; any
 * other key makes K_ESC and is kept for the next read.  The wait is a
 * person's, not ESCDELAY: curses has already waited ESCDELAY for a
 * terminal's sequence before handing over the lone Esc. */
static struct key after_escape(void)
{
	wint_t wc;
	int r = raw_get(T.esc_digit_ms, &wc);
	if (r == ERR)
		return mk(K_ESC);
	if (r == OK && wc >= '1' && wc <= '9')
		return mk(K_F1 + (int)(wc - '1'));
	if (r == OK && wc == '0')
		return mk(K_F10);
	if (r == OK && (wc == '[' || wc == 'O'))
		return decode_split_sequence(wc);
	if (r == OK && wc == 27) {
		T.escape_pending = 1;
		return mk(K_ESC);
	}
	T.pushed = map_key(r, wc);
	T.has_pushed = 1;
	return mk(K_ESC);
}

static struct key read_key(int ms)
{
	if (T.has_pushed) {
		T.has_pushed = 0;
		return T.pushed;
	}
	if (T.escape_pending) {
		T.escape_pending = 0;
		return after_escape();
	}
	wint_t wc;
	int r = raw_get(ms, &wc);
	if (r == ERR)
		return mk(K_NONE);
	if (r == OK && wc == 27)
		return after_escape();
	return map_key(r, wc);
}

struct key term_getkey(void) { return read_key(-1); }

struct key term_getkey_timeout(int ms) { return read_key(ms < 0 ? 0 : ms); }

void term_beep(void) { beep(); }

int term_rows(void) { return LINES; }
int term_cols(void) { return COLS; }
int term_has_colour(void) { return T.colour; }
int term_ascii_borders(void) { return T.ascii_borders; }

const char *key_name(int code)
{
	static const char *const fkeys[] = { "F1", "F2", "F3", "F4", "F5",
	                                     "F6", "F7", "F8", "F9", "F10" };
	if (code >= K_F1 && code <= K_F10)
		return fkeys[code - K_F1];
	switch (code) {
	case K_CHAR: return "字符";
	case K_ENTER: return "回车";
	case K_TAB: return "Tab";
	case K_BTAB: return "Shift-Tab";
	case K_ESC: return "Esc";
	case K_UP: return "上箭头";
	case K_DOWN: return "下箭头";
	case K_LEFT: return "左箭头";
	case K_RIGHT: return "右箭头";
	case K_PGUP: return "PgUp";
	case K_PGDN: return "PgDn";
	case K_HOME: return "Home";
	case K_END: return "End";
	case K_BACKSPACE: return "退格";
	case K_DELETE: return "Delete";
	case K_INSERT: return "Insert";
	case K_CTRL_A: return "Ctrl-A";
	case K_CTRL_D: return "Ctrl-D";
	case K_CTRL_E: return "Ctrl-E";
	case K_CTRL_K: return "Ctrl-K";
	case K_CTRL_L: return "Ctrl-L";
	case K_CTRL_U: return "Ctrl-U";
	case K_RESIZE: return "窗口大小改变";
	default: return "";
	}
}
