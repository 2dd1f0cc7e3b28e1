/* ledgers.c — the 督导检查, 督导整改, 走访 and 未走访 ledgers as keyset
 * pagers under the operator's scope, and the exports. */
#include <stdlib.h>
#include <string.h>

#include "core/csv_table.h"
#include "core/db.h"
#include "core/pager.h"
#include "supervise/internal.h"

static struct row_source *list_new(struct session *s, const struct pager_def *def, char *owned,
                                   int sort_col, int desc)
{
	struct row_source *rs = owned ? pager_new_owning(s->db, def, s->scope_org, owned)
	                              : pager_new(s->db, def, s->scope_org);
	if (rs)
		rs->set_sort(rs->ctx, sort_col, desc);
	return rs;
}

/* ---- 督导检查 ---- */

/* An inspection is listed when it visited an organization in scope. */
#define INSPECTION_IN_SCOPE "EXISTS (SELECT 1 FROM inspection_org w WHERE w.inspection_id = i.id" \
	" AND " DB_SUBTREE("w.org_id") ")"
#define INSPECTION_ORGS "coalesce((SELECT group_concat(o.name, '、') FROM inspection_org w" \
	" JOIN org o ON o.id = w.org_id WHERE w.inspection_id = i.id), '')"
#define INSPECTION_OPEN "(SELECT count(*) FROM inspection_org w WHERE w.inspection_id = i.id" \
	" AND w.followup <> '' AND w.done_on IS NULL)"

static const struct rs_column inspection_cols[] = {
	{ "检查日期", 10, 0, 0, 1 }, { "组长", 8, 0, 0, 1, 16, 1 },
	{ "被检查党组织", 40, 1, 0, 1, 80 }, { "未整改", 6, 0, 1, 1 },
};

static const struct pager_def inspection_def = {
	.cols = inspection_cols, .ncols = sizeof inspection_cols / sizeof *inspection_cols,
	.cells = { "i.on_date", "i.leader", INSPECTION_ORGS, INSPECTION_OPEN },
	.sort = { "i.on_date", "i.leader", INSPECTION_ORGS, "printf('%04d', " INSPECTION_OPEN ")" },
	.id = "i.id", .from = "inspection i", .where = INSPECTION_IN_SCOPE,
	.find = "i.leader LIKE :fc ESCAPE '\\' OR i.team LIKE :fc ESCAPE '\\' OR EXISTS (SELECT 1"
	        " FROM inspection_org w JOIN org o ON o.id = w.org_id WHERE w.inspection_id = i.id"
	        " AND (o.name LIKE :fc ESCAPE '\\' OR o.name_py LIKE :fp ESCAPE '\\'))",
	.flags = "CASE WHEN " INSPECTION_OPEN " > 0 THEN 1 ELSE 0 END",
};

struct row_source *sup_inspection_source(struct session *s)
{
	return list_new(s, &inspection_def, NULL, 0, 1);
}

/* ---- 督导整改: follow-ups not done ---- */

static const struct rs_column followup_cols[] = {
	{ "被检查党组织", 18, 1, 0, 1, 30, 1 }, { "检查日期", 10, 0, 0, 1 },
	{ "整改要求", 24, 1, 0, 1, 60 }, { "整改期限", 10, 0, 0, 1 }, { "状态", 4, 0, 0, 1 },
};

#define FOLLOWUP_STATE "CASE WHEN dj_today() > w.deadline THEN '逾期' ELSE '整改中' END"

static const struct pager_def followup_def = {
	.cols = followup_cols, .ncols = sizeof followup_cols / sizeof *followup_cols,
	.cells = { "o.name", "i.on_date", "w.followup", "coalesce(w.deadline, '')", FOLLOWUP_STATE },
	.sort = { "o.name_py || o.name", "i.on_date", "w.followup", "coalesce(w.deadline, '')",
	          FOLLOWUP_STATE },
	.id = "w.id",
	.from = "inspection_org w JOIN inspection i ON i.id = w.inspection_id JOIN org o"
	        " ON o.id = w.org_id",
	.where = "w.followup <> '' AND w.done_on IS NULL AND " DB_SUBTREE("w.org_id"),
	.find = "o.name LIKE :fc ESCAPE '\\' OR o.name_py LIKE :fp ESCAPE '\\'"
	        " OR w.followup LIKE :fc ESCAPE '\\'",
	.flags = "CASE WHEN dj_today() > w.deadline THEN 1 ELSE 0 END",
};

struct row_source *sup_followup_source(struct session *s)
{
	return list_new(s, &followup_def, NULL, 3, 0);
}

int sup_inspection_export(struct session *s, const char *path, FILE *report, int *exported)
{
	static const char *const head[] = { "检查日期", "组长", "检查组成员", "被检查党组织",
	                                    "检查发现", "整改要求", "整改期限", "整改完成日期",
	                                    "整改情况", "状态" };
	const struct csv_export x = { .what = "督导检查台账", .headers = head,
	                              .ncols = sizeof head / sizeof *head };
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(s->db, "SELECT i.on_date, i.leader, i.team, o.name, w.findings,"
	                       " w.followup, coalesce(w.deadline, ''), coalesce(w.done_on, ''),"
	                       " w.done_note, CASE WHEN w.followup = '' THEN '无需整改'"
	                       " WHEN w.done_on IS NOT NULL THEN '已整改'"
	                       " WHEN dj_today() > w.deadline THEN '逾期' ELSE '整改中' END"
	                       " FROM inspection_org w JOIN inspection i ON i.id = w.inspection_id"
	                       " JOIN org o ON o.id = w.org_id WHERE " DB_SUBTREE("w.org_id")
	                       " ORDER BY i.on_date, i.id, w.id", -1, &st, NULL) == SQLITE_OK)
		sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":scope"), s->scope_org);
	return csv_export_rows(s->db, st, &x, path, report, exported);
}

/* ---- 联系点走访 ---- */

static const struct rs_column visit_cols[] = {
	{ "走访日期", 10, 0, 0, 1 }, { "联系人", 8, 0, 0, 1, 16, 1 }, { "身份", 8, 0, 0, 1 },
	{ "联系点", 18, 1, 0, 1, 30 }, { "走访内容", 12, 0, 0, 1 }, { "备注", 10, 1, 0, 1, 40 },
};

#define VISIT_FROM "liaison_visit v JOIN liaison l ON l.id = v.liaison_id JOIN org o" \
	" ON o.id = l.org_id"

static const struct pager_def visit_def = {
	.cols = visit_cols, .ncols = sizeof visit_cols / sizeof *visit_cols,
	.cells = { "v.on_date", "l.person", "l.role", "o.name", "v.activity", "v.note" },
	.sort = { "v.on_date", "l.person", "l.role", "o.name_py || o.name", "v.activity", "v.note" },
	.id = "v.id", .from = VISIT_FROM, .where = DB_SUBTREE("l.org_id"),
	.find = "l.person LIKE :fc ESCAPE '\\' OR o.name LIKE :fc ESCAPE '\\'"
	        " OR o.name_py LIKE :fp ESCAPE '\\' OR v.activity LIKE :fc ESCAPE '\\'",
};

struct row_source *sup_visit_source(struct session *s)
{
	return list_new(s, &visit_def, NULL, 0, 1);
}

/* ---- 未走访: current 联系领导 whose last visit (or start) is before the cut-off ---- */

#define LAST_VISIT "coalesce((SELECT max(on_date) FROM liaison_visit WHERE liaison_id = l.id), '')"

static const struct rs_column no_visit_cols[] = {
	{ "联系领导", 8, 0, 0, 1, 16, 1 }, { "联系点", 24, 1, 0, 1, 40 },
	{ "联系起始", 10, 0, 0, 1 }, { "最近走访", 10, 0, 0, 1 }, { "未走访", 8, 0, 1, 1 },
};

struct row_source *sup_no_visit_source(struct session *s)
{
	char now[11], cutoff[11];
	sup_no_visit_cutoff(s, today(now), cutoff);
	char *where = sqlite3_mprintf("l.role = '联系领导' AND (l.to_on IS NULL OR l.to_on = ''"
	                              " OR l.to_on >= dj_today()) AND o.status = '正常'"
	                              " AND coalesce((SELECT max(on_date) FROM liaison_visit WHERE"
	                              " liaison_id = l.id), nullif(l.from_on, ''), '') < %Q AND "
	                              DB_SUBTREE("l.org_id"), cutoff);
	/* months since, as the office counts them: whole months */
	static const char months[] =
		"CASE WHEN " LAST_VISIT " = '' THEN '从未走访' ELSE printf('%d 个月',"
		" (CAST(substr(dj_today(), 1, 4) AS INTEGER) * 12 + CAST(substr(dj_today(), 6, 2)"
		" AS INTEGER)) - (CAST(substr(" LAST_VISIT ", 1, 4) AS INTEGER) * 12"
		" + CAST(substr(" LAST_VISIT ", 6, 2) AS INTEGER))) END";
	struct pager_def def = {
		.cols = no_visit_cols, .ncols = sizeof no_visit_cols / sizeof *no_visit_cols,
		.cells = { "l.person", "o.name", "coalesce(l.from_on, '')", LAST_VISIT, months },
		.sort = { "l.person", "o.name_py || o.name", "coalesce(l.from_on, '')", LAST_VISIT,
		          LAST_VISIT },
		.id = "l.id", .from = "liaison l JOIN org o ON o.id = l.org_id", .where = where,
		.find = "l.person LIKE :fc ESCAPE '\\' OR o.name LIKE :fc ESCAPE '\\'"
		        " OR o.name_py LIKE :fp ESCAPE '\\'",
		.flags = "1",
	};
	return list_new(s, &def, where, 3, 0);
}

int sup_visit_export(struct session *s, const char *path, FILE *report, int *exported)
{
	static const char *const head[] = { "走访日期", "联系人", "身份", "联系点", "走访内容",
	                                    "备注" };
	const struct csv_export x = { .what = "联系点走访台账", .headers = head,
	                              .ncols = sizeof head / sizeof *head };
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(s->db, "SELECT v.on_date, l.person, l.role, o.name, v.activity, v.note"
	                       " FROM " VISIT_FROM " WHERE " DB_SUBTREE("l.org_id")
	                       " ORDER BY v.on_date, v.id", -1, &st, NULL) == SQLITE_OK)
		sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":scope"), s->scope_org);
	return csv_export_rows(s->db, st, &x, path, report, exported);
}
