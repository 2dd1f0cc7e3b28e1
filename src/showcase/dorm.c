/* dorm.c — 党员示范寝室: a room (楼栋, 房号) under an organization, with its
 * residents — members, and others by name — of whom at least [showcase]
 * dorm_min_members are 党员 of status 正常.  Saved with its residents as a
 * whole; scope-checked, version-checked, audited. */
#include <stdio.h>
#include <string.h>

#include "core/db.h"
#include "core/db_write.h"
#include "core/json.h"
#include "core/text.h"
#include "showcase/internal.h"

#define SELECT_DORM \
	"SELECT d.id, d.version, d.org_id, o.name, d.building, d.room, d.opened_on, d.note" \
	" FROM showcase_dorm d JOIN org o ON o.id = d.org_id"

static int load_residents(struct session *s, struct showcase_dorm *d, struct dj_err *e)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "SELECT coalesce(r.member_id, 0), coalesce(m.name, r.name)"
	                       " FROM showcase_resident r LEFT JOIN member m ON m.id = r.member_id"
	                       " WHERE r.dorm_id = ? ORDER BY r.id", -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "读取寝室成员");
	sqlite3_bind_int64(st, 1, d->id);
	d->nres = 0;
	while (d->nres < SHOWCASE_MAX_RESIDENTS && sqlite3_step(st) == SQLITE_ROW) {
		d->res[d->nres].member_id = sqlite3_column_int64(st, 0);
		db_col_text(st, 1, d->res[d->nres].name, sizeof d->res[d->nres].name);
		d->nres++;
	}
	sqlite3_finalize(st);
	return 0;
}

int showcase_dorm_load(struct session *s, int64_t id, struct showcase_dorm *d, struct dj_err *e)
{
	sqlite3_stmt *st;
	int rc = db_load_row(s->db, SELECT_DORM " WHERE d.id = ?", id, &st, "读取示范寝室",
	                     "该示范寝室记录已不存在", e);
	if (rc)
		return rc;
	memset(d, 0, sizeof *d);
	d->id = sqlite3_column_int64(st, 0);
	d->version = sqlite3_column_int64(st, 1);
	d->org_id = sqlite3_column_int64(st, 2);
	db_col_text(st, 3, d->org, sizeof d->org);
	db_col_text(st, 4, d->building, sizeof d->building);
	db_col_text(st, 5, d->room, sizeof d->room);
	db_col_text(st, 6, d->opened_on, sizeof d->opened_on);
	db_col_text(st, 7, d->note, sizeof d->note);
	db_done(st);
	return load_residents(s, d, e);
}

static const char *dorm_json(const struct showcase_dorm *d, struct json *j)
{
	char who[SHOWCASE_MAX_RESIDENTS * 66] = "";
	size_t at = 0;
	for (int i = 0; i < d->nres; i++)
		at += (size_t)snprintf(who + at, sizeof who - at, "%s%s%s", i ? "、" : "",
		                       d->res[i].name, d->res[i].member_id ? "" : "（非党员）");
	json_begin(j);
	json_str(j, "所在党组织", d->org);
	json_str(j, "楼栋", d->building);
	json_str(j, "房号", d->room);
	json_str(j, "挂牌日期", d->opened_on);
	json_str(j, "寝室成员", who);
	json_str(j, "备注", d->note);
	return json_end(j);
}

/* Each resident named once; the members exist; enough of them 正常. */
static int check_residents(struct session *s, struct showcase_dorm *d, struct dj_err *e)
{
	int good = 0, min = showcase_dorm_min_members(s);
	if (d->nres < 0 || d->nres > SHOWCASE_MAX_RESIDENTS)
		return dj_fail(e, DJ_INVALID, "residents", "「寝室成员」最多 %d 人",
		               SHOWCASE_MAX_RESIDENTS);
	for (int i = 0; i < d->nres; i++) {
		struct showcase_resident *r = &d->res[i];
		int64_t org;
		char status[16], name[64];
		utf8_trim(r->name);
		if (r->member_id) {
			if (sc_member(s, r->member_id, "residents", &org, status, name, e))
				return DJ_INVALID;
			snprintf(r->name, sizeof r->name, "%s", name);
			good += strcmp(status, "正常") == 0;
		} else if (!*r->name) {
			return dj_fail(e, DJ_INVALID, "residents", "「寝室成员」第 %d 人没有姓名", i + 1);
		}
		const struct text_field t = { "residents", "寝室成员", r->name, 0 };
		if (valid_texts(&t, 1, e))
			return DJ_INVALID;
		for (int k = 0; k < i; k++)
			if (r->member_id ? r->member_id == d->res[k].member_id
			                 : !d->res[k].member_id && strcmp(r->name, d->res[k].name) == 0)
				return dj_fail(e, DJ_INVALID, "residents", "「寝室成员」%s 列了两次", r->name);
	}
	if (good < min)
		return dj_fail(e, DJ_INVALID, "residents", "「寝室成员」中状态正常的党员只有 %d 名，"
		               "示范寝室至少要有 %d 名（dangjian.ini [showcase] dorm_min_members）",
		               good, min);
	return 0;
}

static int check_dorm(struct session *s, struct showcase_dorm *d, struct dj_err *e)
{
	const struct text_field t[] = {
		{ "building", "楼栋", d->building, 0 }, { "room", "房号", d->room, 0 },
		{ "opened_on", "挂牌日期", d->opened_on, 0 }, { "note", "备注", d->note, 1 },
	};
	if (valid_texts(t, sizeof t / sizeof *t, e))
		return DJ_INVALID;
	if (d->org_id <= 0 || db_int(s->db, "SELECT count(*) FROM org WHERE id = ?", d->org_id, 0) == 0)
		return dj_fail(e, DJ_INVALID, "org", "「所在党组织」不能为空：须选择一个党组织");
	if (session_may_write(s, d->org_id, e))
		return DJ_DENIED;
	if (!*d->building)
		return dj_fail(e, DJ_INVALID, "building", "「楼栋」不能为空");
	if (!*d->room)
		return dj_fail(e, DJ_INVALID, "room", "「房号」不能为空");
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "SELECT count(*) FROM showcase_dorm WHERE building = ?"
	                       " AND room = ? AND id <> ?", -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "读取示范寝室");
	db_bind_text(st, 1, d->building, 0);
	db_bind_text(st, 2, d->room, 0);
	sqlite3_bind_int64(st, 3, d->id);
	int twice = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) > 0;
	sqlite3_finalize(st);
	if (twice)
		return dj_fail(e, DJ_INVALID, "room", "「房号」%s %s 已登记为示范寝室", d->building,
		               d->room);
	if (sc_check_date(d->opened_on, "opened_on", "挂牌日期", e))
		return DJ_INVALID;
	return check_residents(s, d, e);
}

static int store_residents(struct session *s, const struct showcase_dorm *d, struct dj_err *e)
{
	if (db_exec_ids(s->db, "DELETE FROM showcase_resident WHERE dorm_id = ?1", &d->id, 1,
	                "保存寝室成员", e))
		return DJ_DB;
	for (int i = 0; i < d->nres; i++) {
		sqlite3_stmt *st;
		if (sqlite3_prepare_v2(s->db, "INSERT INTO showcase_resident(dorm_id, member_id, name)"
		                       " VALUES (?, ?, ?)", -1, &st, NULL) != SQLITE_OK)
			return db_fail(s->db, e, "保存寝室成员");
		sqlite3_bind_int64(st, 1, d->id);
		if (d->res[i].member_id)
			sqlite3_bind_int64(st, 2, d->res[i].member_id);
		db_bind_text(st, 3, d->res[i].name, 0);
		if (db_step_done(s->db, st, "保存寝室成员", e))
			return DJ_DB;
	}
	return 0;
}

static int store_dorm(struct session *s, struct showcase_dorm *d, struct dj_err *e)
{
	sqlite3_stmt *st;
	const char *sql = d->id == 0
		? "INSERT INTO showcase_dorm(org_id, building, room, opened_on, note, updated_by,"
		  " updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, " SHOWCASE_NOW ")"
		: "UPDATE showcase_dorm SET org_id = ?1, building = ?2, room = ?3, opened_on = ?4,"
		  " note = ?5, updated_by = ?6, updated_at = " SHOWCASE_NOW ", version = version + 1"
		  " WHERE id = ?7 AND version = ?8";
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "保存示范寝室");
	sqlite3_bind_int64(st, 1, d->org_id);
	db_bind_text(st, 2, d->building, 0);
	db_bind_text(st, 3, d->room, 0);
	db_bind_text(st, 4, d->opened_on, 0);
	db_bind_text(st, 5, d->note, 0);
	db_bind_text(st, 6, s->login, 1);
	if (d->id) {
		sqlite3_bind_int64(st, 7, d->id);
		sqlite3_bind_int64(st, 8, d->version);
	}
	if (db_step_save(s->db, st, &d->id, &d->version, "保存示范寝室", e))
		return e ? e->code : DJ_DB;
	return store_residents(s, d, e);
}

static int save_in_txn(struct session *s, void *rec, struct dj_err *e)
{
	struct showcase_dorm *d = rec, was;
	int is_new = d->id == 0;
	if (!is_new) {
		if (showcase_dorm_load(s, d->id, &was, e))
			return e ? e->code : DJ_DB;
		if (was.version != d->version)
			return dj_fail(e, DJ_CONFLICT, NULL, DB_CONFLICT_SAVE);
		if (session_may_write(s, was.org_id, e))
			return DJ_DENIED;
	}
	if (check_dorm(s, d, e) || store_dorm(s, d, e))
		return e ? e->code : DJ_INVALID;
	snprintf(d->org, sizeof d->org, "%s", "");
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "SELECT name FROM org WHERE id = ?", -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_int64(st, 1, d->org_id);
		if (sqlite3_step(st) == SQLITE_ROW)
			db_col_text(st, 0, d->org, sizeof d->org);
		sqlite3_finalize(st);
	}
	struct json before = JSON_INIT, after = JSON_INIT;
	int rc = audit_saved(s, "showcase_dorm", d->id, is_new,
	                     is_new ? NULL : dorm_json(&was, &before), dorm_json(d, &after), e);
	json_free(&before);
	json_free(&after);
	return rc;
}

int showcase_dorm_save(struct session *s, struct showcase_dorm *d, struct dj_err *e)
{
	struct showcase_dorm keep = *d;
	utf8_trim(d->building);
	utf8_trim(d->room);
	utf8_trim(d->opened_on);
	int rc = sc_in_txn(s, "showcase_dorm", save_in_txn, d, e);
	if (rc) {
		*d = keep;
		return rc;
	}
	return showcase_dorm_load(s, d->id, d, e);
}
