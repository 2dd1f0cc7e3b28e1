/* visit.c — a liaison's visit to his 联系点 (seed 000 四(二), seed 003's
 * 联系表): who (a row of the liaison table), when, what was done.  And the
 * rule for 未走访: a 联系领导 whose last visit — or, with none, the day he
 * took the 联系点 — lies more than N months back. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/db_write.h"
#include "core/json.h"
#include "core/text.h"
#include "supervise/internal.h"

int sup_visit_load(struct session *s, int64_t id, struct sup_visit *v, struct dj_err *e)
{
	sqlite3_stmt *st;
	int rc = db_load_row(s->db, "SELECT v.id, v.version, v.liaison_id, l.person, l.role, l.org_id,"
	                     " o.name, v.on_date, v.activity, v.note FROM liaison_visit v"
	                     " JOIN liaison l ON l.id = v.liaison_id JOIN org o ON o.id = l.org_id"
	                     " WHERE v.id = ?", id, &st, "读取走访记录", "该走访记录已不存在", e);
	if (rc)
		return rc;
	memset(v, 0, sizeof *v);
	v->id = sqlite3_column_int64(st, 0);
	v->version = sqlite3_column_int64(st, 1);
	v->liaison_id = sqlite3_column_int64(st, 2);
	db_col_text(st, 3, v->person, sizeof v->person);
	db_col_text(st, 4, v->role, sizeof v->role);
	v->org_id = sqlite3_column_int64(st, 5);
	db_col_text(st, 6, v->org, sizeof v->org);
	db_col_text(st, 7, v->on_date, sizeof v->on_date);
	db_col_text(st, 8, v->activity, sizeof v->activity);
	db_col_text(st, 9, v->note, sizeof v->note);
	db_done(st);
	return 0;
}

int sup_liaisons_of(struct session *s, int64_t org_id, const char *on, struct sup_liaison *out,
                    int cap)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "SELECT id, person, role FROM liaison WHERE org_id = ?1"
	                       " AND (from_on IS NULL OR from_on = '' OR from_on <= ?2)"
	                       " AND (to_on IS NULL OR to_on = '' OR to_on >= ?2)"
	                       " ORDER BY role <> '联系领导', id", -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, org_id);
	db_bind_text(st, 2, on, 0);
	int n = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (n < cap) {
			out[n].id = sqlite3_column_int64(st, 0);
			db_col_text(st, 1, out[n].person, sizeof out[n].person);
			db_col_text(st, 2, out[n].role, sizeof out[n].role);
		}
		n++;
	}
	sqlite3_finalize(st);
	return n;
}

/* The liaison as it is on the visit's date: person, role, organization. */
static int check_liaison(struct session *s, struct sup_visit *v, struct dj_err *e)
{
	sqlite3_stmt *st;
	if (v->liaison_id <= 0)
		return dj_fail(e, DJ_INVALID, "person", "「联系人」不能为空：须从联系点现任的联系领导、联系干部中选择");
	if (sqlite3_prepare_v2(s->db, "SELECT l.person, l.role, l.org_id, o.name,"
	                       " coalesce(l.from_on, ''), coalesce(l.to_on, '') FROM liaison l"
	                       " JOIN org o ON o.id = l.org_id WHERE l.id = ?", -1, &st, NULL) !=
	    SQLITE_OK)
		return db_fail(s->db, e, "读取联系人");
	sqlite3_bind_int64(st, 1, v->liaison_id);
	char from[11] = "", to[11] = "";
	int found = sqlite3_step(st) == SQLITE_ROW;
	if (found) {
		db_col_text(st, 0, v->person, sizeof v->person);
		db_col_text(st, 1, v->role, sizeof v->role);
		v->org_id = sqlite3_column_int64(st, 2);
		db_col_text(st, 3, v->org, sizeof v->org);
		db_col_text(st, 4, from, sizeof from);
		db_col_text(st, 5, to, sizeof to);
	}
	sqlite3_finalize(st);
	if (!found)
		return dj_fail(e, DJ_INVALID, "person", "「联系人」所选的联系人已不存在");
	if (session_may_write(s, v->org_id, e))
		return DJ_DENIED;
	if ((*from && strcmp(v->on_date, from) < 0) || (*to && strcmp(v->on_date, to) > 0))
		return dj_fail(e, DJ_INVALID, "on_date", "「走访日期」%s 时 %s 不是 %s 的%s（%s 至 %s）",
		               v->on_date, v->person, v->org, v->role, *from ? from : "…",
		               *to ? to : "今");
	return 0;
}

static int check_visit(struct session *s, struct sup_visit *v, struct dj_err *e)
{
	char acts[SUP_MAX_CHOICES][64];
	int n = sup_activities(s, acts, SUP_MAX_CHOICES);
	const struct text_field t = { "note", "备注", v->note, 1 };
	if (sup_check_date(v->on_date, "on_date", "走访日期", e) || valid_texts(&t, 1, e))
		return DJ_INVALID;
	int rc = check_liaison(s, v, e);
	if (rc)
		return rc;
	if (!*v->activity)
		return dj_fail(e, DJ_INVALID, "activity", "「走访内容」不能为空");
	for (int i = 0; i < n; i++)
		if (strcmp(v->activity, acts[i]) == 0)
			return 0;
	return dj_fail(e, DJ_INVALID, "activity",
	               "「走访内容」「%s」不在 dangjian.ini [liaison] activities 配置的列表中", v->activity);
}

static const char *visit_json(const struct sup_visit *v, struct json *j)
{
	json_begin(j);
	json_str(j, "联系点", v->org);
	json_str(j, "联系人", v->person);
	json_str(j, "走访日期", v->on_date);
	json_str(j, "走访内容", v->activity);
	json_str(j, "备注", v->note);
	return json_end(j);
}

static int store(struct session *s, struct sup_visit *v, struct dj_err *e)
{
	sqlite3_stmt *st;
	const char *sql = v->id == 0
		? "INSERT INTO liaison_visit(liaison_id, on_date, activity, note, updated_by, updated_at)"
		  " VALUES (?1, ?2, ?3, ?4, ?5, " SUP_NOW ")"
		: "UPDATE liaison_visit SET liaison_id = ?1, on_date = ?2, activity = ?3, note = ?4,"
		  " updated_by = ?5, updated_at = " SUP_NOW ", version = version + 1"
		  " WHERE id = ?6 AND version = ?7";
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "保存走访记录");
	sqlite3_bind_int64(st, 1, v->liaison_id);
	db_bind_text(st, 2, v->on_date, 0);
	db_bind_text(st, 3, v->activity, 0);
	db_bind_text(st, 4, v->note, 0);
	db_bind_text(st, 5, s->login, 1);
	if (v->id) {
		sqlite3_bind_int64(st, 6, v->id);
		sqlite3_bind_int64(st, 7, v->version);
	}
	return db_step_save(s->db, st, &v->id, &v->version, "保存走访记录", e);
}

static int save_in_txn(struct session *s, void *rec, struct dj_err *e)
{
	struct sup_visit *v = rec, was;
	int is_new = v->id == 0;
	if (!is_new) {
		if (sup_visit_load(s, v->id, &was, e))
			return e ? e->code : DJ_DB;
		if (was.version != v->version)
			return dj_fail(e, DJ_CONFLICT, NULL, DB_CONFLICT_SAVE);
		if (session_may_write(s, was.org_id, e))
			return DJ_DENIED;
	}
	int rc = check_visit(s, v, e);
	if (rc || (rc = store(s, v, e)))
		return rc;
	struct json before = JSON_INIT, after = JSON_INIT;
	rc = audit_saved(s, "liaison_visit", v->id, is_new, is_new ? NULL : visit_json(&was, &before),
	                 visit_json(v, &after), e);
	json_free(&before);
	json_free(&after);
	return rc;
}

int sup_visit_save(struct session *s, struct sup_visit *v, struct dj_err *e)
{
	struct sup_visit keep = *v;
	utf8_trim(v->on_date);
	utf8_trim(v->activity);
	int rc = db_txn_run(s, "liaison_visit", save_in_txn, v, e);
	if (rc) {
		*v = keep;
		return rc;
	}
	return sup_visit_load(s, v->id, v, e);
}

int sup_liaison_since(struct session *s, int64_t liaison_id, char since[11])
{
	sqlite3_stmt *st;
	since[0] = 0;
	if (sqlite3_prepare_v2(s->db, "SELECT coalesce((SELECT max(on_date) FROM liaison_visit"
	                       " WHERE liaison_id = l.id), nullif(l.from_on, ''), '') FROM liaison l"
	                       " WHERE l.id = ?", -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, liaison_id);
	int rc = sqlite3_step(st) == SQLITE_ROW ? 0 : -1;
	if (!rc)
		db_col_text(st, 0, since, 11);
	sqlite3_finalize(st);
	return rc;
}

void sup_no_visit_cutoff(const struct session *s, const char *today, char out[11])
{
	date_add_months(today, -sup_no_visit_months(s), out);
}

int sup_liaison_org(struct session *s, int64_t liaison_id, int64_t *org_id)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "SELECT org_id FROM liaison WHERE id = ?", -1, &st, NULL) !=
	    SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, liaison_id);
	int rc = sqlite3_step(st) == SQLITE_ROW ? 0 : -1;
	if (!rc)
		*org_id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return rc;
}
