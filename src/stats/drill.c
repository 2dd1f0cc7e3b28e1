/* drill.c — the units behind one cell as a list: the table's counter runs
 * again, keeping the units that fall in that cell, so the list's count is
 * the cell's by construction. */
#include <stdlib.h>
#include <string.h>

#include "core/memrows.h"
#include "stats/tables.h"

static const struct rs_column member_cols[] = {
	{ "姓名", 8, 0, 0, 1, 12, 1 }, { "性别", 4, 0, 0, 1, 0, 0 },
	{ "出生日期", 10, 0, 0, 1, 0, 0 }, { "所在组织", 16, 1, 0, 1, 30, 0 },
	{ "类别", 8, 0, 0, 1, 0, 0 }, { "状态", 4, 0, 0, 1, 0, 0 },
};
static const struct rs_column case_cols[] = {
	{ "姓名", 8, 0, 0, 1, 12, 1 }, { "性别", 4, 0, 0, 1, 0, 0 },
	{ "出生日期", 10, 0, 0, 1, 0, 0 }, { "所在支部", 16, 1, 0, 1, 30, 0 },
	{ "当前阶段", 8, 0, 0, 1, 0, 0 }, { "申请日期", 10, 0, 0, 1, 0, 0 },
};
static const struct rs_column org_cols[] = {
	{ "组织名称", 20, 1, 0, 1, 36, 1 }, { "类型", 6, 0, 0, 1, 0, 0 },
	{ "类别", 8, 0, 0, 1, 0, 0 }, { "上级组织", 14, 1, 0, 1, 24, 0 },
	{ "成立日期", 10, 0, 0, 1, 0, 0 }, { "状态", 4, 0, 0, 1, 0, 0 },
};
static const struct rs_column honour_cols[] = {
	{ "获得者", 10, 0, 0, 1, 20, 1 }, { "荣誉称号", 12, 1, 0, 1, 20, 0 },
	{ "级别", 4, 0, 0, 1, 0, 0 }, { "授予日期", 10, 0, 0, 1, 0, 0 },
	{ "类别", 4, 0, 0, 1, 0, 0 }, { "所在组织", 12, 1, 0, 1, 24, 0 },
};

static const struct rs_column *cols_of(int unit)
{
	switch (unit) {
	case STATS_CASES: return case_cols;
	case STATS_ORGS: return org_cols;
	case STATS_HONOURS: return honour_cols;
	default: return member_cols;
	}
}

/* The list being filled as the counter hits the cell.  The counters walk
 * units in id order, so a unit counted twice in the cell (2 人次) comes
 * twice in a row; the repeat gets its own row id, its occurrence above bit
 * 40, so ids stay unique in the list. */
struct filling {
	struct row_source *rs;
	int64_t last_id, k;
	int any;
};

static int keep(void *ctx, const struct stats_unit_row *u)
{
	struct filling *f = ctx;
	f->k = f->any && f->last_id == u->id ? f->k + 1 : 0;
	f->last_id = u->id;
	f->any = 1;
	const char *cells[] = { u->name, u->cells[0], u->cells[1], u->cells[2], u->cells[3],
		                u->cells[4] };
	return memrows_fixed_add(f->rs, u->id | (f->k << 40), 0, cells, NULL);
}

struct row_source *stats_cell_source(struct session *s, const struct stats_table *t,
                                     const struct stats_when *w, int row, int col)
{
	if (!t || row < 0 || row >= t->nrows || col < 0 || col >= t->ncols)
		return NULL;
	struct filling f = { .rs = memrows_fixed_new(cols_of(t->unit), 6) };
	if (!f.rs)
		return NULL;
	struct stats_table again;
	struct stats_visit v = { .t = &again, .want_row = row, .want_col = col, .keep = keep,
		                 .keep_ctx = &f };
	struct dj_err e;
	if (stats_run(s, t->key, w, &v, &e) || v.oom) {
		row_source_free(f.rs);
		f.rs = NULL;
	}
	free(v.rows);
	return f.rs;
}
