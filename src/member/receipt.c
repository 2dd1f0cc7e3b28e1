/* receipt.c — 回执台账: the 转出 whose 介绍信 回执 is awaited (and, on
 * request, those returned), as a keyset pager and as an export. */
#include <stdio.h>

#include "core/csv_table.h"
#include "core/db.h"
#include "core/pager.h"
#include "member/ledger_sql.h"
#include "member/member.h"

static const struct rs_column receipt_cols[] = {
	{ "转出日期", 10, 0, 0, 1 }, { "姓名", 8, 0, 0, 1, 16, 1 }, { "原所在支部", 10, 1, 0, 1, 30 },
	{ "去往", 10, 1, 0, 0, 30 }, { "介绍信编号", 6, 0, 0, 0, 16 }, { "应回日期", 10, 0, 0, 1 },
	{ "情况", 17, 0, 0, 1 },
};

#define STATE "CASE WHEN r.returned_on IS NOT NULL THEN '已退回 ' || r.returned_on" \
	" WHEN r.due_on < dj_today() THEN '逾期 ' ||" \
	" CAST(julianday(dj_today()) - julianday(r.due_on) AS INTEGER) || ' 天'" \
	" WHEN r.due_on = dj_today() THEN '今天到期' ELSE '还有 ' ||" \
	" CAST(julianday(r.due_on) - julianday(dj_today()) AS INTEGER) || ' 天' END"
#define RECEIPT_FROM "letter_receipt r JOIN member_event v ON v.id = r.event_id" \
	" JOIN member m ON m.id = v.member_id JOIN org o ON o.id = m.org_id"
#define RECEIPT_FIND "m.name LIKE :fc ESCAPE '\\' OR m.name_py LIKE :fp ESCAPE '\\'" \
	" OR v.to_org LIKE :fc ESCAPE '\\' OR v.letter_no LIKE :fc ESCAPE '\\'"

/* The awaited ones walk the partial index member_event_awaiting by due date. */
#define RECEIPT_DEF(cond) { \
	.cols = receipt_cols, \
	.ncols = 7, \
	.cells = { "v.date", "m.name", "coalesce(nullif(v.from_org, ''), " BRANCH ")", \
	           "coalesce(v.to_org, '')", "coalesce(v.letter_no, '')", "r.due_on", STATE }, \
	.sort = { "v.date", "m.name_py || m.name", "o.sort_key || '/' || r.due_on", \
	          NULL, NULL, "r.due_on", "coalesce(r.returned_on, '') || r.due_on" }, \
	.id = "v.id", \
	.from = RECEIPT_FROM, \
	.where = cond " AND " DB_SUBTREE("m.org_id"), \
	.find = RECEIPT_FIND, \
	.flags = "CASE WHEN r.returned_on IS NOT NULL THEN 2 WHEN r.due_on < dj_today()" \
	         " THEN 1 ELSE 0 END", \
	.default_sort = 5, \
}

static const struct pager_def awaited_def = RECEIPT_DEF("r.returned_on IS NULL");
static const struct pager_def all_def = RECEIPT_DEF("1");

struct row_source *member_receipt_source(struct session *s, int64_t root, int all)
{
	return pager_new(s->db, all ? &all_def : &awaited_def, root ? root : s->scope_org);
}

long member_receipts_overdue(struct session *s, int64_t root)
{
	sqlite3_stmt *st;
	long n = -1;
	if (sqlite3_prepare_v2(s->db, "SELECT count(*) FROM letter_receipt r JOIN member_event v ON"
	                       " v.id = r.event_id JOIN member m ON m.id = v.member_id"
	                       " WHERE r.returned_on IS NULL AND r.due_on < dj_today() AND "
	                       DB_SUBTREE("m.org_id"), -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":scope"), root ? root : s->scope_org);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

int member_receipt_export(struct session *s, const char *path, FILE *report, int *exported)
{
	static const char *const head[] = { "转出日期", "姓名", "身份证号", "原所在支部", "去往",
	                                    "介绍信编号", "有效期（天）", "回执应退回日期",
	                                    "回执退回日期", "情况" };
	const struct csv_export x = {
		.what = "回执台账", .headers = head, .ncols = sizeof head / sizeof *head,
	};
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(s->db, "SELECT v.date, m.name, coalesce(m.id_number, ''),"
	                       " coalesce(nullif(v.from_org, ''), " BRANCH "), coalesce(v.to_org, ''),"
	                       " coalesce(v.letter_no, ''), coalesce(v.valid_days, ''), r.due_on,"
	                       " coalesce(r.returned_on, ''), " STATE " FROM " RECEIPT_FROM
	                       " WHERE " DB_SUBTREE("m.org_id") " ORDER BY r.returned_on IS NOT NULL, r.due_on,"
	                       " v.id", -1, &st, NULL) == SQLITE_OK)
		sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":scope"), s->scope_org);
	return csv_export_rows(s->db, st, &x, path, report, exported);
}
