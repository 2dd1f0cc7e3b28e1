/* lists.c — the 关怀帮扶 ledgers as keyset pagers under a scope: the
 * register, the visits, who on the register has had no visit this year,
 * and the 七一 / 春节 慰问名单 on a day; and their exports.  The lists made
 * for a day walk the register (care_case), which is small beside the
 * member table, and name each member once: by the entry with the lowest id
 * among those on the register that day. */
#include <stdlib.h>
#include <string.h>

#include "care/internal.h"
#include "core/csv_table.h"
#include "core/db.h"
#include "core/pager.h"

/* Entry c is on the register on day D (an SQL text literal). */
#define ON_REGISTER(c, D) c ".listed_on <= " D " AND (" c ".left_on IS NULL OR " c ".left_on > " D ")"

static struct row_source *list_new(struct session *s, const struct pager_def *def, char *owned,
                                   int64_t org_id, int sort_col, int desc)
{
	int64_t scope = org_id ? org_id : s->scope_org;
	struct row_source *rs = owned ? pager_new_owning(s->db, def, scope, owned)
	                              : pager_new(s->db, def, scope);
	if (rs)
		rs->set_sort(rs->ctx, sort_col, desc);
	return rs;
}

/* Several texts in one sqlite3_malloc'd block (what pager_new_owning frees
 * with the pager); out[i] points at each.  NULL when out of memory; the
 * parts are sqlite3_free'd either way. */
static char *pack(char **parts, int n, const char **out)
{
	size_t len = 0;
	int ok = 1;
	for (int i = 0; i < n; i++) {
		ok &= parts[i] != NULL;
		len += parts[i] ? strlen(parts[i]) + 1 : 0;
	}
	char *block = ok ? sqlite3_malloc64(len) : NULL;
	for (size_t at = 0, i = 0; i < (size_t)n; i++) {
		if (block) {
			size_t l = strlen(parts[i]) + 1;
			memcpy(block + at, parts[i], l);
			out[i] = block + at;
			at += l;
		}
		sqlite3_free(parts[i]);
	}
	return block;
}

/* tmpl with every @D replaced by the day `day` and every @F by the first
 * of its year, as SQL literals; sqlite3_malloc'd, NULL when out of memory.
 * (The lists name their day many times over; a format would need it as
 * often among its arguments.) */
static char *with_day(const char *tmpl, const char *day)
{
	char d[16], f[16];
	snprintf(d, sizeof d, "'%.10s'", day);   /* a normal date: nothing to escape */
	snprintf(f, sizeof f, "'%.4s-01-01'", day);
	sqlite3_str *out = sqlite3_str_new(NULL);
	for (const char *p = tmpl; *p; p++) {
		if (p[0] == '@' && (p[1] == 'D' || p[1] == 'F')) {
			sqlite3_str_appendall(out, p[1] == 'D' ? d : f);
			p++;
		} else {
			sqlite3_str_appendchar(out, 1, *p);
		}
	}
	return sqlite3_str_finish(out);
}

/* ---- the register ---- */

static const struct rs_column case_cols[] = {
	{ "姓名", 8, 0, 0, 1, 16, 1 }, { "所在支部", 16, 1, 0, 1, 30 }, { "类别", 8, 0, 0, 1 },
	{ "原因", 14, 1, 0, 1, 40 }, { "列入日期", 10, 0, 0, 1 }, { "状态", 15, 0, 0, 1 },
};

#define CASE_STATE "CASE WHEN c.left_on IS NULL THEN '在册' ELSE c.left_on || ' 移出' END"

static const struct pager_def case_def = {
	.cols = case_cols, .ncols = sizeof case_cols / sizeof *case_cols,
	.cells = { "m.name", "o.name", "c.category", "c.reason", "c.listed_on", CASE_STATE },
	.sort = { "(c.left_on IS NOT NULL) || m.name_py || m.name", "o.name_py || o.name",
	          "c.category", "c.reason", "c.listed_on", "coalesce(c.left_on, '')" },
	.id = "c.id",
	.from = "care_case c JOIN member m ON m.id = c.member_id JOIN org o ON o.id = m.org_id",
	.where = DB_SUBTREE("m.org_id"),
	.find = "m.name LIKE :fc ESCAPE '\\' OR m.name_py LIKE :fp ESCAPE '\\'"
	        " OR c.category LIKE :fc ESCAPE '\\' OR c.reason LIKE :fc ESCAPE '\\'",
	.flags = "CASE WHEN c.left_on IS NULL THEN 0 ELSE 1 END",
};

struct row_source *care_case_source(struct session *s)
{
	return list_new(s, &case_def, NULL, 0, 0, 0);
}

/* ---- visits ---- */

#define MONEY(fen) "CASE WHEN " fen " > 0 THEN printf('%d.%02d', " fen " / 100, " fen " % 100)" \
	" ELSE '' END"

static const struct rs_column visit_cols[] = {
	{ "慰问日期", 10, 0, 0, 1 }, { "姓名", 8, 0, 0, 1, 16, 1 }, { "所在支部", 12, 1, 0, 1, 30 },
	{ "时机", 6, 0, 0, 1 }, { "慰问金", 9, 0, 1, 1 }, { "慰问品", 8, 1, 0, 1, 24 },
	{ "慰问人", 12, 1, 0, 1, 30 },
};

#define VISIT_FROM "care_visit v JOIN member m ON m.id = v.member_id JOIN org o ON o.id = m.org_id"

static const struct pager_def visit_def = {
	.cols = visit_cols, .ncols = sizeof visit_cols / sizeof *visit_cols,
	.cells = { "v.on_date", "m.name", "o.name", "v.occasion", MONEY("v.money_fen"), "v.goods",
	           "v.visitors" },
	.sort = { "v.on_date", "m.name_py || m.name", "o.name_py || o.name", "v.occasion",
	          "printf('%012d', v.money_fen)", "v.goods", "v.visitors" },
	.id = "v.id", .from = VISIT_FROM, .where = DB_SUBTREE("m.org_id"),
	.find = "m.name LIKE :fc ESCAPE '\\' OR m.name_py LIKE :fp ESCAPE '\\'"
	        " OR v.occasion LIKE :fc ESCAPE '\\' OR v.visitors LIKE :fc ESCAPE '\\'",
};

struct row_source *care_visit_source(struct session *s)
{
	return list_new(s, &visit_def, NULL, 0, 0, 1);
}

static int export_stmt(struct session *s, int64_t org_id, const char *sql, const char *what,
                       const char *const *head, int ncols, const char *path, FILE *report,
                       int *exported)
{
	const struct csv_export x = { .what = what, .headers = head, .ncols = ncols };
	sqlite3_stmt *st = NULL;
	if (sql && sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) == SQLITE_OK)
		sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":scope"),
		                   org_id ? org_id : s->scope_org);
	return csv_export_rows(s->db, st, &x, path, report, exported);
}

int care_visit_export(struct session *s, const char *path, FILE *report, int *exported)
{
	static const char *const head[] = { "慰问日期", "姓名", "所在支部", "慰问时机", "慰问金（元）",
	                                    "慰问品", "慰问人", "备注" };
	return export_stmt(s, 0, "SELECT v.on_date, m.name, o.name, v.occasion, " MONEY("v.money_fen")
	                   ", v.goods, v.visitors, v.note FROM " VISIT_FROM " WHERE "
	                   DB_SUBTREE("m.org_id") " ORDER BY v.on_date, v.id", "慰问", head,
	                   sizeof head / sizeof *head, path, report, exported);
}

/* ---- made from the register on a day ---- */

/* The member's one row: the lowest entry on the register on D. */
#define FIRST_ENTRY(D) "c.id = (SELECT min(c2.id) FROM care_case c2 WHERE c2.member_id = c.member_id" \
	" AND " ON_REGISTER("c2", D) ")"
#define DAY_FROM "care_case c JOIN member m ON m.id = c.member_id JOIN org o ON o.id = m.org_id"
#define CATEGORIES(D) "(SELECT group_concat(c3.category, '、') FROM care_case c3" \
	" WHERE c3.member_id = m.id AND " ON_REGISTER("c3", D) ")"
#define LAST_VISIT(D) "coalesce((SELECT max(v.on_date) FROM care_visit v WHERE v.member_id = m.id" \
	" AND v.on_date <= " D "), '')"

/* 本年未慰问 */

static const struct rs_column unvisited_cols[] = {
	{ "姓名", 8, 0, 0, 1, 16, 1 }, { "所在支部", 18, 1, 0, 1, 30 }, { "类别", 10, 0, 0, 1, 20 },
	{ "列入日期", 10, 0, 0, 1 }, { "联系电话", 11, 0, 0, 1 }, { "最近慰问", 10, 0, 0, 1 },
};

/* [0] where, [1] categories, [2] last visit */
static char *unvisited_sql(const char *today, const char **out)
{
	char *parts[3] = {
		with_day(FIRST_ENTRY("@D") " AND m.status = '正常' AND " DB_SUBTREE("m.org_id")
		         " AND NOT EXISTS (SELECT 1 FROM care_visit v WHERE v.member_id = m.id"
		         " AND v.on_date >= @F AND v.on_date <= @D)", today),
		with_day(CATEGORIES("@D"), today),
		with_day(LAST_VISIT("@D"), today),
	};
	return pack(parts, 3, out);
}

struct row_source *care_unvisited_source(struct session *s, int64_t org_id, const char *today)
{
	const char *q[3];
	char *owned = unvisited_sql(today, q);
	if (!owned)
		return NULL;
	struct pager_def def = {
		.cols = unvisited_cols, .ncols = sizeof unvisited_cols / sizeof *unvisited_cols,
		.cells = { "m.name", "o.name", q[1], "c.listed_on", "coalesce(m.phone, '')", q[2] },
		.sort = { "m.name_py || m.name", "o.name_py || o.name", q[1], "c.listed_on",
		          "coalesce(m.phone, '')", q[2] },
		.id = "m.id", .from = DAY_FROM, .where = q[0],
		.find = "m.name LIKE :fc ESCAPE '\\' OR m.name_py LIKE :fp ESCAPE '\\'"
		        " OR o.name LIKE :fc ESCAPE '\\' OR o.name_py LIKE :fp ESCAPE '\\'",
		.flags = "1",
	};
	return list_new(s, &def, owned, org_id, 1, 0);
}

int care_unvisited_export(struct session *s, int64_t org_id, const char *today, const char *path,
                          FILE *report, int *exported)
{
	static const char *const head[] = { "姓名", "所在支部", "类别", "列入日期", "联系电话",
	                                    "最近慰问" };
	const char *q[3];
	char *owned = unvisited_sql(today, q);
	char *sql = owned ? sqlite3_mprintf("SELECT m.name, o.name, %s, c.listed_on,"
	                                    " coalesce(m.phone, ''), %s FROM " DAY_FROM " WHERE %s"
	                                    " ORDER BY o.name_py, o.id, m.name_py, m.id", q[1], q[2],
	                                    q[0]) : NULL;
	int rc = export_stmt(s, org_id, sql, "本年未慰问名单", head, sizeof head / sizeof *head, path,
	                     report, exported);
	sqlite3_free(sql);
	sqlite3_free(owned);
	return rc;
}

/* 七一 / 春节 慰问名单 */

static const struct rs_column list_cols[] = {
	{ "姓名", 8, 0, 0, 1, 16, 1 }, { "所在支部", 13, 1, 0, 1, 30 }, { "类别", 8, 0, 0, 1, 20 },
	{ "年龄", 4, 0, 1, 1 }, { "联系电话", 11, 0, 0, 1 }, { "家庭住址", 10, 1, 0, 1, 40 },
	{ "最近慰问", 10, 0, 0, 1 }, { "拟慰问金", 8, 0, 1, 1 },
};

/* [0] where, [1] categories, [2] last visit, [3] age, [4] address, [5] amount */
static char *list_sql(struct session *s, const char *on, const char **out)
{
	struct care_rules r;
	care_rules_load(s, &r);
	char *amount = sqlite3_mprintf("coalesce((SELECT max(CASE c4.category WHEN '老党员' THEN %lld"
	                               " WHEN '生活困难' THEN %lld ELSE %lld END) FROM care_case c4"
	                               " WHERE c4.member_id = m.id AND ", (long long)r.amount_fen[CARE_OLD],
	                               (long long)r.amount_fen[CARE_HARDSHIP],
	                               (long long)r.amount_fen[CARE_ILL]);
	char *tail = with_day(ON_REGISTER("c4", "@D") "), 0)", on);
	char *parts[6] = {
		with_day(FIRST_ENTRY("@D") " AND m.status = '正常' AND " DB_SUBTREE("m.org_id"), on),
		with_day(CATEGORIES("@D"), on),
		with_day(LAST_VISIT("@D"), on),
		with_day("CASE WHEN m.birth_date IS NULL OR m.birth_date = '' THEN '' ELSE"
		         " CAST(substr(@D, 1, 4) AS INTEGER) - CAST(substr(m.birth_date, 1, 4)"
		         " AS INTEGER) - (substr(@D, 6, 5) < substr(m.birth_date, 6, 5)) END", on),
		sqlite3_mprintf("coalesce((SELECT c5.address FROM care_case c5 WHERE c5.member_id = m.id"
		                " AND c5.address <> '' ORDER BY c5.listed_on DESC LIMIT 1), '')"),
		amount && tail ? sqlite3_mprintf("CASE WHEN %s%s > 0 THEN printf('%%d.%%02d', %s%s / 100,"
		                                 " %s%s %% 100) ELSE '' END", amount, tail, amount, tail,
		                                 amount, tail) : NULL,
	};
	sqlite3_free(amount);
	sqlite3_free(tail);
	return pack(parts, 6, out);
}

struct row_source *care_list_source(struct session *s, int64_t org_id, const char *on)
{
	const char *q[6];
	char *owned = list_sql(s, on, q);
	if (!owned)
		return NULL;
	struct pager_def def = {
		.cols = list_cols, .ncols = sizeof list_cols / sizeof *list_cols,
		.cells = { "m.name", "o.name", q[1], q[3], "coalesce(m.phone, '')", q[4], q[2], q[5] },
		.sort = { "m.name_py || m.name", "o.name_py || o.name", q[1],
		          "coalesce(m.birth_date, '')", "coalesce(m.phone, '')", q[4], q[2], q[5] },
		.id = "m.id", .from = DAY_FROM, .where = q[0],
		.find = "m.name LIKE :fc ESCAPE '\\' OR m.name_py LIKE :fp ESCAPE '\\'"
		        " OR o.name LIKE :fc ESCAPE '\\' OR o.name_py LIKE :fp ESCAPE '\\'",
	};
	return list_new(s, &def, owned, org_id, 1, 0);
}

int care_list_export(struct session *s, int64_t org_id, const char *on, const char *path,
                     FILE *report, int *exported)
{
	static const char *const head[] = { "序号", "姓名", "所在支部", "类别", "年龄", "联系电话",
	                                    "家庭住址", "最近慰问", "拟慰问金（元）", "签收" };
	const char *q[6];
	char *owned = list_sql(s, on, q);
	char *sql = owned ? sqlite3_mprintf("SELECT row_number() OVER (ORDER BY o.name_py, o.id,"
	                                    " m.name_py, m.id), m.name, o.name, %s, %s,"
	                                    " coalesce(m.phone, ''), %s, %s, %s, '' FROM " DAY_FROM
	                                    " WHERE %s ORDER BY o.name_py, o.id, m.name_py, m.id",
	                                    q[1], q[3], q[4], q[2], q[5], q[0]) : NULL;
	int rc = export_stmt(s, org_id, sql, "慰问名单", head, sizeof head / sizeof *head, path,
	                     report, exported);
	sqlite3_free(sql);
	sqlite3_free(owned);
	return rc;
}
