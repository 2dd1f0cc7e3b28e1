/* ledger.c — the three 示范 ledgers as keyset pagers under the operator's
 * scope, and their exports. */
#include <stdlib.h>
#include <string.h>

#include "core/csv_table.h"
#include "core/db.h"
#include "core/pager.h"
#include "showcase/showcase.h"


/* A ledger's pager in its first order; `owned` is the text def points
 * into, freed with it (NULL for a static def). */
static struct row_source *list_new(struct session *s, const struct pager_def *def, char *owned,
                                   int sort_col, int desc)
{
	struct row_source *rs = owned ? pager_new_owning(s->db, def, s->scope_org, owned)
	                              : pager_new(s->db, def, s->scope_org);
	if (rs)
		rs->set_sort(rs->ctx, sort_col, desc);
	return rs;
}

/* ---- 党员示范岗 ---- */

#define POST_FROM "showcase_post p JOIN member m ON m.id = p.member_id JOIN org o ON o.id = m.org_id"

static const struct rs_column post_cols[] = {
	{ "党员", 8, 0, 0, 1, 16, 1 }, { "所在党组织", 16, 1, 0, 1, 30 },
	{ "岗位名称", 16, 1, 0, 1, 30 }, { "挂牌日期", 10, 0, 0, 1 }, { "本年考核", 8, 0, 0, 1 },
	{ "状态", 4, 0, 0, 1 },
};

struct row_source *showcase_post_source(struct session *s, int year)
{
	char *grade = sqlite3_mprintf("coalesce((SELECT g.grade FROM showcase_post_grade g"
	                              " WHERE g.post_id = p.id AND g.year = %d), '未考核')", year);
	if (!grade)
		return NULL;
	struct pager_def def = {
		.cols = post_cols, .ncols = sizeof post_cols / sizeof *post_cols,
		.cells = { "m.name", "o.name", "p.name", "p.opened_on", grade,
		           "CASE WHEN p.closed_on IS NULL THEN '在岗' ELSE '已摘牌' END" },
		.sort = { "m.name_py || m.name", "o.name_py || o.name", "p.name", "p.opened_on", grade,
		          "coalesce(p.closed_on, '')" },
		.id = "p.id", .from = POST_FROM, .where = DB_SUBTREE("m.org_id"),
		.find = "m.name LIKE :fc ESCAPE '\\' OR p.name LIKE :fc ESCAPE '\\'"
		        " OR o.name LIKE :fc ESCAPE '\\' OR m.name_py LIKE :fp ESCAPE '\\'",
		.flags = "CASE WHEN p.closed_on IS NOT NULL THEN 2 ELSE 0 END",
		.default_sort = 3,
	};
	return list_new(s, &def, grade, 3, 1);
}

int showcase_post_export(struct session *s, const char *path, FILE *report, int *exported)
{
	static const char *const head[] = { "党员", "所在党组织", "岗位名称", "岗位目标", "岗位承诺",
	                                    "挂牌日期", "摘牌日期", "摘牌原因", "历年考核", "跟踪记录",
	                                    "检查记录" };
	const struct csv_export x = { .what = "党员示范岗台账", .headers = head,
	                              .ncols = sizeof head / sizeof *head };
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(s->db, "SELECT m.name, o.name, p.name, p.goal, p.pledge, p.opened_on,"
	                       " coalesce(p.closed_on, ''), coalesce(p.close_reason, ''),"
	                       " coalesce((SELECT group_concat(year || ' ' || grade, '；') FROM"
	                       " (SELECT year, grade FROM showcase_post_grade WHERE post_id = p.id"
	                       " ORDER BY year)), ''),"
	                       " (SELECT count(*) FROM showcase_post_note WHERE post_id = p.id"
	                       " AND kind = '跟踪'),"
	                       " (SELECT count(*) FROM showcase_post_note WHERE post_id = p.id"
	                       " AND kind = '检查') FROM " POST_FROM " WHERE " DB_SUBTREE("m.org_id")
	                       " ORDER BY p.opened_on, p.id", -1, &st, NULL) == SQLITE_OK)
		sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":scope"), s->scope_org);
	return csv_export_rows(s->db, st, &x, path, report, exported);
}

/* ---- 党员示范寝室 ---- */

#define DORM_MEMBERS "(SELECT count(*) FROM showcase_resident r JOIN member rm" \
	" ON rm.id = r.member_id WHERE r.dorm_id = d.id AND rm.status = '正常')"
#define DORM_LAST "coalesce((SELECT max(on_date) FROM showcase_dorm_check WHERE dorm_id = d.id), '')"
#define DORM_SCORE "coalesce((SELECT CASE WHEN c.total % 10 THEN printf('%d.%d', c.total / 10," \
	" c.total % 10) ELSE printf('%d', c.total / 10) END FROM showcase_dorm_check c" \
	" WHERE c.dorm_id = d.id ORDER BY c.on_date DESC, c.id DESC LIMIT 1), '')"
#define DORM_SCORE_SORT "coalesce((SELECT printf('%06d', c.total) FROM showcase_dorm_check c" \
	" WHERE c.dorm_id = d.id ORDER BY c.on_date DESC, c.id DESC LIMIT 1), '')"

static const struct rs_column dorm_cols[] = {
	{ "楼栋", 10, 0, 0, 1, 20, 1 }, { "房号", 6, 0, 0, 1 }, { "所在党组织", 18, 1, 0, 1, 30 },
	{ "党员人数", 8, 0, 1, 1 }, { "最近检查", 10, 0, 0, 1 }, { "得分", 6, 0, 1, 1 },
};

static const struct pager_def dorm_def = {
	.cols = dorm_cols, .ncols = sizeof dorm_cols / sizeof *dorm_cols,
	.cells = { "d.building", "d.room", "o.name", DORM_MEMBERS, DORM_LAST, DORM_SCORE },
	.sort = { "d.building", "d.room", "o.name_py || o.name", "printf('%03d', " DORM_MEMBERS ")",
	          DORM_LAST, DORM_SCORE_SORT },
	.id = "d.id", .from = "showcase_dorm d JOIN org o ON o.id = d.org_id",
	.where = DB_SUBTREE("d.org_id"),
	.find = "d.building LIKE :fc ESCAPE '\\' OR d.room LIKE :fc ESCAPE '\\'"
	        " OR o.name LIKE :fc ESCAPE '\\' OR (d.building || ' ' || d.room) LIKE :fc ESCAPE '\\'",
};

struct row_source *showcase_dorm_source(struct session *s)
{
	return list_new(s, &dorm_def, NULL, 0, 0);
}

int showcase_dorm_export(struct session *s, const char *path, FILE *report, int *exported)
{
	static const char *const head[] = { "楼栋", "房号", "所在党组织", "挂牌日期", "寝室成员",
	                                    "党员人数", "检查次数", "最近检查", "最近得分", "各项得分" };
	const struct csv_export x = { .what = "党员示范寝室台账", .headers = head,
	                              .ncols = sizeof head / sizeof *head };
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(s->db, "SELECT d.building, d.room, o.name, d.opened_on,"
	                       " coalesce((SELECT group_concat(coalesce(m.name, r.name), '、') FROM"
	                       " showcase_resident r LEFT JOIN member m ON m.id = r.member_id"
	                       " WHERE r.dorm_id = d.id), ''), " DORM_MEMBERS ","
	                       " (SELECT count(*) FROM showcase_dorm_check WHERE dorm_id = d.id), "
	                       DORM_LAST ", " DORM_SCORE ", coalesce((SELECT c.items FROM"
	                       " showcase_dorm_check c WHERE c.dorm_id = d.id ORDER BY c.on_date DESC,"
	                       " c.id DESC LIMIT 1), '') FROM showcase_dorm d JOIN org o"
	                       " ON o.id = d.org_id WHERE " DB_SUBTREE("d.org_id")
	                       " ORDER BY d.building, d.room", -1, &st, NULL) == SQLITE_OK)
		sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":scope"), s->scope_org);
	return csv_export_rows(s->db, st, &x, path, report, exported);
}

/* ---- 党建示范点 ---- */

#define POINT_LAST "coalesce((SELECT c.year || ' ' || c.result FROM showcase_point_check c" \
	" WHERE c.point_id = p.id ORDER BY c.year DESC LIMIT 1), '')"

static const struct rs_column point_cols[] = {
	{ "党组织", 24, 1, 0, 1, 40, 1 }, { "示范点级别", 12, 0, 0, 1 }, { "确定日期", 10, 0, 0, 1 },
	{ "最近检查", 14, 0, 0, 1 },
};

static const struct pager_def point_def = {
	.cols = point_cols, .ncols = sizeof point_cols / sizeof *point_cols,
	.cells = { "o.name", "p.level", "p.opened_on", POINT_LAST },
	.sort = { "o.name_py || o.name", "p.level", "p.opened_on", POINT_LAST },
	.id = "p.id", .from = "showcase_point p JOIN org o ON o.id = p.org_id",
	.where = DB_SUBTREE("p.org_id"),
	.find = "o.name LIKE :fc ESCAPE '\\' OR o.name_py LIKE :fp ESCAPE '\\'",
};

struct row_source *showcase_point_source(struct session *s)
{
	return list_new(s, &point_def, NULL, 0, 0);
}

int showcase_point_export(struct session *s, const char *path, FILE *report, int *exported)
{
	static const char *const head[] = { "党组织", "示范点级别", "确定日期", "备注", "历年检查" };
	const struct csv_export x = { .what = "党建示范点台账", .headers = head,
	                              .ncols = sizeof head / sizeof *head };
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(s->db, "SELECT o.name, p.level, p.opened_on, p.note,"
	                       " coalesce((SELECT group_concat(year || ' ' || result, '；') FROM"
	                       " (SELECT year, result FROM showcase_point_check WHERE point_id = p.id"
	                       " ORDER BY year)), '') FROM showcase_point p JOIN org o"
	                       " ON o.id = p.org_id WHERE " DB_SUBTREE("p.org_id")
	                       " ORDER BY o.name_py, p.id", -1, &st, NULL) == SQLITE_OK)
		sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":scope"), s->scope_org);
	return csv_export_rows(s->db, st, &x, path, report, exported);
}
