/* pack_make.c — the pack of a whole database: every table computed at one
 * date, refused when its own change table does not balance (the level above
 * would refuse it anyway, and the township is the one who can find why). */
#include "stats/stats_pack.h"

#include <stdlib.h>
#include <string.h>

#include "core/version.h"
#include "stats/pack_priv.h"

/* 填报单位: the root organization (the one at the top of the tree), or
 * [unit] name when the registry is empty. */
static int unit_of(struct session *s, char *out, size_t cap)
{
	sqlite3_stmt *st;
	out[0] = 0;
	if (sqlite3_prepare_v2(s->db,
	                       "SELECT name FROM org WHERE parent_id IS NULL"
	                       " ORDER BY status = '正常' DESC, id LIMIT 1",
	                       -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		snprintf(out, cap, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	if (!out[0] && s->cfg)
		snprintf(out, cap, "%s", s->cfg->unit_name);
	return out[0] ? 0 : -1;
}

static int compute_all(struct session *s, const struct stats_when *w, struct stats_table *t,
                       struct dj_err *e)
{
	for (int i = 0; i < stats_ndefs; i++)
		if (stats_compute(s, stats_defs[i].key, w, &t[i], e))
			return -1;
	return 0;
}

int stats_pack_make(struct session *s, const char *path, const char *as_of,
                    struct stats_pack_meta *meta, struct dj_err *e)
{
	if (s->scope_org) {   /* the level above sums whole townships, not a part of one */
		dj_fail(e, DJ_DENIED, NULL, "汇总包包含全部党组织的统计：操作员 %s 只管辖部分党组织，不能制作",
		        s->login);
		return -1;
	}
	struct stats_when w;
	if (stats_when_set(&w, 0, as_of ? as_of : "", e))
		return -1;
	struct stats_pack_meta m = { 0 };
	if (unit_of(s, m.unit, sizeof m.unit)) {
		dj_fail(e, DJ_INVALID, NULL, "数据库中还没有党组织，没有可上报的统计");
		return -1;
	}
	snprintf(m.as_of, sizeof m.as_of, "%s", w.as_of);
	snprintf(m.program, sizeof m.program, "%s", DJ_VERSION);
	struct stats_table *t = calloc((size_t)stats_ndefs, sizeof *t);
	if (!t) {
		dj_fail(e, DJ_DB, NULL, "内存不足");
		return -1;
	}
	const struct stats_table *change = NULL;
	int rc = compute_all(s, &w, t, e);
	for (int i = 0; rc == 0 && i < stats_ndefs; i++)
		if (strcmp(t[i].key, "change") == 0)
			change = &t[i];
	if (rc == 0)
		rc = pack_change_check(change, m.unit, e) || stats_pack_write(path, &m, t, stats_ndefs, e);
	free(t);
	if (rc == 0 && meta)
		*meta = m;
	return rc ? -1 : 0;
}
