/* report_ledger.c — the period ledger of a recurring duty: every owing
 * organization under the operator's scope with its report for the period,
 * or 未报 / 逾期; its export and its counts.  The 逾期 day is computed here
 * (period.c) and put into the SQL as a literal, so the ledger and
 * sup_report_state say the same. */
#include <stdlib.h>
#include <string.h>

#include "core/csv_table.h"
#include "core/db.h"
#include "core/pager.h"
#include "supervise/internal.h"

static const struct rs_column period_cols[] = {
	{ "党组织", 22, 1, 0, 1, 36, 1 }, { "状态", 4, 0, 0, 1 }, { "收到日期", 10, 0, 0, 1 },
	{ "报送人", 8, 0, 0, 1, 16 }, { "内容摘要", 20, 1, 0, 1, 60 },
};

/* The pieces of the ledger's SQL that depend on the duty and the period. */
struct period_sql {
	char *from, *where, *state, *flags;
};

static void period_sql_free(struct period_sql *q)
{
	sqlite3_free(q->from);
	sqlite3_free(q->where);
	sqlite3_free(q->state);
	sqlite3_free(q->flags);
}

static int period_sql(const struct sup_duty *d, const char *period, struct period_sql *q)
{
	char due[11];
	sup_period_due(d->period, period, d->due_day, due);
	char *kinds = sup_kinds_sql(d, "o.kind");
	memset(q, 0, sizeof *q);
	if (!kinds)
		return -1;
	q->from = sqlite3_mprintf("org o LEFT JOIN duty_report r ON r.org_id = o.id AND r.duty = %Q"
	                          " AND r.period = %Q", d->name, period);
	q->where = sqlite3_mprintf("o.status = '正常' AND %s AND " DB_SUBTREE("o.id"), kinds);
	q->state = sqlite3_mprintf("CASE WHEN r.id IS NULL THEN CASE WHEN dj_today() > %Q THEN '逾期'"
	                           " ELSE '未报' END WHEN r.received_on > %Q THEN '迟报' ELSE '已报' END",
	                           due, due);
	/* 逾期 rows are marked */
	q->flags = sqlite3_mprintf("CASE WHEN r.id IS NULL AND dj_today() > %Q THEN 1 ELSE 0 END", due);
	sqlite3_free(kinds);
	if (q->from && q->where && q->state && q->flags)
		return 0;
	period_sql_free(q);
	return -1;
}

/* The four strings moved into one allocation, which the pager frees with
 * itself; q then points into it.  NULL when out of memory (q is freed). */
static char *pack(struct period_sql *q)
{
	char **part[] = { &q->from, &q->where, &q->state, &q->flags };
	size_t len[4], all = 0;
	for (int i = 0; i < 4; i++)
		all += len[i] = strlen(*part[i]) + 1;
	char *buf = sqlite3_malloc64(all), *at = buf;
	for (int i = 0; buf && i < 4; i++) {
		memcpy(at, *part[i], len[i]);
		sqlite3_free(*part[i]);
		*part[i] = at;
		at += len[i];
	}
	if (!buf)
		period_sql_free(q);
	return buf;
}

struct row_source *sup_period_source(struct session *s, const struct sup_duty *d,
                                     const char *period)
{
	struct period_sql q;
	if (period_sql(d, period, &q))
		return NULL;
	char *owned = pack(&q);
	if (!owned)
		return NULL;
	struct pager_def def = {
		.cols = period_cols, .ncols = sizeof period_cols / sizeof *period_cols,
		.cells = { "o.name", q.state, "coalesce(r.received_on, '')", "coalesce(r.brought_by, '')",
		           "coalesce(r.summary, '')" },
		.sort = { "o.name_py || o.name", q.state, "coalesce(r.received_on, '')",
		          "coalesce(r.brought_by, '')", "coalesce(r.summary, '')" },
		.id = "o.id", .from = q.from, .where = q.where,
		.find = "o.name LIKE :fc ESCAPE '\\' OR o.name_py LIKE :fp ESCAPE '\\'"
		        " OR r.brought_by LIKE :fc ESCAPE '\\'",
		.flags = q.flags, .default_sort = 0,
	};
	struct row_source *rs = pager_new_owning(s->db, &def, s->scope_org, owned);
	if (rs)
		rs->set_sort(rs->ctx, 0, 0);
	return rs;
}

int sup_period_export(struct session *s, const struct sup_duty *d, const char *period,
                      const char *path, FILE *report, int *exported)
{
	static const char *const head[] = { "党组织", "事项", "期间", "状态", "收到日期", "报送人",
	                                    "内容摘要" };
	const struct csv_export x = { .what = "报送台账", .headers = head,
	                              .ncols = sizeof head / sizeof *head };
	struct period_sql q;
	if (period_sql(d, period, &q))
		return csv_export_rows(s->db, NULL, &x, path, report, exported);
	char *sql = sqlite3_mprintf("SELECT o.name, %Q, %Q, %s, coalesce(r.received_on, ''),"
	                            " coalesce(r.brought_by, ''), coalesce(r.summary, '') FROM %s"
	                            " WHERE %s ORDER BY o.name_py, o.id", d->name, period, q.state,
	                            q.from, q.where);
	period_sql_free(&q);
	sqlite3_stmt *st = NULL;
	if (sql && sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) == SQLITE_OK)
		sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":scope"), s->scope_org);
	sqlite3_free(sql);
	return csv_export_rows(s->db, st, &x, path, report, exported);
}

int sup_period_counts(struct session *s, const struct sup_duty *d, const char *period,
                      int *owing, int *reported)
{
	struct period_sql q;
	*owing = *reported = 0;
	if (period_sql(d, period, &q))
		return -1;
	char *sql = sqlite3_mprintf("SELECT count(*), count(r.id) FROM %s WHERE %s", q.from, q.where);
	period_sql_free(&q);
	sqlite3_stmt *st = NULL;
	int rc = -1;
	if (sql && sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":scope"), s->scope_org);
		if (sqlite3_step(st) == SQLITE_ROW) {
			*owing = sqlite3_column_int(st, 0);
			*reported = sqlite3_column_int(st, 1);
			rc = 0;
		}
	}
	sqlite3_finalize(st);
	sqlite3_free(sql);
	return rc;
}

int sup_next_missing(struct session *s, const struct sup_duty *d, const char *period,
                     int64_t after_org, int64_t *org_id)
{
	struct period_sql q;
	if (period_sql(d, period, &q))
		return -1;
	/* the ledger's first order is name_py || name, then id */
	char *sql = sqlite3_mprintf("SELECT o.id FROM %s WHERE %s AND r.id IS NULL AND"
	                            " (o.name_py || o.name, o.id) > (coalesce((SELECT a.name_py || a.name"
	                            " FROM org a WHERE a.id = :after), ''), :after)"
	                            " ORDER BY o.name_py || o.name, o.id LIMIT 1", q.from, q.where);
	period_sql_free(&q);
	sqlite3_stmt *st = NULL;
	int rc = -1;
	if (sql && sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":scope"), s->scope_org);
		sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":after"), after_org);
		int step = sqlite3_step(st);
		rc = step == SQLITE_ROW ? 1 : step == SQLITE_DONE ? 0 : -1;
		if (rc == 1)
			*org_id = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	sqlite3_free(sql);
	return rc;
}
