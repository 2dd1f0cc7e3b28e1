/* nominate_ledger.c — the nominations of a cycle as a keyset pager under
 * the scope, a nomination's objections as lines, and the export. */
#include <stdlib.h>
#include <string.h>

#include "core/csv_table.h"
#include "core/db.h"
#include "core/pager.h"
#include "honour/nominate.h"
#include "honour/nominate_internal.h"

#define NOM_FROM "nomination n LEFT JOIN member m ON m.id = n.member_id" \
	" LEFT JOIN org r ON r.id = n.org_id JOIN org o ON o.id = n.nominator_id"
#define RECIPIENT "coalesce(m.name, r.name)"
#define KIND "CASE n.kind WHEN 'org' THEN '组织' ELSE '个人' END"
#define OBJECTIONS "(SELECT count(*) FROM nom_objection x WHERE x.nomination_id = n.id)"

static const struct rs_column nom_cols[] = {
	{ "状态", 8, 0, 0, 1 }, { "推荐对象", 10, 1, 0, 1, 30, 1 }, { "类别", 4, 0, 0, 1 },
	{ "称号", 12, 0, 0, 1, 20 }, { "推荐单位", 12, 1, 0, 1, 30 }, { "异议", 4, 0, 0, 1 },
	{ "越过规则", 8, 0, 0, 1 },
};

static const struct pager_def base_def = {
	.cols = nom_cols,
	.ncols = sizeof nom_cols / sizeof *nom_cols,
	.cells = { "n.state", RECIPIENT, KIND, "n.title", "o.name", OBJECTIONS,
	           "CASE WHEN n.overrides <> '' THEN '是' ELSE '' END" },
	.sort = { "n.state", "coalesce(m.name_py, r.name_py) || " RECIPIENT, "n.kind", "n.title",
	          "o.name_py", OBJECTIONS, "n.overrides" },
	.id = "n.id",
	.from = NOM_FROM,
	.find = "m.name LIKE :fc ESCAPE '\\' OR r.name LIKE :fc ESCAPE '\\'"
	        " OR m.name_py LIKE :fp ESCAPE '\\' OR o.name LIKE :fc ESCAPE '\\'",
	.flags = "CASE WHEN n.state IN ('审核不通过', '未批准') THEN 2 ELSE 0 END",
	.default_sort = 4,
};

/* One cycle's (0: every cycle's) under the scope. */
static char *where_of(int64_t cycle_id)
{
	if (!cycle_id)
		return sqlite3_mprintf("%s", DB_SUBTREE("n.nominator_id"));
	return sqlite3_mprintf("n.cycle_id = %lld AND %s", (long long)cycle_id,
	                       DB_SUBTREE("n.nominator_id"));
}

struct row_source *nomination_source(struct session *s, int64_t cycle_id)
{
	char *where = where_of(cycle_id);
	struct pager_def def = base_def;
	def.where = where;
	return pager_new_owning(s->db, &def, s->scope_org, where);
}

int nom_objection_lines(struct session *s, int64_t nomination_id, char out[][NOM_RULE_LEN],
                        int cap)
{
	sqlite3_stmt *st;
	int n = 0;
	if (sqlite3_prepare_v2(s->db, "SELECT raised_on, text, outcome FROM nom_objection"
	                       " WHERE nomination_id = ? ORDER BY raised_on, id", -1, &st,
	                       NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, nomination_id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *outcome = (const char *)sqlite3_column_text(st, 2);
		if (n < cap)
			snprintf(out[n], NOM_RULE_LEN, "%s %s → %s", sqlite3_column_text(st, 0),
			         sqlite3_column_text(st, 1), *outcome ? outcome : "（未处理）");
		n++;
	}
	sqlite3_finalize(st);
	return n;
}

int nominate_export(struct session *s, int64_t cycle_id, const char *path, FILE *report,
                    int *exported)
{
	static const char *const head[] = { "评选名称", "状态", "推荐对象", "类别", "称号",
	                                    "推荐单位", "推荐理由", "审核意见", "未满足的规则",
	                                    "越过规则理由", "公示异议", "未批准原因", "文号" };
	const struct csv_export x = {
		.what = "表彰推荐", .headers = head, .ncols = sizeof head / sizeof *head,
	};
	sqlite3_stmt *st = NULL;
	char *where = where_of(cycle_id);
	char *sql = where ? sqlite3_mprintf(
		"SELECT c.name, n.state, " RECIPIENT ", " KIND ", n.title, o.name, n.reasons,"
		" n.review_note, n.overrides, n.override_reason,"
		" coalesce((SELECT group_concat(x.raised_on || ' ' || x.text || ' → ' || x.outcome, '；')"
		" FROM nom_objection x WHERE x.nomination_id = n.id), ''), n.decision_reason,"
		" CASE WHEN n.state = '已批准' THEN c.doc_no ELSE '' END"
		" FROM " NOM_FROM " JOIN nom_cycle c ON c.id = n.cycle_id WHERE %s"
		" ORDER BY c.year, c.id, o.name_py, n.title, n.id", where) : NULL;
	if (sql && sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) == SQLITE_OK)
		sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":scope"), s->scope_org);
	sqlite3_free(sql);
	sqlite3_free(where);
	return csv_export_rows(s->db, st, &x, path, report, exported);
}

int nominate_export_all(struct session *s, const char *path, FILE *report, int *exported)
{
	return nominate_export(s, 0, path, report, exported);
}
