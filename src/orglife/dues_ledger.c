/* dues_ledger.c — the dues seen across branches and months: the arrears
 * list, each branch's month totals, and the CSV of a month's sheets. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv_table.h"
#include "core/db.h"
#include "core/memrows.h"
#include "core/pager.h"
#include "core/validate.h"
#include "orglife/compliance.h"
#include "orglife/dues.h"
#include "orglife/meeting.h"

#define IN_SCOPE(col) "(:scope = 0 OR " col " IN (WITH RECURSIVE sub(id) AS (SELECT :scope" \
	" UNION ALL SELECT c.id FROM org c JOIN sub ON c.parent_id = sub.id) SELECT id FROM sub))"
/* Per member: the months paid short, what is owed, and the branch that
 * keeps the latest of them. */
#define OWING "(SELECT member_id, count(*) AS months, sum(due - paid) AS owed," \
	" min(month) AS first, max(month) AS last, (SELECT org_id FROM dues d2" \
	" WHERE d2.member_id = d.member_id AND d2.paid < d2.due ORDER BY d2.month DESC LIMIT 1)" \
	" AS org_id FROM dues d WHERE paid < due GROUP BY member_id) x"
#define YUAN(v) "printf('%d.%02d', (" v ") / 100, (" v ") % 100)"

static const struct rs_column arrears_cols[] = {
	{ "所在支部", 18, 1, 0, 1, 40 }, { "姓名", 8, 0, 0, 1, 16, 1 }, { "欠交月数", 8, 0, 1, 1 },
	{ "欠交金额", 10, 0, 1, 1 }, { "最早欠交", 8, 0, 0, 1 }, { "最近欠交", 8, 0, 0, 1 },
};

static const struct pager_def arrears_def = {
	.cols = arrears_cols,
	.ncols = 6,
	.cells = { "o.name", "mb.name", "x.months", YUAN("x.owed"), "x.first", "x.last" },
	.sort = { "o.name_py || o.name || mb.name_py", "mb.name_py || mb.name",
	          "printf('%06d', x.months)", "printf('%015d', x.owed)", "x.first", "x.last" },
	.id = "mb.id",
	.from = OWING " JOIN member mb ON mb.id = x.member_id JOIN org o ON o.id = x.org_id",
	.where = IN_SCOPE("x.org_id"),
	.find = "mb.name LIKE :fc ESCAPE '\\' OR mb.name_py LIKE :fp ESCAPE '\\'"
	        " OR o.name LIKE :fc ESCAPE '\\' OR o.name_py LIKE :fp ESCAPE '\\'",
	.flags = "CASE WHEN mb.status <> '正常' THEN 2 WHEN x.months >= 3 THEN 1 ELSE 0 END",
	.default_sort = 0,
};

struct row_source *dues_arrears_source(struct session *s, int64_t scope)
{
	return pager_new(s->db, &arrears_def, scope ? scope : s->scope_org);
}

int dues_arrears_totals(struct session *s, int64_t scope, long *members, int64_t *owed)
{
	sqlite3_stmt *st;
	*members = 0;
	*owed = 0;
	if (sqlite3_prepare_v2(s->db, "SELECT count(*), coalesce(sum(x.owed), 0) FROM " OWING
	                       " WHERE " IN_SCOPE("x.org_id"), -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":scope"),
	                   scope ? scope : s->scope_org);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*members = (long)sqlite3_column_int64(st, 0);
		*owed = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : -1;
}

/* ---- the month overview ---- */

static const struct rs_column month_cols[] = {
	{ "党支部", 18, 1, 0, 1 }, { "党员", 4, 0, 1, 1 }, { "已录入", 6, 0, 1, 1 },
	{ "应交", 9, 0, 1, 1 }, { "实交", 9, 0, 1, 1 }, { "欠交人数", 8, 0, 1, 1 },
	{ "欠交金额", 9, 0, 1, 1 },
};

static int branch_month(struct session *s, int64_t branch, const char *month,
                        struct dues_totals *t, struct dj_err *e)
{
	sqlite3_stmt *st;
	memset(t, 0, sizeof *t);
	if (sqlite3_prepare_v2(s->db, MEETING_SUBTREE("?1")
	        " SELECT (SELECT count(*) FROM member WHERE status = '正常'"
	        "   AND org_id IN (SELECT id FROM sub)),"
	        " count(d.id), coalesce(sum(d.due), 0), coalesce(sum(d.paid), 0),"
	        " coalesce(sum(d.paid < d.due), 0), coalesce(sum(max(d.due - d.paid, 0)), 0)"
	        " FROM dues d WHERE d.org_id = ?1 AND d.month = ?2", -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "读取党费");
	sqlite3_bind_int64(st, 1, branch);
	sqlite3_bind_text(st, 2, month, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		t->members = sqlite3_column_int(st, 0);
		t->assessed = sqlite3_column_int(st, 1);
		t->due = sqlite3_column_int64(st, 2);
		t->paid = sqlite3_column_int64(st, 3);
		t->owing = sqlite3_column_int(st, 4);
		t->owed = sqlite3_column_int64(st, 5);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : db_fail(s->db, e, "读取党费");
}

static int add_month_row(struct row_source *rs, const struct branch_ref *b,
                         const struct dues_totals *t)
{
	char members[16], stored[16], due[32], paid[32], owing[16], owed[32];
	snprintf(members, sizeof members, "%d", t->members);
	snprintf(stored, sizeof stored, "%d", t->assessed);
	format_money(t->due, due, sizeof due);
	format_money(t->paid, paid, sizeof paid);
	snprintf(owing, sizeof owing, "%d", t->owing);
	format_money(t->owed, owed, sizeof owed);
	const char *cells[] = { b->name, members, stored, due, paid, owing, owed };
	int flags = (t->owing ? RS_FLAG_WARN : 0) | (*b->dissolved_on ? RS_FLAG_DIM : 0);
	return memrows_fixed_add(rs, b->id, flags, cells, b->name_py);
}

struct row_source *dues_month_source(struct session *s, int64_t scope, const char *month,
                                     struct dues_totals *t, struct dj_err *e)
{
	struct branch_ref *b;
	int nb;
	memset(t, 0, sizeof *t);
	if (meeting_branches(s, scope ? scope : s->scope_org, &b, &nb, e))
		return NULL;
	struct row_source *rs = memrows_fixed_new(month_cols, 7);
	int m = month_index(month);
	for (int i = 0; rs && i < nb; i++) {
		struct dues_totals bt;
		int gone = *b[i].dissolved_on ? month_index(b[i].dissolved_on) : -1;
		if (branch_month(s, b[i].id, month, &bt, e)) {
			row_source_free(rs);
			rs = NULL;
			break;
		}
		if (gone >= 0 && gone < m && bt.assessed == 0)
			continue;   /* dissolved before the month and nothing kept then */
		t->members += bt.members;
		t->assessed += bt.assessed;
		t->due += bt.due;
		t->paid += bt.paid;
		t->owing += bt.owing;
		t->owed += bt.owed;
		if (add_month_row(rs, &b[i], &bt)) {
			row_source_free(rs);
			rs = NULL;
			dj_fail(e, DJ_DB, NULL, "内存不足");
		}
	}
	free(b);
	return rs;
}

/* ---- CSV ---- */

static const char *const export_headers[] = {
	"月份", "党支部", "姓名", "类别", "计算基数（元）", "比例", "应交（元）", "实交（元）",
	"交纳日期", "减免", "批准情况", "备注",
};

static const char export_sql[] =
	MEETING_SUBTREE("?1")
	" SELECT d.month, o.name, mb.name, d.kind, coalesce(d.base, -1), d.rate, d.due, d.paid,"
	" coalesce(d.paid_on, ''), coalesce(d.relief, ''), coalesce(d.approval, ''),"
	" coalesce(d.notes, '') FROM dues d JOIN member mb ON mb.id = d.member_id"
	" JOIN org o ON o.id = d.org_id WHERE (?1 = 0 OR d.org_id IN (SELECT id FROM sub))"
	" AND (?2 = '' OR d.month = ?2) ORDER BY d.month, o.name_py, o.name, mb.name_py, mb.id";

/* Money in yuan and the rate as a percentage, as the sheet shows them. */
static int write_export_row(struct csv_writer *w, sqlite3_stmt *st, void *ctx, FILE *report)
{
	(void)ctx;
	(void)report;
	char text[12][160];
	for (int c = 0; c < 12; c++)
		db_col_text(st, c, text[c], sizeof text[c]);
	int64_t base = sqlite3_column_int64(st, 4);
	if (base >= 0)
		format_money(base, text[4], sizeof text[4]);
	else
		text[4][0] = 0;
	dues_rate_text(sqlite3_column_int(st, 5), text[5], sizeof text[5]);
	format_money(sqlite3_column_int64(st, 6), text[6], sizeof text[6]);
	format_money(sqlite3_column_int64(st, 7), text[7], sizeof text[7]);
	for (int c = 0; c < 12; c++)
		csv_write_field(w, text[c]);
	csv_end_record(w);
	return 0;
}

int dues_export_month(struct session *s, int64_t scope, const char *month, const char *path,
                      FILE *report, int *exported)
{
	const struct csv_export x = {
		.what = "党费", .headers = export_headers,
		.ncols = sizeof export_headers / sizeof *export_headers, .write_row = write_export_row,
	};
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(s->db, export_sql, -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_int64(st, 1, scope);
		sqlite3_bind_text(st, 2, month ? month : "", -1, SQLITE_STATIC);
	}
	return csv_export_rows(s->db, st, &x, path, report, exported);
}

/* "党费-2026-10.csv" or "dues202610.csv" → "2026-10"; "" when none. */
static void month_in_name(const char *path, char out[8])
{
	const char *base = strrchr(path, '/');
	out[0] = 0;
	for (const char *p = base ? base + 1 : path; *p; p++) {
		char cand[8];
		if (p[0] < '0' || p[0] > '9')
			continue;
		if (strlen(p) >= 7 && p[4] == '-')
			snprintf(cand, sizeof cand, "%.7s", p);
		else if (strlen(p) >= 6)
			snprintf(cand, sizeof cand, "%.4s-%.2s", p, p + 4);
		else
			break;
		int m = month_index(cand);
		if (m >= 0) {
			month_text(m, out);
			return;
		}
	}
}

int dues_export_csv(struct session *s, const char *path, FILE *report, int *exported)
{
	char month[8];
	month_in_name(path, month);
	return dues_export_month(s, s->scope_org, month, path, report, exported);
}
