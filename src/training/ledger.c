/* ledger.c — 学时台账: each member's hours of a year against the target.
 *
 * One row per member read by its keys: training_sum (a member-year row) and
 * meeting_present (member-year-type rows), both kept by migration 020's
 * triggers.  So a page, the count and the totals cost a few index probes
 * per member, never a pass over every session or sign-in sheet. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv_table.h"
#include "core/db.h"
#include "core/pager.h"
#include "training/internal.h"

#define TRAIN2 "coalesce(CAST(round(ts.hours * 2) AS INTEGER), 0)"

enum { P_FROM, P_WHERE, P_MEET, P_DONE, P_GAP, P_TRAIN_T, P_MEET_T, P_DONE_T, P_GAP_T,
       P_TARGET_T, P_MEET_S, P_DONE_S, P_GAP_S, P_FLAGS, NPARTS };

/* The SQL of one year's ledger under one set of rules, in one
 * sqlite3_malloc'd block (what pager_new_owning frees): part[] points in. */
struct ledger_sql {
	char *block;
	const char *part[NPARTS];
};

/* Half-hours as 学时 text: 3 -> '1.5'. */
static char *htxt(const char *x)
{
	return sqlite3_mprintf("(CASE WHEN (%s) %% 2 = 0 THEN CAST((%s) / 2 AS TEXT)"
	                       " ELSE printf('%%d.5', (%s) / 2) END)", x, x, x);
}

static char *types_in(const struct training_rules *r)
{
	char *types = sqlite3_mprintf("%s", "");
	for (int i = 0; types && i < r->ntypes; i++) {
		char *more = sqlite3_mprintf("%s%s%Q", types, i ? ", " : "", r->types[i]);
		sqlite3_free(types);
		types = more;
	}
	return types;
}

static int pack(char *parts[NPARTS], struct ledger_sql *q)
{
	size_t len = 0;
	for (int i = 0; i < NPARTS; i++) {
		if (!parts[i])
			return -1;
		len += strlen(parts[i]) + 1;
	}
	q->block = sqlite3_malloc64(len);
	if (!q->block)
		return -1;
	char *at = q->block;
	for (int i = 0; i < NPARTS; i++) {
		size_t n = strlen(parts[i]) + 1;
		memcpy(at, parts[i], n);
		q->part[i] = at;
		at += n;
	}
	return 0;
}

static int sql_build(const struct training_rules *r, int year, int short_only,
                     struct ledger_sql *q)
{
	char *p[NPARTS] = { 0 };
	char *types = types_in(r);
	memset(q, 0, sizeof *q);
	p[P_FROM] = sqlite3_mprintf("org o CROSS JOIN member m ON m.org_id = o.id"
	                            " LEFT JOIN training_sum ts ON ts.member_id = m.id AND ts.year = %d",
	                            year);
	p[P_MEET] = !types ? NULL : r->ntypes && r->meeting2
	            ? sqlite3_mprintf("(coalesce((SELECT sum(mp.n) FROM meeting_present mp"
	                              " WHERE mp.member_id = m.id AND mp.year = %d AND mp.type IN (%s)),"
	                              " 0) * %d)", year, types, r->meeting2)
	            : sqlite3_mprintf("0");
	sqlite3_free(types);
	if (p[P_MEET]) {
		p[P_DONE] = sqlite3_mprintf("(" TRAIN2 " + %s)", p[P_MEET]);
		p[P_MEET_T] = htxt(p[P_MEET]);
		p[P_MEET_S] = sqlite3_mprintf("printf('%%08d', %s)", p[P_MEET]);
	}
	if (p[P_DONE]) {
		p[P_WHERE] = short_only
		             ? sqlite3_mprintf("m.status = '正常' AND %s AND %s < %d", DB_SUBTREE("m.org_id"),
		                               p[P_DONE], r->target2)
		             : sqlite3_mprintf("m.status = '正常' AND %s", DB_SUBTREE("m.org_id"));
		p[P_GAP] = sqlite3_mprintf("max(%d - %s, 0)", r->target2, p[P_DONE]);
		p[P_DONE_T] = htxt(p[P_DONE]);
		p[P_DONE_S] = sqlite3_mprintf("printf('%%08d', %s)", p[P_DONE]);
		p[P_FLAGS] = sqlite3_mprintf("CASE WHEN %s < %d THEN 1 ELSE 0 END", p[P_DONE], r->target2);
	}
	if (p[P_GAP]) {
		p[P_GAP_T] = htxt(p[P_GAP]);
		p[P_GAP_S] = sqlite3_mprintf("printf('%%08d', %s)", p[P_GAP]);
	}
	p[P_TRAIN_T] = htxt(TRAIN2);
	char target[16];
	training_format_hours(r->target2, target, sizeof target);
	p[P_TARGET_T] = sqlite3_mprintf("'%q'", target);
	int rc = pack(p, q);
	for (int i = 0; i < NPARTS; i++)
		sqlite3_free(p[i]);
	return rc;
}

static const struct rs_column ledger_cols[] = {
	{ "所在组织", 18, 1, 0, 1, 40 }, { "姓名", 8, 0, 0, 1, 16, 1 }, { "培训学时", 8, 0, 1, 1 },
	{ "会议学时", 8, 0, 1, 1 }, { "已完成", 6, 0, 1, 1 }, { "目标", 4, 0, 1, 0 },
	{ "差额", 6, 0, 1, 1 },
};

static int64_t scope_of(const struct session *s, int64_t scope)
{
	return scope ? scope : s->scope_org;
}

struct row_source *training_ledger_source(struct session *s, const struct training_rules *r,
                                          int year, int64_t scope, int short_only)
{
	struct ledger_sql q;
	if (sql_build(r, year, short_only, &q))
		return NULL;
	const char *const *p = q.part;
	/* By organization (the default) the pager pages on (o.sort_key, o.id,
	 * m.name_py, m.id), walking org_order and member_org as the roster does
	 * (member/ledger.c), and stops after a page. */
	const struct pager_def def = {
		.cols = ledger_cols, .ncols = 7,
		.cells = { "o.name", "m.name", p[P_TRAIN_T], p[P_MEET_T], p[P_DONE_T], p[P_TARGET_T],
		           p[P_GAP_T] },
		.sort = { "o.sort_key || '/' || m.name_py", "m.name_py || m.name",
		          "printf('%08d', " TRAIN2 ")", p[P_MEET_S], p[P_DONE_S], NULL, p[P_GAP_S] },
		.id = "m.id", .from = p[P_FROM], .where = p[P_WHERE],
		.find = "m.name LIKE :fc ESCAPE '\\' OR m.name_py LIKE :fp ESCAPE '\\'"
		        " OR o.name LIKE :fc ESCAPE '\\' OR o.name_py LIKE :fp ESCAPE '\\'",
		/* initials walk member_py, as the roster's find does */
		.find_initials = "m.name_py >= :flo AND m.name_py < :fhi",
		.flags = p[P_FLAGS],
		.keys = { [0] = { "o.sort_key", "o.id", "m.name_py" } },
	};
	return pager_new_owning(s->db, &def, scope_of(s, scope), q.block);
}

/* Short = listed − those who reached the target.  Who reached it is read
 * from the year's ranges of the two sums (their keys start with the year)
 * and added up per member in one pass, so the members who have nothing
 * are never looked at one by one: 0.13 s for 200,000 members where a probe
 * per member takes 0.7 s (tests/bench). */
int training_ledger_totals(struct session *s, const struct training_rules *r, int year,
                           int64_t scope, long *members, long *short_n, struct dj_err *e)
{
	*members = *short_n = 0;
	char *types = types_in(r);
	char *meet = !types ? NULL : r->ntypes && r->meeting2
	             ? sqlite3_mprintf(" UNION ALL SELECT member_id, n * %d FROM meeting_present"
	                               " WHERE year = %d AND type IN (%s)", r->meeting2, year, types)
	             : sqlite3_mprintf("%s", "");
	sqlite3_free(types);
	char *sql = !meet ? NULL : sqlite3_mprintf(
		"SELECT (SELECT count(*) FROM member m WHERE m.status = '正常' AND %s),"
		" (SELECT count(*) FROM (SELECT member_id FROM (SELECT member_id,"
		"  CAST(round(hours * 2) AS INTEGER) AS x FROM training_sum WHERE year = %d%s)"
		"  GROUP BY member_id HAVING sum(x) >= %d) done JOIN member m ON m.id = done.member_id"
		"  WHERE m.status = '正常' AND %s)",
		DB_SUBTREE("m.org_id"), year, meet, r->target2, DB_SUBTREE("m.org_id"));
	sqlite3_free(meet);
	sqlite3_stmt *st;
	if (!sql || sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
		sqlite3_free(sql);
		return db_fail(s->db, e, "统计学时");
	}
	sqlite3_free(sql);
	sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":scope"), scope_of(s, scope));
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*members = (long)sqlite3_column_int64(st, 0);
		*short_n = *members - (long)sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : db_fail(s->db, e, "统计学时");
}

int training_member_hours(struct session *s, int64_t member_id, int year, int *train2,
                          int *meet2, struct dj_err *e)
{
	struct training_rules r;
	struct ledger_sql q;
	training_rules_from(s->cfg, &r);
	*train2 = *meet2 = 0;
	if (sql_build(&r, year, 0, &q))
		return dj_fail(e, DJ_DB, NULL, "内存不足");
	char *sql = sqlite3_mprintf("SELECT " TRAIN2 ", %s FROM %s WHERE m.id = ?1", q.part[P_MEET],
	                            q.part[P_FROM]);
	sqlite3_free(q.block);
	sqlite3_stmt *st;
	if (!sql || sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
		sqlite3_free(sql);
		return db_fail(s->db, e, "统计学时");
	}
	sqlite3_free(sql);
	sqlite3_bind_int64(st, 1, member_id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*train2 = sqlite3_column_int(st, 0);
		*meet2 = sqlite3_column_int(st, 1);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : dj_fail(e, DJ_NOTFOUND, NULL, "该党员不存在");
}

void training_member_line(struct session *s, int64_t member_id, int year, char *out, size_t cap)
{
	struct training_rules r;
	struct dj_err e;
	int train2, meet2;
	char done[16], target[16], gap[16];
	training_rules_from(s->cfg, &r);
	if (training_member_hours(s, member_id, year, &train2, &meet2, &e)) {
		snprintf(out, cap, "%d 年学时：无法读取", year);
		return;
	}
	training_format_hours(train2 + meet2, done, sizeof done);
	training_format_hours(r.target2, target, sizeof target);
	training_format_hours(r.target2 - train2 - meet2, gap, sizeof gap);
	snprintf(out, cap, "%d 年学时：%s / %s，%s%s", year, done, target,
	         train2 + meet2 >= r.target2 ? "已达标" : "差 ", train2 + meet2 >= r.target2 ? "" : gap);
}

static const char *const export_head[] = {
	"所在组织", "姓名", "培训学时", "会议学时", "已完成", "目标", "差额",
};

int training_ledger_export(struct session *s, int year, int64_t scope, int short_only,
                           const char *path, FILE *report, int *exported)
{
	struct training_rules r;
	struct ledger_sql q;
	training_rules_from(s->cfg, &r);
	const struct csv_export x = { .what = "学时台账", .headers = export_head, .ncols = 7 };
	sqlite3_stmt *st = NULL;
	if (sql_build(&r, year, short_only, &q) == 0) {
		const char *const *p = q.part;
		char *sql = sqlite3_mprintf("SELECT o.name, m.name, %s, %s, %s, %s, %s FROM %s WHERE %s"
		                            " ORDER BY o.sort_key, o.id, m.name_py, m.id", p[P_TRAIN_T],
		                            p[P_MEET_T], p[P_DONE_T], p[P_TARGET_T], p[P_GAP_T], p[P_FROM],
		                            p[P_WHERE]);
		sqlite3_free(q.block);
		if (sql && sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) == SQLITE_OK)
			sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":scope"), scope_of(s, scope));
		sqlite3_free(sql);
	}
	return csv_export_rows(s->db, st, &x, path, report, exported);
}

int training_export_all(struct session *s, const char *path, FILE *report, int *exported)
{
	char now[11];
	int year = s->cfg && s->cfg->year ? s->cfg->year : atoi(today(now));
	return training_ledger_export(s, year, 0, 0, path, report, exported);
}
