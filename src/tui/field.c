/* field.c — the single-field editor (see field.h). */
#include "tui/field.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/roster_words.h"
#include "core/rowsource.h"
#include "core/text.h"
#include "tui/draw.h"
#include "tui/term.h"

static const char *name_of(const struct field *f)
{
	return f->name && *f->name ? f->name : "此项";
}

/* Zero-width characters (combining marks, ZWJ, variation selectors) travel
 * with the character before them, so the cursor never lands between them. */
static int is_mark(wchar_t c)
{
	return c != L'\n' && wc_cols(c) == 0;
}

static size_t next_cluster(const struct field *f, size_t i)
{
	if (i >= f->len)
		return f->len;
	i++;
	while (i < f->len && is_mark(f->buf[i]))
		i++;
	return i;
}

static size_t prev_cluster(const struct field *f, size_t i)
{
	if (i == 0)
		return 0;
	i--;
	while (i > 0 && is_mark(f->buf[i]))
		i--;
	return i;
}

static size_t utf8_len_of(wchar_t c)
{
	unsigned long u = (unsigned long)c;
	return u < 0x80 ? 1 : u < 0x800 ? 2 : u < 0x10000 ? 3 : 4;
}

static size_t utf8_bytes(const struct field *f)
{
	size_t b = 0;
	for (size_t i = 0; i < f->len; i++)
		b += utf8_len_of(f->buf[i]);
	return b;
}

int field_init(struct field *f, enum field_type type, const char *name,
               size_t max_chars, size_t max_bytes, int width, int height)
{
	memset(f, 0, sizeof *f);
	if (max_chars == 0)
		max_chars = max_bytes > 1 ? max_bytes - 1 : 255;
	f->buf = calloc(max_chars + 1, sizeof *f->buf);
	if (!f->buf)
		return -1;
	f->type = type;
	f->name = name;
	f->cap = max_chars;
	f->max_bytes = max_bytes;
	f->width = width > 1 ? width : 1;
	f->height = type == FT_NOTE && height > 1 ? height : 1;
	return 0;
}

void field_free(struct field *f)
{
	free(f->buf);
	f->buf = NULL;
	f->len = f->cap = 0;
}

void field_set(struct field *f, const char *utf8)
{
	const char *s = utf8 ? utf8 : "";
	f->len = utf8_to_wcs(s, strlen(s), f->buf, f->cap + 1);
	f->cur = f->len;
	f->scroll = 0;
}

size_t field_get(const struct field *f, char *out, size_t cap)
{
	return wcs_to_utf8(f->buf, f->len, out, cap);
}

int field_is_blank(const struct field *f)
{
	for (size_t i = 0; i < f->len; i++)
		if (f->buf[i] != L' ' && f->buf[i] != 0x3000 && f->buf[i] != L'\n')
			return 0;
	return 1;
}

/* Input methods in full-width mode send １２。－／; numeric fields take them
 * as the ASCII characters the operator meant. */
static wchar_t numeric_form(enum field_type t, wchar_t c)
{
	if (t != FT_INT && t != FT_MONEY && t != FT_DATE)
		return c;
	if (c >= 0xFF01 && c <= 0xFF5E)
		return c - 0xFEE0;
	if (c == 0x3002)        /* 。 */
		return L'.';
	return c;
}

static void find_dot(const struct field *f, size_t *dot)
{
	*dot = (size_t)-1;
	for (size_t i = 0; i < f->len; i++)
		if (f->buf[i] == L'.') {
			*dot = i;
			return;
		}
}

/* Whether c may be typed at the cursor; refuses with a message. */
static int may_insert(const struct field *f, wchar_t c)
{
	size_t dot;
	switch (f->type) {
	case FT_INT:
		if (c >= L'0' && c <= L'9')
			return 1;
		frame_message(MSG_ERROR, "「%s」只能输入数字", name_of(f));
		return 0;
	case FT_MONEY:
		find_dot(f, &dot);
		if (c == L'.') {
			if (dot != (size_t)-1) {
				frame_message(MSG_ERROR, "「%s」只能有一个小数点", name_of(f));
				return 0;
			}
			if (f->len - f->cur > 2) {
				frame_message(MSG_ERROR, "「%s」最多两位小数（分）", name_of(f));
				return 0;
			}
			return 1;
		}
		if (c < L'0' || c > L'9') {
			frame_message(MSG_ERROR, "「%s」只能输入金额（元），如 12.50", name_of(f));
			return 0;
		}
		if (dot != (size_t)-1 && f->cur > dot && f->len - dot - 1 >= 2) {
			frame_message(MSG_ERROR, "「%s」最多两位小数（分）", name_of(f));
			return 0;
		}
		return 1;
	case FT_DATE:
		if ((c >= L'0' && c <= L'9') || c == L'-' || c == L'.' || c == L'/')
			return 1;
		frame_message(MSG_ERROR, "「%s」只能输入日期，如 2024-05-01 或 20240501", name_of(f));
		return 0;
	default:
		return 1;
	}
}

/* The text as it would read with c inserted at the cursor, as UTF-8 (the
 * caller frees), or NULL when out of memory. */
static char *with_insert(const struct field *f, wchar_t c)
{
	wchar_t *w = malloc((f->len + 2) * sizeof *w);
	size_t cap = (f->len + 1) * 4 + 1;
	char *s = malloc(cap);
	if (!w || !s) {
		free(w);
		free(s);
		return NULL;
	}
	memcpy(w, f->buf, f->cur * sizeof *w);
	w[f->cur] = c;
	memcpy(w + f->cur + 1, f->buf + f->cur, (f->len - f->cur) * sizeof *w);
	wcs_to_utf8(w, f->len + 1, s, cap);
	free(w);
	return s;
}

/* A pick field refuses the key after which its text would match no choice:
 * an operator typing heads-down from paper would otherwise pile the next
 * field's text into this one. */
static int choice_accepts(const struct field *f, wchar_t c)
{
	char now[512], list[256];
	if (f->type != FT_CHOICE || !f->choices)
		return 1;
	char *next = with_insert(f, c);
	if (!next)
		return 1;
	int ok = choice_list(f->choices, next, list, sizeof list, 0) > 0;
	if (!ok) {
		field_get(f, now, sizeof now);
		if (choice_list(f->choices, now, list, sizeof list, 30) == 0)
			choice_list(f->choices, "", list, sizeof list, 30);
		utf8_trim(next);
		term_beep();
		frame_message(MSG_ERROR, "「%s」没有与 %s 相符的项，可选：%s（F4 选择）", name_of(f), next,
		              list);
	}
	free(next);
	return ok;
}

static enum field_result insert_char(struct field *f, wchar_t c)
{
	if (f->len >= f->cap ||
	    (f->max_bytes && utf8_bytes(f) + utf8_len_of(c) >= f->max_bytes)) {
		frame_message(MSG_ERROR, "「%s」已满，不能再输入", name_of(f));
		return FIELD_REFUSED;
	}
	memmove(f->buf + f->cur + 1, f->buf + f->cur, (f->len - f->cur) * sizeof *f->buf);
	f->buf[f->cur++] = c;
	f->buf[++f->len] = 0;
	return FIELD_HANDLED;
}

static void delete_range(struct field *f, size_t from, size_t to)
{
	if (to <= from)
		return;
	memmove(f->buf + from, f->buf + to, (f->len - to + 1) * sizeof *f->buf);
	f->len -= to - from;
	if (f->cur > to)
		f->cur -= to - from;
	else if (f->cur > from)
		f->cur = from;
}

/* ---- NOTE layout: visual lines, wrapped at '\n' and at the width ---- */

struct lines {
	size_t *start;  /* first character of each visual line */
	size_t n;
};

static void note_layout(const struct field *f, struct lines *L)
{
	L->start = malloc((f->len + 2) * sizeof *L->start);
	L->n = 0;
	if (!L->start)
		return;
	L->start[L->n++] = 0;
	int col = 0;
	size_t i = 0;
	while (i < f->len) {
		if (f->buf[i] == L'\n') {
			L->start[L->n++] = i + 1;
			col = 0;
			i++;
			continue;
		}
		size_t j = next_cluster(f, i);
		int w = wcs_cols(f->buf + i, j - i);
		if (col + w > f->width && col > 0) {
			L->start[L->n++] = i;
			col = 0;
		}
		col += w;
		i = j;
	}
	/* A full last line leaves no cell for the cursor: give it the next line. */
	if (col >= f->width && L->start[L->n - 1] < f->len)
		L->start[L->n++] = f->len;
}

static size_t line_of(const struct lines *L, size_t pos)
{
	size_t l = 0;
	while (l + 1 < L->n && L->start[l + 1] <= pos)
		l++;
	return l;
}

/* End of line l's text (before its '\n', or where the next line starts). */
static size_t line_end(const struct field *f, const struct lines *L, size_t l)
{
	size_t e = l + 1 < L->n ? L->start[l + 1] : f->len;
	if (e > L->start[l] && e <= f->len && e > 0 && f->buf[e - 1] == L'\n')
		e--;
	return e;
}

static size_t pos_at_col(const struct field *f, const struct lines *L, size_t l, int col)
{
	size_t i = L->start[l], end = line_end(f, L, l);
	int c = 0;
	while (i < end) {
		size_t j = next_cluster(f, i);
		int w = wcs_cols(f->buf + i, j - i);
		if (c + w > col)
			break;
		c += w;
		i = j;
	}
	return i;
}

static enum field_result note_vertical(struct field *f, int down)
{
	struct lines L;
	note_layout(f, &L);
	if (!L.start)
		return FIELD_PASS;
	size_t l = line_of(&L, f->cur);
	enum field_result r = FIELD_PASS;
	if (down ? l + 1 < L.n : l > 0) {
		int col = wcs_cols(f->buf + L.start[l], f->cur - L.start[l]);
		f->cur = pos_at_col(f, &L, down ? l + 1 : l - 1, col);
		r = FIELD_HANDLED;
	}
	free(L.start);
	return r;
}

/* Home/End in a NOTE field go to the start/end of the visual line. */
static void note_line_edge(struct field *f, int end)
{
	struct lines L;
	note_layout(f, &L);
	if (!L.start)
		return;
	size_t l = line_of(&L, f->cur);
	f->cur = end ? line_end(f, &L, l) : L.start[l];
	free(L.start);
}

static size_t logical_line_end(const struct field *f, size_t i)
{
	while (i < f->len && f->buf[i] != L'\n')
		i++;
	return i;
}

enum field_result field_key(struct field *f, struct key k)
{
	int note = f->type == FT_NOTE;
	if (f->type == FT_READONLY)
		return FIELD_PASS;
	switch (k.code) {
	case K_CHAR: {
		wchar_t c = numeric_form(f->type, k.ch);
		if (c < 0x20 || (c >= 0x7f && c < 0xa0))
			return FIELD_PASS;
		if (!may_insert(f, c) || !choice_accepts(f, c))
			return FIELD_REFUSED;
		return insert_char(f, c);
	}
	case K_ENTER:
		return note ? insert_char(f, L'\n') : FIELD_PASS;
	case K_LEFT:
		f->cur = prev_cluster(f, f->cur);
		return FIELD_HANDLED;
	case K_RIGHT:
		f->cur = next_cluster(f, f->cur);
		return FIELD_HANDLED;
	case K_HOME: case K_CTRL_A:
		if (note)
			note_line_edge(f, 0);
		else
			f->cur = 0;
		return FIELD_HANDLED;
	case K_END: case K_CTRL_E:
		if (note)
			note_line_edge(f, 1);
		else
			f->cur = f->len;
		return FIELD_HANDLED;
	case K_BACKSPACE:
		if (f->cur == 0)
			return FIELD_HANDLED;
		delete_range(f, prev_cluster(f, f->cur), f->cur);
		return FIELD_HANDLED;
	case K_DELETE:
		delete_range(f, f->cur, next_cluster(f, f->cur));
		return FIELD_HANDLED;
	case K_CTRL_U:
		f->len = f->cur = f->scroll = 0;
		f->buf[0] = 0;
		return FIELD_HANDLED;
	case K_CTRL_K: {
		size_t end = note ? logical_line_end(f, f->cur) : f->len;
		if (note && end == f->cur && end < f->len)
			end++;    /* at a line break: join the next line, as Emacs does */
		delete_range(f, f->cur, end);
		return FIELD_HANDLED;
	}
	case K_UP: case K_DOWN:
		return note ? note_vertical(f, k.code == K_DOWN) : FIELD_PASS;
	default:
		return FIELD_PASS;
	}
}

/* ---- drawing ---- */

static int cursor_cell_cols(const struct field *f)
{
	if (f->cur >= f->len || f->buf[f->cur] == L'\n')
		return 1;
	int w = wc_cols(f->buf[f->cur]);
	return w > 0 ? w : 1;
}

/* Marks for text hidden at a side of a one-line field.  ‹ and › are one
 * column in every East Asian width setting, unlike …. */
#define MARK_LEFT L'\u2039'
#define MARK_RIGHT L'\u203a'

/* Columns for text when the field shows from `from`: a column less for the
 * left mark when text is hidden before it, and one for the right mark when
 * the rest (and the cursor cell after it, when active at the end) does not
 * fit.  *right says whether the right mark shows. */
static int text_room(const struct field *f, size_t from, int active, int *right)
{
	int room = f->width - (from > 0);
	int need = wcs_cols(f->buf + from, f->len - from) + (active && f->cur >= f->len);
	*right = need > room && room > 1;
	return room - *right;
}

/* Keeps the insertion point inside the field, and as much text as fits. */
static void fix_scroll_line(struct field *f)
{
	int right;
	if (f->scroll > f->cur)
		f->scroll = f->cur;
	while (f->scroll < f->cur &&
	       wcs_cols(f->buf + f->scroll, f->cur - f->scroll) + cursor_cell_cols(f) >
	       text_room(f, f->scroll, 1, &right))
		f->scroll = next_cluster(f, f->scroll);
	while (f->scroll > 0) {
		size_t p = prev_cluster(f, f->scroll);
		if (wcs_cols(f->buf + p, f->len - p) + 1 > f->width - (p > 0))
			break;
		f->scroll = p;
	}
}

/* How many characters from `from` fit in `cols` columns, whole clusters. */
static size_t chars_fitting(const struct field *f, size_t from, int cols)
{
	size_t i = from;
	while (i < f->len) {
		size_t j = next_cluster(f, i);
		if (wcs_cols(f->buf + from, j - from) > cols)
			break;
		i = j;
	}
	return i - from;
}

static void draw_line_field(struct field *f, int y, int x, enum style st, int active)
{
	int right;
	if (active)
		fix_scroll_line(f);
	else
		f->scroll = 0;    /* a field not being edited shows its beginning */
	int left = f->scroll > 0, room = text_room(f, f->scroll, active, &right);
	if (left)
		draw_wtext(y, x, 1, (wchar_t[]){ MARK_LEFT }, 1, st);
	draw_wtext(y, x + left, room, f->buf + f->scroll, chars_fitting(f, f->scroll, room), st);
	if (right)
		draw_wtext(y, x + left + room, 1, (wchar_t[]){ MARK_RIGHT }, 1, st);
	if (active)
		cursor_want(y, x + left + wcs_cols(f->buf + f->scroll, f->cur - f->scroll));
}

static void draw_note_field(struct field *f, int y, int x, enum style st, int active)
{
	struct lines L;
	note_layout(f, &L);
	if (!L.start) {
		draw_line_field(f, y, x, st, active);
		return;
	}
	size_t cl = line_of(&L, f->cur);
	if (f->scroll > cl)
		f->scroll = cl;
	if (cl >= f->scroll + (size_t)f->height)
		f->scroll = cl - (size_t)f->height + 1;
	if (f->scroll >= L.n)
		f->scroll = 0;
	for (int r = 0; r < f->height; r++) {
		size_t l = f->scroll + (size_t)r;
		if (l < L.n)
			draw_wtext(y + r, x, f->width, f->buf + L.start[l],
			           line_end(f, &L, l) - L.start[l], st);
		else
			draw_wtext(y + r, x, f->width, L"", 0, st);
	}
	if (active)
		cursor_want(y + (int)(cl - f->scroll),
		            x + wcs_cols(f->buf + L.start[cl], f->cur - L.start[cl]));
	free(L.start);
}

void field_draw(struct field *f, int y, int x, int active)
{
	enum style st = f->type == FT_READONLY ? ST_DIM : active ? ST_FIELD_EDIT : ST_FIELD;
	if (f->type == FT_NOTE)
		draw_note_field(f, y, x, st, active);
	else
		draw_line_field(f, y, x, st, active);
}

/* ---- checks on leaving ---- */

/* Copies src into dst (cap bytes), cutting before a character, not in one. */
static void copy_utf8(char *dst, size_t cap, const char *src)
{
	size_t n = strlen(src);
	if (n >= cap) {
		n = cap - 1;
		while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(dst, src, n);
	dst[n] = 0;
}

static int is_choice(const struct field *f, const char *s)
{
	for (const char *const *c = f->choices; c && *c; c++)
		if (strcmp(*c, s) == 0)
			return 1;
	return 0;
}

int field_check(struct field *f, char why[WHY_MAX])
{
	char s[1024], reason[WHY_MAX] = "", norm[11];
	long n;
	int64_t fen;
	field_get(f, s, sizeof s);
	utf8_trim(s);
	if (!*s)
		return 0;
	int bad = 0;
	switch (f->type) {
	case FT_INT:
		bad = parse_int(s, 0, 2147483647L, &n, reason);
		break;
	case FT_MONEY:
		bad = parse_money(s, &fen, reason);
		break;
	case FT_DATE:
		bad = valid_date(s, norm, reason);
		if (!bad)
			field_set(f, norm);
		break;
	case FT_CHOICE:
		bad = f->choices && !is_choice(f, s);
		if (bad)
			snprintf(reason, sizeof reason, "不在可选范围内，按 F4 选择");
		break;
	default:
		break;
	}
	if (!bad)
		return 0;
	if (why) {
		char msg[2 * WHY_MAX];
		snprintf(msg, sizeof msg, "「%s」%s", name_of(f), reason);
		copy_utf8(why, WHY_MAX, msg);
	}
	return -1;
}

const char *field_type_hint(enum field_type type)
{
	switch (type) {
	case FT_INT:      return "只能输入数字。";
	case FT_MONEY:    return "金额（元），最多两位小数，如 1200.50。";
	case FT_DATE:     return "日期，如 2024-05-01；也可输入 20240501、2024.5.1 或 2024/5/1。";
	case FT_CHOICE:   return "按 F4 从列表中选择；也可输入拼音首字母（如 dzb）后按回车。";
	case FT_LINK:     return "按 F4 查找选择（可输入名称或拼音首字母筛选）。";
	case FT_NOTE:     return "多行文字：回车换行；Tab 或在最后一行按↓ 到下一项。";
	case FT_READONLY: return "此项由系统填写，不能修改。";
	default:          return "";
	}
}

/* ---- matching and the choice list ---- */

static int lower_ascii(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static int contains_nocase(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	for (; *hay; hay++) {
		size_t i = 0;
		while (i < n && hay[i] && lower_ascii((unsigned char)hay[i]) ==
		                          lower_ascii((unsigned char)needle[i]))
			i++;
		if (i == n)
			return 1;
	}
	return n == 0;
}

/* How well item answers filter: 2 when the filter begins its name or its
 * initials, 1 when it is elsewhere in either, 0 not at all ("" answers 2). */
static int choice_rank(const char *item, const char *filter)
{
	char f[128], py[128];
	snprintf(f, sizeof f, "%s", filter ? filter : "");
	utf8_trim(f);
	for (char *c = f; *c; c++)
		*c = (char)lower_ascii((unsigned char)*c);
	size_t n = strlen(f);
	pinyin_initials(item, py, sizeof py);
	/* a roster's word for the item (大专 for 大学专科, 男性 for 男) as typed */
	if (!n || strncmp(py, f, n) == 0 || strncmp(item, f, n) == 0 || roster_word_begins(item, f))
		return 2;
	/* initials anywhere: bk finds 大学本科 (dxbk), as part of it */
	return contains_nocase(item, f) || strstr(py, f) ? 1 : 0;
}

int choice_matches(const char *item, const char *filter)
{
	return choice_rank(item, filter) > 0;
}

int choice_list(const char *const *items, const char *filter, char *out, size_t cap, int cols)
{
	int n = 0, used = 0, cut = 0, best = 0;
	size_t at = 0;
	out[0] = 0;
	for (const char *const *c = items; c && *c; c++) {
		int r = choice_rank(*c, filter);
		best = r > best ? r : best;
	}
	for (const char *const *c = items; best && c && *c; c++) {
		if (choice_rank(*c, filter) < best)
			continue;
		n++;
		int w = utf8_cols(*c) + (at ? 2 : 0);
		if (cut || !cols)
			continue;
		int k = used + w <= cols ? snprintf(out + at, cap - at, "%s%s", at ? "、" : "", *c) : -1;
		if (k < 0 || (size_t)k >= cap - at) {
			out[at] = 0;
			snprintf(out + at, cap - at, "等");
			cut = 1;
			continue;
		}
		at += (size_t)k;
		used += w;
	}
	return n;
}

const char *choice_only(const char *const *items, const char *filter)
{
	char list[8];
	if (choice_list(items, filter, list, sizeof list, 0) != 1)
		return NULL;
	int best = 0;
	const char *only = NULL;
	for (const char *const *c = items; c && *c; c++) {
		int r = choice_rank(*c, filter);
		if (r > best) {
			best = r;
			only = *c;
		}
	}
	return only;
}

struct choice_source {
	struct row_source rs;    /* first, so destroy can free the whole */
	struct rs_column col;
	const char *const *items;
	int n;
	int *match;              /* indices of the items that pass the filter */
	int nmatch;
	char filter[128];
};

static void choice_refilter(struct choice_source *c)
{
	c->nmatch = 0;
	for (int i = 0; i < c->n; i++)
		if (choice_matches(c->items[i], c->filter))
			c->match[c->nmatch++] = i;
}

/* The first match whose item index is >= idx. */
static int choice_first_at(const struct choice_source *c, int idx)
{
	int p = 0;
	while (p < c->nmatch && c->match[p] < idx)
		p++;
	return p;
}

static void choice_row(const struct choice_source *c, int p, struct rs_row *r)
{
	int i = c->match[p];
	memset(r, 0, sizeof *r);
	snprintf(r->key.sort, sizeof r->key.sort, "%06d", i);
	r->key.id = i + 1;
	copy_utf8(r->cell[0], sizeof r->cell[0], c->items[i]);
}

static int choice_fetch(void *ctx, const struct rs_key *anchor, int dir, int n, struct rs_row *rows)
{
	struct choice_source *c = ctx;
	int from, to;   /* match positions [from, to) */
	int at = anchor ? (int)anchor->id - 1 : 0;
	if (dir >= 0) {
		from = !anchor ? 0 : choice_first_at(c, dir > 0 ? at + 1 : at);
		to = from + n < c->nmatch ? from + n : c->nmatch;
	} else {
		to = anchor ? choice_first_at(c, at) : c->nmatch;
		from = to - n > 0 ? to - n : 0;
	}
	for (int p = from; p < to; p++)
		choice_row(c, p, &rows[p - from]);
	return to > from ? to - from : 0;
}

static long choice_count(void *ctx)
{
	return ((struct choice_source *)ctx)->nmatch;
}

static long choice_ordinal(void *ctx, const struct rs_key *key)
{
	struct choice_source *c = ctx;
	int p = choice_first_at(c, (int)key->id - 1);
	return p < c->nmatch ? p + 1 : -1;
}

static int choice_set_filter(void *ctx, const char *text)
{
	struct choice_source *c = ctx;
	snprintf(c->filter, sizeof c->filter, "%s", text ? text : "");
	choice_refilter(c);
	return 0;
}

static int choice_set_sort(void *ctx, int col, int desc)
{
	(void)ctx; (void)col; (void)desc;
	return -1;
}

static const char *choice_last_error(void *ctx)
{
	(void)ctx;
	return "";
}

static int choice_key_of(void *ctx, int64_t id, struct rs_key *out)
{
	struct choice_source *c = ctx;
	int p = choice_first_at(c, (int)id - 1);
	if (id < 1 || p >= c->nmatch || c->match[p] != (int)id - 1)
		return -1;
	memset(out, 0, sizeof *out);
	snprintf(out->sort, sizeof out->sort, "%06d", (int)id - 1);
	out->id = id;
	return 0;
}

static void choice_destroy(struct row_source *rs)
{
	struct choice_source *c = (struct choice_source *)rs;
	free(c->match);
	free(c);
}

struct row_source *choice_source_new(const char *const *items, const char *title)
{
	struct choice_source *c = calloc(1, sizeof *c);
	if (!c)
		return NULL;
	while (items && items[c->n])
		c->n++;
	c->match = calloc((size_t)c->n + 1, sizeof *c->match);
	if (!c->match) {
		free(c);
		return NULL;
	}
	c->items = items;
	c->col = (struct rs_column){ .title = title ? title : "", .width = 30, .grow = 1 };
	c->rs = (struct row_source){
		.ctx = c, .ncols = 1, .cols = &c->col,
		.fetch = choice_fetch, .count = choice_count, .ordinal = choice_ordinal,
		.set_filter = choice_set_filter, .set_sort = choice_set_sort,
		.last_error = choice_last_error, .key_of = choice_key_of,
		.destroy = choice_destroy,
	};
	choice_refilter(c);
	return &c->rs;
}
