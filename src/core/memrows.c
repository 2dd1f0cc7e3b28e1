/* memrows.c — rows held in memory as a row_source (see memrows.h).
 * The view is an array of indexes into the rows, filtered and sorted, built
 * again when the rows, the find or the sort change; paging slices it
 * (rowslice.h).  Cells are kept as strings of their own length, so a long
 * list costs its text, not a screen row's worth of bytes per row. */
#include "core/memrows.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/rowslice.h"
#include "core/text.h"

struct item {
	int64_t id;
	int flags;
	char *cell[RS_MAXCOLS];
	char *find;                /* memrows_add's find text, lower-cased */
	char *name_key;            /* memrows_add's key for the first column */
	char *py;                  /* memrows_fixed_add's pinyin initials */
	int rank[RS_MAXCOLS];      /* 0: none */
};

struct memrows {
	struct row_source rs;
	int (*load)(void *ctx, struct memrows *m);   /* NULL: fixed rows */
	void *ctx;
	void (*destroy_ctx)(void *ctx);
	struct item *items;
	int *view;                 /* room for every row */
	int n, cap, nview;
	int stale;                 /* rows added since the view was built */
	struct rs_row pending;     /* what memrows_add handed the loader */
	int has_pending;
	char find[RS_CELL];        /* trimmed, ASCII lower-cased */
	int ranked[RS_MAXCOLS];    /* columns that sort by rank */
	int sort_col, desc;        /* -1: the order the rows came in */
	char err[256];
};

static void lower_ascii(char *s)
{
	for (; *s; s++)
		if (*s >= 'A' && *s <= 'Z')
			*s = (char)(*s + 32);
}

/* needle is lower-case already; "" is in everything. */
static int contains_lower(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	for (; *hay; hay++) {
		size_t i = 0;
		while (i < n && hay[i]) {
			char a = hay[i];
			if (a >= 'A' && a <= 'Z')
				a = (char)(a + 32);
			if (a != needle[i])
				break;
			i++;
		}
		if (i == n)
			return 1;
	}
	return n == 0;
}

static int starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* ---- the store ---- */

static void free_item(struct item *it, int ncols)
{
	if (ncols > 0)
		free(it->cell[0]);   /* the row's cells share one block (copy_cells) */
	free(it->find);
	free(it->name_key);
	free(it->py);
}

static void clear_items(struct memrows *m)
{
	for (int i = 0; i < m->n; i++)
		free_item(&m->items[i], m->rs.ncols);
	m->n = m->nview = 0;
	m->has_pending = 0;
	m->stale = 1;
}

static int grow(struct memrows *m)
{
	if (m->n < m->cap)
		return 0;
	int cap = m->cap ? m->cap * 2 : 64;
	struct item *items = realloc(m->items, (size_t)cap * sizeof *items);
	if (!items)
		return -1;
	m->items = items;
	int *view = realloc(m->view, (size_t)cap * sizeof *view);
	if (!view)
		return -1;
	m->view = view;
	m->cap = cap;
	return 0;
}

/* One block per row, not one per cell: a drill-down list of a county's
 * 200,000 members spent more in malloc than in counting them. */
static int copy_cells(struct item *it, const char *const cells[], int ncols)
{
	size_t len[RS_MAXCOLS], total = 0;
	if (ncols <= 0)
		return 0;
	for (int c = 0; c < ncols; c++)
		total += (len[c] = cells[c] ? strlen(cells[c]) : 0) + 1;
	char *p = malloc(total);
	if (!p)
		return -1;
	for (int c = 0; c < ncols; c++) {
		it->cell[c] = p;
		memcpy(p, cells[c] ? cells[c] : "", len[c]);
		p[len[c]] = 0;
		p += len[c] + 1;
	}
	return 0;
}

/* The row the loader filled goes into the store as strings. */
static int keep_pending(struct memrows *m)
{
	const char *cells[RS_MAXCOLS];
	if (!m->has_pending)
		return 0;
	m->has_pending = 0;
	struct item *it = &m->items[m->n - 1];
	it->flags = m->pending.flags;
	for (int c = 0; c < m->rs.ncols; c++)
		cells[c] = m->pending.cell[c];
	if (copy_cells(it, cells, m->rs.ncols) == 0)
		return 0;
	free_item(it, m->rs.ncols);
	m->n--;
	return -1;
}

/* ---- find and sort ---- */

static int matches(const struct memrows *m, const struct item *it)
{
	if (!m->find[0])
		return 1;
	if (m->load)
		return strstr(it->find, m->find) != NULL;
	if (starts_with(it->py, m->find))
		return 1;
	for (int c = 0; c < m->rs.ncols; c++)
		if (contains_lower(it->cell[c], m->find))
			return 1;
	return 0;
}

/* A right-aligned cell's number; `empty` when it holds none. */
static double number_in(const char *cell, int *empty)
{
	char *end;
	double v = strtod(cell, &end);
	*empty = end == cell;
	return v;
}

/* A cell that begins with a number ("12", "86%", "1,234.50", "2/3"). */
static int leading_number(const char *s, double *v)
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

/* Loaded rows: name key, rank, number or text.  *last: p and q differ in
 * having a rank or a number at all, which puts the one without last in
 * either direction. */
static int by_key(const struct memrows *m, const struct item *p, const struct item *q, int *last)
{
	int col = m->sort_col;
	if (col == 0)
		return strcmp(p->name_key, q->name_key);
	if (m->ranked[col]) {
		int u = p->rank[col] ? p->rank[col] : 99, v = q->rank[col] ? q->rank[col] : 99;
		if ((u == 99) != (v == 99)) {
			*last = 1;
			return u == 99 ? 1 : -1;
		}
		return (u > v) - (u < v);
	}
	if (m->rs.cols[col].right) {
		int ep, eq;
		double u = number_in(p->cell[col], &ep), v = number_in(q->cell[col], &eq);
		if (ep != eq) {
			*last = 1;
			return ep - eq;
		}
		return (u > v) - (u < v);
	}
	return strcmp(p->cell[col], q->cell[col]);
}

/* Fixed rows: numbers as numbers when both cells begin with one. */
static int by_cell(const struct memrows *m, const struct item *p, const struct item *q)
{
	const char *x = p->cell[m->sort_col], *y = q->cell[m->sort_col];
	double dx, dy;
	if (leading_number(x, &dx) && leading_number(y, &dy))
		return (dx > dy) - (dx < dy);
	return strcmp(x, y);
}

static const struct memrows *sorting;   /* qsort has no context argument */

static int compare(const void *a, const void *b)
{
	const struct memrows *m = sorting;
	int x = *(const int *)a, y = *(const int *)b, last = 0;
	const struct item *p = &m->items[x], *q = &m->items[y];
	int c = m->load ? by_key(m, p, q, &last) : by_cell(m, p, q);
	if (last)
		return c;
	if (m->desc)
		c = -c;
	return c ? c : (x > y) - (x < y);
}

static void rebuild(struct memrows *m)
{
	m->nview = 0;
	for (int i = 0; i < m->n; i++)
		if (matches(m, &m->items[i]))
			m->view[m->nview++] = i;
	if (m->sort_col >= 0 && m->nview > 1) {
		sorting = m;
		qsort(m->view, (size_t)m->nview, sizeof *m->view, compare);
		sorting = NULL;
	}
	m->stale = 0;
}

static struct memrows *fresh(void *ctx)
{
	struct memrows *m = ctx;
	if (m->stale)
		rebuild(m);
	return m;
}

static int place_of(const struct memrows *m, int64_t id)
{
	for (int v = 0; v < m->nview; v++)
		if (m->items[m->view[v]].id == id)
			return v;
	return -1;
}

/* ---- the row_source ---- */

static void fill(const struct memrows *m, int place, struct rs_row *out)
{
	const struct item *it = &m->items[m->view[place]];
	memset(out, 0, sizeof *out);
	for (int c = 0; c < m->rs.ncols; c++)
		snprintf(out->cell[c], RS_CELL, "%s", it->cell[c]);
	out->flags = it->flags;
	rowslice_key(&out->key, place, it->id);
}

static int fetch(void *ctx, const struct rs_key *anchor, int dir, int n, struct rs_row *rows)
{
	struct memrows *m = fresh(ctx);
	int from, to, got = 0;
	rowslice_range(m->nview, anchor ? place_of(m, anchor->id) : -1, dir, n, &from, &to);
	for (int v = from; v < to; v++)
		fill(m, v, &rows[got++]);
	return got;
}

static long count(void *ctx)
{
	return fresh(ctx)->nview;
}

static long ordinal(void *ctx, const struct rs_key *key)
{
	return rowslice_ordinal(place_of(fresh(ctx), key->id));
}

static int key_of(void *ctx, int64_t id, struct rs_key *out)
{
	return rowslice_key_of(place_of(fresh(ctx), id), id, out);
}

static int set_filter(void *ctx, const char *text)
{
	struct memrows *m = ctx;
	snprintf(m->find, sizeof m->find, "%s", text ? text : "");
	utf8_trim(m->find);
	lower_ascii(m->find);
	rebuild(m);
	return 0;
}

static int set_sort(void *ctx, int col, int desc)
{
	struct memrows *m = ctx;
	if (col < 0 || col >= m->rs.ncols || !m->rs.cols[col].sortable)
		return -1;
	m->sort_col = col;
	m->desc = desc;
	rebuild(m);
	return 0;
}

static const char *last_error(void *ctx)
{
	return ((struct memrows *)ctx)->err;
}

static void destroy(struct row_source *rs)
{
	struct memrows *m = rs->ctx;
	clear_items(m);
	free(m->items);
	free(m->view);
	if (m->destroy_ctx)
		m->destroy_ctx(m->ctx);
	free(m);
}

static struct memrows *new_source(const struct rs_column *cols, int ncols)
{
	struct memrows *m = calloc(1, sizeof *m);
	if (!m)
		return NULL;
	m->sort_col = -1;
	m->rs = (struct row_source){
		.ctx = m, .ncols = ncols < RS_MAXCOLS ? ncols : RS_MAXCOLS, .cols = cols,
		.fetch = fetch, .count = count, .ordinal = ordinal, .set_filter = set_filter,
		.set_sort = set_sort, .last_error = last_error, .key_of = key_of, .destroy = destroy,
	};
	return m;
}

/* ---- rows a loader computes ---- */

struct rs_row *memrows_add(struct memrows *m, int64_t id, const char *find, const char *name_key)
{
	if (keep_pending(m) || grow(m))
		return NULL;
	struct item *it = &m->items[m->n];
	memset(it, 0, sizeof *it);
	it->find = strdup(find ? find : "");
	it->name_key = strdup(name_key ? name_key : "");
	if (!it->find || !it->name_key) {
		free_item(it, 0);
		return NULL;
	}
	lower_ascii(it->find);
	it->id = id;
	m->n++;
	m->stale = 1;
	memset(&m->pending, 0, sizeof m->pending);
	m->pending.key.id = id;
	m->has_pending = 1;
	return &m->pending;
}

void memrows_rank(struct memrows *m, int col, int rank)
{
	if (m->n == 0 || col < 0 || col >= RS_MAXCOLS)
		return;
	m->items[m->n - 1].rank[col] = rank;
	m->ranked[col] = 1;
}

void memrows_fail(struct memrows *m, const char *msg)
{
	snprintf(m->err, sizeof m->err, "%s", msg);
}

int memrows_reload(struct row_source *rs)
{
	struct memrows *m = rs->ctx;
	if (!m->load)
		return 0;
	clear_items(m);
	m->err[0] = 0;
	int rc = m->load(m->ctx, m);
	if (keep_pending(m) && rc == 0) {
		memrows_fail(m, "内存不足");
		rc = -1;
	}
	rebuild(m);
	return rc;
}

struct row_source *memrows_new(const struct rs_column *cols, int ncols,
                               int (*load)(void *ctx, struct memrows *m), void *ctx,
                               void (*destroy_ctx)(void *ctx))
{
	struct memrows *m = new_source(cols, ncols);
	if (!m) {
		if (destroy_ctx)
			destroy_ctx(ctx);
		return NULL;
	}
	m->load = load;
	m->ctx = ctx;
	m->destroy_ctx = destroy_ctx;
	if (memrows_reload(&m->rs)) {
		destroy(&m->rs);
		return NULL;
	}
	return &m->rs;
}

/* ---- rows computed once ---- */

struct row_source *memrows_fixed_new(const struct rs_column *cols, int ncols)
{
	struct memrows *m = new_source(cols, ncols);
	return m ? &m->rs : NULL;
}

int memrows_fixed_add(struct row_source *rs, int64_t id, int flags, const char *const cells[],
                      const char *py)
{
	struct memrows *m = rs->ctx;
	if (grow(m))
		return -1;
	struct item *it = &m->items[m->n];
	memset(it, 0, sizeof *it);
	it->id = id;
	it->flags = flags;
	if (copy_cells(it, cells, rs->ncols) || !(it->py = strdup(py ? py : ""))) {
		free_item(it, rs->ncols);
		return -1;
	}
	m->n++;
	m->stale = 1;
	return 0;
}

/* ---- rows kept by a screen ---- */

struct live {
	struct row_source rs;
	const struct live_rows *lr;
	int *view, nview, cap;
	char find[RS_CELL];        /* trimmed, ASCII lower-cased */
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
	if (py && starts_with(py, l->find))
		return 1;
	l->lr->cell(l->lr->ctx, i, l->lr->name_col, name, sizeof name);
	return contains_lower(name, l->find);
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
	for (int p = 0; p < l->nview; p++)
		if (l->view[p] == id - 1)
			return p;
	return -1;
}

static int live_fetch(void *ctx, const struct rs_key *anchor, int dir, int n, struct rs_row *rows)
{
	struct live *l = ctx;
	int from, to, got = 0;
	if (dir == 0 && live_rebuild(l))
		return -1;
	rowslice_range(l->nview, anchor ? live_place(l, anchor->id) : -1, dir, n, &from, &to);
	for (int p = from; p < to; p++, got++) {
		int i = l->view[p];
		struct rs_row *r = &rows[got];
		memset(r, 0, sizeof *r);
		for (int c = 0; c < l->rs.ncols; c++)
			l->lr->cell(l->lr->ctx, i, c, r->cell[c], RS_CELL);
		r->flags = l->lr->flags ? l->lr->flags(l->lr->ctx, i) : 0;
		rowslice_key(&r->key, p, i + 1);
	}
	return got;
}

static long live_count(void *ctx)
{
	return ((struct live *)ctx)->nview;
}

static long live_ordinal(void *ctx, const struct rs_key *key)
{
	return rowslice_ordinal(live_place(ctx, key->id));
}

static int live_key_of(void *ctx, int64_t id, struct rs_key *out)
{
	return rowslice_key_of(live_place(ctx, id), id, out);
}

static int live_set_filter(void *ctx, const char *text)
{
	struct live *l = ctx;
	snprintf(l->find, sizeof l->find, "%s", text ? text : "");
	utf8_trim(l->find);
	lower_ascii(l->find);
	return live_rebuild(l);
}

static int live_set_sort(void *ctx, int col, int desc)
{
	(void)ctx;
	(void)col;
	(void)desc;
	return -1;   /* a sheet keeps the order it is filled in */
}

static const char *live_last_error(void *ctx)
{
	(void)ctx;
	return "";
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
		.set_filter = live_set_filter, .set_sort = live_set_sort, .last_error = live_last_error,
		.key_of = live_key_of, .destroy = live_destroy,
	};
	if (live_rebuild(l)) {
		free(l);
		return NULL;
	}
	return &l->rs;
}
