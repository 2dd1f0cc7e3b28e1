/* grading_rows.c — rows computed in C as a row_source (see grading_rows.h).
 * The view is an array of indexes into the rows, filtered and sorted; keys
 * are positions in the view with the row id, so the grid's anchors stay
 * valid until the next reload, filter or sort (after which the grid starts
 * again from the top or looks the id up). */
#include "grading_rows.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

struct item {
	struct rs_row row;
	char *find;
	char *name_key;
	int rank[RS_MAXCOLS];      /* 0: none */
};

struct memrows {
	struct row_source rs;
	int (*load)(void *ctx, struct memrows *m);
	void *ctx;
	void (*destroy_ctx)(void *ctx);
	struct item *items;
	int n, cap;
	int *view;
	int nview;
	char filter[RS_CELL];
	int ranked[RS_MAXCOLS];    /* columns that sort by rank */
	int sort_col, desc;
	char err[256];
};

static void lower_ascii(char *s)
{
	for (; *s; s++)
		*s = (char)tolower((unsigned char)*s);
}

static void clear_items(struct memrows *m)
{
	for (int i = 0; i < m->n; i++) {
		free(m->items[i].find);
		free(m->items[i].name_key);
	}
	m->n = 0;
}

struct rs_row *memrows_add(struct memrows *m, int64_t id, const char *find, const char *name_key)
{
	if (m->n == m->cap) {
		int cap = m->cap ? m->cap * 2 : 64;
		struct item *v = realloc(m->items, (size_t)cap * sizeof *v);
		if (!v)
			return NULL;
		m->items = v;
		m->cap = cap;
	}
	struct item *it = &m->items[m->n];
	memset(it, 0, sizeof *it);
	it->find = strdup(find ? find : "");
	it->name_key = strdup(name_key ? name_key : "");
	if (!it->find || !it->name_key) {
		free(it->find);
		free(it->name_key);
		return NULL;
	}
	lower_ascii(it->find);
	it->row.key.id = id;
	m->n++;
	return &it->row;
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

/* A number for a right-aligned column; empty cells sort after numbers. */
static double number_of(const char *cell, int *empty)
{
	char *end;
	double v = strtod(cell, &end);
	*empty = end == cell;
	return v;
}

static struct memrows *sorting;   /* qsort has no context argument */

static int compare(const void *a, const void *b)
{
	const struct memrows *m = sorting;
	int x = *(const int *)a, y = *(const int *)b, c = 0, col = m->sort_col;
	const struct item *p = &m->items[x], *q = &m->items[y];
	if (col == 0) {
		c = strcmp(p->name_key, q->name_key);
	} else if (col > 0 && m->ranked[col]) {
		int u = p->rank[col] ? p->rank[col] : 99, v = q->rank[col] ? q->rank[col] : 99;
		if ((u == 99) != (v == 99))
			return u == 99 ? 1 : -1;   /* unranked last in either direction */
		c = (u > v) - (u < v);
	} else if (col > 0 && m->rs.cols[col].right) {
		int ep, eq;
		double u = number_of(p->row.cell[col], &ep), v = number_of(q->row.cell[col], &eq);
		c = ep != eq ? ep - eq : (u > v) - (u < v);
		if (ep != eq)
			return c;   /* empty cells last in either direction */
	} else if (col > 0) {
		c = strcmp(p->row.cell[col], q->row.cell[col]);
	}
	if (m->desc)
		c = -c;
	return c ? c : (x > y) - (x < y);
}

static int rebuild_view(struct memrows *m)
{
	free(m->view);
	m->view = malloc((size_t)(m->n ? m->n : 1) * sizeof *m->view);
	m->nview = 0;
	if (!m->view) {
		memrows_fail(m, "内存不足");
		return -1;
	}
	for (int i = 0; i < m->n; i++)
		if (!*m->filter || strstr(m->items[i].find, m->filter))
			m->view[m->nview++] = i;
	if (m->sort_col >= 0) {
		sorting = m;
		qsort(m->view, (size_t)m->nview, sizeof *m->view, compare);
		sorting = NULL;
	}
	for (int v = 0; v < m->nview; v++)
		snprintf(m->items[m->view[v]].row.key.sort, RS_SORT, "%08d", v);
	return 0;
}

static int position_of(const struct memrows *m, int64_t id)
{
	for (int v = 0; v < m->nview; v++)
		if (m->items[m->view[v]].row.key.id == id)
			return v;
	return -1;
}

static int fetch(void *ctx, const struct rs_key *anchor, int dir, int n, struct rs_row *rows)
{
	struct memrows *m = ctx;
	int at = anchor ? position_of(m, anchor->id) : -1, from;
	if (dir > 0)
		from = at >= 0 ? at + 1 : 0;
	else if (dir == 0)
		from = at >= 0 ? at : 0;
	else
		from = (at >= 0 ? at : m->nview) - n;
	int to = dir < 0 ? (at >= 0 ? at : m->nview) : from + n;
	if (from < 0)
		from = 0;
	if (to > m->nview)
		to = m->nview;
	int got = 0;
	for (int v = from; v < to; v++)
		rows[got++] = m->items[m->view[v]].row;
	return got;
}

static long count(void *ctx)
{
	return ((struct memrows *)ctx)->nview;
}

static long ordinal(void *ctx, const struct rs_key *key)
{
	int v = position_of(ctx, key->id);
	return v < 0 ? -1 : v + 1;
}

static int key_of(void *ctx, int64_t id, struct rs_key *out)
{
	struct memrows *m = ctx;
	int v = position_of(m, id);
	if (v < 0)
		return -1;
	*out = m->items[m->view[v]].row.key;
	return 0;
}

static int set_filter(void *ctx, const char *text)
{
	struct memrows *m = ctx;
	snprintf(m->filter, sizeof m->filter, "%s", text ? text : "");
	utf8_trim(m->filter);
	lower_ascii(m->filter);
	return rebuild_view(m);
}

static int set_sort(void *ctx, int col, int desc)
{
	struct memrows *m = ctx;
	if (col < 0 || col >= m->rs.ncols || !m->rs.cols[col].sortable)
		return -1;
	m->sort_col = col;
	m->desc = desc;
	return rebuild_view(m);
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

int memrows_reload(struct row_source *rs)
{
	struct memrows *m = rs->ctx;
	clear_items(m);
	m->err[0] = 0;
	int rc = m->load(m->ctx, m);
	if (rebuild_view(m))
		return -1;
	return rc;
}

struct row_source *memrows_new(const struct rs_column *cols, int ncols,
                               int (*load)(void *ctx, struct memrows *m), void *ctx,
                               void (*destroy_ctx)(void *ctx))
{
	struct memrows *m = calloc(1, sizeof *m);
	if (!m) {
		if (destroy_ctx)
			destroy_ctx(ctx);
		return NULL;
	}
	m->load = load;
	m->ctx = ctx;
	m->destroy_ctx = destroy_ctx;
	m->sort_col = -1;
	m->rs = (struct row_source){
		.ctx = m, .ncols = ncols, .cols = cols, .fetch = fetch, .count = count,
		.ordinal = ordinal, .set_filter = set_filter, .set_sort = set_sort,
		.last_error = last_error, .key_of = key_of, .destroy = destroy,
	};
	if (memrows_reload(&m->rs)) {
		destroy(&m->rs);
		return NULL;
	}
	return &m->rs;
}
