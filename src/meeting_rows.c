/* meeting_rows.c — computed rows as a row_source (see meeting_rows.h).
 * The view is an index array over the rows, rebuilt on find and sort; a
 * row's key is its place in the view, so paging is array slicing. */
#include "meeting_rows.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "text.h"

struct mrow {
	int64_t id;
	int flags;
	char *cell[RS_MAXCOLS];
	char *py;
};

struct calc_rows {
	struct row_source rs;
	struct mrow *rows;
	int n, cap;
	int *view, nview;
	int sort_col, desc;    /* -1: insertion order */
	char find[RS_CELL], find_lower[RS_CELL];
};

static int contains_nocase(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	for (; *hay; hay++) {
		size_t i = 0;
		while (i < n && hay[i]) {
			char a = hay[i], b = needle[i];
			if (a >= 'A' && a <= 'Z')
				a = (char)(a + 32);
			if (b >= 'A' && b <= 'Z')
				b = (char)(b + 32);
			if (a != b)
				break;
			i++;
		}
		if (i == n)
			return 1;
	}
	return n == 0;
}

static int matches(const struct calc_rows *m, const struct mrow *r)
{
	if (!m->find[0])
		return 1;
	if (r->py && strncmp(r->py, m->find_lower, strlen(m->find_lower)) == 0)
		return 1;
	for (int c = 0; c < m->rs.ncols; c++)
		if (contains_nocase(r->cell[c], m->find))
			return 1;
	return 0;
}

/* A cell that begins with a number ("12", "86%", "1,234.50", "2/3") sorts by it. */
static int number_of(const char *s, double *v)
{
	char digits[64];
	size_t n = 0;
	if (!((*s >= '0' && *s <= '9') || (*s == '-' && s[1] >= '0' && s[1] <= '9')))
		return 0;
	for (; *s && n + 1 < sizeof digits; s++)
		if ((*s >= '0' && *s <= '9') || *s == '.' || (*s == '-' && n == 0))
			digits[n++] = *s;
		else if (*s != ',')
			break;
	digits[n] = 0;
	*v = strtod(digits, NULL);
	return 1;
}

static const struct calc_rows *sorting;   /* qsort has no context argument */

static int compare(const void *pa, const void *pb)
{
	int a = *(const int *)pa, b = *(const int *)pb;
	const char *x = sorting->rows[a].cell[sorting->sort_col];
	const char *y = sorting->rows[b].cell[sorting->sort_col];
	double dx, dy;
	int c;
	if (number_of(x, &dx) && number_of(y, &dy))
		c = (dx > dy) - (dx < dy);
	else
		c = strcmp(x, y);
	if (sorting->desc)
		c = -c;
	return c ? c : (a > b) - (a < b);
}

static void rebuild(struct calc_rows *m)
{
	m->nview = 0;
	for (int i = 0; i < m->n; i++)
		if (matches(m, &m->rows[i]))
			m->view[m->nview++] = i;
	if (m->sort_col >= 0) {
		sorting = m;
		qsort(m->view, (size_t)m->nview, sizeof *m->view, compare);
		sorting = NULL;
	}
}

static int place_of(const struct calc_rows *m, int64_t id)
{
	for (int i = 0; i < m->nview; i++)
		if (m->rows[m->view[i]].id == id)
			return i;
	return -1;
}

static void fill(const struct calc_rows *m, int place, struct rs_row *out)
{
	const struct mrow *r = &m->rows[m->view[place]];
	memset(out, 0, sizeof *out);
	for (int c = 0; c < m->rs.ncols; c++)
		snprintf(out->cell[c], RS_CELL, "%s", r->cell[c]);
	out->flags = r->flags;
	out->key.id = r->id;
	snprintf(out->key.sort, RS_SORT, "%08d", place);
}

static int fetch(void *ctx, const struct rs_key *anchor, int dir, int n, struct rs_row *rows)
{
	struct calc_rows *m = ctx;
	int at = anchor ? place_of(m, anchor->id) : -1;
	int from;
	if (dir > 0 || (dir == 0 && at < 0))
		from = at >= 0 ? at + 1 : 0;
	else if (dir == 0)
		from = at;
	else
		from = (at >= 0 ? at : m->nview) - n;
	int to = dir < 0 ? (at >= 0 ? at : m->nview) : from + n;
	if (from < 0)
		from = 0;
	if (to > m->nview)
		to = m->nview;
	int got = 0;
	for (int i = from; i < to; i++)
		fill(m, i, &rows[got++]);
	return got;
}

static long count(void *ctx)
{
	return ((struct calc_rows *)ctx)->nview;
}

static long ordinal(void *ctx, const struct rs_key *key)
{
	int i = place_of(ctx, key->id);
	return i < 0 ? -1 : i + 1;
}

static int key_of(void *ctx, int64_t id, struct rs_key *out)
{
	int i = place_of(ctx, id);
	if (i < 0)
		return -1;
	snprintf(out->sort, RS_SORT, "%08d", i);
	out->id = id;
	return 0;
}

static int set_filter(void *ctx, const char *text)
{
	struct calc_rows *m = ctx;
	snprintf(m->find, sizeof m->find, "%s", text ? text : "");
	utf8_trim(m->find);
	snprintf(m->find_lower, sizeof m->find_lower, "%s", m->find);
	for (char *c = m->find_lower; *c; c++)
		if (*c >= 'A' && *c <= 'Z')
			*c = (char)(*c + 32);
	rebuild(m);
	return 0;
}

static int set_sort(void *ctx, int col, int desc)
{
	struct calc_rows *m = ctx;
	if (col < 0 || col >= m->rs.ncols || !m->rs.cols[col].sortable)
		return -1;
	m->sort_col = col;
	m->desc = desc;
	rebuild(m);
	return 0;
}

static const char *last_error(void *ctx)
{
	(void)ctx;
	return "";
}

static void destroy(struct row_source *rs)
{
	struct calc_rows *m = rs->ctx;
	for (int i = 0; i < m->n; i++) {
		for (int c = 0; c < rs->ncols; c++)
			free(m->rows[i].cell[c]);
		free(m->rows[i].py);
	}
	free(m->rows);
	free(m->view);
	free(m);
}

struct row_source *calc_rows_new(const struct rs_column *cols, int ncols)
{
	struct calc_rows *m = calloc(1, sizeof *m);
	if (!m)
		return NULL;
	m->sort_col = -1;
	m->rs = (struct row_source){
		.ctx = m, .ncols = ncols < RS_MAXCOLS ? ncols : RS_MAXCOLS, .cols = cols,
		.fetch = fetch, .count = count, .ordinal = ordinal, .set_filter = set_filter,
		.set_sort = set_sort, .last_error = last_error, .key_of = key_of, .destroy = destroy,
	};
	return &m->rs;
}

int calc_rows_add(struct row_source *rs, int64_t id, int flags, const char *const cells[],
                const char *py)
{
	struct calc_rows *m = rs->ctx;
	if (m->n == m->cap) {
		int cap = m->cap ? m->cap * 2 : 64;
		struct mrow *r = realloc(m->rows, (size_t)cap * sizeof *r);
		if (!r)
			return -1;
		m->rows = r;
		int *v = realloc(m->view, (size_t)cap * sizeof *v);
		if (!v)
			return -1;
		m->view = v;
		m->cap = cap;
	}
	struct mrow *r = &m->rows[m->n];
	memset(r, 0, sizeof *r);
	r->id = id;
	r->flags = flags;
	for (int c = 0; c < rs->ncols; c++)
		if (!(r->cell[c] = strdup(cells[c] ? cells[c] : "")))
			goto fail;
	if (!(r->py = strdup(py ? py : "")))
		goto fail;
	m->n++;
	rebuild(m);
	return 0;
fail:
	for (int c = 0; c < rs->ncols; c++)
		free(r->cell[c]);
	return -1;
}

/* ---- rows kept by a screen ---- */

struct live {
	struct row_source rs;
	const struct live_rows *lr;
	int *view, nview, cap;
	char find[RS_CELL], find_lower[RS_CELL];
};

int live_rows_index(int64_t id)
{
	return id > 0 ? (int)(id - 1) : -1;
}

static int live_matches(const struct live *l, int i)
{
	char name[RS_CELL];
	if (!l->find[0])
		return 1;
	const char *py = l->lr->py ? l->lr->py(l->lr->ctx, i) : NULL;
	if (py && strncmp(py, l->find_lower, strlen(l->find_lower)) == 0)
		return 1;
	l->lr->cell(l->lr->ctx, i, l->lr->name_col, name, sizeof name);
	return contains_nocase(name, l->find);
}

static int live_rebuild(struct live *l)
{
	int n = l->lr->count(l->lr->ctx);
	if (n > l->cap) {
		int *v = realloc(l->view, (size_t)n * sizeof *v);
		if (!v)
			return -1;
		l->view = v;
		l->cap = n;
	}
	l->nview = 0;
	for (int i = 0; i < n; i++)
		if (live_matches(l, i))
			l->view[l->nview++] = i;
	return 0;
}

static int live_place(const struct live *l, int64_t id)
{
	for (int i = 0; i < l->nview; i++)
		if (l->view[i] == id - 1)
			return i;
	return -1;
}

static int live_fetch(void *ctx, const struct rs_key *anchor, int dir, int n, struct rs_row *rows)
{
	struct live *l = ctx;
	if (dir == 0 && live_rebuild(l))
		return -1;
	int at = anchor ? live_place(l, anchor->id) : -1;
	int from = dir > 0 || (dir == 0 && at < 0) ? (at >= 0 ? at + 1 : 0)
	           : dir == 0 ? at : (at >= 0 ? at : l->nview) - n;
	int to = dir < 0 ? (at >= 0 ? at : l->nview) : from + n;
	if (from < 0)
		from = 0;
	if (to > l->nview)
		to = l->nview;
	int got = 0;
	for (int p = from; p < to; p++, got++) {
		int i = l->view[p];
		struct rs_row *r = &rows[got];
		memset(r, 0, sizeof *r);
		for (int c = 0; c < l->rs.ncols; c++)
			l->lr->cell(l->lr->ctx, i, c, r->cell[c], RS_CELL);
		r->flags = l->lr->flags ? l->lr->flags(l->lr->ctx, i) : 0;
		r->key.id = i + 1;
		snprintf(r->key.sort, RS_SORT, "%08d", p);
	}
	return got;
}

static long live_count(void *ctx)
{
	return ((struct live *)ctx)->nview;
}

static long live_ordinal(void *ctx, const struct rs_key *key)
{
	int p = live_place(ctx, key->id);
	return p < 0 ? -1 : p + 1;
}

static int live_key_of(void *ctx, int64_t id, struct rs_key *out)
{
	int p = live_place(ctx, id);
	if (p < 0)
		return -1;
	snprintf(out->sort, RS_SORT, "%08d", p);
	out->id = id;
	return 0;
}

static int live_set_filter(void *ctx, const char *text)
{
	struct live *l = ctx;
	snprintf(l->find, sizeof l->find, "%s", text ? text : "");
	utf8_trim(l->find);
	snprintf(l->find_lower, sizeof l->find_lower, "%s", l->find);
	for (char *c = l->find_lower; *c; c++)
		if (*c >= 'A' && *c <= 'Z')
			*c = (char)(*c + 32);
	return live_rebuild(l);
}

static int live_set_sort(void *ctx, int col, int desc)
{
	(void)ctx;
	(void)col;
	(void)desc;
	return -1;   /* a sheet keeps the order it is filled in */
}

static void live_destroy(struct row_source *rs)
{
	struct live *l = rs->ctx;
	free(l->view);
	free(l);
}

struct row_source *live_rows_new(const struct live_rows *lr, const struct rs_column *cols,
                                 int ncols)
{
	struct live *l = calloc(1, sizeof *l);
	if (!l)
		return NULL;
	l->lr = lr;
	l->rs = (struct row_source){
		.ctx = l, .ncols = ncols < RS_MAXCOLS ? ncols : RS_MAXCOLS, .cols = cols,
		.fetch = live_fetch, .count = live_count, .ordinal = live_ordinal,
		.set_filter = live_set_filter, .set_sort = live_set_sort, .last_error = last_error,
		.key_of = live_key_of, .destroy = live_destroy,
	};
	if (live_rebuild(l)) {
		free(l);
		return NULL;
	}
	return &l->rs;
}

/* ---- CSV ---- */

int rows_export_csv(struct row_source *rs, const char *title_row, const char *path,
                    FILE *report, int *exported)
{
	struct csv_writer w;
	struct rs_row *page = calloc(64, sizeof *page);
	*exported = 0;
	if (!page || csv_writer_open(&w, path)) {
		fprintf(report, "无法写入 %s：%s\n", path, page ? strerror(errno) : "内存不足");
		free(page);
		return 1;
	}
	if (title_row && *title_row) {
		csv_write_field(&w, title_row);
		csv_end_record(&w);
	}
	for (int c = 0; c < rs->ncols; c++)
		csv_write_field(&w, rs->cols[c].title);
	csv_end_record(&w);
	int got, rc = 0;
	struct rs_key last;
	for (int first = 1;; first = 0) {
		got = rs->fetch(rs->ctx, first ? NULL : &last, 1, 64, page);
		if (got < 0) {
			fprintf(report, "读取列表失败：%s\n", rs->last_error(rs->ctx));
			rc = 1;
			break;
		}
		for (int i = 0; i < got; i++) {
			for (int c = 0; c < rs->ncols; c++)
				csv_write_field(&w, page[i].cell[c]);
			csv_end_record(&w);
		}
		*exported += got;
		if (got < 64)
			break;
		last = page[got - 1].key;
	}
	free(page);
	if (csv_writer_close(&w) != 0 && rc == 0) {
		fprintf(report, "写入 %s 失败（磁盘已满？）\n", path);
		rc = 1;
	}
	return rc;
}
