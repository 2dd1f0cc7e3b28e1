/* defs.c — the tables' names, the date they are computed at, and the
 * building blocks every counter shares. */
#include <stdlib.h>
#include <string.h>

#include "core/validate.h"
#include "stats/tables.h"

const struct stats_def stats_defs[] = {
	{ "basic", "党员基本情况" },  { "change", "党员增减" },   { "develop", "发展党员" },
	{ "confirm", "预备党员转正" }, { "exit", "出党情况" },     { "orgs", "基层组织" },
	{ "honours", "党内表彰" },
};
const int stats_ndefs = sizeof stats_defs / sizeof *stats_defs;

const struct stats_def *stats_def_find(const char *key_or_name)
{
	if (!key_or_name)
		return NULL;
	for (int i = 0; i < stats_ndefs; i++)
		if (strcmp(stats_defs[i].key, key_or_name) == 0 ||
		    strcmp(stats_defs[i].name, key_or_name) == 0)
			return &stats_defs[i];
	return NULL;
}

int stats_when_set(struct stats_when *w, int64_t root, const char *as_of, struct dj_err *e)
{
	char norm[11], why[WHY_MAX];
	memset(w, 0, sizeof *w);
	w->root = root;
	if (!as_of || !*as_of) {
		char now[11];
		today(now);
		snprintf(norm, sizeof norm, "%.4s-12-31", now);
	} else if (valid_date(as_of, norm, why))
		return dj_fail(e, DJ_INVALID, "as_of", "「统计截止日期」%s：%s", why, as_of);
	memcpy(w->as_of, norm, sizeof w->as_of);
	w->year = atoi(w->as_of);
	return 0;
}

int stats_change_balances(const struct stats_table *t)
{
	int start = stats_row_of(t, "start"), added = stats_row_of(t, "added");
	int removed = stats_row_of(t, "removed"), end = stats_row_of(t, "end");
	int col = stats_col_of(t, "total");
	if (start < 0 || added < 0 || removed < 0 || end < 0 || col < 0)
		return 0;
	return t->cell[start][col] + t->cell[added][col] - t->cell[removed][col] ==
	       t->cell[end][col];
}

void stats_table_init(struct stats_table *t, const char *key, int unit)
{
	memset(t, 0, sizeof *t);
	const struct stats_def *d = stats_def_find(key);
	t->key = d ? d->key : key;
	t->name = d ? d->name : key;
	t->unit = unit;
}

int stats_add_row(struct stats_table *t, const char *key, const char *label, int sub)
{
	if (t->nrows >= STATS_MAXROWS)
		return -1;
	snprintf(t->row_key[t->nrows], STATS_KEYLEN, "%s", key);
	snprintf(t->row_label[t->nrows], STATS_LABELLEN, "%s", label);
	t->row_sub[t->nrows] = sub;
	return t->nrows++;
}

int stats_add_col(struct stats_table *t, const char *key, const char *label)
{
	if (t->ncols >= STATS_MAXCOLS)
		return -1;
	snprintf(t->col_key[t->ncols], STATS_KEYLEN, "%s", key);
	snprintf(t->col_label[t->ncols], STATS_LABELLEN, "%s", label);
	return t->ncols++;
}

int stats_row_of(const struct stats_table *t, const char *key)
{
	for (int i = 0; i < t->nrows; i++)
		if (strcmp(t->row_key[i], key) == 0)
			return i;
	return -1;
}

int stats_col_of(const struct stats_table *t, const char *key)
{
	for (int i = 0; i < t->ncols; i++)
		if (strcmp(t->col_key[i], key) == 0)
			return i;
	return -1;
}

void stats_hit(struct stats_visit *v, const struct stats_unit_row *u, int row, int col)
{
	if (row < 0 || col < 0)
		return;   /* a row the table could not hold (past STATS_MAXROWS) */
	v->t->cell[row][col]++;
	if (row != v->want_row || col != v->want_col || v->oom)
		return;
	if (v->keep) {
		v->oom = v->keep(v->keep_ctx, u) != 0;
		v->n++;
		return;
	}
	if (v->n == v->cap) {
		int cap = v->cap ? v->cap * 2 : 64;
		struct stats_unit_row *r = realloc(v->rows, (size_t)cap * sizeof *r);
		if (!r) {
			v->oom = 1;
			return;
		}
		v->rows = r;
		v->cap = cap;
	}
	v->rows[v->n++] = *u;
}

int stats_scope(struct session *s, const struct stats_when *w, int64_t *root, struct dj_err *e)
{
	*root = w->root ? w->root : s->scope_org;
	if (w->root && s->scope_org && !org_in_subtree(s->db, s->scope_org, w->root))
		return dj_fail(e, DJ_DENIED, "org", "所选组织不在您的管理范围内");
	return 0;
}
