/* ledger.c — the plans, the task ledger and the 责任人 view as keyset
 * pagers under the operator's scope, and the task export.  逾期 is worked
 * out here in SQL with dj_today(), by the same rule as plan_is_late. */
#include <stdlib.h>
#include <string.h>

#include "core/csv_table.h"
#include "core/db.h"
#include "core/pager.h"
#include "plan/internal.h"

/* The state shown: 逾期 by plan_is_late's rule, else the stored state. */
#define SHOWN "CASE WHEN t.state <> '已完成' AND " PLAN_DUE " <> '' AND dj_today() > " PLAN_DUE \
	" THEN '逾期' ELSE t.state END"
#define LATE_FLAG "CASE WHEN t.state <> '已完成' AND " PLAN_DUE " <> '' AND dj_today() > " \
	PLAN_DUE " THEN 1 WHEN t.state = '已完成' THEN 2 ELSE 0 END"
/* A task is the operator's when the plan's organization is under scope, or
 * one of its branch lines is. */
#define TASK_SCOPE "(" DB_SUBTREE("p.org_id") " OR EXISTS (SELECT 1 FROM plan_line sl WHERE" \
	" sl.task_id = t.id AND " DB_SUBTREE("sl.org_id") "))"

static struct row_source *list_new(struct session *s, const struct pager_def *def, char *owned,
                                   int sort_col, int desc)
{
	struct row_source *rs = owned ? pager_new_owning(s->db, def, s->scope_org, owned)
	                              : pager_new(s->db, def, s->scope_org);
	if (rs)
		rs->set_sort(rs->ctx, sort_col, desc);
	return rs;
}

/* ---- plans ---- */

static const struct rs_column plan_cols[] = {
	{ "年度", 4, 0, 0, 1 }, { "方案名称", 30, 1, 0, 1, 50, 1 }, { "印发单位", 14, 1, 0, 1, 24 },
	{ "文号", 14, 0, 0, 1, 20 }, { "任务", 4, 0, 1, 1 }, { "逾期", 4, 0, 1, 1 },
};

#define PLAN_TASKS "(SELECT count(*) FROM plan_task t WHERE t.plan_id = p.id)"
#define PLAN_LATE_TASKS "(SELECT count(*) FROM plan_task t WHERE t.plan_id = p.id AND " \
	"t.state <> '已完成' AND " PLAN_DUE " <> '' AND dj_today() > " PLAN_DUE ")"

static const struct pager_def plan_def = {
	.cols = plan_cols, .ncols = sizeof plan_cols / sizeof *plan_cols,
	.cells = { "p.year", "p.name", "o.name", "p.doc_no", PLAN_TASKS, PLAN_LATE_TASKS },
	.sort = { "printf('%04d', p.year)", "p.name", "o.name_py || o.name", "p.doc_no",
	          "printf('%06d', " PLAN_TASKS ")", "printf('%06d', " PLAN_LATE_TASKS ")" },
	.id = "p.id", .from = "plan p JOIN org o ON o.id = p.org_id",
	.where = DB_SUBTREE("p.org_id"),
	.find = "p.name LIKE :fc ESCAPE '\\' OR p.doc_no LIKE :fc ESCAPE '\\'"
	        " OR o.name LIKE :fc ESCAPE '\\' OR CAST(p.year AS TEXT) = :fc",
};

struct row_source *plan_source(struct session *s)
{
	return list_new(s, &plan_def, NULL, 0, 1);
}

int64_t plan_current(struct session *s)
{
	sqlite3_stmt *st;
	int64_t id = 0;
	if (sqlite3_prepare_v2(s->db, "SELECT p.id FROM plan p WHERE " DB_SUBTREE("p.org_id")
	                       " ORDER BY p.year DESC, p.id DESC LIMIT 1", -1, &st, NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":scope"), s->scope_org);
	if (sqlite3_step(st) == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return id;
}

/* ---- tasks ---- */

static const struct rs_column task_cols[] = {
	{ "组", 10, 0, 0, 1, 16 }, { "任务", 28, 1, 0, 1, 60, 1 }, { "责任人", 14, 1, 0, 1, 24 },
	{ "期限", 10, 0, 0, 1 }, { "状态", 6, 0, 0, 1 },
};

#define TASK_JOINS " JOIN plan p ON p.id = t.plan_id JOIN plan_group g ON g.id = t.group_id"
#define TASK_FROM "plan_task t" TASK_JOINS

struct row_source *plan_task_source(struct session *s, int64_t plan_id, int year)
{
	char *where = plan_id
		? sqlite3_mprintf("t.plan_id = %lld AND " TASK_SCOPE, (long long)plan_id)
		: sqlite3_mprintf("p.year = %d AND " TASK_SCOPE, year);
	struct pager_def def = {
		.cols = task_cols, .ncols = sizeof task_cols / sizeof *task_cols,
		.cells = { "g.name", "replace(t.body, char(10), ' ')", "t.people", PLAN_DUE, SHOWN },
		.sort = { "printf('%06d.%06d', g.seq, t.seq)", "t.body", "t.people", PLAN_DUE, SHOWN },
		.id = "t.id", .from = TASK_FROM, .where = where,
		.find = "t.body LIKE :fc ESCAPE '\\' OR t.people LIKE :fc ESCAPE '\\'"
		        " OR g.name LIKE :fc ESCAPE '\\' OR EXISTS (SELECT 1 FROM plan_person fp"
		        " JOIN member fm ON fm.id = fp.member_id WHERE fp.task_id = t.id"
		        " AND fm.name_py LIKE :fp ESCAPE '\\')",
		.flags = LATE_FLAG, .default_sort = 3,
	};
	return list_new(s, &def, where, 3, 0);
}

/* ---- 责任人 view ---- */

static const struct rs_column person_cols[] = {
	{ "责任人", 8, 0, 0, 1, 12, 1 }, { "任务", 30, 1, 0, 1, 60 }, { "计划", 12, 1, 0, 1, 24 },
	{ "期限", 10, 0, 0, 1 }, { "状态", 6, 0, 0, 1 },
};

struct row_source *plan_person_source(struct session *s, const char *person)
{
	char *where = sqlite3_mprintf("(%Q = '' OR pp.name = %Q) AND " TASK_SCOPE, person, person);
	struct pager_def def = {
		.cols = person_cols, .ncols = sizeof person_cols / sizeof *person_cols,
		.cells = { "pp.name", "replace(t.body, char(10), ' ')", "p.name", PLAN_DUE, SHOWN },
		/* open ones first, then the nearest deadline */
		.sort = { "pp.name", "t.body", "p.name",
		          "(CASE WHEN t.state = '已完成' THEN '1' ELSE '0' END) || " PLAN_DUE, SHOWN },
		.id = "pp.id", .from = "plan_person pp JOIN plan_task t ON t.id = pp.task_id" TASK_JOINS,
		.where = where,
		.find = "pp.name LIKE :fc ESCAPE '\\' OR t.body LIKE :fc ESCAPE '\\'"
		        " OR EXISTS (SELECT 1 FROM member fm WHERE fm.id = pp.member_id"
		        " AND fm.name_py LIKE :fp ESCAPE '\\')",
		.flags = LATE_FLAG, .default_sort = 3,
	};
	return list_new(s, &def, where, 3, 0);
}

/* ---- export ---- */

int plan_task_export(struct session *s, int64_t plan_id, const char *path, FILE *report,
                     int *exported)
{
	static const char *const head[] = { "计划", "任务分组", "任务内容", "责任人", "完成期限",
	                                    "状态", "完成日期", "落实对象", "党支部", "公开承诺",
	                                    "进展情况" };
	const struct csv_export x = { .what = "任务台账", .headers = head,
	                              .ncols = sizeof head / sizeof *head };
	sqlite3_stmt *st = NULL;
	/* each task, then its branch lines under it */
	if (sqlite3_prepare_v2(s->db, "SELECT a, b, c, d, f, g, h, i, j, k, l FROM ("
	                       "SELECT p.name a, g.name b, t.body c, t.people d, " PLAN_DUE " f, "
	                       SHOWN " g, coalesce(t.done_on, '') h, t.target_kind i, '' j, '' k,"
	                       " '' l, p.year y, p.id pid, g.seq gs, t.seq ts, t.id tid, '' lo"
	                       " FROM " TASK_FROM " WHERE (:plan = 0 OR t.plan_id = :plan) AND "
	                       TASK_SCOPE
	                       " UNION ALL SELECT p.name, g.name, t.body, t.people, " PLAN_DUE ","
	                       " CASE WHEN l.state <> '已完成' AND " PLAN_DUE " <> '' AND dj_today() > "
	                       PLAN_DUE " THEN '逾期' ELSE l.state END, coalesce(l.done_on, ''),"
	                       " '支部分解', o.name, l.pledge, l.progress, p.year, p.id, g.seq, t.seq,"
	                       " t.id, o.name_py || o.name FROM plan_line l JOIN plan_task t"
	                       " ON t.id = l.task_id" TASK_JOINS " JOIN org o ON o.id = l.org_id"
	                       " WHERE (:plan = 0 OR t.plan_id = :plan) AND " DB_SUBTREE("l.org_id")
	                       ") ORDER BY y DESC, pid, gs, ts, tid, lo", -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":scope"), s->scope_org);
		sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":plan"), plan_id);
	}
	return csv_export_rows(s->db, st, &x, path, report, exported);
}

int plan_task_export_all(struct session *s, const char *path, FILE *report, int *exported)
{
	return plan_task_export(s, 0, path, report, exported);
}

/* ---- pick lists ---- */

static const struct rs_column pick_cols[] = {
	{ "姓名", 10, 0, 0, 1, 16, 1 }, { "所在组织或身份", 24, 1, 0, 1, 40 },
};

/* Members keep their ids; operators take negative ones so the two never meet. */
static const struct pager_def pick_def = {
	.cols = pick_cols, .ncols = 2,
	.cells = { "x.name", "x.what" },
	.sort = { "x.py || x.name", "x.what" },
	.id = "x.id",
	.from = "(SELECT m.id id, m.name name, m.name_py py, o.name what FROM member m"
	        " JOIN org o ON o.id = m.org_id WHERE m.status = '正常'"
	        " UNION ALL SELECT -u.id, u.display_name, '', '操作员 ' || u.login FROM app_user u) x",
	.find = "x.name LIKE :fc ESCAPE '\\' OR x.py LIKE :fp ESCAPE '\\'",
};

struct row_source *plan_person_pick_source(struct session *s)
{
	return list_new(s, &pick_def, NULL, 0, 0);
}

static const struct rs_column line_cols[] = {
	{ "党支部", 16, 0, 0, 1, 24, 1 }, { "公开承诺", 22, 1, 0, 1, 60 },
	{ "进展情况", 20, 1, 0, 1, 60 }, { "状态", 6, 0, 0, 1 },
};

struct row_source *plan_line_source(struct session *s, int64_t task_id)
{
	char *where = sqlite3_mprintf("l.task_id = %lld", (long long)task_id);
	struct pager_def def = {
		.cols = line_cols, .ncols = 4,
		.cells = { "o.name", "replace(l.pledge, char(10), ' ')",
		           "replace(l.progress, char(10), ' ')",
		           "CASE WHEN l.state <> '已完成' AND " PLAN_DUE " <> '' AND dj_today() > "
		           PLAN_DUE " THEN '逾期' ELSE l.state END" },
		.sort = { "o.name_py || o.name", "l.pledge", "l.progress", "l.state" },
		.id = "l.id",
		.from = "plan_line l JOIN org o ON o.id = l.org_id JOIN plan_task t ON t.id = l.task_id",
		.where = where,
		.find = "o.name LIKE :fc ESCAPE '\\' OR o.name_py LIKE :fp ESCAPE '\\'"
		        " OR l.pledge LIKE :fc ESCAPE '\\'",
		.flags = "CASE WHEN l.state <> '已完成' AND " PLAN_DUE " <> '' AND dj_today() > " PLAN_DUE
		         " THEN 1 ELSE 0 END",
	};
	return list_new(s, &def, where, 0, 0);
}

int64_t plan_person_task(struct session *s, int64_t row_id)
{
	return db_int(s->db, "SELECT task_id FROM plan_person WHERE id = ?", row_id, 0);
}
