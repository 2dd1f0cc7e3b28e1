/* compute.c — a table by key, and the units behind one of its cells: both
 * run the same counter, so a drill-down lists exactly what the cell counts. */
#include <stdlib.h>
#include <string.h>

#include "stats/tables.h"

typedef int (*counter)(struct session *, const struct stats_when *, struct stats_visit *,
                       struct dj_err *);

static const struct {
	const char *key;
	counter count;
} counters[] = {
	{ "basic", stats_count_basic },     { "change", stats_count_change },
	{ "develop", stats_count_develop }, { "confirm", stats_count_confirm },
	{ "exit", stats_count_exit },       { "orgs", stats_count_orgs },
	{ "honours", stats_count_honours },
};

int stats_run(struct session *s, const char *key, const struct stats_when *w,
              struct stats_visit *v, struct dj_err *e)
{
	const struct stats_def *d = stats_def_find(key);
	for (size_t i = 0; d && i < sizeof counters / sizeof *counters; i++)
		if (strcmp(counters[i].key, d->key) == 0)
			return counters[i].count(s, w, v, e) ? -1 : 0;
	return dj_fail(e, DJ_INVALID, "table", "没有这张统计表：%s", key ? key : ""), -1;
}

int stats_compute(struct session *s, const char *key, const struct stats_when *w,
                  struct stats_table *t, struct dj_err *e)
{
	struct stats_visit v = { .t = t, .want_row = -1, .want_col = -1 };
	int rc = stats_run(s, key, w, &v, e);
	free(v.rows);
	return rc;
}
