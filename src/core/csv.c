/* csv.c — writing CSV files as Excel and WPS read them, the cell escapes
 * the reader (csv_read.c) undoes, and the hand-over of each record to
 * another format (xlsx) when the file's name asks for it. */
#include "core/csv.h"
#include "docs/xlsx_out.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/cell_kinds.h"
#include "core/err.h"

/* Leading ' characters before one of = + - @ TAB CR: the values Excel would
 * run as formulas once the apostrophes are gone.  Writer and reader both use
 * it, so any number of typed apostrophes survives the round trip. */
static int formula_like(const char *s)
{
	s += strspn(s, "'");
	return s[0] && strchr("=+-@\t\r", s[0]) != NULL;
}

void csv_undo_escape(char *f)
{
	size_t n = strlen(f);
	if (n >= 3 && f[0] == '=' && f[1] == '"' && f[n - 1] == '"' && !memchr(f + 2, '"', n - 3)) {
		memmove(f, f + 2, n - 3);
		f[n - 3] = 0;
	} else if (f[0] == '\'' && formula_like(f)) {
		memmove(f, f + 1, n);
	}
}

/* ---- cell escapes ---- */

/* Text a spreadsheet never reads as a number or a date: it holds a
 * character beyond ASCII (驿委〔2024〕19号). */
static int has_wide(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return 1;
	return 0;
}

/* Would a spreadsheet take s for something other than text?  ="..." holds
 * anything but a quote, and a formula-like value has its own guard.  In a
 * code column every value it might read so is guarded alike (a 身份证号
 * ending in X with its all-digit neighbours), so the column stays one kind. */
static int needs_text_guard(int k, const char *s)
{
	if (!*s || strchr(s, '"') || formula_like(s))
		return 0;
	return (k == COL_CODE && !has_wide(s)) || cell_code_like(s);
}

size_t csv_cell_escape_in(int k, const char *s, char *out, size_t cap)
{
	if (!s)
		s = "";
	const char *pre = "", *post = "";
	if (needs_text_guard(k, s))
		pre = "=\"", post = "\"";
	else if (formula_like(s))
		pre = "'";
	size_t need = strlen(pre) + strlen(s) + strlen(post);
	if (cap > 0) {
		size_t w = 0;
		const char *parts[3] = {pre, s, post};
		for (int i = 0; i < 3; i++)
			for (const char *p = parts[i]; *p && w + 1 < cap; p++)
				out[w++] = *p;
		out[w] = 0;
	}
	return need;
}

size_t csv_cell_escape(const char *s, char *out, size_t cap)
{
	return csv_cell_escape_in(COL_PLAIN, s, out, cap);
}

/* ---- formats and the unit's name ---- */

/* xlsx is always there: a writer that forgot to install it would put CSV
 * text into a file named .xlsx. */
#define MAX_FORMATS 4
static const struct csv_format *formats[MAX_FORMATS] = { &xlsx_out_format };
static char unit_name[256];

void csv_format_install(const struct csv_format *f)
{
	for (int i = 0; i < MAX_FORMATS; i++)
		if (formats[i] == f || !formats[i]) {
			formats[i] = f;
			return;
		}
}

const struct csv_format *csv_format_for(const char *path)
{
	size_t n = strlen(path);
	for (int i = 0; i < MAX_FORMATS && formats[i]; i++) {
		size_t k = strlen(formats[i]->suffix);
		if (n > k && strcasecmp(path + n - k, formats[i]->suffix) == 0)
			return formats[i];
	}
	return NULL;
}

void csv_set_unit_name(const char *name)
{
	snprintf(unit_name, sizeof unit_name, "%s", name ? name : "");
}

const char *csv_unit_name(void)
{
	return unit_name;
}

/* ---- one record's fields ---- */

static int rec_add(struct csv_record *r, const char *s)
{
	size_t n = strlen(s) + 1;
	if (r->n == r->ncap) {
		int cap = r->ncap ? r->ncap * 2 : 32;
		size_t *at = realloc(r->at, (size_t)cap * sizeof *at);
		if (!at)
			return -1;
		r->at = at;
		r->ncap = cap;
	}
	if (r->len + n > r->cap) {
		size_t cap = r->cap ? r->cap : 1024;
		while (cap < r->len + n)
			cap *= 2;
		char *b = realloc(r->bytes, cap);
		if (!b)
			return -1;
		r->bytes = b;
		r->cap = cap;
	}
	memcpy(r->bytes + r->len, s, n);
	r->at[r->n++] = r->len;
	r->len += n;
	return 0;
}

static const char *rec_field(const struct csv_record *r, int i)
{
	return r->bytes + r->at[i];
}

static void rec_free(struct csv_record *r)
{
	free(r->bytes);
	free(r->at);
	memset(r, 0, sizeof *r);
}

/* ---- the writer ---- */

static void fail_with(struct csv_writer *w, int e)
{
	if (!w->err)
		w->err = e ? e : EIO;
}

int csv_writer_open(struct csv_writer *w, const char *path)
{
	memset(w, 0, sizeof *w);
	w->fmt = csv_format_for(path);
	if (outfile_open(&w->out, path) != 0)
		return -1;
	if (w->fmt) {
		char why[sizeof w->out.why];
		w->sheet = w->fmt->open(&w->out, why, sizeof why);
		if (!w->sheet) {
			outfile_discard(&w->out);
			snprintf(w->out.why, sizeof w->out.why, "%s", why);
			return -1;
		}
		return 0;
	}
	w->f = w->out.f;
	if (fwrite("\xEF\xBB\xBF", 1, 3, w->f) != 3)
		fail_with(w, errno);
	return 0;
}

const char *csv_writer_why(const struct csv_writer *w)
{
	return w->out.why;
}

void csv_write_field(struct csv_writer *w, const char *s)
{
	if (!w->out.f) {
		fail_with(w, EBADF);
		return;
	}
	if (rec_add(&w->rec, s ? s : ""))
		fail_with(w, ENOMEM);
	w->col++;
}

static void write_csv_cell(struct csv_writer *w, int k, const char *s)
{
	char small[512], *cell = small;
	size_t need = csv_cell_escape_in(k, s, small, sizeof small);
	if (need >= sizeof small) {
		cell = malloc(need + 1);
		if (!cell) {
			fail_with(w, ENOMEM);
			return;
		}
		csv_cell_escape_in(k, s, cell, need + 1);
	}
	putc('"', w->f);
	for (const char *p = cell; *p; p++) {
		if (*p == '"')
			putc('"', w->f);
		putc(*p, w->f);
	}
	putc('"', w->f);
	if (cell != small)
		free(cell);
}

static void write_csv_record(struct csv_writer *w, enum csv_role role, const struct csv_record *r)
{
	for (int i = 0; i < r->n; i++) {
		if (i > 0)
			putc(',', w->f);
		int k = role == CSV_ROW && i < w->nkinds ? w->kinds[i] : COL_PLAIN;
		write_csv_cell(w, k, rec_field(r, i));
	}
	if (fputs("\r\n", w->f) == EOF || ferror(w->f))
		fail_with(w, errno);
}

static void hand_over(struct csv_writer *w, enum csv_role role, const struct csv_record *r)
{
	const char *small[64] = { 0 }, **cells = small;
	if (r->n > 64 && !(cells = malloc((size_t)r->n * sizeof *cells))) {
		fail_with(w, ENOMEM);
		return;
	}
	for (int i = 0; i < r->n; i++)
		cells[i] = rec_field(r, i);
	if (w->fmt->record(w->sheet, role, cells, r->n, w->kinds, w->nkinds, w->fmt_why,
	                   sizeof w->fmt_why))
		fail_with(w, EIO);
	if (cells != small)
		free(cells);
}

static void emit(struct csv_writer *w, enum csv_role role, const struct csv_record *r)
{
	if (w->err)
		return;   /* the file is lost already: nothing more is written */
	if (w->fmt)
		hand_over(w, role, r);
	else
		write_csv_record(w, role, r);
}

/* The header's words give each column its kind. */
static void take_header(struct csv_writer *w, const struct csv_record *r)
{
	unsigned char *k = realloc(w->kinds, (size_t)(r->n ? r->n : 1));
	if (!k) {
		fail_with(w, ENOMEM);
		return;
	}
	for (int i = 0; i < r->n; i++)
		k[i] = (unsigned char)col_kind_of_header(rec_field(r, i));
	w->kinds = k;
	w->nkinds = r->n;
	emit(w, CSV_HEADER, r);
}

void csv_end_record(struct csv_writer *w)
{
	if (!w->out.f) {
		fail_with(w, EBADF);
		return;
	}
	if (w->records == 0 && w->rec.n == 1) {
		struct csv_record t = w->held;   /* a title, or a one-column header? */
		w->held = w->rec;
		w->rec = t;
		w->holding = 1;
	} else if (w->holding) {
		w->holding = 0;
		if (w->rec.n > 1) {
			emit(w, CSV_TITLE, &w->held);
			take_header(w, &w->rec);
		} else {
			take_header(w, &w->held);
			emit(w, CSV_ROW, &w->rec);
		}
	} else if (w->records == 0) {
		take_header(w, &w->rec);
	} else {
		emit(w, CSV_ROW, &w->rec);
	}
	w->records++;
	w->rec.n = 0;
	w->rec.len = 0;
	w->col = 0;
}

static void release(struct csv_writer *w)
{
	rec_free(&w->rec);
	rec_free(&w->held);
	free(w->kinds);
	w->kinds = NULL;
	w->nkinds = 0;
	w->f = NULL;
	w->sheet = NULL;
}

/* Throws the file away and says why, naming it. */
static int lost(struct csv_writer *w, const char *reason)
{
	char path[sizeof w->out.why / 2], why[sizeof w->fmt_why];
	snprintf(path, sizeof path, "%s", w->out.path);
	snprintf(why, sizeof why, "%s", reason);
	outfile_discard(&w->out);
	release(w);
	snprintf(w->out.why, sizeof w->out.why, "写入 %s 失败（%s）：原有文件未改动", path, why);
	return -1;
}

int csv_writer_close(struct csv_writer *w)
{
	if (!w->out.f) {
		release(w);
		return -1;
	}
	if (w->holding) {
		w->holding = 0;
		take_header(w, &w->held);
	}
	if (w->err) {
		if (w->fmt)
			w->fmt->discard(w->sheet);
		return lost(w, w->fmt_why[0] ? w->fmt_why : dj_io_why(w->err));
	}
	if (w->fmt && w->fmt->finish(w->sheet, w->fmt_why, sizeof w->fmt_why)) {
		w->sheet = NULL;
		return lost(w, w->fmt_why);
	}
	release(w);
	return outfile_commit(&w->out);
}

void csv_writer_abort(struct csv_writer *w)
{
	if (w->fmt && w->sheet)
		w->fmt->discard(w->sheet);
	if (w->out.f)
		outfile_discard(&w->out);
	release(w);
}
