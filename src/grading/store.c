/* store.c — reading a round and one organization's result in it, deleting
 * a round not yet scored, the organizations in it, and the list of rounds.
 * The results' grades and the confirmation (result.c, confirm.c) build on
 * what is read here; nothing here calls them. */
#include <stdio.h>
#include <string.h>

#include "core/db.h"
#include "core/db_write.h"
#include "core/json.h"
#include "core/pager.h"
#include "grading/internal.h"
#include "org/org.h"

static int read_round_row(struct session *s, int64_t id, struct grading_round *r, struct dj_err *e)
{
	sqlite3_stmt *st;
	int rc = db_load_row(s->db,
	        "SELECT r.id, r.version, r.org_id, r.year, coalesce(r.previous_id, 0), r.line1, r.line2,"
	        " r.line3, r.guide_top, r.guide_mid, r.guide_bottom, r.tolerance, r.name, o.name,"
	        " r.status, r.grade1, r.grade2, r.grade3, r.grade4, coalesce(r.rectify_due, ''),"
	        " coalesce(r.published_on, '') FROM grading_round r JOIN org o ON o.id = r.org_id"
	        " WHERE r.id = ?", id, &st, "读取定级", "该定级已不存在（可能已被他人删除）", e);
	if (rc)
		return rc;
	memset(r, 0, sizeof *r);
	r->id = sqlite3_column_int64(st, 0);
	r->version = sqlite3_column_int64(st, 1);
	r->org_id = sqlite3_column_int64(st, 2);
	r->year = sqlite3_column_int(st, 3);
	r->previous_id = sqlite3_column_int64(st, 4);
	for (int i = 0; i < 3; i++)
		r->line[i] = sqlite3_column_int(st, 5 + i);
	for (int i = 0; i < BANDS; i++)
		r->guide[i] = sqlite3_column_int(st, 8 + i);
	r->tolerance = sqlite3_column_int(st, 11);
	db_col_text(st, 12, r->name, sizeof r->name);
	db_col_text(st, 13, r->org, sizeof r->org);
	db_col_text(st, 14, r->status, sizeof r->status);
	for (int i = 0; i < GRADING_GRADES; i++)
		db_col_text(st, 15 + i, r->grade[i], sizeof r->grade[i]);
	db_col_text(st, 19, r->rectify_due, sizeof r->rectify_due);
	db_col_text(st, 20, r->published_on, sizeof r->published_on);
	db_done(st);
	return 0;
}

static int read_lists(struct session *s, struct grading_round *r, struct dj_err *e)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db,
	        "SELECT 0, id, name, max_score FROM grading_indicator WHERE round_id = ?1"
	        " UNION ALL SELECT 1, id, name, weight FROM grading_source WHERE round_id = ?1"
	        " ORDER BY 1, 2", -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "读取评分指标");
	sqlite3_bind_int64(st, 1, r->id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (sqlite3_column_int(st, 0) == 0 && r->nind < GRADING_MAX_IND) {
			struct grading_indicator *d = &r->ind[r->nind++];
			d->id = sqlite3_column_int64(st, 1);
			db_col_text(st, 2, d->name, sizeof d->name);
			d->max = sqlite3_column_int(st, 3);
		} else if (sqlite3_column_int(st, 0) == 1 && r->nsrc < GRADING_MAX_SRC) {
			struct grading_source *d = &r->src[r->nsrc++];
			d->id = sqlite3_column_int64(st, 1);
			db_col_text(st, 2, d->name, sizeof d->name);
			d->weight = sqlite3_column_int(st, 3);
		}
	}
	sqlite3_finalize(st);
	return 0;
}

/* A round not yet confirmed compares with the latest earlier confirmed
 * round of the same 组织单位; a confirmed one keeps what it was compared with. */
static void find_previous(struct session *s, struct grading_round *r)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db,
	        r->previous_id ? "SELECT id, name FROM grading_round WHERE id = ?4"
	                       : "SELECT id, name FROM grading_round WHERE org_id = ?1 AND status = '已确认'"
	                         " AND (year < ?2 OR (year = ?2 AND id < ?3)) ORDER BY year DESC, id DESC"
	                         " LIMIT 1", -1, &st, NULL) != SQLITE_OK)
		return;
	if (r->previous_id) {
		sqlite3_bind_int64(st, 4, r->previous_id);
	} else {
		sqlite3_bind_int64(st, 1, r->org_id);
		sqlite3_bind_int(st, 2, r->year);
		sqlite3_bind_int64(st, 3, r->id);
	}
	if (sqlite3_step(st) == SQLITE_ROW) {
		r->previous_id = sqlite3_column_int64(st, 0);
		db_col_text(st, 1, r->previous, sizeof r->previous);
	}
	sqlite3_finalize(st);
}

int grading_round_load(struct session *s, int64_t id, struct grading_round *r, struct dj_err *e)
{
	if (read_round_row(s, id, r, e) || read_lists(s, r, e))
		return e ? e->code : DJ_DB;
	find_previous(s, r);
	return 0;
}

const char *grading_word(const struct grading_round *r, int rank)
{
	return rank >= 1 && rank <= GRADING_GRADES ? r->grade[rank - 1] : "";
}

int grading_grade_in(struct session *s, int64_t round_id, int64_t org_id)
{
	sqlite3_stmt *st;
	int g = 0;
	if (sqlite3_prepare_v2(s->db, "SELECT coalesce(grade, suggested, 0) FROM grading_result"
	                       " WHERE round_id = ? AND org_id = ?", -1, &st, NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_int64(st, 1, round_id);
	sqlite3_bind_int64(st, 2, org_id);
	if (sqlite3_step(st) == SQLITE_ROW)
		g = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return g;
}

int grading_source_sum(struct session *s, int64_t result_id, int64_t source_id)
{
	sqlite3_stmt *st;
	int v = GRADING_NONE;
	if (sqlite3_prepare_v2(s->db, "SELECT sum(score) FROM grading_score WHERE result_id = ?"
	                       " AND source_id = ?", -1, &st, NULL) != SQLITE_OK)
		return v;
	sqlite3_bind_int64(st, 1, result_id);
	sqlite3_bind_int64(st, 2, source_id);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* ---- deleting a round ---- */

void grading_summary(struct session *s, int64_t round_id, char *out, size_t cap)
{
	struct grading_round r;
	struct dj_err e;
	if (grading_round_load(s, round_id, &r, &e)) {
		snprintf(out, cap, "%s", e.msg);
		return;
	}
	long orgs = (long)db_int(s->db, "SELECT count(*) FROM grading_result WHERE round_id = ?",
	                         round_id, 0);
	long graded = (long)db_int(s->db, "SELECT count(*) FROM grading_result WHERE round_id = ?"
	                           " AND coalesce(grade, suggested) IS NOT NULL", round_id, 0);
	if (strcmp(r.status, "已确认") == 0)
		snprintf(out, cap, "%s｜已确认，%s 公布｜%ld 个组织", r.name, r.published_on, orgs);
	else
		snprintf(out, cap, "%s｜%s｜%ld 个组织，已有等次 %ld 个", r.name, r.status, orgs, graded);
}

int grading_result_load(struct session *s, int64_t result_id, struct grading_result *res,
                        struct dj_err *e)
{
	sqlite3_stmt *st;
	int rc = db_load_row(s->db,
	        "SELECT x.id, x.version, x.round_id, x.org_id, coalesce(x.total, -1),"
	        " coalesce(x.suggested, 0), coalesce(x.grade, 0), coalesce(x.previous_grade, 0),"
	        " o.name, o.category, coalesce(x.reason, '')"
	        " FROM grading_result x JOIN org o ON o.id = x.org_id WHERE x.id = ?", result_id, &st,
	        "读取定级结果", "该组织已不在本轮定级中", e);
	if (rc)
		return rc;
	memset(res, 0, sizeof *res);
	res->id = sqlite3_column_int64(st, 0);
	res->version = sqlite3_column_int64(st, 1);
	res->round_id = sqlite3_column_int64(st, 2);
	res->org_id = sqlite3_column_int64(st, 3);
	res->total = sqlite3_column_int(st, 4);
	res->suggested = sqlite3_column_int(st, 5);
	res->grade = sqlite3_column_int(st, 6);
	res->previous = sqlite3_column_int(st, 7);
	db_col_text(st, 8, res->org, sizeof res->org);
	db_col_text(st, 9, res->category, sizeof res->category);
	db_col_text(st, 10, res->reason, sizeof res->reason);
	db_done(st);
	struct grading_round r;
	if (grading_round_load(s, res->round_id, &r, e))
		return e ? e->code : DJ_DB;
	for (int i = 0; i < GRADING_MAX_SRC; i++)
		res->source_total[i] = i < r.nsrc ? grading_source_sum(s, res->id, r.src[i].id)
		                                  : GRADING_NONE;
	if (strcmp(r.status, "已确认") != 0 && r.previous_id)
		res->previous = grading_grade_in(s, r.previous_id, res->org_id);
	return 0;
}

static int delete_in_txn(struct session *s, int64_t id, int64_t version, struct dj_err *e)
{
	struct grading_round r;
	if (grading_round_load(s, id, &r, e))
		return e ? e->code : DJ_DB;
	if (r.version != version)
		return dj_fail(e, DJ_CONFLICT, NULL, DB_CONFLICT_SAVE);
	if (strcmp(r.status, "设置中") != 0)
		return dj_fail(e, DJ_INVALID, NULL, "「%s」已%s，不能删除", r.name,
		               strcmp(r.status, "已确认") == 0 ? "确认定级" : "开始评分");
	if (session_may_write(s, r.org_id, e))
		return DJ_DENIED;
	static const char *const sql[] = {
		"DELETE FROM grading_result WHERE round_id = ?",
		"DELETE FROM grading_indicator WHERE round_id = ?",
		"DELETE FROM grading_source WHERE round_id = ?",
		"DELETE FROM grading_round WHERE id = ?",
	};
	for (int i = 0; i < 4; i++)
		if (db_exec_ids(s->db, sql[i], &id, 1, "删除定级", e))
			return DJ_DB;
	struct json before = JSON_INIT;   /* r, loaded before the delete */
	json_begin(&before);
	json_int(&before, "年度", r.year);
	json_str(&before, "定级名称", r.name);
	json_str(&before, "组织单位", r.org);
	int rc = audit_write(s, "grading_round", id, "删除", json_end(&before), NULL, e);
	json_free(&before);
	return rc;
}

int grading_round_delete(struct session *s, int64_t id, int64_t version, struct dj_err *e)
{
	struct db_txn t;
	if (db_txn_begin(&t, s->db, db_in_txn(s->db), NULL, e))
		return DJ_DB;
	return db_txn_end(&t, delete_in_txn(s, id, version, e), e);
}

/* ---- the organizations in a round ---- */

static const char *member_json(const char *round, const char *org, struct json *j)
{
	json_begin(j);
	json_str(j, "定级名称", round);
	json_str(j, "党组织", org);
	return json_end(j);
}

static int add_in_txn(struct session *s, int64_t round_id, const char *org_name, struct dj_err *e)
{
	struct grading_round r;
	struct org o;
	int64_t org_id;
	if (grading_round_load(s, round_id, &r, e))
		return e ? e->code : DJ_DB;
	if (strcmp(r.status, "已确认") == 0)
		return dj_fail(e, DJ_INVALID, NULL, "本轮已确认定级，不能再加入组织");
	if (!org_name || !*org_name || org_find_by_name(s, org_name, &org_id) ||
	    org_load(s, org_id, &o, NULL))
		return dj_fail(e, DJ_INVALID, "org", "党组织「%s」不存在（按 F4 选择）",
		               org_name ? org_name : "");
	if (strcmp(o.status, "正常") != 0)
		return dj_fail(e, DJ_INVALID, "org", "「%s」已撤销，不能参加定级", o.name);
	if (strcmp(o.kind, "党总支") != 0 && strcmp(o.kind, "党支部") != 0)
		return dj_fail(e, DJ_INVALID, "org", "只有党总支和党支部参加分类定级，「%s」是%s", o.name,
		               o.kind);
	if (session_may_write(s, org_id, e))
		return DJ_DENIED;
	int64_t ids[2] = { round_id, org_id };
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "INSERT INTO grading_result(round_id, org_id, updated_by)"
	                       " VALUES (?1, ?2, ?3)", -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "加入定级");
	sqlite3_bind_int64(st, 1, ids[0]);
	sqlite3_bind_int64(st, 2, ids[1]);
	sqlite3_bind_text(st, 3, s->login, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if ((rc & 0xff) == SQLITE_CONSTRAINT)
		return dj_fail(e, DJ_INVALID, "org", "「%s」已在本轮定级中", o.name);
	if (rc != SQLITE_DONE)
		return db_fail(s->db, e, "加入定级");
	struct json after = JSON_INIT;
	rc = audit_write(s, "grading_result", sqlite3_last_insert_rowid(s->db), "加入定级", NULL,
	                 member_json(r.name, o.name, &after), e);
	json_free(&after);
	return rc;
}

int grading_round_add_org(struct session *s, int64_t round_id, const char *org_name,
                          struct dj_err *e)
{
	struct db_txn t;
	if (db_txn_begin(&t, s->db, db_in_txn(s->db), NULL, e))
		return DJ_DB;
	return db_txn_end(&t, add_in_txn(s, round_id, org_name, e), e);
}

static int remove_in_txn(struct session *s, int64_t result_id, struct dj_err *e)
{
	struct grading_result res;
	struct grading_round r;
	if (grading_result_load(s, result_id, &res, e) || grading_round_load(s, res.round_id, &r, e))
		return e ? e->code : DJ_DB;
	if (strcmp(r.status, "已确认") == 0)
		return dj_fail(e, DJ_INVALID, NULL, "本轮已确认定级，不能移出组织");
	if (db_int(s->db, "SELECT count(*) FROM grading_score WHERE result_id = ?", result_id, 0) > 0)
		return dj_fail(e, DJ_INVALID, NULL, "「%s」已有评分，不能移出（先在评分表中清除其评分）",
		               res.org);
	if (session_may_write(s, res.org_id, e))
		return DJ_DENIED;
	if (db_exec_ids(s->db, "DELETE FROM grading_result WHERE id = ?", &result_id, 1, "移出定级", e))
		return DJ_DB;
	struct json before = JSON_INIT;
	int rc = audit_write(s, "grading_result", result_id, "移出定级",
	                     member_json(r.name, res.org, &before), NULL, e);
	json_free(&before);
	return rc;
}

int grading_round_remove_org(struct session *s, int64_t result_id, struct dj_err *e)
{
	struct db_txn t;
	if (db_txn_begin(&t, s->db, db_in_txn(s->db), NULL, e))
		return DJ_DB;
	return db_txn_end(&t, remove_in_txn(s, result_id, e), e);
}

/* ---- the list of rounds ---- */

#define ROUND_IN_SCOPE "(:scope = 0 OR r.org_id IN (WITH RECURSIVE sub(id) AS (SELECT :scope" \
	" UNION ALL SELECT c.id FROM org c JOIN sub ON c.parent_id = sub.id) SELECT id FROM sub))"
#define ROUND_ORGS "(SELECT count(*) FROM grading_result x WHERE x.round_id = r.id)"
/* Newest first in the ascending order the grid starts with. */
#define ROUND_NEWEST "printf('%04d%012d', 9999 - r.year, 999999999999 - r.id)"

static const struct rs_column round_cols[] = {
	{ "年度", 4, 0, 0, 1 }, { "定级名称", 30, 1, 0, 1 }, { "组织单位", 16, 1, 0, 1 },
	{ "状态", 6, 0, 0, 1 }, { "组织数", 6, 0, 1, 1 }, { "公布日期", 10, 0, 0, 1 },
};

static const struct pager_def round_def = {
	.cols = round_cols,
	.ncols = 6,
	.cells = { "CAST(r.year AS TEXT)", "r.name", "o.name", "r.status", "CAST(" ROUND_ORGS " AS TEXT)",
	           "coalesce(r.published_on, '')" },
	.sort = { ROUND_NEWEST, "r.name", "o.sort_key", "r.status",
	          "printf('%06d', " ROUND_ORGS ")", "coalesce(r.published_on, '')" },
	.id = "r.id",
	.from = "grading_round r JOIN org o ON o.id = r.org_id",
	.where = ROUND_IN_SCOPE,
	.find = "r.name LIKE :fc ESCAPE '\\' OR o.name LIKE :fc ESCAPE '\\' OR"
	        " CAST(r.year AS TEXT) LIKE :fc ESCAPE '\\' OR o.name_py LIKE :fp ESCAPE '\\'",
	.default_sort = 0,
};

struct row_source *grading_round_list_source(struct session *s)
{
	return pager_new(s->db, &round_def, s->scope_org);
}
