/* merge.c — several townships' packs summed into the county's view: all
 * or nothing, cell by cell by keys, each township kept beside the total. */
#include "stats/stats_pack.h"

#include <stdlib.h>
#include <string.h>

#include "stats/pack_priv.h"

/* The file's name in a message, cut so that the reason still fits. */
#define NAMEW 60

static const char *base(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

/* The same pack (its id) or the same unit's same day, sent twice. */
static int twice(const char *const *paths, const struct stats_pack *p, int n, struct dj_err *e)
{
	for (int i = 0; i < n; i++)
		for (int j = 0; j < i; j++) {
			const struct stats_pack_meta *a = &p[j].meta, *b = &p[i].meta;
			if (strcmp(a->pack_id, b->pack_id) == 0)
				return dj_fail(e, DJ_INVALID, NULL, "「%.*s」和「%.*s」是同一个汇总包，重复报送",
				               NAMEW, base(paths[j]), NAMEW, base(paths[i]));
			if (strcmp(a->unit, b->unit) == 0 && strcmp(a->as_of, b->as_of) == 0)
				return dj_fail(e, DJ_INVALID, NULL, "「%.*s」和「%.*s」都是%.60s截至 %s 的统计，重复报送",
				               NAMEW, base(paths[j]), NAMEW, base(paths[i]), a->unit, a->as_of);
		}
	return 0;
}

static int other_year(const char *const *paths, const struct stats_pack *p, int n, struct dj_err *e)
{
	for (int i = 1; i < n; i++)
		if (strncmp(p[i].meta.as_of, p[0].meta.as_of, 4) != 0)
			return dj_fail(e, DJ_INVALID, NULL, "「%.*s」是 %.4s 年的统计，「%.*s」是 %.4s 年的，不能汇总在一起",
			               NAMEW, base(paths[0]), p[0].meta.as_of, NAMEW, base(paths[i]),
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
	for (int i = 0; i < n; i++) {
		struct dj_err why;
		if (stats_pack_read(paths[i], &p[i], &why))
			return dj_fail(e, why.code, NULL, "「%.*s」：%s", NAMEW, base(paths[i]), why.msg);
		if (pack_change_check(stats_pack_table(&p[i], "change"), p[i].meta.unit, &why))
			return dj_fail(e, DJ_INVALID, NULL, "「%.*s」：%s", NAMEW, base(paths[i]), why.msg);
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
