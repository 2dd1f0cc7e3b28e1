/* round.c — a 民主评议党员 round: its organization, date and 民主评议
 * meeting, the members it holds (every member in good standing, as the
 * sign-in sheet lists them), deleting an empty one, and the ledger. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/db_write.h"
#include "core/json.h"
#include "core/pager.h"
#include "core/text.h"
#include "evaluate/internal.h"
#include "org/org.h"

int ev_check_date(char *v, int required, const char *key, const char *label, struct dj_err *e)
{
	char norm[11], why[WHY_MAX], now[11];
	if (!*v)
		return required ? dj_fail(e, DJ_INVALID, key, "「%s」不能为空", label) : 0;
	if (valid_date(v, norm, why))
		return dj_fail(e, DJ_INVALID, key, "「%s」%s：%s", label, why, v);
	if (strcmp(norm, today(now)) > 0)
		return dj_fail(e, DJ_INVALID, key, "「%s」%s 在今天之后", label, norm);
	snprintf(v, 11, "%s", norm);
	return 0;
}

void evaluate_round_defaults(struct session *s, struct eval_round *r)
{
	char now[11];
	memset(r, 0, sizeof *r);
	today(now);
	snprintf(r->year, sizeof r->year, "%d", s->cfg && s->cfg->year ? s->cfg->year : atoi(now));
	snprintf(r->held_on, sizeof r->held_on, "%s", now);
	sqlite3_stmt *st;
	if (!s->scope_org ||
	    sqlite3_prepare_v2(s->db, "SELECT name FROM org WHERE id = ?", -1, &st, NULL) != SQLITE_OK)
		return;
	sqlite3_bind_int64(st, 1, s->scope_org);
	if (sqlite3_step(st) == SQLITE_ROW)
		db_col_text(st, 0, r->org, sizeof r->org);
	sqlite3_finalize(st);
}

#define ROUND_SQL "SELECT r.id, r.version, r.org_id, coalesce(r.meeting_id, 0), r.year, o.name," \
	" r.held_on, coalesce(m.date, ''), coalesce(r.notes, '') FROM eval_round r" \
	" JOIN org o ON o.id = r.org_id LEFT JOIN meeting m ON m.id = r.meeting_id WHERE r.id = ?"

int evaluate_round_load(struct session *s, int64_t id, struct eval_round *r, struct dj_err *e)
{
	sqlite3_stmt *st;
	int rc = db_load_row(s->db, ROUND_SQL, id, &st, "读取民主评议",
	                     "该民主评议已不存在（可能已被他人删除）", e);
	if (rc)
		return rc;
	memset(r, 0, sizeof *r);
	r->id = sqlite3_column_int64(st, 0);
	r->version = sqlite3_column_int64(st, 1);
	r->org_id = sqlite3_column_int64(st, 2);
	r->meeting_id = sqlite3_column_int64(st, 3);
	snprintf(r->year, sizeof r->year, "%d", sqlite3_column_int(st, 4));
	db_col_text(st, 5, r->org, sizeof r->org);
	db_col_text(st, 6, r->held_on, sizeof r->held_on);
	db_col_text(st, 7, r->meeting, sizeof r->meeting);
	db_col_text(st, 8, r->notes, sizeof r->notes);
	db_done(st);
	struct eval_line *rows;
	int n;
	if (evaluate_lines_load(s, r->id, &rows, &n, e))
		return e ? e->code : DJ_DB;
	evaluate_count(rows, n, &r->c);
	free(rows);
	return 0;
}

static const char *round_json(const struct eval_round *r, struct json *j)
{
	json_begin(j);
	json_str(j, "年度", r->year);
	json_str(j, "组织", r->org);
	json_str(j, "评议日期", r->held_on);
	json_str(j, "会议", r->meeting);
	json_str(j, "备注", r->notes);
	return json_end(j);
}

/* 会议: the organization's 民主评议 meeting on that date. */
static int check_meeting(struct session *s, struct eval_round *r, struct dj_err *e)
{
	char norm[11], why[WHY_MAX];
	r->meeting_id = 0;
	if (!*r->meeting)
		return 0;
	if (valid_date(r->meeting, norm, why))
		return dj_fail(e, DJ_INVALID, "meeting", "「会议」应为民主评议会议的日期（按 F4 选择）：%s",
		               r->meeting);
	snprintf(r->meeting, sizeof r->meeting, "%s", norm);
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "SELECT id FROM meeting WHERE org_id = ? AND type = '民主评议'"
	                       " AND date = ? ORDER BY id LIMIT 1", -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "读取会议");
	sqlite3_bind_int64(st, 1, r->org_id);
	db_bind_text(st, 2, r->meeting, 0);
	if (sqlite3_step(st) == SQLITE_ROW)
		r->meeting_id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (!r->meeting_id)
		return dj_fail(e, DJ_INVALID, "meeting", "「会议」%s 在 %s 没有民主评议会议，请先在三会一课中"
		               "登记（按 F4 选择）", r->org, r->meeting);
	return 0;
}

static int check_round(struct session *s, struct eval_round *r, struct dj_err *e)
{
	long y;
	char why[WHY_MAX];
	const struct text_field t[] = { { "notes", "备注", r->notes, 1 } };
	if (!*r->year || parse_int(r->year, 1990, 2099, &y, why))
		return dj_fail(e, DJ_INVALID, "year", "「年度」应为 1990 至 2099 的年份：%s", r->year);
	struct org o;
	if (!*r->org)
		return dj_fail(e, DJ_INVALID, "org", "「组织」不能为空（按 F4 选择）");
	if (org_find_by_name(s, r->org, &r->org_id) || org_load(s, r->org_id, &o, NULL))
		return dj_fail(e, DJ_INVALID, "org", "「组织」%s 不存在（按 F4 选择）", r->org);
	if (strcmp(o.status, "正常") != 0)
		return dj_fail(e, DJ_INVALID, "org", "「组织」%s 已撤销", r->org);
	if (ev_check_date(r->held_on, 1, "held_on", "评议日期", e))
		return DJ_INVALID;
	if (atoi(r->held_on) < (int)y)
		return dj_fail(e, DJ_INVALID, "held_on", "「评议日期」%s 在 %ld 年之前", r->held_on, y);
	if (valid_texts(t, 1, e) || check_meeting(s, r, e))
		return e ? e->code : DJ_INVALID;
	return session_may_write(s, r->org_id, e) ? DJ_DENIED : 0;
}

/* Every member in good standing under the organization, by branch or by
 * 党小组, as the sign-in sheet takes them, who is not in the round yet. */
static int write_lines(struct session *s, const struct eval_round *r, struct dj_err *e)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "INSERT INTO eval_line(round_id, member_id, updated_by,"
	                       " updated_at) WITH RECURSIVE sub(id) AS (SELECT ?2 UNION ALL"
	                       " SELECT c.id FROM org c JOIN sub ON c.parent_id = sub.id)"
	                       " SELECT ?1, mb.id, ?3, " EV_NOW " FROM member mb WHERE mb.status = '正常'"
	                       " AND (mb.org_id IN (SELECT id FROM sub) OR mb.group_id IN (SELECT id FROM sub))"
	                       " AND NOT EXISTS (SELECT 1 FROM eval_line x WHERE x.round_id = ?1"
	                       " AND x.member_id = mb.id)",
	                       -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "列入参加评议的党员");
	sqlite3_bind_int64(st, 1, r->id);
	sqlite3_bind_int64(st, 2, r->org_id);
	db_bind_text(st, 3, s->login, 1);
	return db_step_done(s->db, st, "列入参加评议的党员", e);
}

static int add_in_txn(struct session *s, const struct eval_round *r, int *added, struct dj_err *e)
{
	if (session_may_write(s, r->org_id, e))
		return DJ_DENIED;
	if (write_lines(s, r, e))
		return DJ_DB;
	*added = sqlite3_changes(s->db);
	if (*added == 0)
		return 0;
	struct json j = JSON_INIT;
	json_begin(&j);
	json_str(&j, "组织", r->org);
	json_int(&j, "补列党员", *added);
	int rc = audit_write(s, "eval_round", r->id, "修改", NULL, json_end(&j), e);
	json_free(&j);
	return rc;
}

int evaluate_round_add_members(struct session *s, int64_t id, int *added, struct dj_err *e)
{
	struct eval_round r;
	struct db_txn t;
	*added = 0;
	int rc = evaluate_round_load(s, id, &r, e);
	if (rc == 0 && (rc = db_txn_begin(&t, s->db, db_in_txn(s->db), "eval_round_add", e)) == 0)
		rc = db_txn_end(&t, add_in_txn(s, &r, added, e), e);
	if (rc)
		*added = 0;
	return rc;
}

static int decided(struct session *s, int64_t round_id)
{
	return db_int(s->db, "SELECT count(*) FROM eval_line WHERE round_id = ? AND (result IS NOT NULL"
	              " OR coalesce(v1, v2, v3, v4) IS NOT NULL OR self_note IS NOT NULL)", round_id, 0) > 0;
}

static int store_round(struct session *s, struct eval_round *r, struct dj_err *e)
{
	sqlite3_stmt *st;
	const char *sql = r->id == 0
		? "INSERT INTO eval_round(year, org_id, held_on, meeting_id, notes, updated_by, updated_at)"
		  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, " EV_NOW ")"
		: "UPDATE eval_round SET year = ?1, org_id = ?2, held_on = ?3, meeting_id = ?4, notes = ?5,"
		  " updated_by = ?6, updated_at = " EV_NOW ", version = version + 1"
		  " WHERE id = ?7 AND version = ?8";
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "保存民主评议");
	sqlite3_bind_int(st, 1, atoi(r->year));
	sqlite3_bind_int64(st, 2, r->org_id);
	db_bind_text(st, 3, r->held_on, 0);
	if (r->meeting_id)
		sqlite3_bind_int64(st, 4, r->meeting_id);
	else
		sqlite3_bind_null(st, 4);
	db_bind_text(st, 5, r->notes, 1);
	db_bind_text(st, 6, s->login, 1);
	if (r->id) {
		sqlite3_bind_int64(st, 7, r->id);
		sqlite3_bind_int64(st, 8, r->version);
	}
	int rc = db_step_save(s->db, st, &r->id, &r->version, "保存民主评议", e);
	if (rc && strstr(sqlite3_errmsg(s->db), "UNIQUE"))
		return dj_fail(e, DJ_INVALID, "year", "「年度」%s 年 %s 已有民主评议党员", r->year, r->org);
	return rc;
}

static int save_in_txn(struct session *s, struct eval_round *r, struct dj_err *e)
{
	struct eval_round was;
	int is_new = r->id == 0;
	if (!is_new) {
		if (evaluate_round_load(s, r->id, &was, e))
			return e ? e->code : DJ_DB;
		if (was.version != r->version)
			return dj_fail(e, DJ_CONFLICT, NULL, DB_CONFLICT_SAVE);
		if (session_may_write(s, was.org_id, e))
			return DJ_DENIED;
	}
	if (check_round(s, r, e))
		return e ? e->code : DJ_INVALID;
	int moved = !is_new && was.org_id != r->org_id;
	if (moved && decided(s, r->id))
		return dj_fail(e, DJ_INVALID, "org", "「组织」已有党员的评议记录，不能再改（原为 %s）", was.org);
	if (store_round(s, r, e))
		return e ? e->code : DJ_DB;
	if (moved && db_exec_ids(s->db, "DELETE FROM eval_line WHERE round_id = ?", &r->id, 1,
	                         "更换组织", e))
		return DJ_DB;
	if ((is_new || moved) && write_lines(s, r, e))
		return DJ_DB;
	struct json before = JSON_INIT, after = JSON_INIT;
	int rc = audit_saved(s, "eval_round", r->id, is_new, is_new ? NULL : round_json(&was, &before),
	                     round_json(r, &after), e);
	json_free(&before);
	json_free(&after);
	return rc;
}

int evaluate_round_save(struct session *s, struct eval_round *r, struct dj_err *e)
{
	struct eval_round keep = *r;
	struct db_txn t;
	utf8_trim(r->year);
	utf8_trim(r->org);
	utf8_trim(r->held_on);
	utf8_trim(r->meeting);
	int rc = db_txn_begin(&t, s->db, db_in_txn(s->db), "eval_round", e);
	if (rc == 0)
		rc = db_txn_end(&t, save_in_txn(s, r, e), e);
	if (rc) {
		*r = keep;
		return rc;
	}
	return evaluate_round_load(s, r->id, r, e);
}

static int delete_in_txn(struct session *s, int64_t id, int64_t version, struct dj_err *e)
{
	struct eval_round was;
	if (evaluate_round_load(s, id, &was, e))
		return e ? e->code : DJ_DB;
	if (was.version != version)
		return dj_fail(e, DJ_CONFLICT, NULL, DB_CONFLICT_ACT);
	if (session_may_write(s, was.org_id, e))
		return DJ_DENIED;
	if (decided(s, id))
		return dj_fail(e, DJ_INVALID, NULL, "%s 年 %s 的民主评议已有评议记录，不能删除", was.year,
		               was.org);
	if (db_exec_ids(s->db, "DELETE FROM eval_line WHERE round_id = ?", &id, 1, "删除民主评议", e) ||
	    db_exec_ids(s->db, "DELETE FROM eval_round WHERE id = ?", &id, 1, "删除民主评议", e))
		return DJ_DB;
	struct json j = JSON_INIT;
	int rc = audit_write(s, "eval_round", id, "删除", round_json(&was, &j), NULL, e);
	json_free(&j);
	return rc;
}

int evaluate_round_delete(struct session *s, int64_t id, int64_t version, struct dj_err *e)
{
	struct db_txn t;
	int rc = db_txn_begin(&t, s->db, db_in_txn(s->db), "eval_round_delete", e);
	return rc ? rc : db_txn_end(&t, delete_in_txn(s, id, version, e), e);
}

/* ---- the ledger ---- */

#define RESULT_COUNT(k) "(SELECT count(*) FROM eval_line l WHERE l.round_id = r.id AND l.result = " #k ")"

static struct rs_column round_cols[] = {
	{ "年度", 4, 0, 1, 1 }, { "组织", 18, 1, 0, 1, 40, 1 }, { "评议日期", 10, 0, 0, 1 },
	{ "会议", 10, 0, 0, 1 }, { "参评", 4, 0, 1, 0 }, { "", 4, 0, 1, 0 }, { "", 4, 0, 1, 0 },
	{ "", 4, 0, 1, 0 }, { "", 4, 0, 1, 0 },
};

static const struct pager_def round_def = {
	.cols = round_cols, .ncols = sizeof round_cols / sizeof *round_cols,
	.cells = { "r.year", "o.name", "r.held_on", "coalesce(m.date, '—')",
	           "(SELECT count(*) FROM eval_line l WHERE l.round_id = r.id)", RESULT_COUNT(1),
	           RESULT_COUNT(2), RESULT_COUNT(3), RESULT_COUNT(4) },
	.sort = { "printf('%04d', r.year)", "o.name_py || o.name", "r.held_on", "coalesce(m.date, '')" },
	.id = "r.id",
	.from = "eval_round r JOIN org o ON o.id = r.org_id LEFT JOIN meeting m ON m.id = r.meeting_id",
	.where = DB_SUBTREE("r.org_id"),
	.find = "o.name LIKE :fc ESCAPE '\\' OR r.year LIKE :fc OR o.name_py LIKE :fp",
	.flags = "CASE WHEN " RESULT_COUNT(4) " > 0 THEN 1 ELSE 0 END",
};

struct row_source *evaluate_round_source(struct session *s)
{
	/* the result columns are headed by the words of [evaluate] results;
	 * their width fits the longest */
	static char heads[4][32];
	struct eval_words w;
	evaluate_words_from(s->cfg, &w);
	for (int k = 0; k < 4; k++) {
		snprintf(heads[k], sizeof heads[k], "%s", w.w[k + 1]);
		round_cols[5 + k].title = heads[k];
		int cols = utf8_cols(heads[k]);
		round_cols[5 + k].width = cols > 4 ? cols : 4;
	}
	struct row_source *rs = pager_new(s->db, &round_def, s->scope_org);
	if (rs)
		rs->set_sort(rs->ctx, 0, 1);
	return rs;
}

static const struct rs_column meeting_cols[] = {
	{ "日期", 10, 0, 0, 1 }, { "主题", 40, 1, 0, 1, 60, 1 },
};

/* :scope carries the organization's id: the pager binds nothing else. */
static const struct pager_def meeting_def = {
	.cols = meeting_cols, .ncols = 2,
	.cells = { "m.date", "coalesce(m.topic, '')" },
	.sort = { "m.date", "coalesce(m.topic, '')" },
	.id = "m.id", .from = "meeting m", .where = "m.org_id = :scope AND m.type = '民主评议'",
	.find = "m.date LIKE :fc OR m.topic LIKE :fc ESCAPE '\\'",
};

struct row_source *evaluate_meeting_source(struct session *s, int64_t org_id)
{
	struct row_source *rs = pager_new(s->db, &meeting_def, org_id);
	if (rs)
		rs->set_sort(rs->ctx, 0, 1);
	return rs;
}
