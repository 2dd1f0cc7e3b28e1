/* export.c — the command line's `export reports FILE`: the period ledger
 * when the file name names a period (月报-2026-10.csv, reports202610.csv,
 * 季度报告-2026-Q3.csv — every owing organization, 已报 or 未报 or 逾期),
 * else every report received. */
#include <stdio.h>
#include <string.h>

#include "core/csv_table.h"
#include "core/db.h"
#include "supervise/internal.h"

/* The first period of kind `kind` the file's name holds: 0 with out set. */
static int period_in_name(const char *path, int kind, char out[11])
{
	const char *base = strrchr(path, '/');
	for (const char *p = base ? base + 1 : path; *p; p++) {
		char cand[16];
		if (p[0] < '0' || p[0] > '9' || strlen(p) < 6)
			continue;
		if (kind == SUP_QUARTER)
			snprintf(cand, sizeof cand, "%.7s", p);
		else if (p[4] == '-')
			snprintf(cand, sizeof cand, "%.7s", p);
		else
			snprintf(cand, sizeof cand, "%.4s-%.2s", p, p + 4);
		if (kind != SUP_YEAR && sup_period_parse(kind, cand, out, NULL) == 0)
			return 0;
	}
	return -1;
}

int sup_report_export_cli(struct session *s, const char *path, FILE *report, int *exported)
{
	struct sup_duty duties[SUP_MAX_DUTIES];
	int n = sup_duties(s, duties, SUP_MAX_DUTIES);
	char period[11];
	for (int i = 0; i < n; i++)
		if (period_in_name(path, duties[i].period, period) == 0)
			return sup_period_export(s, &duties[i], period, path, report, exported);
	static const char *const head[] = { "事项", "期间", "党组织", "收到日期", "报送人", "内容摘要" };
	const struct csv_export x = { .what = "报送记录", .headers = head,
	                              .ncols = sizeof head / sizeof *head };
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(s->db, "SELECT r.duty, r.period, o.name, r.received_on, r.brought_by,"
	                       " r.summary FROM duty_report r JOIN org o ON o.id = r.org_id WHERE "
	                       DB_SUBTREE("r.org_id") " ORDER BY r.duty, r.period, o.name_py, o.id",
	                       -1, &st, NULL) == SQLITE_OK)
		sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":scope"), s->scope_org);
	return csv_export_rows(s->db, st, &x, path, report, exported);
}
