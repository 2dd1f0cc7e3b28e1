/* draw.c — width-correct drawing and the shared frame (see draw.h). */
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <curses.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "core/fit.h"
#include "core/text.h"
#include "core/validate.h"
#include "tui/draw.h"
#include "tui/term.h"

#define N_STYLES (ST_LEGEND_KEY + 1)

/* Without colour every style must still be told apart on a vt100. */
static const attr_t mono_attr[N_STYLES] = {
	[ST_NORMAL] = A_NORMAL,
	[ST_TITLE] = A_REVERSE,
	[ST_HEADING] = A_BOLD,
	[ST_SELECTED] = A_REVERSE,
	[ST_FIELD] = A_UNDERLINE,
	[ST_FIELD_EDIT] = A_REVERSE,
	[ST_ERROR] = A_REVERSE | A_BOLD,
	[ST_WARN] = A_BOLD,
	[ST_DIM] = A_DIM,
	[ST_LEGEND_KEY] = A_BOLD,
};

/* -1 is the terminal's own colour, so light and dark backgrounds both work. */
static const struct { short fg, bg; attr_t attr; } colour_style[N_STYLES] = {
	[ST_NORMAL] = { -1, -1, A_NORMAL },
	[ST_TITLE] = { COLOR_WHITE, COLOR_BLUE, A_BOLD },
	[ST_HEADING] = { -1, -1, A_BOLD },
	[ST_SELECTED] = { COLOR_BLACK, COLOR_CYAN, A_NORMAL },
	[ST_FIELD] = { -1, -1, A_UNDERLINE },
	[ST_FIELD_EDIT] = { COLOR_BLACK, COLOR_YELLOW, A_NORMAL },
	[ST_ERROR] = { COLOR_WHITE, COLOR_RED, A_BOLD },
	[ST_WARN] = { COLOR_RED, -1, A_NORMAL },
	[ST_DIM] = { -1, -1, A_DIM },
	[ST_LEGEND_KEY] = { COLOR_BLACK, COLOR_CYAN, A_NORMAL },
};

static int styles_ready;

/* The cut mark must take one column for both ncurses (the locale) and
 * text.c (ambiwidth): … does in UTF-8; in GB18030, or with ambiwidth 2,
 * it takes two, and › is used. */
static void mark_init(void)
{
	if (wcwidth(L'…') == 1 && wc_cols(L'…') == 1)
		fit_set_mark("…");
	else if (wcwidth(L'›') == 1 && wc_cols(L'›') == 1)
		fit_set_mark("›");
	else
		fit_set_mark(">");
}

static void styles_init(void)
{
	styles_ready = 1;
	mark_init();
	if (!term_has_colour())
		return;
	for (int st = 1; st < N_STYLES; st++) {
		short fg = colour_style[st].fg, bg = colour_style[st].bg;
		if (init_pair((short)st, fg, bg) == ERR)
			init_pair((short)st, fg < 0 ? COLOR_WHITE : fg, bg < 0 ? COLOR_BLACK : bg);
	}
}

static void style_of(enum style st, attr_t *attr, short *pair)
{
	if (!styles_ready)
		styles_init();
	if ((int)st < 0 || (int)st >= N_STYLES)
		st = ST_NORMAL;
	if (term_has_colour()) {
		*attr = colour_style[st].attr;
		*pair = (short)st;
	} else {
		*attr = mono_attr[st];
		*pair = 0;
	}
}

static void put_cell(int y, int x, const wchar_t *cell, attr_t attr, short pair)
{
	cchar_t cc;
	if (setcchar(&cc, cell, attr, pair, NULL) == ERR) {
		wchar_t base[2] = { cell[0], 0 };
		if (setcchar(&cc, base, attr, pair, NULL) == ERR)
			return;
	}
	mvadd_wch(y, x, &cc);
}

/* ncurses positions by the locale's wcwidth; when that disagrees with the
 * width text.c counted (new emoji, a GBK terminal, ambiguous characters set
 * wide on a UTF-8 terminal) the character is drawn as its two-column stand-in
 * or a question mark of the counted width, so the row stays aligned. */
static void put_cell_checked(int y, int x, const wchar_t *cell, int cols, attr_t attr, short pair)
{
	if (wcwidth(cell[0]) == cols) {
		put_cell(y, x, cell, attr, pair);
		return;
	}
	wchar_t wide[2] = { text_wide_form(cell[0]), 0 };
	if (cols == 2 && wcwidth(wide[0]) == 2) {
		put_cell(y, x, wide, attr, pair);
		return;
	}
	for (int i = 0; i < cols; i++)
		put_cell(y, x + i, L"?", attr, pair);
}

static int clip_cols(int y, int x, int cols)
{
	if (y < 0 || y >= LINES || x < 0 || x >= COLS || cols <= 0)
		return 0;
	return cols > COLS - x ? COLS - x : cols;
}

static void pad(int y, int x, int n, attr_t attr, short pair)
{
	for (int i = 0; i < n; i++)
		put_cell(y, x + i, L" ", attr, pair);
}

/* Draws cells while they fit; returns the columns used. */
static int put_cells(int y, int x, int cols, const wchar_t *s, size_t n, attr_t attr, short pair)
{
	size_t i = 0;
	int used = 0, w;
	wchar_t cell[TEXT_CELL_MAX];
	while (used < cols && text_cell_next(s, n, &i, cell, &w)) {
		if (used + w > cols) {
			pad(y, x + used, cols - used, attr, pair);
			return cols;
		}
		put_cell_checked(y, x + used, cell, w, attr, pair);
		used += w;
	}
	return used;
}

int draw_wtext(int y, int x, int cols, const wchar_t *s, size_t n, enum style st)
{
	cols = clip_cols(y, x, cols);
	if (cols == 0)
		return 0;
	attr_t attr;
	short pair;
	style_of(st, &attr, &pair);
	int used = put_cells(y, x, cols, s, n, attr, pair);
	pad(y, x + used, cols - used, attr, pair);
	return used;
}

/* Decodes into buf when it is big enough, else into a heap copy. */
static wchar_t *decode(const char *utf8, wchar_t *buf, size_t cap, size_t *n)
{
	size_t len = utf8 ? strlen(utf8) : 0;
	wchar_t *w = buf;
	if (len + 1 > cap) {
		w = malloc((len + 1) * sizeof *w);
		if (w == NULL) {
			w = buf;
			len = 0;
		} else {
			cap = len + 1;
		}
	}
	*n = utf8_to_wcs(utf8 ? utf8 : "", len, w, cap);
	return w;
}

/* Draws s in exactly `cols` columns; a text too long keeps its head and
 * ends in the cut mark (core/fit.h), so a cut never passes for a whole
 * name.  Returns the columns used before padding. */
static int draw_fitted(int y, int x, int cols, const wchar_t *s, size_t n, enum style st)
{
	int used, cut;
	size_t k = fit_wcs(s, n, cols, &used, &cut);
	if (!cut)
		return draw_wtext(y, x, cols, s, n, st);
	wchar_t m[8];
	size_t mn = utf8_to_wcs(fit_mark(), strlen(fit_mark()), m, 8);
	draw_wtext(y, x, used, s, k, st);
	draw_wtext(y, x + used, cols - used, m, mn, st);
	return cols > used ? used + 1 : used;
}

int draw_text(int y, int x, int cols, const char *utf8, enum style st)
{
	wchar_t buf[512];
	size_t n;
	if (!styles_ready)
		styles_init();
	wchar_t *w = decode(utf8, buf, 512, &n);
	int used = draw_fitted(y, x, cols, w, n, st);
	if (w != buf)
		free(w);
	return used;
}

int draw_text_right(int y, int x, int cols, const char *utf8, enum style st)
{
	wchar_t buf[512];
	size_t n;
	if (!styles_ready)
		styles_init();
	wchar_t *w = decode(utf8, buf, 512, &n);
	int width = wcs_cols(w, n);
	int used;
	if (width >= cols) {
		used = draw_fitted(y, x, cols, w, n, st);
	} else {
		draw_wtext(y, x, cols - width, L"", 0, st);
		used = draw_wtext(y, x + cols - width, width, w, n, st);
	}
	if (w != buf)
		free(w);
	return used;
}

/* Box-drawing characters are East-Asian ambiguous: where they take two
 * columns (ambiwidth 2) only ASCII keeps the frame square. */
static int ascii_borders(void)
{
	return term_ascii_borders() || text_ambiwidth() == 2;
}

static int cell_is_blank(int y, int x, attr_t *attr, short *pair)
{
	cchar_t cc;
	wchar_t wc[CCHARW_MAX + 1] = { 0 };
	if (mvin_wch(y, x, &cc) == ERR || getcchar(&cc, wc, attr, pair, NULL) == ERR)
		return 1;
	return wc[0] == L' ' || wc[0] == 0;
}

/* 1 when (y, x) holds a box border already (the box is drawn again on
 * every key of a dialog; what was beside it was blanked the first time). */
static int edge_drawn(int y, int x)
{
	cchar_t cc;
	wchar_t wc[CCHARW_MAX + 1] = { 0 }, bw[CCHARW_MAX + 1] = { 0 };
	attr_t a, ba;
	short p, bp;
	if (mvin_wch(y, x, &cc) == ERR || getcchar(&cc, wc, &a, &p, NULL) == ERR)
		return 0;
	if (ascii_borders())
		return wc[0] == L'|' || wc[0] == L'+';
	const cchar_t *glyphs[] = { WACS_VLINE, WACS_ULCORNER, WACS_URCORNER, WACS_LLCORNER,
	                            WACS_LRCORNER };
	for (size_t i = 0; i < sizeof glyphs / sizeof *glyphs; i++)
		if (getcchar(glyphs[i], bw, &ba, &bp, NULL) != ERR && bw[0] == wc[0] &&
		    (ba & A_ALTCHARSET) == (a & A_ALTCHARSET))
			return 1;
	return 0;
}

/* What shows of a word a box cuts, right beside its edge, reads as a word
 * of its own ("20" of a date, "支部党" of 支部党员大会, half a wide
 * character): when text runs on under the edge, the run of cells touching
 * it outside is blanked, in its own style.  dir -1 walks left from x, +1 right.  The whole run is found
 * before any cell is written, as writing over half of a wide character
 * changes the other half. */
static void blank_fragment(int y, int x, int dir)
{
	attr_t attr[512];
	short pair[512];
	int n = 0;
	if (x - dir < 0 || x - dir >= COLS || cell_is_blank(y, x - dir, &attr[0], &pair[0]) ||
	    edge_drawn(y, x - dir))
		return;   /* nothing runs on under the edge, or the box is there already */
	while (x + dir * n >= 0 && x + dir * n < COLS && n < 512 &&
	       !cell_is_blank(y, x + dir * n, &attr[n], &pair[n]))
		n++;
	for (int i = 0; i < n; i++)
		put_cell(y, x + dir * i, L" ", attr[i], pair[i]);
}

void draw_box(int y, int x, int h, int w, const char *title)
{
	if (h < 2 || w < 2)
		return;
	for (int r = 0; r < h && y + r < LINES; r++) {
		blank_fragment(y + r, x - 1, -1);
		blank_fragment(y + r, x + w, 1);
	}
	int ascii = ascii_borders();
	for (int r = 1; r < h - 1; r++) {
		draw_wtext(y + r, x + 1, w - 2, L"", 0, ST_NORMAL);
		if (ascii) {
			mvaddch(y + r, x, '|');
			mvaddch(y + r, x + w - 1, '|');
		} else {
			mvadd_wch(y + r, x, WACS_VLINE);
			mvadd_wch(y + r, x + w - 1, WACS_VLINE);
		}
	}
	if (ascii) {
		mvaddch(y, x, '+');
		mvhline(y, x + 1, '-', w - 2);
		mvaddch(y, x + w - 1, '+');
		mvaddch(y + h - 1, x, '+');
		mvhline(y + h - 1, x + 1, '-', w - 2);
		mvaddch(y + h - 1, x + w - 1, '+');
	} else {
		mvadd_wch(y, x, WACS_ULCORNER);
		mvhline_set(y, x + 1, WACS_HLINE, w - 2);
		mvadd_wch(y, x + w - 1, WACS_URCORNER);
		mvadd_wch(y + h - 1, x, WACS_LLCORNER);
		mvhline_set(y + h - 1, x + 1, WACS_HLINE, w - 2);
		mvadd_wch(y + h - 1, x + w - 1, WACS_LRCORNER);
	}
	if (title && *title && w > 6) {
		int tw = utf8_cols(title);
		if (tw > w - 6)
			tw = w - 6;
		draw_text(y, x + 2, 1, " ", ST_HEADING);
		draw_text(y, x + 3, tw, title, ST_HEADING);
		draw_text(y, x + 3 + tw, 1, " ", ST_HEADING);
	}
}

void draw_clear_rows(int y0, int y1)
{
	for (int y = y0 < 0 ? 0 : y0; y < y1 && y < LINES; y++) {
		move(y, 0);
		clrtoeol();
	}
}

/* ---- the shared frame ---- */

static struct {
	char system[128], unit[256], op[128];
	enum msg_kind msg_kind;
	char msg[512];
	int cur_y, cur_x;
} F = { .cur_y = -1, .cur_x = -1 };

/* Copies without leaving half a UTF-8 character at the end. */
static void copy_utf8(char *dst, size_t cap, const char *src)
{
	size_t n = src ? strlen(src) : 0;
	if (n >= cap) {
		n = cap - 1;
		while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
			n--;
	}
	if (n)
		memcpy(dst, src, n);
	dst[n] = '\0';
}

void frame_set_identity(const char *system, const char *unit, const char *op)
{
	copy_utf8(F.system, sizeof F.system, system && *system ? system : "党建台账");
	copy_utf8(F.unit, sizeof F.unit, unit);
	copy_utf8(F.op, sizeof F.op, op);
}

enum { T_SYSTEM, T_UNIT, T_SCREEN, T_OP, T_DATE, T_PARTS };

/* Joins the parts kept, the unit cut to unit_cols (-1: whole). */
static int join_title(char *out, size_t cap, const char *part[T_PARTS], const int keep[T_PARTS],
                      int unit_cols)
{
	char unit[sizeof F.unit + 8];
	size_t n = 0;
	out[0] = '\0';
	for (int i = 0; i < T_PARTS; i++) {
		if (!keep[i] || part[i] == NULL || part[i][0] == '\0')
			continue;
		const char *text = part[i];
		if (i == T_UNIT && unit_cols >= 0) {
			/* A cut unit name says so with the mark. */
			fit_utf8(part[i], unit_cols, unit, sizeof unit);
			text = unit;
		}
		size_t len = strlen(text);
		if (n + len + 4 >= cap)
			break;
		if (n) {
			memcpy(out + n, " | ", 3);
			n += 3;
		}
		memcpy(out + n, text, len + 1);
		n += len;
	}
	return utf8_cols(out);
}

/* At 80 columns a long unit name is cut first, then the operator, the unit,
 * the system name and the date are left out, in that order: the screen
 * name always stays. */
static void fit_title(char *out, size_t cap, const char *part[T_PARTS], int cols)
{
	static const int drop_order[] = { T_OP, T_UNIT, T_SYSTEM, T_DATE };
	int keep[T_PARTS] = { 1, 1, 1, 1, 1 };
	if (join_title(out, cap, part, keep, -1) <= cols)
		return;
	for (size_t d = 0; ; d++) {
		if (keep[T_UNIT] && part[T_UNIT][0]) {
			int without = join_title(out, cap, part, keep, 0);
			int room = cols - without - 3;
			if (room >= 8) {
				join_title(out, cap, part, keep, room);
				return;
			}
		}
		if (d == sizeof drop_order / sizeof drop_order[0])
			break;
		keep[drop_order[d]] = 0;
		if (join_title(out, cap, part, keep, -1) <= cols)
			return;
	}
	join_title(out, cap, part, keep, -1);
}

void frame_title(const char *screen_name)
{
	char date[11], line[768];
	const char *part[T_PARTS] = { F.system[0] ? F.system : "党建台账", F.unit,
	                              screen_name ? screen_name : "", F.op, today(date) };
	fit_title(line, sizeof line, part, COLS);
	draw_text(0, 0, COLS, line, ST_TITLE);
}

/* When the path is too long the deepest levels matter most: leading levels
 * are left out and replaced by "... > ". */
void frame_breadcrumbs(const char *path)
{
	const char *p = path ? path : "";
	char line[768];
	while (utf8_cols(p) > COLS) {
		const char *next = strstr(p, " > ");
		if (next == NULL)
			break;
		p = next + 3;
		snprintf(line, sizeof line, "... > %s", p);
		if (utf8_cols(line) <= COLS) {
			draw_text(1, 0, COLS, line, ST_HEADING);
			return;
		}
	}
	draw_text(1, 0, COLS, p, ST_HEADING);
}

void frame_status(const char *left, const char *right)
{
	int y = LINES - 3;
	int rw = right && *right ? utf8_cols(right) : 0;
	if (rw > COLS)
		rw = COLS;
	int lw = COLS - rw - (rw ? 1 : 0);
	draw_text(y, 0, lw, left ? left : "", ST_NORMAL);
	if (rw) {
		draw_text(y, lw, 1, "", ST_NORMAL);
		draw_text_right(y, COLS - rw, rw, right, ST_NORMAL);
	}
}

void frame_message(enum msg_kind kind, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(F.msg, sizeof F.msg, fmt, ap);
	va_end(ap);
	/* vsnprintf may have cut a UTF-8 character in two. */
	char tmp[sizeof F.msg];
	copy_utf8(tmp, sizeof tmp, F.msg);
	memcpy(F.msg, tmp, sizeof tmp);
	F.msg_kind = kind;
	frame_message_draw();
}

void frame_message_clear(void)
{
	F.msg[0] = '\0';
	F.msg_kind = MSG_INFO;
	frame_message_draw();
}

void frame_message_draw(void)
{
	int y = LINES - 2;
	if (F.msg_kind == MSG_ERROR && F.msg[0]) {
		int w = draw_text(y, 0, COLS, F.msg, ST_ERROR);
		draw_text(y, w, COLS - w, "", ST_NORMAL);
	} else {
		draw_text(y, 0, COLS, F.msg, ST_NORMAL);
	}
}

/* Lays out "1帮助 2保存 …": gap columns between items, labels cut to
 * label_max columns (-1: whole).  Returns the width, drawing when draw. */
static int legend_layout(const char *const labels[10], int gap, int label_max, int draw)
{
	int x = 0, first = 1;
	for (int i = 0; i < 10; i++) {
		if (labels[i] == NULL)
			continue;
		char digits[3];
		snprintf(digits, sizeof digits, "%d", i + 1);
		int dw = (int)strlen(digits);
		int lw = utf8_cols(labels[i]);
		if (label_max >= 0 && lw > label_max)
			lw = label_max;
		if (!first) {
			if (draw)
				draw_text(LINES - 1, x, gap, "", ST_NORMAL);
			x += gap;
		}
		first = 0;
		if (draw) {
			draw_text(LINES - 1, x, dw, digits, ST_LEGEND_KEY);
			draw_text(LINES - 1, x + dw, lw, labels[i], ST_NORMAL);
		}
		x += dw + lw;
	}
	return x;
}

void frame_legend(const char *const labels[10])
{
	static const char *const none[10];
	if (labels == NULL)
		labels = none;
	int gap = 2, label_max = -1, shown = 0;
	for (int i = 0; i < 10; i++)
		shown += labels[i] != NULL;
	if (legend_layout(labels, gap, label_max, 0) > COLS)
		gap = 1;
	if (shown && legend_layout(labels, gap, label_max, 0) > COLS)
		label_max = (COLS - 11 - gap * (shown - 1)) / shown;
	if (label_max < -1)
		label_max = 0;
	int w = legend_layout(labels, gap, label_max, 1);
	if (w < COLS)
		draw_text(LINES - 1, w, COLS - w, "", ST_NORMAL);
}

int frame_body_top(void) { return 2; }

int frame_body_rows(void)
{
	int rows = LINES - 5;
	return rows > 0 ? rows : 0;
}

void cursor_want(int y, int x)
{
	F.cur_y = y;
	F.cur_x = x;
}

void cursor_wanted(int *y, int *x)
{
	*y = F.cur_y;
	*x = F.cur_x;
}

void cursor_apply(void)
{
	if (F.cur_y < 0 || F.cur_x < 0 || F.cur_y >= LINES || F.cur_x >= COLS) {
		curs_set(0);
		return;
	}
	move(F.cur_y, F.cur_x);
	curs_set(1);
}

void draw_flush(void)
{
	cursor_apply();
	wnoutrefresh(stdscr);
	doupdate();
}
