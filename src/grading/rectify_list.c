/* rectify_list.c — the rectification ledger (整改台账): the list on screen,
 * the counts on its status line, and CSV. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv_table.h"
#include "core/db.h"
#include "core/memrows.h"
#include "grading/rectify.h"

#define SELECT_PLANS \
	"SELECT z.id, o.name, o.name_py, r.name, r.year," \
	" CASE coalesce(x.grade, x.suggested) WHEN 1 THEN r.grade1 WHEN 2 THEN r.grade2" \
	" WHEN 3 THEN r.grade3 WHEN 4 THEN r.grade4 ELSE '' END, z.origin," \
	" coalesce(z.problem, ''), coalesce(z.measures, ''), coalesce(z.responsible, ''), z.deadline," \
	" coalesce(z.progress, ''), coalesce(z.accepted_on, ''), coalesce(x.grade, x.suggested, 0)" \
	" FROM rectification z JOIN org o ON o.id = z.org_id JOIN grading_round r ON r.id = z.round_id" \
	" LEFT JOIN grading_result x ON x.round_id = z.round_id AND x.org_id = z.org_id" \
	" WHERE (?1 = 0 OR z.round_id = ?1) AND (?2 = 0 OR z.org_id IN (WITH RECURSIVE sub(id) AS" \
	" (SELECT ?2 UNION ALL SELECT c.id FROM org c JOIN sub ON c.parent_id = sub.id)" \
	" SELECT id FROM sub))"

enum { P_ID, P_ORG, P_PY, P_ROUND, P_YEAR, P_GRADE, P_ORIGIN, P_PROBLEM, P_MEASURES,
       P_RESPONSIBLE, P_DEADLINE, P_PROGRESS, P_ACCEPTED, P_RANK };

static sqlite3_stmt *plans(struct session *s, int64_t round_id, const char *order)
{
	char sql[2048];
	sqlite3_stmt *st;
	snprintf(sql, sizeof sql, "%s %s", SELECT_PLANS, order);
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return NULL;
	sqlite3_bind_int64(st, 1, round_id);
	sqlite3_bind_int64(st, 2, s->scope_org);
	return st;
}

static const char *text(sqlite3_stmt *st, int col)
{
	const char *t = (const char *)sqlite3_column_text(st, col);
	return t ? t : "";
}

/* ---- the list ---- */

static const struct rs_column plan_cols[] = {
	{ "党组织", 20, 1, 0, 1 }, { "等次", 4, 0, 0, 1 }, { "列入原因", 10, 0, 0, 1 },
	{ "责任人", 8, 0, 0, 1 }, { "整改期限", 10, 0, 0, 1 }, { "验收日期", 10, 0, 0, 1 },
	{ "状态", 6, 0, 0, 1 },
};

struct plan_list {
	struct session *s;
	int64_t round_id;
};

static int load_plans(void *ctx, struct memrows *m)
{
	struct plan_list *pl = ctx;
	/* Overdue plans first, then those still running by deadline, then the
	 * accepted ones. */
	sqlite3_stmt *st = plans(pl->s, pl->round_id,
	                         "ORDER BY z.accepted_on IS NOT NULL, z.deadline, o.sort_key, z.id");
	if (!st) {
		memrows_fail(m, "读取整改台账失败");
		return -1;
	}
	while (sqlite3_step(st) == SQLITE_ROW) {
		char find[512], key[256];
		snprintf(find, sizeof find, "%s %s %s %s", text(st, P_ORG), text(st, P_PY),
		         text(st, P_RESPONSIBLE), text(st, P_ORIGIN));
		snprintf(key, sizeof key, "%s\t%s", text(st, P_PY), text(st, P_ORG));
		struct rs_row *row = memrows_add(m, sqlite3_column_int64(st, P_ID), find, key);
		if (!row)
			break;
		const char *status = rectify_status(text(st, P_DEADLINE), text(st, P_ACCEPTED));
		const char *cells[] = { text(st, P_ORG), text(st, P_GRADE), text(st, P_ORIGIN),
		                        text(st, P_RESPONSIBLE), text(st, P_DEADLINE),
		                        text(st, P_ACCEPTED), status };
		for (int c = 0; c < 7; c++)
			snprintf(row->cell[c], RS_CELL, "%s", cells[c]);
		row->flags = strcmp(status, "逾期") == 0 ? RS_FLAG_WARN
		             : strcmp(status, "已验收") == 0 ? RS_FLAG_DIM : 0;
		/* grades and states sort by meaning, not by their words */
		memrows_rank(m, 1, sqlite3_column_int(st, P_RANK));
		memrows_rank(m, 6, strcmp(status, "逾期") == 0 ? 1 : strcmp(status, "整改中") == 0 ? 2 : 3);
	}
	sqlite3_finalize(st);
	return 0;
}

struct row_source *rectify_list_source(struct session *s, int64_t round_id)
{
	struct plan_list *pl = calloc(1, sizeof *pl);
	if (!pl)
		return NULL;
	pl->s = s;
	pl->round_id = round_id;
	return memrows_new(plan_cols, 7, load_plans, pl, free);
}

void rectify_count(struct session *s, int64_t round_id, struct rectify_counts *c)
{
	memset(c, 0, sizeof *c);
	sqlite3_stmt *st = plans(s, round_id, "");
	if (!st)
		return;
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *status = rectify_status(text(st, P_DEADLINE), text(st, P_ACCEPTED));
		c->total++;
		c->overdue += strcmp(status, "逾期") == 0;
		c->accepted += strcmp(status, "已验收") == 0;
	}
	sqlite3_finalize(st);
}

/* ---- CSV ---- */

static int write_plan(struct csv_writer *w, sqlite3_stmt *st, void *ctx, FILE *report)
{
	(void)ctx;
	(void)report;
	const int cols[] = { P_YEAR, P_ROUND, P_ORG, P_GRADE, P_ORIGIN, P_PROBLEM, P_MEASURES,
	                     P_RESPONSIBLE, P_DEADLINE, P_PROGRESS, P_ACCEPTED };
	for (size_t i = 0; i < sizeof cols / sizeof *cols; i++)
		csv_write_field(w, text(st, cols[i]));
	csv_write_field(w, rectify_status(text(st, P_DEADLINE), text(st, P_ACCEPTED)));
	csv_end_record(w);
	return 0;
}

static int export_plans(struct session *s, int64_t round_id, const char *path, FILE *report,
                        int *exported)
{
	static const char *const head[] = { "年度", "定级名称", "党组织名称", "等次", "列入原因",
	                                    "存在问题", "整改措施", "责任人", "整改期限", "整改进展",
	                                    "验收日期", "状态" };
	const struct csv_export x = {
		.what = "整改台账", .headers = head, .ncols = sizeof head / sizeof *head,
		.write_row = write_plan,
	};
	sqlite3_stmt *st = plans(s, round_id, "ORDER BY r.year, r.id, o.sort_key, z.id");
	return csv_export_rows(s->db, st, &x, path, report, exported);
}

int rectify_export_csv(struct session *s, const char *path, FILE *report, int *exported)
{
	return export_plans(s, 0, path, report, exported);
}

int rectify_export_round_csv(struct session *s, int64_t round_id, const char *path, FILE *report,
                             int *exported)
{
	return export_plans(s, round_id, path, report, exported);
}
