/* round.c — a 述职评议 round: its settings, the organizations it holds
 * (every active 党总支/党支部 under the 组织单位), deleting an empty one,
 * and the list of rounds. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "appraise/internal.h"
#include "core/db.h"
#include "core/db_write.h"
#include "core/json.h"
#include "core/pager.h"
#include "core/text.h"
#include "org/org.h"

void appraise_round_defaults(struct session *s, struct appraise_round *r)
{
	char now[11];
	int year = s->cfg && s->cfg->year ? s->cfg->year : atoi(today(now));
	memset(r, 0, sizeof *r);
	snprintf(r->year, sizeof r->year, "%d", year);
	snprintf(r->name, sizeof r->name, "%d年度党组织书记述职评议", year);
	snprintf(r->starts_on, sizeof r->starts_on, "%d-01-01", year);
	snprintf(r->ends_on, sizeof r->ends_on, "%d-01-31", year);
	snprintf(r->status, sizeof r->status, "进行中");
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, s->scope_org ? "SELECT name FROM org WHERE id = ?1"
	                       : "SELECT name FROM org WHERE parent_id IS NULL AND status = '正常'"
	                         " ORDER BY id LIMIT 1", -1, &st, NULL) != SQLITE_OK)
		return;
	if (s->scope_org)
		sqlite3_bind_int64(st, 1, s->scope_org);
	if (sqlite3_step(st) == SQLITE_ROW)
		db_col_text(st, 0, r->org, sizeof r->org);
	sqlite3_finalize(st);
}

int appraise_round_load(struct session *s, int64_t id, struct appraise_round *r, struct dj_err *e)
{
	sqlite3_stmt *st;
	int rc = db_load_row(s->db, "SELECT r.id, r.version, r.org_id, r.year, r.name, o.name,"
	                     " r.starts_on, r.ends_on, r.status, coalesce(r.notes, ''),"
	                     " (SELECT count(*) FROM appraise_line WHERE round_id = r.id)"
	                     " FROM appraise_round r JOIN org o ON o.id = r.org_id WHERE r.id = ?",
	                     id, &st, "读取述职评议", "该述职评议已不存在（可能已被他人删除）", e);
	if (rc)
		return rc;
	memset(r, 0, sizeof *r);
	r->id = sqlite3_column_int64(st, 0);
	r->version = sqlite3_column_int64(st, 1);
	r->org_id = sqlite3_column_int64(st, 2);
	snprintf(r->year, sizeof r->year, "%d", sqlite3_column_int(st, 3));
	db_col_text(st, 4, r->name, sizeof r->name);
	db_col_text(st, 5, r->org, sizeof r->org);
	db_col_text(st, 6, r->starts_on, sizeof r->starts_on);
	db_col_text(st, 7, r->ends_on, sizeof r->ends_on);
	db_col_text(st, 8, r->status, sizeof r->status);
	db_col_text(st, 9, r->notes, sizeof r->notes);
	r->lines = sqlite3_column_int(st, 10);
	db_done(st);
	return 0;
}

static const char *round_json(const struct appraise_round *r, struct json *j)
{
	json_begin(j);
	json_str(j, "年度", r->year);
	json_str(j, "名称", r->name);
	json_str(j, "组织单位", r->org);
	json_str(j, "开始日期", r->starts_on);
	json_str(j, "述职期限", r->ends_on);
	json_str(j, "状态", r->status);
	json_str(j, "备注", r->notes);
	return json_end(j);
}

static int check_date(char *v, const char *key, const char *label, struct dj_err *e)
{
	char norm[11], why[WHY_MAX];
	if (!*v)
		return dj_fail(e, DJ_INVALID, key, "「%s」不能为空", label);
	if (valid_date(v, norm, why))
		return dj_fail(e, DJ_INVALID, key, "「%s」%s：%s", label, why, v);
	snprintf(v, 11, "%s", norm);
	return 0;
}

static int check_round(struct session *s, struct appraise_round *r, struct dj_err *e)
{
	long y;
	char why[WHY_MAX];
	const struct text_field t[] = { { "name", "名称", r->name, 0 }, { "notes", "备注", r->notes, 1 } };
	if (!*r->year || parse_int(r->year, 1990, 2099, &y, why))
		return dj_fail(e, DJ_INVALID, "year", "「年度」应为 1990 至 2099 的年份：%s", r->year);
	if (!*r->name)
		return dj_fail(e, DJ_INVALID, "name", "「名称」不能为空");
	if (valid_texts(t, 2, e))
		return DJ_INVALID;
	struct org o;
	if (!*r->org)
		return dj_fail(e, DJ_INVALID, "org", "「组织单位」不能为空（按 F4 选择）");
	if (org_find_by_name(s, r->org, &r->org_id) || org_load(s, r->org_id, &o, NULL))
		return dj_fail(e, DJ_INVALID, "org", "「组织单位」%s 不存在（按 F4 选择）", r->org);
	if (strcmp(o.status, "正常") != 0)
		return dj_fail(e, DJ_INVALID, "org", "「组织单位」%s 已撤销", r->org);
	if (check_date(r->starts_on, "starts_on", "开始日期", e) ||
	    check_date(r->ends_on, "ends_on", "述职期限", e))
		return DJ_INVALID;
	if (strcmp(r->starts_on, r->ends_on) > 0)
		return dj_fail(e, DJ_INVALID, "ends_on", "「述职期限」%s 早于开始日期 %s", r->ends_on,
		               r->starts_on);
	if (strcmp(r->status, "进行中") != 0 && strcmp(r->status, "已结束") != 0)
		return dj_fail(e, DJ_INVALID, "status", "「状态」应为 进行中 或 已结束");
	return session_may_write(s, r->org_id, e) ? DJ_DENIED : 0;
}

/* The organizations in the round: active 党总支/党支部 under 组织单位. */
static int write_lines(struct session *s, const struct appraise_round *r, struct dj_err *e)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "INSERT INTO appraise_line(round_id, org_id, secretary,"
	                       " updated_by, updated_at) WITH RECURSIVE sub(id) AS (SELECT ?2"
	                       " UNION ALL SELECT c.id FROM org c JOIN sub ON c.parent_id = sub.id)"
	                       " SELECT ?1, o.id, o.secretary, ?3, " AP_NOW " FROM org o"
	                       " WHERE o.id IN (SELECT id FROM sub) AND o.id <> ?2 AND o.status = '正常'"
	                       " AND o.kind IN ('党总支','党支部') ORDER BY o.sort_key, o.id", -1, &st,
	                       NULL) != SQLITE_OK)
		return db_fail(s->db, e, "确定参加述职评议的组织");
	sqlite3_bind_int64(st, 1, r->id);
	sqlite3_bind_int64(st, 2, r->org_id);
	db_bind_text(st, 3, s->login, 1);
	return db_step_done(s->db, st, "确定参加述职评议的组织", e);
}

static int has_entries(struct session *s, int64_t round_id)
{
	return db_int(s->db, "SELECT count(*) FROM appraise_line WHERE round_id = ? AND (spoke_on"
	              " IS NOT NULL OR coalesce(m_good, m_fair, m_avg, m_poor, p_good, p_fair, p_avg,"
	              " p_poor) IS NOT NULL)", round_id, 0) > 0;
}

static int store_round(struct session *s, struct appraise_round *r, struct dj_err *e)
{
	sqlite3_stmt *st;
	const char *sql = r->id == 0
		? "INSERT INTO appraise_round(year, name, org_id, starts_on, ends_on, status, notes,"
		  " updated_by, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, " AP_NOW ")"
		: "UPDATE appraise_round SET year = ?1, name = ?2, org_id = ?3, starts_on = ?4,"
		  " ends_on = ?5, status = ?6, notes = ?7, updated_by = ?8, updated_at = " AP_NOW ","
		  " version = version + 1 WHERE id = ?9 AND version = ?10";
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "保存述职评议");
	sqlite3_bind_int(st, 1, atoi(r->year));
	db_bind_text(st, 2, r->name, 0);
	sqlite3_bind_int64(st, 3, r->org_id);
	db_bind_text(st, 4, r->starts_on, 0);
	db_bind_text(st, 5, r->ends_on, 0);
	db_bind_text(st, 6, r->status, 0);
	db_bind_text(st, 7, r->notes, 1);
	db_bind_text(st, 8, s->login, 1);
	if (r->id) {
		sqlite3_bind_int64(st, 9, r->id);
		sqlite3_bind_int64(st, 10, r->version);
	}
	int rc = db_step_save(s->db, st, &r->id, &r->version, "保存述职评议", e);
	if (rc && strstr(sqlite3_errmsg(s->db), "UNIQUE"))
		return dj_fail(e, DJ_INVALID, "name", "「名称」%s 年已有同名的述职评议：%s", r->year, r->name);
	return rc;
}

static int save_in_txn(struct session *s, void *rec, struct dj_err *e)
{
	struct appraise_round *r = rec, was;
	int is_new = r->id == 0;
	if (!is_new) {
		if (appraise_round_load(s, r->id, &was, e))
			return e ? e->code : DJ_DB;
		if (was.version != r->version)
			return dj_fail(e, DJ_CONFLICT, NULL, DB_CONFLICT_SAVE);
		if (session_may_write(s, was.org_id, e))
			return DJ_DENIED;
	}
	if (check_round(s, r, e))
		return e ? e->code : DJ_INVALID;
	int moved = !is_new && was.org_id != r->org_id;
	if (moved && has_entries(s, r->id))
		return dj_fail(e, DJ_INVALID, "org", "「组织单位」已有组织述职或评议，不能再改（原为 %s）",
		               was.org);
	if (store_round(s, r, e))
		return e ? e->code : DJ_DB;
	if (moved && db_exec_ids(s->db, "DELETE FROM appraise_line WHERE round_id = ?", &r->id, 1,
	                         "更换组织单位", e))
		return DJ_DB;
	if ((is_new || moved) && write_lines(s, r, e))
		return DJ_DB;
	struct json before = JSON_INIT, after = JSON_INIT;
	int rc = audit_saved(s, "appraise_round", r->id, is_new,
	                     is_new ? NULL : round_json(&was, &before), round_json(r, &after), e);
	json_free(&before);
	json_free(&after);
	return rc;
}

int appraise_round_save(struct session *s, struct appraise_round *r, struct dj_err *e)
{
	struct appraise_round keep = *r;
	utf8_trim(r->year);
	utf8_trim(r->name);
	utf8_trim(r->org);
	utf8_trim(r->starts_on);
	utf8_trim(r->ends_on);
	int rc = db_txn_run(s, "appraise_round", save_in_txn, r, e);
	if (rc) {
		*r = keep;
		return rc;
	}
	return appraise_round_load(s, r->id, r, e);
}

struct del { int64_t id, version; };

static int delete_in_txn(struct session *s, void *rec, struct dj_err *e)
{
	struct del *d = rec;
	struct appraise_round was;
	if (appraise_round_load(s, d->id, &was, e))
		return e ? e->code : DJ_DB;
	if (was.version != d->version)
		return dj_fail(e, DJ_CONFLICT, NULL, DB_CONFLICT_ACT);
	if (session_may_write(s, was.org_id, e))
		return DJ_DENIED;
	if (has_entries(s, d->id))
		return dj_fail(e, DJ_INVALID, NULL, "「%s」已有组织述职或评议，不能删除", was.name);
	if (db_exec_ids(s->db, "DELETE FROM appraise_line WHERE round_id = ?", &d->id, 1, "删除述职评议", e) ||
	    db_exec_ids(s->db, "DELETE FROM appraise_round WHERE id = ?", &d->id, 1, "删除述职评议", e))
		return DJ_DB;
	struct json j = JSON_INIT;
	int rc = audit_write(s, "appraise_round", d->id, "删除", round_json(&was, &j), NULL, e);
	json_free(&j);
	return rc;
}

int appraise_round_delete(struct session *s, int64_t id, int64_t version, struct dj_err *e)
{
	struct del d = { id, version };
	return db_txn_run(s, "appraise_round_delete", delete_in_txn, &d, e);
}

static const struct rs_column round_cols[] = {
	{ "年度", 4, 0, 1, 1 }, { "名称", 24, 1, 0, 1, 40, 1 }, { "组织单位", 16, 1, 0, 1, 30 },
	{ "述职期限", 10, 0, 0, 1 }, { "状态", 6, 0, 0, 1 }, { "已述职", 7, 0, 1, 1 },
};

#define ROUND_SPOKEN "((SELECT count(*) FROM appraise_line l WHERE l.round_id = r.id" \
	" AND l.spoke_on IS NOT NULL) || '/' || (SELECT count(*) FROM appraise_line l" \
	" WHERE l.round_id = r.id))"

static const struct pager_def round_def = {
	.cols = round_cols, .ncols = sizeof round_cols / sizeof *round_cols,
	.cells = { "r.year", "r.name", "o.name", "r.ends_on", "r.status", ROUND_SPOKEN },
	.sort = { "printf('%04d', r.year)", "r.name", "o.name_py || o.name", "r.ends_on", "r.status",
	          ROUND_SPOKEN },
	.id = "r.id", .from = "appraise_round r JOIN org o ON o.id = r.org_id",
	.where = DB_SUBTREE("r.org_id"),
	.find = "r.name LIKE :fc ESCAPE '\\' OR o.name LIKE :fc ESCAPE '\\' OR r.year LIKE :fc",
	.flags = "CASE WHEN r.status = '已结束' THEN 2 ELSE 0 END",
};

struct row_source *appraise_round_source(struct session *s)
{
	struct row_source *rs = pager_new(s->db, &round_def, s->scope_org);
	if (rs)
		rs->set_sort(rs->ctx, 0, 1);
	return rs;
}
