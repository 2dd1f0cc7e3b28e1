/* ledger.c — the honours ledger: a keyset pager under the operator's scope,
 * filtered by year, title, level or recipient; the lines the member and
 * organization forms show; and the export. */
#include <stdlib.h>
#include <string.h>

#include "core/csv_table.h"
#include "core/db.h"
#include "core/pager.h"
#include "honour/honour.h"


/* o is the organization the honour belongs under: the recipient itself, or
 * the member's branch (whose scope decides, and whose name finds its
 * members' honours too). */
#define HONOUR_FROM "honour h LEFT JOIN member m ON m.id = h.member_id" \
	" JOIN org o ON o.id = coalesce(h.org_id, m.org_id)"
#define RECIPIENT "coalesce(m.name, o.name)"
#define KIND "CASE h.kind WHEN 'org' THEN '组织' ELSE '个人' END"
#define TITLE "h.title || CASE WHEN h.posthumous THEN '（追授）' ELSE '' END"
#define STATE "CASE WHEN h.revoked_on IS NOT NULL THEN '已撤销' ELSE '有效' END"

static const struct rs_column honour_cols[] = {
	{ "年度", 4, 0, 0, 1 }, { "授予日期", 10, 0, 0, 1 }, { "获得者", 10, 1, 0, 1, 30, 1 },
	{ "类别", 4, 0, 0, 1 }, { "荣誉称号", 12, 0, 0, 1, 20 }, { "级别", 4, 0, 0, 1 },
	{ "批准机关", 10, 1, 0, 1, 30 }, { "文号", 10, 0, 0, 1, 24 }, { "状态", 6, 0, 0, 1 },
};
enum { NCOLS = sizeof honour_cols / sizeof *honour_cols };

static const struct pager_def base_def = {
	.cols = honour_cols,
	.ncols = NCOLS,
	.cells = { "substr(h.awarded_on, 1, 4)", "h.awarded_on", RECIPIENT, KIND, TITLE, "h.level",
	           "h.approved_by", "h.doc_no", STATE },
	.sort = { "substr(h.awarded_on, 1, 4)", "h.awarded_on", "coalesce(m.name_py, o.name_py) || "
	          RECIPIENT, "h.kind", "h.title", "h.level", "h.approved_by", "h.doc_no",
	          "coalesce(h.revoked_on, '')" },
	.id = "h.id",
	.from = HONOUR_FROM,
	.find = "m.name LIKE :fc ESCAPE '\\' OR o.name LIKE :fc ESCAPE '\\'"
	        " OR m.name_py LIKE :fp ESCAPE '\\' OR o.name_py LIKE :fp ESCAPE '\\'"
	        " OR h.doc_no LIKE :fc ESCAPE '\\'",
	.flags = "CASE WHEN h.revoked_on IS NOT NULL THEN 2 ELSE 0 END",
	.default_sort = 1,
};

/* The scope and the filter as one condition, values quoted into it. */
static char *filter_sql(const struct honour_filter *f)
{
	char *w = sqlite3_mprintf("%s", DB_SUBTREE("o.id"));
	if (!f || !w)
		return w;
	if (f->year > 0)
		w = sqlite3_mprintf("%z AND substr(h.awarded_on, 1, 4) = '%04d'", w, f->year);
	if (w && *f->title)
		w = sqlite3_mprintf("%z AND h.title = %Q", w, f->title);
	if (w && *f->level)
		w = sqlite3_mprintf("%z AND h.level = %Q", w, f->level);
	if (w && f->member_id)
		w = sqlite3_mprintf("%z AND h.member_id = %lld", w, (long long)f->member_id);
	if (w && f->org_id)
		w = sqlite3_mprintf("%z AND h.org_id = %lld", w, (long long)f->org_id);
	return w;
}

struct row_source *honour_source(struct session *s, const struct honour_filter *f)
{
	char *where = filter_sql(f);
	struct pager_def def = base_def;
	def.where = where;
	struct row_source *rs = pager_new_owning(s->db, &def, s->scope_org, where);
	if (rs)
		rs->set_sort(rs->ctx, 1, 1);   /* the newest first */
	return rs;
}

int honour_lines(struct session *s, const char *kind, int64_t id, char out[][96], int cap)
{
	sqlite3_stmt *st;
	const char *sql = strcmp(kind, "org") == 0
		? "SELECT substr(awarded_on, 1, 4), title, level, posthumous, revoked_on FROM honour"
		  " WHERE org_id = ? ORDER BY awarded_on DESC, id DESC"
		: "SELECT substr(awarded_on, 1, 4), title, level, posthumous, revoked_on FROM honour"
		  " WHERE member_id = ? ORDER BY awarded_on DESC, id DESC";
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	int n = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (n < cap)
			snprintf(out[n], 96, "%s %s（%s）%s%s", (const char *)sqlite3_column_text(st, 0),
			         (const char *)sqlite3_column_text(st, 1),
			         (const char *)sqlite3_column_text(st, 2),
			         sqlite3_column_int(st, 3) ? "（追授）" : "",
			         sqlite3_column_type(st, 4) != SQLITE_NULL ? "（已撤销）" : "");
		n++;
	}
	sqlite3_finalize(st);
	return n;
}

int honour_export_all(struct session *s, const char *path, FILE *report, int *exported)
{
	return honour_export(s, NULL, path, report, exported);
}

int honour_export(struct session *s, const struct honour_filter *f, const char *path,
                  FILE *report, int *exported)
{
	static const char *const head[] = { "年度", "授予日期", "获得者", "类别", "所在党组织",
	                                    "荣誉称号", "级别", "批准机关", "文号", "事迹", "追授",
	                                    "状态", "撤销日期", "撤销原因" };
	const struct csv_export x = {
		.what = "荣誉台账", .headers = head, .ncols = sizeof head / sizeof *head,
	};
	sqlite3_stmt *st = NULL;
	char *where = filter_sql(f);
	char *sql = where ? sqlite3_mprintf(
		"SELECT substr(h.awarded_on, 1, 4), h.awarded_on, " RECIPIENT ", " KIND ", o.name,"
		" h.title, h.level, h.approved_by, h.doc_no, h.deeds,"
		" CASE WHEN h.posthumous THEN '是' ELSE '否' END, " STATE ", coalesce(h.revoked_on, ''),"
		" coalesce(h.revoke_reason, '') FROM " HONOUR_FROM " WHERE %s"
		" ORDER BY h.awarded_on, h.id", where) : NULL;
	if (sql && sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) == SQLITE_OK)
		sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":scope"), s->scope_org);
	sqlite3_free(sql);
	sqlite3_free(where);
	return csv_export_rows(s->db, st, &x, path, report, exported);
}
