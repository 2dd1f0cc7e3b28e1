/* dialog.c — modal dialogs (see dialog.h).
 *
 * The screen under a dialog is kept as a copy of stdscr taken when the
 * dialog opens and copied back when it closes; ncurses then sends only the
 * cells that differ, so closing a dialog costs about what opening it did. */
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <curses.h>

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "core/fit.h"
#include "core/text.h"
#include "tui/dialog.h"
#include "tui/draw.h"
#include "tui/term.h"

#define DLG_MAX_W 76
#define DLG_MAX_H 20

static void (*backdrop_fn)(void *ctx);
static void *backdrop_ctx;

void dialog_set_backdrop(void (*redraw)(void *ctx), void *ctx)
{
	backdrop_fn = redraw;
	backdrop_ctx = ctx;
}

void under_save(struct under *u)
{
	u->saved = dupwin(stdscr);
	cursor_wanted(&u->cur_y, &u->cur_x);
}

void under_restore(struct under *u)
{
	if (u->saved) {
		WINDOW *w = u->saved;
		int rows = getmaxy(w) < LINES ? getmaxy(w) : LINES;
		int cols = getmaxx(w) < COLS ? getmaxx(w) : COLS;
		copywin(w, stdscr, 0, 0, 0, 0, rows - 1, cols - 1, FALSE);
		delwin(w);
		u->saved = NULL;
	}
	cursor_want(u->cur_y, u->cur_x);
}

/* After a resize the old copy no longer fits: the screen is painted again
 * at the new size and copied afresh. */
static void under_repaint(struct under *u)
{
	if (u->saved)
		delwin(u->saved);
	if (backdrop_fn) {
		backdrop_fn(backdrop_ctx);
		under_save(u); /* the screen may want its cursor elsewhere now */
	} else {
		clear();
		u->saved = dupwin(stdscr);
	}
}

/* Draws with draw(ctx), shows it, and returns the next key that is not
 * a resize or a Ctrl-L (those are handled here). */
static struct key next_key(struct under *u, void (*draw)(void *ctx), void *ctx)
{
	for (;;) {
		draw(ctx);
		draw_flush();
		struct key k = term_getkey();
		if (k.code == K_RESIZE)
			under_repaint(u);
		else if (k.code == K_CTRL_L)
			clearok(curscr, TRUE);
		else if (k.code != K_NONE)
			return k;
	}
}

/* ---- geometry and text lines ---- */

struct box {
	int y, x, h, w;
};

static struct box centred(int h, int w)
{
	int maxw = COLS - 2 < DLG_MAX_W ? COLS - 2 : DLG_MAX_W;
	int maxh = LINES - 2 < DLG_MAX_H ? LINES - 2 : DLG_MAX_H;
	if (w > maxw)
		w = maxw;
	if (h > maxh)
		h = maxh;
	if (w < 4)
		w = 4;
	if (h < 3)
		h = 3;
	return (struct box){ (LINES - h) / 2, (COLS - w) / 2, h, w };
}

/* A hint drawn over the bottom border, right-aligned. */
static void box_footer(const struct box *b, const char *hint)
{
	int w = utf8_cols(hint);
	if (w + 4 > b->w)
		return;
	draw_text(b->y + b->h - 1, b->x + b->w - w - 3, w + 2, "", ST_NORMAL);
	draw_text(b->y + b->h - 1, b->x + b->w - w - 2, w, hint, ST_NORMAL);
}

/* The text decoded and cut into display lines of at most `width` columns. */
struct lines {
	wchar_t *text;
	size_t *start, *len;
	int n, widest;
};

static void lines_add(struct lines *L, size_t start, size_t end)
{
	L->start[L->n] = start;
	L->len[L->n] = end - start;
	int w = wcs_cols(L->text + start, end - start);
	if (w > L->widest)
		L->widest = w;
	L->n++;
}

/* Lines break where core/fit.h allows: ASCII words whole, and 禁则 (no
 * line starts with 、。）… nor ends with （「). */
static void wrap_paragraph(struct lines *L, size_t p, size_t end, int width)
{
	size_t start = p, next;
	if (p == end) {
		lines_add(L, p, p);
		return;
	}
	while (start < end) {
		size_t stop = fit_line(L->text, end, start, width, &next);
		lines_add(L, start, stop);
		start = next;
	}
}

static int lines_make(struct lines *L, const char *utf8, int width)
{
	size_t blen = utf8 ? strlen(utf8) : 0;
	memset(L, 0, sizeof *L);
	L->text = malloc((blen + 1) * sizeof *L->text);
	/* Every line holds at least one character, or is one \n. */
	L->start = malloc((blen + 1) * sizeof *L->start);
	L->len = malloc((blen + 1) * sizeof *L->len);
	if (!L->text || !L->start || !L->len)
		return -1;
	size_t n = utf8_to_wcs(utf8 ? utf8 : "", blen, L->text, blen + 1);
	if (n > 0 && L->text[n - 1] == '\n')
		n--; /* a final line break ends the last line, it starts none */
	size_t p = 0;
	while (p <= n) {
		size_t e = p;
		while (e < n && L->text[e] != '\n')
			e++;
		size_t vis = e > p && L->text[e - 1] == '\r' ? e - 1 : e;
		wrap_paragraph(L, p, vis, width < 2 ? 2 : width);
		p = e + 1;
	}
	return 0;
}

static void lines_free(struct lines *L)
{
	free(L->text);
	free(L->start);
	free(L->len);
}

static void draw_line(const struct lines *L, int i, int y, int x, int cols, enum style st)
{
	if (i < L->n)
		draw_wtext(y, x, cols, L->text + L->start[i], L->len[i], st);
	else
		draw_wtext(y, x, cols, L"", 0, st);
}

/* ---- dialog_message ---- */

struct message {
	const char *title;
	struct lines L;
	int top;
	struct box b;
};

static int message_rows(const struct message *m) { return m->b.h - 2; }

static void message_draw(void *ctx)
{
	struct message *m = ctx;
	int textw = m->L.widest, tw = utf8_cols(m->title) + 8;
	int w = (textw > tw ? textw : tw) + 4;
	m->b = centred(m->L.n + 2, w < 30 ? 30 : w);
	int rows = message_rows(m);
	if (m->top > m->L.n - rows)
		m->top = m->L.n - rows > 0 ? m->L.n - rows : 0;
	draw_box(m->b.y, m->b.x, m->b.h, m->b.w, m->title);
	for (int r = 0; r < rows; r++)
		draw_line(&m->L, m->top + r, m->b.y + 1 + r, m->b.x + 2, m->b.w - 4, ST_NORMAL);
	char hint[96];
	if (m->L.n > rows)
		snprintf(hint, sizeof hint, "第%d-%d行/共%d行 上下键滚动 其他键关闭", m->top + 1,
		         m->top + rows, m->L.n);
	else
		snprintf(hint, sizeof hint, "按任意键关闭");
	box_footer(&m->b, hint);
	cursor_want(-1, -1);
}

/* Returns 1 when k scrolled the text. */
static int message_scroll(struct message *m, struct key k)
{
	int rows = message_rows(m), last = m->L.n - rows;
	if (last <= 0)
		return 0;
	int top = m->top;
	switch (k.code) {
	case K_UP: top--; break;
	case K_DOWN: top++; break;
	case K_PGUP: top -= rows - 1; break;
	case K_PGDN: top += rows - 1; break;
	case K_HOME: top = 0; break;
	case K_END: top = last; break;
	case K_CHAR:
		if (k.ch != ' ')
			return 0;
		top += rows - 1;
		break;
	default: return 0;
	}
	m->top = top < 0 ? 0 : top > last ? last : top;
	return 1;
}

void dialog_message(const char *title, const char *text)
{
	struct message m = { .title = title ? title : "" };
	if (lines_make(&m.L, text, DLG_MAX_W - 4) != 0) {
		lines_free(&m.L);
		return;
	}
	struct under u;
	under_save(&u);
	while (message_scroll(&m, next_key(&u, message_draw, &m)))
		;
	under_restore(&u);
	lines_free(&m.L);
}

/* ---- dialog_ask ---- */

struct ask {
	struct lines L;
	int yes;
};

static void ask_draw(void *ctx)
{
	struct ask *a = ctx;
	int w = a->L.widest + 6;
	struct box b = centred(a->L.n + 4, w < 30 ? 30 : w);
	int rows = b.h - 4;
	draw_box(b.y, b.x, b.h, b.w, "请确认");
	for (int r = 0; r < rows; r++)
		draw_line(&a->L, r, b.y + 1 + r, b.x + 3, b.w - 6, ST_NORMAL);
	int by = b.y + b.h - 2, bx = b.x + (b.w - 20) / 2;
	draw_text(by, b.x + 1, b.w - 2, "", ST_NORMAL);
	draw_text(by, bx, 8, " 是(Y) ", a->yes ? ST_SELECTED : ST_NORMAL);
	draw_text(by, bx + 12, 8, " 否(N) ", a->yes ? ST_NORMAL : ST_SELECTED);
	cursor_want(-1, -1);
}

/* Returns 1 yes, 0 no, -1 when the key decides nothing. */
static int ask_key(struct ask *a, struct key k)
{
	switch (k.code) {
	case K_ENTER: return a->yes;
	case K_ESC: case K_F3: case K_F10: return 0;
	case K_LEFT: case K_RIGHT: case K_TAB: case K_BTAB: case K_UP: case K_DOWN:
		a->yes = !a->yes;
		return -1;
	case K_CHAR:
		if (k.ch == 'y' || k.ch == 'Y' || k.ch == '1' || k.ch == L'是')
			return 1;
		if (k.ch == 'n' || k.ch == 'N' || k.ch == '2' || k.ch == L'否')
			return 0;
		return -1;
	default: return -1;
	}
}

int dialog_ask(const char *question, int default_yes)
{
	struct ask a = { .yes = default_yes ? 1 : 0 };
	if (lines_make(&a.L, question, DLG_MAX_W - 6) != 0) {
		lines_free(&a.L);
		return 0;
	}
	struct under u;
	under_save(&u);
	int r;
	while ((r = ask_key(&a, next_key(&u, ask_draw, &a))) < 0)
		;
	under_restore(&u);
	lines_free(&a.L);
	return r;
}

int dialog_confirm(const char *question) { return dialog_ask(question, 1); }

/* ---- dialog_input ---- */

struct input {
	const char *title;
	struct lines prompt;
	wchar_t *buf;
	size_t len, cur, scroll, cap_chars, cap_bytes;
};

static size_t utf8_len_of(wchar_t c)
{
	return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
}

static size_t input_bytes(const struct input *in)
{
	size_t b = 0;
	for (size_t i = 0; i < in->len; i++)
		b += utf8_len_of(in->buf[i]);
	return b;
}

/* Moves by whole cells, so a character and its combining marks go together. */
static size_t cell_after(const struct input *in, size_t pos)
{
	wchar_t cell[TEXT_CELL_MAX];
	int w;
	size_t i = pos;
	return text_cell_next(in->buf, in->len, &i, cell, &w) ? i : in->len;
}

static size_t cell_before(const struct input *in, size_t pos)
{
	size_t i = 0, prev = 0;
	while (i < pos) {
		prev = i;
		i = cell_after(in, i);
	}
	return prev;
}

static int cell_cols_at(const struct input *in, size_t pos)
{
	wchar_t cell[TEXT_CELL_MAX];
	int w;
	size_t i = pos;
	return text_cell_next(in->buf, in->len, &i, cell, &w) ? w : 1;
}

/* Scrolls so the cursor's cell is visible in a field `cols` wide. */
static void input_follow(struct input *in, int cols)
{
	if (in->cur < in->scroll)
		in->scroll = in->cur;
	while (in->scroll < in->cur &&
	       wcs_cols(in->buf + in->scroll, in->cur - in->scroll) + cell_cols_at(in, in->cur) > cols)
		in->scroll = cell_after(in, in->scroll);
}

static void input_draw(void *ctx)
{
	struct input *in = ctx;
	int pw = in->prompt.widest + 6;
	struct box b = centred(in->prompt.n + 4, pw > 60 ? pw : 60);
	int rows = b.h - 4, fw = b.w - 4;
	draw_box(b.y, b.x, b.h, b.w, in->title);
	for (int r = 0; r < rows; r++)
		draw_line(&in->prompt, r, b.y + 1 + r, b.x + 2, b.w - 4, ST_NORMAL);
	int fy = b.y + b.h - 2, fx = b.x + 2;
	if (wcs_cols(in->buf, in->len) + 1 <= fw) {
		in->scroll = 0;
		draw_wtext(fy, fx, fw, in->buf, in->len, ST_FIELD_EDIT);
		cursor_want(fy, fx + wcs_cols(in->buf, in->cur));
	} else {
		/* Too long for the field: it scrolls, and a mark stands on each
		 * side where text is hidden. */
		input_follow(in, fw - 2);
		size_t from = in->scroll, n = in->len - from;
		int used, cut;
		size_t k = fit_wcs(in->buf + from, n, fw - 1, &used, &cut);
		draw_text(fy, fx, 1, from > 0 ? fit_mark() : "", ST_FIELD_EDIT);
		draw_wtext(fy, fx + 1, used, in->buf + from, k, ST_FIELD_EDIT);
		draw_text(fy, fx + 1 + used, fw - 1 - used, cut ? fit_mark() : "", ST_FIELD_EDIT);
		cursor_want(fy, fx + 1 + wcs_cols(in->buf + from, in->cur - from));
	}
	box_footer(&b, "回车确定 Esc取消");
}

static void input_insert(struct input *in, wchar_t c)
{
	if (in->len + 1 >= in->cap_chars || input_bytes(in) + utf8_len_of(c) > in->cap_bytes) {
		beep();
		return;
	}
	memmove(in->buf + in->cur + 1, in->buf + in->cur, (in->len - in->cur) * sizeof *in->buf);
	in->buf[in->cur++] = c;
	in->buf[++in->len] = 0;
}

static void input_delete(struct input *in, size_t from, size_t to)
{
	memmove(in->buf + from, in->buf + to, (in->len - to + 1) * sizeof *in->buf);
	in->len -= to - from;
	in->cur = from;
}

/* Returns 1 accept, 0 cancel, -1 keep editing. */
static int input_key(struct input *in, struct key k)
{
	switch (k.code) {
	case K_ENTER: case K_F2: return 1;
	case K_ESC: case K_F3: return 0;
	case K_CHAR: input_insert(in, k.ch); break;
	case K_LEFT: in->cur = cell_before(in, in->cur); break;
	case K_RIGHT: in->cur = cell_after(in, in->cur); break;
	case K_HOME: case K_CTRL_A: in->cur = 0; break;
	case K_END: case K_CTRL_E: in->cur = in->len; break;
	case K_BACKSPACE:
		if (in->cur > 0)
			input_delete(in, cell_before(in, in->cur), in->cur);
		break;
	case K_DELETE:
		if (in->cur < in->len)
			input_delete(in, in->cur, cell_after(in, in->cur));
		break;
	case K_CTRL_U: input_delete(in, 0, in->len); break;
	case K_CTRL_K: input_delete(in, in->cur, in->len); break;
	default: break;
	}
	return -1;
}

int dialog_input(const char *title, const char *prompt, char *buf, size_t cap)
{
	if (buf == NULL || cap == 0)
		return 0;
	struct input in = { .title = title ? title : "", .cap_chars = cap + 1, .cap_bytes = cap - 1 };
	in.buf = malloc(in.cap_chars * sizeof *in.buf);
	if (in.buf == NULL || lines_make(&in.prompt, prompt, DLG_MAX_W - 4) != 0) {
		free(in.buf);
		lines_free(&in.prompt);
		return 0;
	}
	in.len = utf8_to_wcs(buf, strlen(buf), in.buf, in.cap_chars);
	in.cur = in.len;
	struct under u;
	under_save(&u);
	int r;
	while ((r = input_key(&in, next_key(&u, input_draw, &in))) < 0)
		;
	under_restore(&u);
	if (r == 1)
		wcs_to_utf8(in.buf, in.len, buf, cap);
	free(in.buf);
	lines_free(&in.prompt);
	return r;
}

/* ---- dialog_pick ---- */

struct pick {
	const char *title;
	const char *const *items;
	int n, cur, top, rows;
};

static void pick_draw(void *ctx)
{
	struct pick *p = ctx;
	int w = utf8_cols(p->title) + 8;
	for (int i = 0; i < p->n; i++) {
		int iw = utf8_cols(p->items[i] ? p->items[i] : "") + 7;
		if (iw > w)
			w = iw;
	}
	struct box b = centred(p->n + 2, w < 30 ? 30 : w);
	p->rows = b.h - 2;
	if (p->cur < p->top)
		p->top = p->cur;
	if (p->cur >= p->top + p->rows)
		p->top = p->cur - p->rows + 1;
	draw_box(b.y, b.x, b.h, b.w, p->title);
	for (int r = 0; r < p->rows; r++) {
		int i = p->top + r;
		char line[512] = "";
		if (i < p->n && i < 9)
			snprintf(line, sizeof line, " %d. %s", i + 1, p->items[i] ? p->items[i] : "");
		else if (i < p->n)
			snprintf(line, sizeof line, "    %s", p->items[i] ? p->items[i] : "");
		draw_text(b.y + 1 + r, b.x + 1, b.w - 2, line, i == p->cur ? ST_SELECTED : ST_NORMAL);
	}
	box_footer(&b, "回车选择 Esc取消");
	cursor_want(-1, -1);
}

/* Returns the chosen index, -2 for cancel, -1 to go on. */
static int pick_key(struct pick *p, struct key k)
{
	int page = p->rows > 1 ? p->rows - 1 : 1;
	switch (k.code) {
	case K_ENTER: return p->cur;
	case K_ESC: case K_F3: return -2;
	case K_UP: p->cur = p->cur > 0 ? p->cur - 1 : p->n - 1; break;
	case K_DOWN: p->cur = p->cur < p->n - 1 ? p->cur + 1 : 0; break;
	case K_PGUP: p->cur = p->cur > page ? p->cur - page : 0; break;
	case K_PGDN: p->cur = p->cur + page < p->n - 1 ? p->cur + page : p->n - 1; break;
	case K_HOME: p->cur = 0; break;
	case K_END: p->cur = p->n - 1; break;
	case K_CHAR:
		if (k.ch >= '1' && k.ch <= '9' && k.ch - '1' < p->n)
			return (int)(k.ch - '1');
		break;
	default: break;
	}
	return -1;
}

int dialog_pick(const char *title, const char *const *items, int n, int initial)
{
	if (items == NULL || n <= 0)
		return -1;
	struct pick p = { .title = title ? title : "", .items = items, .n = n,
	                  .cur = initial >= 0 && initial < n ? initial : 0 };
	struct under u;
	under_save(&u);
	int r;
	while ((r = pick_key(&p, next_key(&u, pick_draw, &p))) == -1)
		;
	under_restore(&u);
	return r == -2 ? -1 : r;
}
