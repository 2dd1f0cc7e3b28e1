/* form.c — forms driven by field tables (see form.h). */
#include "tui/form.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "tui/dialog.h"
#include "tui/draw.h"
#include "tui/grid.h"

static const struct form_field *def(const struct form *f, int i)
{
	return &f->defs[i];
}

static int editable(const struct form *f, int i)
{
	return i >= 0 && i < f->n && f->fields[i].type != FT_READONLY;
}

/* The value as UTF-8 in a fresh string (the caller frees). */
static char *value_dup(const struct field *fd)
{
	size_t cap = fd->cap * 4 + 1;
	char *s = malloc(cap);
	if (s)
		field_get(fd, s, cap);
	return s;
}

static int value_equals(const struct field *fd, const char *s)
{
	char *v = value_dup(fd);
	int eq = v && strcmp(v, s ? s : "") == 0;
	free(v);
	return eq;
}

static void replace(char **slot, char *s)
{
	free(*slot);
	*slot = s;
}

/* "成立日期：" -> "成立日期", for messages such as 「成立日期」不能为空. */
static char *name_from_label(const char *label)
{
	char *s = strdup(label ? label : "");
	if (!s)
		return NULL;
	for (;;) {
		size_t n = strlen(s);
		if (n >= 3 && strcmp(s + n - 3, "：") == 0)
			s[n - 3] = 0;
		else if (n >= 1 && (s[n - 1] == ':' || s[n - 1] == ' '))
			s[n - 1] = 0;
		else
			break;
	}
	utf8_trim(s);
	return s;
}

int form_init(struct form *f, const struct form_field *defs, int n, void *ctx)
{
	memset(f, 0, sizeof *f);
	f->defs = defs;
	f->n = n;
	f->ctx = ctx;
	f->fields = calloc((size_t)n, sizeof *f->fields);
	f->orig = calloc((size_t)n, sizeof *f->orig);
	f->prev = calloc((size_t)n, sizeof *f->prev);
	f->names = calloc((size_t)n, sizeof *f->names);
	f->y = calloc((size_t)n, sizeof *f->y);
	f->x = calloc((size_t)n, sizeof *f->x);
	if (!f->fields || !f->orig || !f->prev || !f->names || !f->y || !f->x)
		goto fail;
	for (int i = 0; i < n; i++) {
		const struct form_field *d = &defs[i];
		int h = d->type == FT_NOTE ? (d->height > 1 ? d->height : 3) : 1;
		f->names[i] = name_from_label(d->label);
		f->orig[i] = strdup("");
		if (!f->names[i] || !f->orig[i] ||
		    field_init(&f->fields[i], d->type, f->names[i], (size_t)d->max_chars,
		               d->size, d->width, h) < 0)
			goto fail;
		f->fields[i].choices = d->choices;
	}
	form_load(f, NULL);
	return 0;
fail:
	form_free(f);
	return -1;
}

static void drop_probe(struct form *f);

void form_free(struct form *f)
{
	drop_probe(f);
	for (int i = 0; i < f->n; i++) {
		if (f->fields)
			field_free(&f->fields[i]);
		if (f->orig)
			free(f->orig[i]);
		if (f->prev)
			free(f->prev[i]);
		if (f->names)
			free(f->names[i]);
	}
	free(f->fields);
	free(f->orig);
	free(f->prev);
	free(f->names);
	free(f->y);
	free(f->x);
	free(f->focus_val);
	free(f->declined);
	memset(f, 0, sizeof *f);
}

/* ---- focus ---- */

/* The cursor goes to the end of the text, ready to go on typing; text
 * wider than the field is shown from its beginning instead (a name cut at
 * its head reads as another name), End going to its end. */
static void layout(struct form *f);

static void set_focus(struct form *f, int i)
{
	drop_probe(f);
	f->cur = i;
	if (i >= 0 && i < f->n) {
		layout(f);   /* the widths of this terminal */
		struct field *fd = &f->fields[i];
		int fits = fd->height > 1 || wcs_cols(fd->buf, fd->len) < fd->width;
		fd->cur = fits ? fd->len : 0;
		fd->scroll = 0;
		replace(&f->focus_val, value_dup(fd));
	}
}

static int next_editable(const struct form *f, int from, int dir)
{
	for (int i = from + dir; i >= 0 && i < f->n; i += dir)
		if (editable(f, i))
			return i;
	return -1;
}

static int first_editable(const struct form *f)
{
	int i = next_editable(f, -1, 1);
	return i >= 0 ? i : 0;
}

int form_index(const struct form *f, const char *key)
{
	for (int i = 0; key && i < f->n; i++)
		if (f->defs[i].key && strcmp(f->defs[i].key, key) == 0)
			return i;
	return -1;
}

const char *form_current_key(const struct form *f)
{
	return f->cur >= 0 && f->cur < f->n ? f->defs[f->cur].key : NULL;
}

void form_focus(struct form *f, const char *key)
{
	int i = form_index(f, key);
	if (i >= 0)
		set_focus(f, i);
}

void form_set_readonly(struct form *f, const char *key, int on)
{
	int i = form_index(f, key);
	if (i < 0)
		return;
	f->fields[i].type = on ? FT_READONLY : f->defs[i].type;
	if (on && f->cur == i) {
		int j = next_editable(f, i, 1);
		set_focus(f, j >= 0 ? j : first_editable(f));
	}
}

/* ---- values ---- */

static void member_text(const struct form_field *d, const void *record, char *out, size_t cap)
{
	out[0] = 0;
	if (!record || d->size == 0)
		return;
	const char *m = (const char *)record + d->offset;
	size_t n = strnlen(m, d->size);
	if (n >= cap)
		n = cap - 1;
	memcpy(out, m, n);
	out[n] = 0;
}

void form_load(struct form *f, const void *record)
{
	for (int i = 0; i < f->n; i++) {
		size_t cap = def(f, i)->size + 1 > 2 ? def(f, i)->size + 1 : 2;
		char *s = malloc(cap);
		if (!s)
			continue;
		member_text(def(f, i), record, s, cap);
		field_set(&f->fields[i], s);
		replace(&f->orig[i], value_dup(&f->fields[i]));
		free(s);
	}
	f->top = 0;
	set_focus(f, first_editable(f));
}

void form_store(const struct form *f, void *record)
{
	for (int i = 0; i < f->n; i++) {
		const struct form_field *d = def(f, i);
		if (d->type == FT_READONLY || d->size == 0)
			continue;
		char *m = (char *)record + d->offset;
		field_get(&f->fields[i], m, d->size);
		utf8_trim(m);
	}
}

int form_is_dirty(const struct form *f)
{
	for (int i = 0; i < f->n; i++)
		if (!value_equals(&f->fields[i], f->orig[i]))
			return 1;
	return 0;
}

size_t form_get(const struct form *f, const char *key, char *out, size_t cap)
{
	int i = form_index(f, key);
	if (i < 0) {
		if (cap)
			out[0] = 0;
		return 0;
	}
	return field_get(&f->fields[i], out, cap);
}

void form_set(struct form *f, const char *key, const char *utf8)
{
	int i = form_index(f, key);
	if (i < 0)
		return;
	field_set(&f->fields[i], utf8);
	if (i == f->cur)
		replace(&f->focus_val, value_dup(&f->fields[i]));
}

void form_saved(struct form *f, const void *record)
{
	int go = -1;
	for (int i = 0; i < f->n; i++) {
		size_t cap = def(f, i)->size + 1 > 2 ? def(f, i)->size + 1 : 2;
		char *s = malloc(cap);
		if (!s)
			continue;
		member_text(def(f, i), record, s, cap);
		replace(&f->prev[i], strdup(s));
		if (!f->entry_mode || def(f, i)->carry)
			field_set(&f->fields[i], s);
		else
			field_set(&f->fields[i], "");
		replace(&f->orig[i], value_dup(&f->fields[i]));
		if (go < 0 && editable(f, i) && field_is_blank(&f->fields[i]))
			go = i;
		free(s);
	}
	if (f->entry_mode) {
		f->top = 0;
		set_focus(f, go >= 0 ? go : first_editable(f));
	} else {
		set_focus(f, f->cur);
	}
}

void form_fail(struct form *f, const struct dj_err *err)
{
	frame_message(MSG_ERROR, "%s", err->msg[0] ? err->msg : "保存失败");
	int i = form_index(f, err->field);
	if (editable(f, i))
		set_focus(f, i);
}

/* ---- layout and drawing ---- */

static int field_rows(const struct form *f, int i)
{
	return f->fields[i].height;
}

static int has_right_neighbour(const struct form *f, int i)
{
	for (int j = 0; j < f->n; j++)
		if (j != i && def(f, j)->col >= 40 && def(f, j)->row == def(f, i)->row)
			return 1;
	return 0;
}

/* Input positions for this terminal width: at 80 columns as declared; wider,
 * the right-hand column moves right by half the spare width and grow fields
 * take the spare width of their half (or all of it when alone on the row). */
static void layout(struct form *f)
{
	int extra = term_cols() - 80 > 0 ? term_cols() - 80 : 0;
	for (int i = 0; i < f->n; i++) {
		const struct form_field *d = def(f, i);
		int right = d->col >= 40, w = d->width;
		if (d->grow)
			w += right || has_right_neighbour(f, i) ? extra / 2 : extra;
		f->y[i] = d->row;
		f->x[i] = d->col + (right ? extra / 2 : 0) + utf8_cols(d->label ? d->label : "");
		if (f->x[i] + w > term_cols())
			w = term_cols() - f->x[i];
		f->fields[i].width = w > 1 ? w : 1;
	}
}

/* Scrolls a form taller than the body so the current field shows. */
static int keep_visible(struct form *f)
{
	int rows = frame_body_rows(), old = f->top;
	if (f->cur < 0 || f->cur >= f->n)
		return 0;
	int y = f->y[f->cur], h = field_rows(f, f->cur);
	if (y < f->top)
		f->top = y;
	if (y + h > f->top + rows)
		f->top = y + h - rows;
	return f->top != old;
}

static int shown(const struct form *f, int i)
{
	return f->y[i] >= f->top && f->y[i] + field_rows(f, i) <= f->top + frame_body_rows();
}

static void draw_field(struct form *f, int i)
{
	if (!shown(f, i))
		return;
	int sy = frame_body_top() + f->y[i] - f->top;
	field_draw(&f->fields[i], sy, f->x[i], i == f->cur && editable(f, i));
}

/* A form taller than the body scrolls, and then owns the whole body. */
static int taller_than_body(const struct form *f)
{
	for (int i = 0; i < f->n; i++)
		if (f->y[i] + field_rows(f, i) > frame_body_rows())
			return 1;
	return 0;
}

void form_draw(struct form *f)
{
	layout(f);
	keep_visible(f);
	if (taller_than_body(f))
		draw_clear_rows(frame_body_top(), frame_body_top() + frame_body_rows());
	for (int i = 0; i < f->n; i++) {
		if (!shown(f, i))
			continue;
		const char *label = def(f, i)->label ? def(f, i)->label : "";
		int lw = utf8_cols(label);
		draw_text(frame_body_top() + f->y[i] - f->top, f->x[i] - lw, lw, label, ST_NORMAL);
		if (i != f->cur)
			draw_field(f, i);
	}
	cursor_want(-1, -1);
	draw_field(f, f->cur);   /* last: its cursor is the one that shows */
}

/* Moves the highlight from field `from` to the current one. */
static void redraw_move(struct form *f, int from)
{
	layout(f);
	if (keep_visible(f)) {
		form_draw(f);
		return;
	}
	if (from >= 0 && from < f->n)
		draw_field(f, from);
	draw_field(f, f->cur);
}

/* ---- checks ---- */

/* The type's check, then the field's own; msg gets the reason. */
static int check_field(struct form *f, int i, char *msg, size_t cap)
{
	char why[WHY_MAX] = "", reason[WHY_MAX] = "";
	if (field_check(&f->fields[i], why) < 0) {
		snprintf(msg, cap, "%s", why);
		return -1;
	}
	if (!def(f, i)->check || field_is_blank(&f->fields[i]))
		return 0;
	char *v = value_dup(&f->fields[i]);
	if (!v)
		return 0;
	utf8_trim(v);
	int bad = def(f, i)->check(v, reason) != 0;
	free(v);
	if (bad)
		snprintf(msg, cap, "「%s」%s", f->names[i], reason[0] ? reason : "填写有误");
	return bad ? -1 : 0;
}

/* The choice list's id of the field's value (0: not one of them). */
static int64_t choice_id(const struct form *f, int i)
{
	const char *const *c = def(f, i)->choices;
	char text[128];
	field_get(&f->fields[i], text, sizeof text);
	utf8_trim(text);
	for (int64_t k = 0; c && c[k]; k++)
		if (strcmp(c[k], text) == 0)
			return k + 1;
	return 0;
}

static int pick_choice(struct form *f, int i, const char *start)
{
	char title[160], filter[128];
	struct rs_row row;
	struct row_source *rs = choice_source_new(def(f, i)->choices, f->names[i]);
	if (!rs)
		return 0;
	snprintf(title, sizeof title, "选择%s", f->names[i]);
	snprintf(filter, sizeof filter, "%s", start);
	int picked = grid_pick(rs, title, filter, sizeof filter, choice_id(f, i), &row);
	if (picked)
		field_set(&f->fields[i], row.cell[0]);
	row_source_free(rs);
	return picked;
}

static void close_lookup(const struct form_lookup *lk, struct row_source *rs)
{
	if (rs && lk->close)
		lk->close(rs);
	else
		row_source_free(rs);
}

/* The id of the row whose column `col` is exactly `text`, or 0. */
#define LINK_PROBE 8
static int64_t exact_row(struct row_source *rs, int col, const char *text)
{
	int64_t id = 0;
	if (!*text || !rs->set_filter || rs->set_filter(rs->ctx, text) != 0)
		return 0;
	struct rs_row *rows = calloc(LINK_PROBE, sizeof *rows);
	int k = rows ? rs->fetch(rs->ctx, NULL, 1, LINK_PROBE, rows) : 0;
	for (int r = 0; r < k && !id; r++)
		if (strcmp(rows[r].cell[col], text) == 0)
			id = rows[r].key.id;
	free(rows);
	rs->set_filter(rs->ctx, "");
	return id;
}

/* 1 when the list has a row for the filter text. */
static int lists_any(struct row_source *rs, const char *text)
{
	struct rs_row row;
	if (!*text || !rs->set_filter || rs->set_filter(rs->ctx, text) != 0)
		return 1;
	int k = rs->fetch(rs->ctx, NULL, 1, 1, &row);
	rs->set_filter(rs->ctx, "");
	return k > 0;
}

static int pick_lookup(struct form *f, int i)
{
	const struct form_lookup *lk = def(f, i)->lookup;
	char title[160], filter[128];
	struct rs_row row;
	struct row_source *rs = lk->open(f->ctx);
	if (!rs) {
		frame_message(MSG_ERROR, "无法打开「%s」的查找列表", f->names[i]);
		return 0;
	}
	snprintf(title, sizeof title, "%s", lk->title ? lk->title : f->names[i]);
	field_get(&f->fields[i], filter, sizeof filter);
	utf8_trim(filter);
	/* A field already naming a record opens the whole list on that record,
	 * so F4 is for choosing another one, not for editing the filter. */
	int64_t current = exact_row(rs, lk->col, filter);
	if (current || !lists_any(rs, filter))
		filter[0] = 0;   /* text the list does not answer is no query */
	int picked = grid_pick(rs, title, filter, sizeof filter, current, &row);
	if (picked && lk->col >= 0 && lk->col < RS_MAXCOLS)
		field_set(&f->fields[i], row.cell[lk->col]);
	close_lookup(lk, rs);
	return picked;
}

/* Text in a CHOICE field that is not one of the choices: the one choice it
 * answers best (choice_list: by initials or part of the name) is taken.
 * Several keep the cursor in the field with the choices on the message line
 * (-1): opening the list by itself would swallow what the operator types
 * next for the next field. */
static int resolve_choice(struct form *f, int i)
{
	struct field *fd = &f->fields[i];
	char text[128], list[256];
	if (fd->type != FT_CHOICE || !fd->choices)
		return 0;
	field_get(fd, text, sizeof text);
	utf8_trim(text);
	if (!*text || choice_id(f, i))
		return 0;
	int matches = choice_list(fd->choices, text, list, sizeof list, 30);
	if (matches == 1) {
		field_set(fd, choice_only(fd->choices, text));
		return 0;
	}
	if (matches > 1) {
		frame_message(MSG_ERROR, "「%s」%s 有 %d 项相符：%s；请再输入，或按 F4 选择", f->names[i],
		              text, matches, list);
		return -1;
	}
	return 0;
}

/* ---- LINK fields: typing checked against the lookup ---- */

/* The current field's lookup, opened on first use and kept while the
 * cursor stays in the field: a strict field asks it on every key. */
static struct row_source *probe_source(struct form *f)
{
	const struct form_lookup *lk = editable(f, f->cur) ? def(f, f->cur)->lookup : NULL;
	if (!f->probe && lk && lk->open) {
		f->probe = lk->open(f->ctx);
		f->probe_at = f->cur;
	}
	return f->probe;
}

static void drop_probe(struct form *f)
{
	if (f->probe)
		close_lookup(def(f, f->probe_at)->lookup, f->probe);
	f->probe = NULL;
}

/* Up to n rows of the current field's lookup that answer text, or -1
 * when the list cannot be asked (the domain decides then). */
static int link_rows(struct form *f, const char *text, struct rs_row *rows, int n)
{
	struct row_source *rs = probe_source(f);
	if (!rs || !rs->set_filter || rs->set_filter(rs->ctx, text) != 0)
		return -1;
	return rs->fetch(rs->ctx, NULL, 1, n, rows);
}

/* 1 when a row answering text is text itself: the first k fetched, then on
 * page by page (the exact name can sort after longer ones containing it:
 * 五夫村第一党支部 among its 党小组), up to LINK_SCAN rows. */
#define LINK_SCAN 256
static int lists_exactly(struct row_source *rs, int col, const char *text,
                         const struct rs_row *rows, int k)
{
	for (int r = 0; r < k; r++)
		if (strcmp(rows[r].cell[col], text) == 0)
			return 1;
	if (k < LINK_PROBE)
		return 0;
	struct rs_row *page = calloc(LINK_PROBE, sizeof *page);
	struct rs_key last = rows[k - 1].key;
	int found = 0;
	for (int seen = k; page && !found && k == LINK_PROBE && seen < LINK_SCAN; seen += k) {
		k = rs->fetch(rs->ctx, &last, 1, LINK_PROBE, page);
		for (int r = 0; r < k && !found; r++)
			found = strcmp(page[r].cell[col], text) == 0;
		if (k > 0)
			last = page[k - 1].key;
	}
	free(page);
	return found;
}

/* Several rows answer text and none is it: the cursor stays with the first
 * few on the message line (a list opened by itself would swallow what is
 * typed next for the next field).  A field that may hold a value off its
 * list keeps the text as typed on a second Enter. */
static int ambiguous_link(struct form *f, int i, const char *text, struct rs_row *rows, int k)
{
	const struct form_lookup *lk = def(f, i)->lookup;
	if (!lk->strict && f->declined && strcmp(f->declined, text) == 0) {
		frame_message(MSG_INFO, "「%s」按输入保留「%s」（不是列表中的一项）", f->names[i], text);
		return 0;
	}
	const char *names[LINK_PROBE + 1] = { 0 };
	char head[256], list[256];
	/* short: an organization's name alone takes a fifth of the line */
	const char *tail = lk->strict ? "（按 F4 选择）" : "（F4 选择；再按回车保留原样）";
	for (int r = 0; r < k && r < LINK_PROBE; r++)
		names[r] = rows[r].cell[lk->col];
	long count = k < LINK_PROBE || !f->probe->count ? k : f->probe->count(f->probe->ctx);
	snprintf(head, sizeof head, "「%s」%s 有 %ld 项相符：", f->names[i], text,
	         count > k ? count : (long)k);
	/* as many names as the message line has room for */
	int room = term_cols() - 1 - utf8_cols(head) - utf8_cols(tail) - (count > k ? 2 : 0);
	choice_list(names, "", list, sizeof list, room > 8 ? room : 8);
	if (count > k && !strstr(list, "等"))
		snprintf(list + strlen(list), sizeof list - strlen(list), "等");
	term_beep();
	frame_message(MSG_ERROR, "%s%s%s", head, list, tail);
	if (!lk->strict)
		replace(&f->declined, strdup(text));
	return -1;
}

/* Text typed in a LINK field (a name, or pinyin initials such as "cgz"):
 * when the lookup lists it exactly it stays; a single match is taken;
 * several stay in the field (ambiguous_link).  Text that matches nothing
 * stays as typed (the domain decides on save), but not in a strict field,
 * whose value must be one of the list's. */
static int resolve_link(struct form *f, int i)
{
	const struct form_lookup *lk = def(f, i)->lookup;
	char text[128];
	if (!lk || !lk->open || lk->col < 0 || lk->col >= RS_MAXCOLS)
		return 0;
	field_get(&f->fields[i], text, sizeof text);
	utf8_trim(text);
	if (!*text || (f->focus_val && value_equals(&f->fields[i], f->focus_val)))
		return 0;
	struct rs_row *rows = calloc(LINK_PROBE, sizeof *rows);
	int k = rows ? link_rows(f, text, rows, LINK_PROBE) : -1, stay = 0;
	int exact = k > 0 && lists_exactly(f->probe, lk->col, text, rows, k);
	if (k == 1 && !exact)
		field_set(&f->fields[i], rows[0].cell[lk->col]);
	else if (k > 1 && !exact)
		stay = ambiguous_link(f, i, text, rows, k);
	else if (k == 0 && lk->strict) {
		term_beep();
		frame_message(MSG_ERROR, "「%s」列表中没有与 %s 相符的项，请改正，或按 F4 选择", f->names[i],
		              text);
		stay = -1;
	}
	free(rows);
	return stay;
}

/* A key in the current field.  A strict LINK field refuses the character
 * after which its lookup answers nothing, so text meant for the next field
 * never piles up in this one (the text stays as it was). */
static enum field_result field_key_at(struct form *f, struct key k)
{
	const struct form_lookup *lk = def(f, f->cur)->lookup;
	struct field *fd = &f->fields[f->cur];
	if (k.code != K_CHAR || !lk || !lk->strict || fd->type != FT_LINK)
		return field_key(fd, k);
	char *before = value_dup(fd), text[512];
	size_t cur = fd->cur, scroll = fd->scroll;
	struct rs_row row;
	enum field_result r = field_key(fd, k);
	if (!before || r != FIELD_HANDLED) {
		free(before);
		return r;
	}
	field_get(fd, text, sizeof text);
	utf8_trim(text);
	if (*text && strcmp(text, before) != 0 && link_rows(f, text, &row, 1) == 0) {
		field_set(fd, before);
		fd->cur = cur;
		fd->scroll = scroll;
		term_beep();
		if (link_rows(f, "", &row, 1) == 0)   /* e.g. 党小组 before 所在支部 */
			frame_message(MSG_ERROR, "「%s」现在没有可选的项（按 F4 查看）", f->names[f->cur]);
		else
			frame_message(MSG_ERROR, "「%s」列表中没有与 %s 相符的项（按 F4 选择）",
			              f->names[f->cur], text);
		r = FIELD_REFUSED;
	}
	free(before);
	return r;
}

/* The checks made when the cursor leaves the current field.  Returns -1 to
 * stay (the reason is on the message line), 1 when the changed callback ran
 * (other fields may have changed: redraw the form), else 0. */
static int leave_current(struct form *f)
{
	int i = f->cur;
	char msg[2 * WHY_MAX];
	if (!editable(f, i))
		return 0;
	if (resolve_choice(f, i) < 0 || resolve_link(f, i) < 0) {
		draw_field(f, i);
		return -1;
	}
	if (check_field(f, i, msg, sizeof msg) < 0) {
		frame_message(MSG_ERROR, "%s", msg);
		draw_field(f, i);
		return -1;
	}
	if (f->focus_val && value_equals(&f->fields[i], f->focus_val))
		return 0;
	replace(&f->focus_val, value_dup(&f->fields[i]));
	if (!f->changed)
		return 0;
	f->changed(f, def(f, i)->key, f->ctx);
	return 1;
}

static enum form_result try_save(struct form *f, enum form_result result)
{
	char msg[2 * WHY_MAX];
	if (next_editable(f, -1, 1) < 0) {
		frame_message(MSG_ERROR, "此记录只能查看，不能修改");
		return FORM_HANDLED;
	}
	int r = leave_current(f);
	if (r < 0)
		return FORM_HANDLED;
	if (r > 0)
		form_draw(f);
	for (int i = 0; i < f->n; i++) {
		if (!editable(f, i))
			continue;
		if (def(f, i)->required && field_is_blank(&f->fields[i]))
			snprintf(msg, sizeof msg, "「%s」不能为空", f->names[i]);
		else if (check_field(f, i, msg, sizeof msg) == 0)
			continue;
		int from = f->cur;
		set_focus(f, i);
		frame_message(MSG_ERROR, "%s", msg);
		redraw_move(f, from);
		return FORM_HANDLED;
	}
	draw_field(f, f->cur);
	return result;
}

/* ---- keys ---- */

static enum form_result move(struct form *f, int dir, int save_at_end)
{
	int from = f->cur;
	int r = leave_current(f);
	if (r < 0)
		return FORM_HANDLED;
	int to = next_editable(f, from, dir);
	if (to < 0 && save_at_end)
		return try_save(f, FORM_SAVE);
	if (to < 0)   /* Tab past the last field comes round to the first */
		to = next_editable(f, dir > 0 ? -1 : f->n, dir);
	if (to >= 0)
		set_focus(f, to);
	if (r > 0)
		form_draw(f);
	else
		redraw_move(f, from);
	return FORM_HANDLED;
}

static enum form_result back(struct form *f)
{
	static const char *const answers[] = { "是，保存后返回", "否，不保存，返回" };
	if (!form_is_dirty(f))
		return FORM_BACK;
	switch (dialog_pick("保存修改？", answers, 2, 0)) {
	case 0:
		return try_save(f, FORM_SAVE_BACK);
	case 1:
		return FORM_BACK;
	default:
		return FORM_HANDLED;    /* Esc: stay and keep typing */
	}
}

static void help(struct form *f)
{
	const struct form_field *d = def(f, f->cur);
	const char *link = "";
	if (d->type == FT_LINK && d->lookup)
		link = d->lookup->strict
		       ? "输入名称或拼音首字母后回车：只有一项相符即填入全称；几项相符时留在本栏，"
		         "底行列出它们；列表中找不到的字不能输入。\n"
		       : "输入姓名或拼音首字母后回车：只有一项相符即填入；几项相符时留在本栏，"
		         "底行列出它们，再按回车保留所输入的；列表中没有的照输入保留。\n";
	char text[1536];
	snprintf(text, sizeof text,
	         "%s%s%s%s%s%s\n\n"
	         "回车：下一项（在最后一项按回车即保存）\n"
	         "Tab 或 ↓：下一项；Shift-Tab 或 ↑：上一项\n"
	         "F2：保存　F3 或 Esc：返回（有修改时询问是否保存）\n"
	         "F4：选择或查找　F5：恢复此项原值\n"
	         "Ctrl-D：同上（复制上一条保存的记录的此项）",
	         d->help ? d->help : "", d->help ? "\n" : "",
	         field_type_hint(d->type), *field_type_hint(d->type) ? "\n" : "", link,
	         d->required ? "此项必填。" : "此项可以不填。");
	dialog_message(f->names[f->cur], text);
}

/* F4: the list, narrowed by what was typed when that is a query the list
 * answers.  A pick moves on to the next field, as Enter does. */
static enum form_result lookup(struct form *f)
{
	int i = f->cur, picked = 0;
	const struct form_field *d = def(f, i);
	if (d->lookup && d->lookup->open)
		picked = pick_lookup(f, i);
	else if (d->type == FT_CHOICE && d->choices) {
		char text[128], list[8];
		field_get(&f->fields[i], text, sizeof text);
		utf8_trim(text);
		/* a complete value opens the whole list on it; text matching
		 * nothing is no query, and opens the whole list too */
		if (choice_id(f, i) || choice_list(d->choices, text, list, sizeof list, 0) == 0)
			text[0] = 0;
		picked = pick_choice(f, i, text);
	} else
		frame_message(MSG_INFO, "「%s」没有可选列表", f->names[i]);
	f->fields[i].cur = f->fields[i].len;
	if (picked && next_editable(f, i, 1) >= 0)
		return move(f, 1, 0);
	draw_field(f, i);
	return FORM_HANDLED;
}

static void restore(struct form *f, const char *from, const char *what)
{
	if (!from) {
		frame_message(MSG_ERROR, "还没有保存过上一条记录，不能“同上”");
		return;
	}
	field_set(&f->fields[f->cur], from);
	frame_message(MSG_INFO, "「%s」%s", f->names[f->cur], what);
	draw_field(f, f->cur);
}

enum form_result form_key(struct form *f, struct key k)
{
	if (f->n == 0)
		return FORM_PASS;
	layout(f);
	if (editable(f, f->cur) && field_key_at(f, k) != FIELD_PASS) {
		draw_field(f, f->cur);
		return FORM_HANDLED;
	}
	switch (k.code) {
	case K_ENTER:            return move(f, 1, 1);
	case K_TAB: case K_DOWN: return move(f, 1, 0);
	case K_BTAB: case K_UP:  return move(f, -1, 0);
	case K_F2:               return try_save(f, FORM_SAVE);
	case K_F3: case K_ESC:   return back(f);
	case K_F1:               help(f);   return FORM_HANDLED;
	case K_F4:               return lookup(f);
	case K_F5:
		restore(f, f->orig[f->cur], "已恢复原值");
		return FORM_HANDLED;
	case K_CTRL_D:
		restore(f, f->prev[f->cur], "已复制上一条记录的内容（同上）");
		return FORM_HANDLED;
	default:
		return FORM_PASS;
	}
}
