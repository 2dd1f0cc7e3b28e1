/* grid.c — the ledger grid with keyset paging (see grid.h).
 *
 * The page holds at most `cap` rows; every move fetches only what it needs
 * next to the rows it has (one row at the edge, one page on PgDn), asking for
 * one row more than shown to learn whether more follow.  The record count is
 * asked once and cached until the filter changes or a refresh; the ordinal of
 * the first row on screen is asked once and then kept up to date from the
 * moves, so Down never costs a COUNT over a large table. */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>

#include "tui/grid.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/fit.h"
#include "core/text.h"
#include "tui/dialog.h"
#include "tui/draw.h"

static int area_cols(const struct grid *g)
{
	int w = g->cols > 0 ? g->cols : term_cols() - g->x;
	return w > 1 ? w : 1;
}

static int ncols(const struct grid *g)
{
	return g->rs->ncols < RS_MAXCOLS ? g->rs->ncols : RS_MAXCOLS;
}

static const char *heading_of(const struct grid *g, int c, char *buf, size_t cap)
{
	const char *t = g->rs->cols[c].title ? g->rs->cols[c].title : "";
	if (c != g->sort_col)
		return t;
	snprintf(buf, cap, "%s%s", t, g->sort_desc ? "↓" : "↑");
	return buf;
}

/* Columns the longest text of column c on this page takes, its heading
 * included. */
static int column_need(const struct grid *g, int c)
{
	char head[96];
	int need = utf8_cols(heading_of(g, c, head, sizeof head));
	for (int i = 0; i < g->n; i++) {
		int w = utf8_cols(g->page[i].cell[c]);
		need = w > need ? w : need;
	}
	return need;
}

static void column_fit(const struct grid *g, struct fit_col fc[RS_MAXCOLS])
{
	for (int c = 0; c < ncols(g); c++) {
		const struct rs_column *col = &g->rs->cols[c];
		fc[c] = (struct fit_col){ .min = col->width, .need = col->width, .max = col->max,
		                          .key = col->key, .grow = col->grow };
		if (col->max > col->width)
			fc[c].need = column_need(g, c);
	}
}

/* The widths for the page on screen: measured once per full draw, so the
 * moves within a page draw two rows in the widths already on screen. */
static void measure(struct grid *g)
{
	struct fit_col fc[RS_MAXCOLS];
	int n = ncols(g);
	column_fit(g, fc);
	fit_share(fc, n, area_cols(g) - 1 - (n > 0 ? n - 1 : 0), g->w);
}

static int fetch(struct grid *g, const struct rs_key *anchor, int dir, int n, struct rs_row *out)
{
	int k = g->rs->fetch(g->rs->ctx, anchor, dir, n, out);
	if (k < 0) {
		const char *e = g->rs->last_error ? g->rs->last_error(g->rs->ctx) : "";
		frame_message(MSG_ERROR, "读取列表失败：%s", e && *e ? e : "数据库错误");
	}
	return k;
}

/* ---- paging ---- */

static void load_first(struct grid *g)
{
	int k = fetch(g, NULL, 1, g->cap + 1, g->page);
	if (k < 0)
		return;
	g->n = k > g->cap ? g->cap : k;
	g->more_below = k > g->cap;
	g->more_above = 0;
	g->first_ord = 1;
	g->sel = 0;
}

static void load_last(struct grid *g)
{
	int k = fetch(g, NULL, -1, g->cap + 1, g->page);
	if (k < 0)
		return;
	g->more_above = k > g->cap;
	if (g->more_above)
		memmove(g->page, g->page + 1, (size_t)g->cap * sizeof *g->page);
	g->n = g->more_above ? g->cap : k;
	g->more_below = 0;
	g->sel = g->n > 0 ? g->n - 1 : 0;
	g->first_ord = !g->more_above ? 1 : g->count >= 0 ? g->count - g->n + 1 : -1;
}

/* Down on the last row shown: one row more, the page scrolls by one. */
static int step_down(struct grid *g)
{
	if (!g->more_below || g->n == 0)
		return 0;
	struct rs_key a = g->page[g->n - 1].key;
	int k = fetch(g, &a, 1, 2, g->work);
	if (k <= 0) {
		g->more_below = k < 0;
		return 0;
	}
	if (g->n < g->cap) {
		g->page[g->n++] = g->work[0];
	} else {
		memmove(g->page, g->page + 1, (size_t)(g->n - 1) * sizeof *g->page);
		g->page[g->n - 1] = g->work[0];
		g->more_above = 1;
		if (g->first_ord > 0)
			g->first_ord++;
	}
	g->sel = g->n - 1;
	g->more_below = k == 2;
	return 1;
}

static int step_up(struct grid *g)
{
	if (!g->more_above || g->n == 0)
		return 0;
	struct rs_key a = g->page[0].key;
	int k = fetch(g, &a, -1, 2, g->work);
	if (k <= 0) {
		g->more_above = k < 0;
		return 0;
	}
	if (g->n < g->cap) {
		memmove(g->page + 1, g->page, (size_t)g->n * sizeof *g->page);
		g->n++;
	} else {
		memmove(g->page + 1, g->page, (size_t)(g->n - 1) * sizeof *g->page);
		g->more_below = 1;
	}
	g->page[0] = g->work[k - 1];
	g->more_above = k == 2;
	g->first_ord = g->first_ord > 1 ? g->first_ord - 1 : -1;
	g->sel = 0;
	return 1;
}

/* Shows work[start .. start+n) as the page. */
static void take_window(struct grid *g, int start, int total)
{
	int n = total - start < g->cap ? total - start : g->cap;
	if (n < 0)
		n = 0;
	memcpy(g->page, g->work + start, (size_t)n * sizeof *g->page);
	g->n = n;
}

static void page_down(struct grid *g)
{
	if (!g->more_below || g->n == 0) {
		g->sel = g->n > 0 ? g->n - 1 : 0;
		return;
	}
	memcpy(g->work, g->page, (size_t)g->n * sizeof *g->page);
	struct rs_key a = g->page[g->n - 1].key;
	int k = fetch(g, &a, 1, g->cap + 1, g->work + g->n);
	if (k < 0)
		return;
	int probe = k > g->cap, total = g->n + (probe ? g->cap : k);
	int start = total - g->cap > 0 ? total - g->cap : 0;
	int target = g->sel + g->cap < total ? g->sel + g->cap : total - 1;
	take_window(g, start, total);
	g->more_above = g->more_above || start > 0;
	g->more_below = probe;
	if (g->first_ord > 0)
		g->first_ord += start;
	g->sel = target - start;
}

static void page_up(struct grid *g)
{
	if (!g->more_above || g->n == 0) {
		g->sel = 0;
		return;
	}
	struct rs_key a = g->page[0].key;
	int k = fetch(g, &a, -1, g->cap + 1, g->work);
	if (k < 0)
		return;
	int probe = k > g->cap, real = probe ? g->cap : k;
	if (probe)
		memmove(g->work, g->work + 1, (size_t)real * sizeof *g->work);
	memcpy(g->work + real, g->page, (size_t)g->n * sizeof *g->page);
	int total = real + g->n;
	int target = real + g->sel - g->cap > 0 ? real + g->sel - g->cap : 0;
	g->more_below = g->more_below || total > g->cap;
	take_window(g, 0, total);
	g->more_above = probe;
	g->first_ord = !probe ? 1 : g->first_ord > 0 ? g->first_ord - real : -1;
	g->sel = target < g->n ? target : g->n - 1;
}

/* Loads the page around `anchor`: `lead` rows above it when there are, the
 * page filled from above when the list ends early.  The selection goes to
 * want_id when listed, else to index want_idx (clamped), else the anchor. */
static int load_window(struct grid *g, const struct rs_key *anchor, int lead,
                       int64_t want_id, int want_idx)
{
	struct rs_key a = *anchor;
	int ka = fetch(g, &a, -1, g->cap + 1, g->work);
	if (ka < 0)
		return -1;
	int kb = fetch(g, &a, 0, g->cap + 1, g->work + ka);
	if (kb < 0)
		return -1;
	int total = ka + kb;
	int start = ka - lead > 0 ? ka - lead : 0;
	if (total - start < g->cap)
		start = total - g->cap > 0 ? total - g->cap : 0;
	take_window(g, start, total);
	g->more_above = start > 0;
	g->more_below = start + g->n < total;
	g->first_ord = ka <= g->cap ? start + 1 : -1;
	int sel = want_idx >= 0 ? want_idx : ka - start;
	for (int i = 0; i < g->n; i++)
		if (want_id && g->page[i].key.id == want_id)
			sel = i;
	g->sel = sel < 0 ? 0 : sel >= g->n ? (g->n > 0 ? g->n - 1 : 0) : sel;
	return 0;
}

static int page_index_of(const struct grid *g, int64_t id)
{
	for (int i = 0; i < g->n; i++)
		if (g->page[i].key.id == id)
			return i;
	return -1;
}

/* ---- set-up ---- */

static int alloc_rows(struct grid *g, int rows)
{
	int cap = rows - 1 > 1 ? rows - 1 : 1;
	struct rs_row *page = calloc((size_t)cap + 1, sizeof *page);
	struct rs_row *work = calloc(2 * (size_t)cap + 2, sizeof *work);
	if (!page || !work) {
		free(page);
		free(work);
		return -1;
	}
	if (g->page && g->n > 0)
		memcpy(page, g->page, (size_t)(g->n < cap ? g->n : cap) * sizeof *page);
	free(g->page);
	free(g->work);
	g->page = page;
	g->work = work;
	g->cap = cap;
	if (g->n > cap)
		g->n = cap;
	return 0;
}

static int rows_to_body_end(int top_row)
{
	int r = frame_body_top() + frame_body_rows() - top_row;
	return r > 2 ? r : 2;
}

int grid_init(struct grid *g, struct row_source *rs, int top_row, int rows)
{
	memset(g, 0, sizeof *g);
	g->fill = rows <= 0;
	if (g->fill)
		rows = rows_to_body_end(top_row);
	g->rs = rs;
	g->top = top_row;
	g->rows = rows;
	g->status_y = -1;
	g->empty_text = "暂无记录，按 F6 新增";
	g->count = -1;
	g->first_ord = -1;
	g->sort_col = -1;
	if (alloc_rows(g, rows) < 0)
		return -1;
	load_first(g);
	return 0;
}

void grid_free(struct grid *g)
{
	free(g->page);
	free(g->work);
	g->page = g->work = NULL;
	g->n = 0;
}

void grid_set_area(struct grid *g, int x, int cols)
{
	g->x = x;
	g->cols = cols;
}

int64_t grid_selected_id(const struct grid *g)
{
	return g->n > 0 ? g->page[g->sel].key.id : 0;
}

const struct rs_row *grid_selected(const struct grid *g)
{
	return g->n > 0 ? &g->page[g->sel] : NULL;
}

void grid_refresh(struct grid *g)
{
	g->count = -1;
	if (g->n == 0) {
		load_first(g);
		return;
	}
	struct rs_key top = g->page[0].key;
	load_window(g, &top, 0, grid_selected_id(g), g->sel);
}

int grid_select_id(struct grid *g, int64_t id)
{
	struct rs_key key;
	grid_refresh(g);
	int i = page_index_of(g, id);
	if (i < 0 && g->rs->key_of && g->rs->key_of(g->rs->ctx, id, &key) == 0) {
		load_window(g, &key, g->cap / 2, id, -1);
		i = page_index_of(g, id);
	}
	if (i < 0)
		return -1;
	g->sel = i;
	return 0;
}

void grid_resize(struct grid *g, int top_row, int rows)
{
	int64_t id = grid_selected_id(g);
	g->fill = rows <= 0;
	if (g->fill)
		rows = rows_to_body_end(top_row);
	g->top = top_row;
	g->rows = rows;
	if (alloc_rows(g, rows) < 0)
		return;
	if (g->sel >= g->n)
		g->sel = g->n > 0 ? g->n - 1 : 0;
	grid_refresh(g);
	if (id && page_index_of(g, id) < 0)
		grid_select_id(g, id);
}

int grid_set_filter(struct grid *g, const char *text)
{
	snprintf(g->filter, sizeof g->filter, "%s", text ? text : "");
	utf8_trim(g->filter);
	int r = g->rs->set_filter ? g->rs->set_filter(g->rs->ctx, g->filter) : -1;
	g->count = -1;
	load_first(g);
	return r;
}

void grid_set_count(struct grid *g, long count)
{
	g->count = count;
}

const char *grid_filter(const struct grid *g)
{
	return g->filter;
}

/* ---- drawing ---- */

static int data_y(const struct grid *g, int i)
{
	return g->top + 1 + i;
}

static enum style row_style(const struct grid *g, int i)
{
	if (i == g->sel)
		return ST_SELECTED;
	if (g->page[i].flags & RS_FLAG_WARN)
		return ST_WARN;
	if (g->page[i].flags & RS_FLAG_DIM)
		return ST_DIM;
	return ST_NORMAL;
}

/* Draws one line of cells: the gutter, each column in its width (a cut
 * ends in the mark), one space between columns, the rest of the line
 * padded in the same style. */
static void draw_cells(const struct grid *g, int y, const char *gutter,
                       const char *const cells[], enum style st)
{
	int right = g->x + area_cols(g);
	draw_text(y, g->x, 1, gutter, st);
	int cx = g->x + 1;
	for (int c = 0; c < ncols(g) && cx < right; c++) {
		int cw = cx + g->w[c] <= right ? g->w[c] : right - cx;
		if (g->rs->cols[c].right)
			draw_text_right(y, cx, cw, cells[c], st);
		else
			draw_text(y, cx, cw, cells[c], st);
		cx += cw;
		if (cx < right)
			draw_text(y, cx++, 1, "", st);
	}
	if (cx < right)
		draw_text(y, cx, right - cx, "", st);
}

static void draw_heading(const struct grid *g)
{
	const char *titles[RS_MAXCOLS];
	char marked[96];
	for (int c = 0; c < ncols(g); c++)
		titles[c] = heading_of(g, c, marked, sizeof marked);
	draw_cells(g, g->top, "", titles, ST_HEADING);
}

static void draw_row(const struct grid *g, int i)
{
	int y = data_y(g, i);
	if (i >= g->n) {
		draw_text(y, g->x, area_cols(g), "", ST_NORMAL);
		return;
	}
	const char *cells[RS_MAXCOLS];
	for (int c = 0; c < RS_MAXCOLS; c++)
		cells[c] = g->page[i].cell[c];
	draw_cells(g, y, g->page[i].flags & RS_FLAG_WARN ? "!" : "", cells, row_style(g, i));
}

/* The empty list's text, wrapped over the rows (a pick box is narrow). */
static void draw_empty(const struct grid *g)
{
	char text[512];
	wchar_t w[512];
	if (g->filter[0])
		snprintf(text, sizeof text, "没有找到与「%s」相符的记录（按 F7 重新查找，空白查找显示全部）",
		         g->filter);
	else
		snprintf(text, sizeof text, "%s", g->empty_text ? g->empty_text : "");
	size_t n = utf8_to_wcs(text, strlen(text), w, 512), start = 0, next;
	int width = area_cols(g) - 2;
	for (int r = 0; r < g->cap && start < n; r++) {
		size_t end = fit_line(w, n, start, width, &next);
		int y = data_y(g, r);
		draw_text(y, g->x, 2, "", ST_NORMAL);
		/* The last row takes what is left, with the mark if it is cut. */
		if (r == g->cap - 1) {
			wcs_to_utf8(w + start, n - start, text, sizeof text);
			draw_text(y, g->x + 2, width, text, ST_NORMAL);
		} else {
			draw_wtext(y, g->x + 2, width, w + start, end - start, ST_NORMAL);
		}
		start = next;
	}
}

static void draw_rows(const struct grid *g)
{
	for (int i = 0; i < g->cap; i++)
		draw_row(g, i);
	if (g->n == 0)
		draw_empty(g);
}

/* The selected row's cells that are cut on screen, whole: the name first
 * as it is, the others after their column's title. */
static void cut_cells(const struct grid *g, char *out, size_t cap)
{
	const struct rs_row *r = grid_selected(g);
	size_t len = 0;
	out[0] = 0;
	for (int pass = 0; r && pass < 2; pass++)
		for (int c = 0; c < ncols(g); c++) {
			const struct rs_column *col = &g->rs->cols[c];
			if ((col->key != 0) != (pass == 0) || utf8_cols(r->cell[c]) <= g->w[c])
				continue;
			const char *title = col->key || !col->title ? "" : col->title;
			int k = snprintf(out + len, cap - len, "%s%s%s%s", len ? "  " : "", title,
			                 *title ? "：" : "", r->cell[c]);
			if (k < 0 || (size_t)k >= cap - len) {
				out[len] = 0;
				return;
			}
			len += (size_t)k;
		}
}

static long selected_ordinal(struct grid *g)
{
	if (g->n == 0)
		return -1;
	if (g->first_ord < 0 && g->rs->ordinal)
		g->first_ord = g->rs->ordinal(g->rs->ctx, &g->page[0].key);
	return g->first_ord > 0 ? g->first_ord + g->sel : -1;
}

static void draw_status(struct grid *g)
{
	char left[6 * RS_CELL], right[64];
	int len = 0;
	if (g->count < 0 && g->rs->count)
		g->count = g->rs->count(g->rs->ctx);
	long ord = selected_ordinal(g);
	if (g->count >= 0)
		len = snprintf(left, sizeof left, "共 %ld 条", g->count);
	else
		left[0] = 0;
	if (ord > 0 && len >= 0 && (size_t)len < sizeof left)
		len += snprintf(left + len, sizeof left - (size_t)len, "  第 %ld 条", ord);
	if (g->filter[0] && len >= 0 && (size_t)len < sizeof left)
		len += snprintf(left + len, sizeof left - (size_t)len, "  查找：%s", g->filter);
	char whole[4 * RS_CELL];
	cut_cells(g, whole, sizeof whole);
	if (whole[0] && len >= 0 && (size_t)len < sizeof left)
		snprintf(left + len, sizeof left - (size_t)len, "  %s", whole);
	snprintf(right, sizeof right, "%s%s%s", g->more_above ? "↑" : "",
	         g->more_above || g->more_below ? "更多…" : "", g->more_below ? "↓" : "");
	if (g->status_y < 0) {
		frame_status(left, right);
		return;
	}
	int w = area_cols(g), rw = utf8_cols(right);
	draw_text(g->status_y, g->x, w - rw, left, ST_NORMAL);
	draw_text_right(g->status_y, g->x + w - rw, rw, right, ST_NORMAL);
}

void grid_draw(struct grid *g)
{
	if (g->fill && g->rows != rows_to_body_end(g->top))
		grid_resize(g, g->top, 0);
	measure(g);
	draw_heading(g);
	draw_rows(g);
	draw_status(g);
	cursor_want(-1, -1);
}

/* ---- keys ---- */

static void move_within(struct grid *g, int to)
{
	int old = g->sel;
	g->sel = to;
	draw_row(g, old);
	draw_row(g, to);
	draw_status(g);
}

static int next_sortable(const struct grid *g, int from, int dir)
{
	int n = g->rs->ncols;
	for (int step = 1; step <= n; step++) {
		int c = ((from < 0 ? (dir > 0 ? -1 : 0) : from) + dir * step + n * 2) % n;
		if (g->rs->cols[c].sortable)
			return c;
	}
	return -1;
}

static void resort(struct grid *g, int col, int desc)
{
	if (col < 0 || !g->rs->set_sort || g->rs->set_sort(g->rs->ctx, col, desc) < 0) {
		frame_message(MSG_ERROR, "此列表不能按这一列排序");
		return;
	}
	int64_t id = grid_selected_id(g);
	g->sort_col = col;
	g->sort_desc = desc;
	load_first(g);
	if (id)
		grid_select_id(g, id);
	frame_message(MSG_INFO, "按「%s」%s排列", g->rs->cols[col].title, desc ? "降序" : "升序");
	grid_draw(g);
}

static enum grid_result find(struct grid *g)
{
	char text[sizeof g->filter];
	snprintf(text, sizeof text, "%s", g->filter);
	if (dialog_input("查找", "名称或拼音首字母（空白显示全部）：", text, sizeof text) == 1) {
		grid_set_filter(g, text);
		grid_draw(g);
	}
	return GRID_HANDLED;
}

static enum grid_result move_key(struct grid *g, int code)
{
	switch (code) {
	case K_DOWN:
		if (g->sel + 1 < g->n)
			move_within(g, g->sel + 1);
		else if (step_down(g))
			grid_draw(g);
		return GRID_HANDLED;
	case K_UP:
		if (g->sel > 0)
			move_within(g, g->sel - 1);
		else if (step_up(g))
			grid_draw(g);
		return GRID_HANDLED;
	case K_PGDN:
		page_down(g);
		break;
	case K_PGUP:
		page_up(g);
		break;
	case K_HOME:
		load_first(g);
		break;
	case K_END:
		load_last(g);
		break;
	default:
		return GRID_PASS;
	}
	grid_draw(g);
	return GRID_HANDLED;
}

enum grid_result grid_key(struct grid *g, struct key k)
{
	if (k.code == K_CHAR) {
		switch (k.ch) {
		case L'/':
			return find(g);
		case L'>': case L'<':
			resort(g, next_sortable(g, g->sort_col, k.ch == L'>' ? 1 : -1), 0);
			return GRID_HANDLED;
		case L'r': case L'R':
			resort(g, g->sort_col >= 0 ? g->sort_col : next_sortable(g, -1, 1), !g->sort_desc);
			return GRID_HANDLED;
		default:
			return GRID_PASS;
		}
	}
	switch (k.code) {
	case K_ENTER:
		return g->n > 0 ? GRID_OPEN : GRID_PASS;
	case K_F5:
		grid_refresh(g);
		grid_draw(g);
		frame_message(MSG_INFO, "已刷新");
		return GRID_HANDLED;
	case K_F7:
		return find(g);
	default:
		return move_key(g, k.code);
	}
}

/* ---- the modal pick list ---- */

struct pick_box {
	int y, x, h, w;
};

/* Columns the page's rows take whole (gutter and separators included). */
static int page_width(const struct grid *g)
{
	struct fit_col fc[RS_MAXCOLS];
	int n = ncols(g), w = 1 + (n > 0 ? n - 1 : 0);
	column_fit(g, fc);
	for (int c = 0; c < n; c++) {
		int most = fc[c].max > fc[c].min ? fc[c].max : fc[c].min;
		w += fc[c].need < fc[c].min ? fc[c].min : fc[c].need > most ? most : fc[c].need;
	}
	return w;
}

/* Wide enough for the first page whole when the terminal allows, and for
 * the hints; the box then keeps its place while the operator types. */
static void pick_place(struct pick_box *b, const struct grid *g)
{
	int need = 2 + 1 + page_width(g);    /* the borders, a space before the right one */
	int maxw = term_cols() - 2;
	b->w = need < 40 ? 40 : need;
	if (b->w > maxw)
		b->w = maxw;
	b->h = frame_body_rows() < 6 ? 6 : frame_body_rows();
	b->y = frame_body_top();
	b->x = (term_cols() - b->w) / 2;
}

static void pick_fit(struct grid *g, const struct pick_box *b)
{
	grid_resize(g, b->y + 2, b->h - 4);
	grid_set_area(g, b->x + 1, b->w - 3);   /* a space before the right border */
	g->status_y = b->y + b->h - 2;
}

static void pick_filter(struct grid *g, const char *filter)
{
	if (g->rs->set_filter)
		g->rs->set_filter(g->rs->ctx, filter);
	g->empty_text = *filter ? "没有相符的项，请退格修改查找内容" : "列表为空";
	g->count = -1;
	load_first(g);
}

static void pick_draw(struct grid *g, const struct pick_box *b, const char *title,
                      const char *filter)
{
	static const char label[] = "查找：";
	int lw = utf8_cols(label), fw = b->w - 2 - lw;
	draw_box(b->y, b->x, b->h, b->w, title);
	draw_text(b->y + 1, b->x + 1, lw, label, ST_HEADING);
	/* Show the end of a long filter, where the operator is typing, with
	 * the mark in front when its start is hidden. */
	wchar_t w[256];
	size_t n = utf8_to_wcs(filter, strlen(filter), w, 256);
	int used, cut, fx = b->x + 1 + lw;
	size_t skip = fit_wcs_tail(w, n, fw - 1, &used, &cut);
	draw_wtext(b->y + 1, fx, fw, L"", 0, ST_FIELD_EDIT);
	if (cut)
		draw_text(b->y + 1, fx, 1, fit_mark(), ST_FIELD_EDIT);
	draw_wtext(b->y + 1, fx + cut, used, w + skip, n - skip, ST_FIELD_EDIT);
	grid_draw(g);
	cursor_want(b->y + 1, fx + cut + used);
}

static void filter_edit(char *filter, size_t fcap, struct key k)
{
	size_t n = strlen(filter);
	if (k.code == K_CTRL_U) {
		filter[0] = 0;
	} else if (k.code == K_BACKSPACE) {
		while (n > 0 && ((unsigned char)filter[--n] & 0xC0) == 0x80)
			;
		filter[n] = 0;
	} else if (k.code == K_CHAR && k.ch >= 0x20) {
		char ch[8];
		size_t b = wcs_to_utf8(&k.ch, 1, ch, sizeof ch);
		if (n + b < fcap)
			memcpy(filter + n, ch, b + 1);
	}
}

int grid_pick(struct row_source *rs, const char *title, char *filter, size_t fcap,
              int64_t initial, struct rs_row *picked)
{
	struct grid g;
	struct pick_box b;
	struct under u;
	int chosen = 0;
	under_save(&u);
	if (grid_init(&g, rs, 0, 3) < 0) {
		under_restore(&u);
		return 0;
	}
	pick_place(&b, &g);
	pick_fit(&g, &b);
	pick_filter(&g, filter);
	pick_place(&b, &g);    /* now that the first page is there to measure */
	pick_fit(&g, &b);
	if (initial)
		grid_select_id(&g, initial);
	frame_message(MSG_INFO, "输入名称或拼音首字母筛选，↑↓选择，回车选定，Esc 取消");
	for (;;) {
		pick_draw(&g, &b, title, filter);
		draw_flush();
		struct key k = term_getkey();
		if (k.code == K_ENTER && g.n > 0) {
			*picked = *grid_selected(&g);
			chosen = 1;
			break;
		}
		if (k.code == K_ESC || k.code == K_F3)
			break;
		if (k.code == K_RESIZE) {
			/* The copy underneath no longer fits: give the resize back to
			 * the main loop, which repaints the whole screen. */
			ungetch(KEY_RESIZE);
			break;
		}
		if (k.code == K_CHAR || k.code == K_BACKSPACE || k.code == K_CTRL_U) {
			filter_edit(filter, fcap, k);
			pick_filter(&g, filter);
		} else if (k.code == K_CTRL_L) {
			clearok(curscr, TRUE);
		} else {
			move_key(&g, k.code);
		}
	}
	grid_free(&g);
	under_restore(&u);
	frame_message_clear();
	return chosen;
}
