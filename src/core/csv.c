/* csv.c — writing CSV files as Excel and WPS read them, and the cell escapes
 * the reader (csv_read.c) undoes. */
#include "core/csv.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

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

int csv_writer_open(struct csv_writer *w, const char *path)
{
	w->col = 0;
	w->err = 0;
	w->f = NULL;
	if (outfile_open(&w->out, path) != 0)
		return -1;
	w->f = w->out.f;
	if (fwrite("\xEF\xBB\xBF", 1, 3, w->f) != 3)
		w->err = errno ? errno : EIO;
	return 0;
}

const char *csv_writer_why(const struct csv_writer *w)
{
	return w->out.why;
}

/* Digit strings Excel would mangle: 11+ digits (身份证号, phones) lose
 * precision, a leading 0 is dropped. */
static int needs_text_guard(const char *s)
{
	size_t n = strlen(s);
	if (n < 2 || strspn(s, "0123456789") != n)
		return 0;
	return n >= 11 || s[0] == '0';
}

size_t csv_cell_escape(const char *s, char *out, size_t cap)
{
	if (!s)
		s = "";
	const char *pre = "", *post = "";
	if (needs_text_guard(s))
		pre = "=\"", post = "\"";
	else if (formula_like(s))
		pre = "'";
	size_t need = strlen(pre) + strlen(s) + strlen(post);
	if (cap > 0) {
		size_t w = 0;
		const char *parts[3] = {pre, s, post};
		for (int k = 0; k < 3; k++)
			for (const char *p = parts[k]; *p && w + 1 < cap; p++)
				out[w++] = *p;
		out[w] = 0;
	}
	return need;
}

void csv_write_field(struct csv_writer *w, const char *s)
{
	char small[512], *cell = small;
	if (!w->f) {
		w->err = w->err ? w->err : EBADF;
		return;
	}
	size_t need = csv_cell_escape(s, small, sizeof small);
	if (need >= sizeof small) {
		cell = malloc(need + 1);
		if (!cell) {
			w->err = ENOMEM;
			return;
		}
		csv_cell_escape(s, cell, need + 1);
	}
	if (w->col > 0)
		putc(',', w->f);
	putc('"', w->f);
	for (const char *p = cell; *p; p++) {
		if (*p == '"')
			putc('"', w->f);
		putc(*p, w->f);
	}
	putc('"', w->f);
	if (cell != small)
		free(cell);
	if (ferror(w->f) && !w->err)
		w->err = errno ? errno : EIO;
	w->col++;
}

void csv_end_record(struct csv_writer *w)
{
	if (!w->f) {
		w->err = w->err ? w->err : EBADF;
		return;
	}
	if (fputs("\r\n", w->f) == EOF && !w->err)
		w->err = errno ? errno : EIO;
	w->col = 0;
}

int csv_writer_close(struct csv_writer *w)
{
	if (!w->f)
		return -1;
	w->f = NULL;
	if (w->err) {
		char path[sizeof w->out.why / 2];
		snprintf(path, sizeof path, "%s", w->out.path);
		int e = w->err;
		outfile_discard(&w->out);
		snprintf(w->out.why, sizeof w->out.why, "写入 %s 失败（%s）：原有文件未改动", path,
		         dj_io_why(e));
		return -1;
	}
	return outfile_commit(&w->out);
}

void csv_writer_abort(struct csv_writer *w)
{
	if (w->f)
		outfile_discard(&w->out);
	w->f = NULL;
}
