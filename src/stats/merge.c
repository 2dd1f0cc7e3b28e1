/* merge.c — several townships' packs summed into the county's view: all
 * or nothing, cell by cell by keys, each township kept beside the total. */
#include "stats/stats_pack.h"

#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "stats/pack_priv.h"

/* Columns a file's or a unit's name takes at most in a message, so that
 * the reason after it still fits. */
#define NAME_COLS 40

static const char *base(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

static void cut(const char *s, char out[4 * NAME_COLS + 8])
{
	size_t len = utf8_prefix_fitting(s, NAME_COLS);
	snprintf(out, 4 * NAME_COLS + 8, "%.*s%s", (int)len, s, s[len] ? "…" : "");
}

/* How file i is named: by its name, or its whole path when another file
 * has the same name (two USB sticks' 汇总包.pack). */
static const char *shown(const char *const *paths, int n, int i, char out[4 * NAME_COLS + 8])
{
	const char *name = base(paths[i]);
	for (int k = 0; k < n; k++)
		if (strcmp(base(paths[k]), name) == 0 && strcmp(paths[k], paths[i]) != 0)
			name = paths[i];
	cut(name, out);
	return out;
}

/* The same pack (its id) or the same unit's same day, sent twice. */
static int twice(const char *const *paths, const struct stats_pack *p, int n, struct dj_err *e)
{
	char a[4 * NAME_COLS + 8], b[4 * NAME_COLS + 8], unit[4 * NAME_COLS + 8];
	for (int i = 0; i < n; i++)
		for (int j = 0; j < i; j++) {
			const struct stats_pack_meta *x = &p[j].meta, *y = &p[i].meta;
			shown(paths, n, j, a);
			shown(paths, n, i, b);
			if (strcmp(paths[i], paths[j]) == 0)
				return dj_fail(e, DJ_INVALID, NULL, "「%s」给了两次，重复报送", a);
			if (strcmp(x->pack_id, y->pack_id) == 0)
				return dj_fail(e, DJ_INVALID, NULL, "「%s」和「%s」是同一个汇总包，重复报送", a, b);
			cut(x->unit, unit);
			if (strcmp(x->unit, y->unit) == 0 && strcmp(x->as_of, y->as_of) == 0)
				return dj_fail(e, DJ_INVALID, NULL, "「%s」和「%s」都是%s截至 %s 的统计，重复报送", a, b,
				               unit, x->as_of);
		}
	return 0;
}

static int other_year(const char *const *paths, const struct stats_pack *p, int n, struct dj_err *e)
{
	char a[4 * NAME_COLS + 8], b[4 * NAME_COLS + 8];
	for (int i = 1; i < n; i++)
		if (strncmp(p[i].meta.as_of, p[0].meta.as_of, 4) != 0)
			return dj_fail(e, DJ_INVALID, NULL, "「%s」是 %.4s 年的统计，「%s」是 %.4s 年的，不能汇总在一起",
			               shown(paths, n, 0, a), p[0].meta.as_of, shown(paths, n, i, b),
			               p[i].meta.as_of);
	return 0;
}

static int find_key(char keys[][STATS_KEYLEN], int n, const char *key)
{
	for (int i = 0; i < n; i++)
		if (strcmp(keys[i], key) == 0)
			return i;
	return -1;
}

/* Index of key on one axis of mt, added with its label when new; -1 when
 * the axis is full. */
static int axis_add(char keys[][STATS_KEYLEN], char labels[][STATS_LABELLEN], int *n, int cap,
                    const char *key, const char *label)
{
	int i = find_key(keys, *n, key);
	if (i >= 0 || *n == cap)
		return i;
	snprintf(keys[*n], STATS_KEYLEN, "%s", key);
	snprintf(labels[*n], STATS_LABELLEN, "%s", label);
	return (*n)++;
}

/* Every table, row and column of every pack, in first-seen order. */
static int lay_out(struct stats_merge *m, const struct stats_pack *p, int n, struct dj_err *e)
{
	for (int u = 0; u < n; u++)
		for (int i = 0; i < p[u].n; i++) {
			const struct stats_table *t = &p[u].t[i];
			int k = 0;
			while (k < m->ntables && strcmp(m->t[k].key, t->key) != 0)
				k++;
			if (k == m->ntables) {
				if (k == STATS_PACK_MAX_TABLES)
					return dj_fail(e, DJ_INVALID, NULL, "统计表超过 %d 张，不能汇总", k);
				snprintf(m->t[k].key, STATS_KEYLEN, "%s", t->key);
				snprintf(m->t[k].name, STATS_LABELLEN, "%s", t->name);
				m->ntables++;
			}
			struct stats_merged_table *mt = &m->t[k];
			for (int r = 0; r < t->nrows; r++) {
				int at = axis_add(mt->row_key, mt->row_label, &mt->nrows, STATS_MAXROWS,
				                  t->row_key[r], t->row_label[r]);
				if (at < 0)
					return dj_fail(e, DJ_INVALID, NULL, "「%s」的行超过 %d 行，不能汇总", mt->name,
					               STATS_MAXROWS);
				mt->row_sub[at] |= t->row_sub[r];
			}
			for (int c = 0; c < t->ncols; c++)
				if (axis_add(mt->col_key, mt->col_label, &mt->ncols, STATS_MAXCOLS, t->col_key[c],
				             t->col_label[c]) < 0)
					return dj_fail(e, DJ_INVALID, NULL, "「%s」的栏目超过 %d 栏，不能汇总", mt->name,
					               STATS_MAXCOLS);
		}
	return 0;
}

static long *cell_at(const struct stats_merge *m, const struct stats_merged_table *t, int u, int r,
                     int c)
{
	(void)m;   /* the layout is per table: m only says which merge t belongs to */
	return &t->cell[((size_t)u * STATS_MAXROWS + (size_t)r) * STATS_MAXCOLS + (size_t)c];
}

long stats_merged_cell(const struct stats_merge *m, const struct stats_merged_table *t, int u,
                       int r, int c)
{
	return *cell_at(m, t, u, r, c);
}

static int sum(struct stats_merge *m, const struct stats_pack *p, int n)
{
	for (int k = 0; k < m->ntables; k++) {
		struct stats_merged_table *mt = &m->t[k];
		mt->cell = calloc((size_t)(n + 1) * STATS_MAXROWS * STATS_MAXCOLS, sizeof *mt->cell);
		if (!mt->cell)
			return -1;
		for (int u = 0; u < n; u++) {
			const struct stats_table *t = stats_pack_table(&p[u], mt->key);
			for (int r = 0; t && r < t->nrows; r++)
				for (int c = 0; c < t->ncols; c++) {
					int mr = find_key(mt->row_key, mt->nrows, t->row_key[r]);
					int mc = find_key(mt->col_key, mt->ncols, t->col_key[c]);
					*cell_at(m, mt, u, mr, mc) = t->cell[r][c];
					*cell_at(m, mt, n, mr, mc) += t->cell[r][c];
				}
		}
	}
	return 0;
}

static int read_all(const char *const *paths, int n, struct stats_pack *p, struct dj_err *e)
{
	char name[4 * NAME_COLS + 8];
	for (int i = 0; i < n; i++) {
		struct dj_err why;
		if (stats_pack_read(paths[i], &p[i], &why))
			return dj_fail(e, why.code, NULL, "「%s」：%s", shown(paths, n, i, name), why.msg);
		if (pack_change_check(stats_pack_table(&p[i], "change"), p[i].meta.unit, &why))
			return dj_fail(e, DJ_INVALID, NULL, "「%s」：%s", shown(paths, n, i, name), why.msg);
	}
	return 0;
}

int stats_merge_files(const char *const *paths, int n, struct stats_merge *m, struct dj_err *e)
{
	memset(m, 0, sizeof *m);
	if (n < 1) {
		dj_fail(e, DJ_INVALID, NULL, "没有给出要汇总的汇总包");
		return -1;
	}
	struct stats_pack *p = calloc((size_t)n, sizeof *p);
	m->unit = calloc((size_t)n, sizeof *m->unit);
	if (!p || !m->unit) {
		free(p);
		stats_merge_free(m);
		dj_fail(e, DJ_DB, NULL, "内存不足");
		return -1;
	}
	int rc = read_all(paths, n, p, e) || twice(paths, p, n, e) || other_year(paths, p, n, e) ||
	         lay_out(m, p, n, e) ? -1 : 0;
	if (rc == 0 && sum(m, p, n))
		rc = dj_fail(e, DJ_DB, NULL, "内存不足");
	if (rc == 0) {
		m->nunits = n;
		for (int i = 0; i < n; i++) {
			snprintf(m->unit[i], sizeof *m->unit, "%s", p[i].meta.unit);
			if (strcmp(p[i].meta.as_of, m->as_of) > 0)
				memcpy(m->as_of, p[i].meta.as_of, sizeof m->as_of);
		}
	}
	free(p);
	if (rc)
		stats_merge_free(m);
	return rc ? -1 : 0;
}

void stats_merge_free(struct stats_merge *m)
{
	for (int k = 0; k < STATS_PACK_MAX_TABLES; k++) {
		free(m->t[k].cell);
		m->t[k].cell = NULL;
	}
	free(m->unit);
	m->unit = NULL;
	m->nunits = m->ntables = 0;
}
