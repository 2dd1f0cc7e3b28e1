/* menu.c — the numbered menu (see menu.h). */
#include <stdio.h>
#include <wctype.h>

#include "core/text.h"
#include "tui/draw.h"
#include "tui/menu.h"

static int is_hidden(const struct menu *m, int i)
{
	return (m->hidden >> i) & 1UL;
}

/* The next visible item from i in direction dir (wrapping), or -1. */
static int step_visible(const struct menu *m, int i, int dir)
{
	for (int k = 0; k < m->n; k++) {
		i = (i + dir + m->n) % m->n;
		if (!is_hidden(m, i))
			return i;
	}
	return -1;
}

static int first_visible(const struct menu *m) { return step_visible(m, m->n - 1, 1); }
static int last_visible(const struct menu *m) { return step_visible(m, 0, -1); }

void menu_init(struct menu *m, const struct menu_item *items, int n)
{
	m->items = items;
	m->n = n < 0 ? 0 : n > MENU_MAX ? MENU_MAX : n;
	m->hidden = 0;
	m->cur = 0;
	m->top = 0;
}

void menu_hide(struct menu *m, int i, int hidden)
{
	if (i < 0 || i >= m->n)
		return;
	if (hidden)
		m->hidden |= 1UL << i;
	else
		m->hidden &= ~(1UL << i);
	if (is_hidden(m, m->cur)) {
		int next = step_visible(m, m->cur, 1);
		m->cur = next < 0 ? 0 : next;
	}
}

static void item_text(const struct menu_item *it, char *out, size_t cap)
{
	if (it->hotkey)
		snprintf(out, cap, "%c. %s", it->hotkey, it->label ? it->label : "");
	else
		snprintf(out, cap, "   %s", it->label ? it->label : "");
}

/* Columns of the widest visible item, and how many are visible. */
static int menu_width(const struct menu *m, int *visible)
{
	char line[256];
	int w = 0;
	*visible = 0;
	for (int i = 0; i < m->n; i++) {
		if (is_hidden(m, i))
			continue;
		item_text(&m->items[i], line, sizeof line);
		int iw = utf8_cols(line);
		w = iw > w ? iw : w;
		(*visible)++;
	}
	return w;
}

/* Position among visible items of item i. */
static int visible_rank(const struct menu *m, int i)
{
	int r = 0;
	for (int k = 0; k < i; k++)
		r += !is_hidden(m, k);
	return r;
}

void menu_draw(struct menu *m)
{
	int top = frame_body_top(), rows = frame_body_rows(), cols = term_cols();
	int visible, w = menu_width(m, &visible) + 4;
	int list_rows = rows - 2; /* a blank row above, the hint row below */
	if (list_rows < 1)
		list_rows = 1;
	int rank = visible_rank(m, m->cur);
	if (rank < m->top)
		m->top = rank;
	if (rank >= m->top + list_rows)
		m->top = rank - list_rows + 1;
	if (m->top > visible - list_rows)
		m->top = visible > list_rows ? visible - list_rows : 0;
	int shown = visible - m->top < list_rows ? visible - m->top : list_rows;
	int y0 = top + 1 + (list_rows - shown) / 3;
	int x0 = (cols - w) / 2 > 0 ? (cols - w) / 2 : 0;
	draw_clear_rows(top, top + rows);
	char line[256];
	for (int i = 0, r = 0; i < m->n; i++) {
		if (is_hidden(m, i))
			continue;
		if (r >= m->top && r < m->top + shown) {
			item_text(&m->items[i], line, sizeof line);
			draw_text(y0 + r - m->top, x0, w, "", i == m->cur ? ST_SELECTED : ST_NORMAL);
			draw_text(y0 + r - m->top, x0 + 2, w - 2, line,
			          i == m->cur ? ST_SELECTED : ST_NORMAL);
		}
		r++;
	}
	const char *hint = m->n && !is_hidden(m, m->cur) ? m->items[m->cur].hint : NULL;
	if (hint) {
		int hw = utf8_cols(hint);
		int hx = hw < cols ? (cols - hw) / 2 : 0;
		draw_text(top + rows - 1, hx, cols - hx, hint, ST_DIM);
	}
	cursor_want(-1, -1);
}

static int hotkey_item(const struct menu *m, wchar_t ch)
{
	if (ch > 0x7f)
		return -1;
	for (int i = 0; i < m->n; i++) {
		char h = m->items[i].hotkey;
		if (h && !is_hidden(m, i) && towlower((wint_t)h) == towlower((wint_t)ch))
			return i;
	}
	return -1;
}

int menu_key(struct menu *m, struct key k)
{
	int to = -1;
	if (first_visible(m) < 0)
		return MENU_PASS;
	switch (k.code) {
	case K_CHAR: {
		int i = hotkey_item(m, k.ch);
		if (i < 0)
			return MENU_PASS;
		m->cur = i;
		menu_draw(m);
		return i;
	}
	case K_ENTER:
		return is_hidden(m, m->cur) ? MENU_PASS : m->cur;
	case K_UP: to = step_visible(m, m->cur, -1); break;
	case K_DOWN: to = step_visible(m, m->cur, 1); break;
	case K_HOME: case K_PGUP: to = first_visible(m); break;
	case K_END: case K_PGDN: to = last_visible(m); break;
	default: return MENU_PASS;
	}
	m->cur = to;
	menu_draw(m);
	return MENU_HANDLED;
}
