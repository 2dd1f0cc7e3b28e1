/* point.c — 党建示范点: an organization named a 示范点 of a configured level
 * ([showcase] point_levels: 党总支示范点, 党支部示范点 by default — seed 000
 * asks for one of each), with one check a year. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/db_write.h"
#include "core/json.h"
#include "core/text.h"
#include "showcase/internal.h"

int showcase_point_load(struct session *s, int64_t id, struct showcase_point *p,
                        struct dj_err *e)
{
	sqlite3_stmt *st;
	int rc = db_load_row(s->db, "SELECT p.id, p.version, p.org_id, o.name, p.level, p.opened_on,"
	                     " p.note FROM showcase_point p JOIN org o ON o.id = p.org_id"
	                     " WHERE p.id = ?", id, &st, "读取示范点", "该示范点记录已不存在", e);
	if (rc)
		return rc;
	memset(p, 0, sizeof *p);
	p->id = sqlite3_column_int64(st, 0);
	p->version = sqlite3_column_int64(st, 1);
	p->org_id = sqlite3_column_int64(st, 2);
	db_col_text(st, 3, p->org, sizeof p->org);
	db_col_text(st, 4, p->level, sizeof p->level);
	db_col_text(st, 5, p->opened_on, sizeof p->opened_on);
	db_col_text(st, 6, p->note, sizeof p->note);
	db_done(st);
	return 0;
}

static const char *point_json(const struct showcase_point *p, struct json *j)
{
	json_begin(j);
	json_str(j, "党组织", p->org);
	json_str(j, "示范点级别", p->level);
	json_str(j, "确定日期", p->opened_on);
	json_str(j, "备注", p->note);
	return json_end(j);
}

static int check_point(struct session *s, struct showcase_point *p, struct dj_err *e)
{
	char levels[SHOWCASE_MAX_CHOICES][64];
	int nl = showcase_point_levels(s, levels, SHOWCASE_MAX_CHOICES);
	const struct text_field t[] = { { "level", "示范点级别", p->level, 0 },
	                                { "opened_on", "确定日期", p->opened_on, 0 },
	                                { "note", "备注", p->note, 1 } };
	if (valid_texts(t, 3, e))
		return DJ_INVALID;
	sqlite3_stmt *st;
	if (p->org_id <= 0 || sqlite3_prepare_v2(s->db, "SELECT name FROM org WHERE id = ?", -1, &st,
	                                         NULL) != SQLITE_OK)
		return dj_fail(e, DJ_INVALID, "org", "「党组织」不能为空：须选择一个党组织");
	sqlite3_bind_int64(st, 1, p->org_id);
	int found = sqlite3_step(st) == SQLITE_ROW;
	if (found)
		db_col_text(st, 0, p->org, sizeof p->org);
	sqlite3_finalize(st);
	if (!found)
		return dj_fail(e, DJ_INVALID, "org", "「党组织」所选的党组织已不存在");
	if (session_may_write(s, p->org_id, e))
		return DJ_DENIED;
	if (sqlite3_prepare_v2(s->db, "SELECT count(*) FROM showcase_point WHERE org_id = ?"
	                       " AND id <> ?", -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "读取示范点");
	sqlite3_bind_int64(st, 1, p->org_id);
	sqlite3_bind_int64(st, 2, p->id);
	int twice = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) > 0;
	sqlite3_finalize(st);
	if (twice)
		return dj_fail(e, DJ_INVALID, "org", "「党组织」%s 已是党建示范点", p->org);
	if (sc_check_choice(p->level, "level", "示范点级别", levels, nl, "point_levels", e) ||
	    sc_check_date(p->opened_on, "opened_on", "确定日期", e))
		return DJ_INVALID;
	return 0;
}

static int store_point(struct session *s, struct showcase_point *p, struct dj_err *e)
{
	sqlite3_stmt *st;
	const char *sql = p->id == 0
		? "INSERT INTO showcase_point(org_id, level, opened_on, note, updated_by, updated_at)"
		  " VALUES (?1, ?2, ?3, ?4, ?5, " SHOWCASE_NOW ")"
		: "UPDATE showcase_point SET org_id = ?1, level = ?2, opened_on = ?3, note = ?4,"
		  " updated_by = ?5, updated_at = " SHOWCASE_NOW ", version = version + 1"
		  " WHERE id = ?6 AND version = ?7";
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "保存示范点");
	sqlite3_bind_int64(st, 1, p->org_id);
	db_bind_text(st, 2, p->level, 0);
	db_bind_text(st, 3, p->opened_on, 0);
	db_bind_text(st, 4, p->note, 0);
	db_bind_text(st, 5, s->login, 1);
	if (p->id) {
		sqlite3_bind_int64(st, 6, p->id);
		sqlite3_bind_int64(st, 7, p->version);
	}
	return db_step_save(s->db, st, &p->id, &p->version, "保存示范点", e);
}

static int save_in_txn(struct session *s, void *rec, struct dj_err *e)
{
	struct showcase_point *p = rec, was;
	int is_new = p->id == 0;
	if (!is_new) {
		if (showcase_point_load(s, p->id, &was, e))
			return e ? e->code : DJ_DB;
		if (was.version != p->version)
			return dj_fail(e, DJ_CONFLICT, NULL, DB_CONFLICT_SAVE);
		if (session_may_write(s, was.org_id, e))
			return DJ_DENIED;
	}
	if (check_point(s, p, e) || store_point(s, p, e))
		return e ? e->code : DJ_INVALID;
	struct json before = JSON_INIT, after = JSON_INIT;
	int rc = audit_saved(s, "showcase_point", p->id, is_new,
	                     is_new ? NULL : point_json(&was, &before), point_json(p, &after), e);
	json_free(&before);
	json_free(&after);
	return rc;
}

int showcase_point_save(struct session *s, struct showcase_point *p, struct dj_err *e)
{
	struct showcase_point keep = *p;
	utf8_trim(p->level);
	utf8_trim(p->opened_on);
	int rc = sc_in_txn(s, "showcase_point", save_in_txn, p, e);
	if (rc) {
		*p = keep;
		return rc;
	}
	return showcase_point_load(s, p->id, p, e);
}

static int check_in_txn(struct session *s, void *rec, struct dj_err *e)
{
	struct showcase_point_check *c = rec;
	struct showcase_point p;
	char results[SHOWCASE_MAX_CHOICES][64];
	int nr = showcase_point_results(s, results, SHOWCASE_MAX_CHOICES);
	const struct text_field t = { "note", "备注", c->note, 1 };
	if (c->point_id <= 0 || showcase_point_load(s, c->point_id, &p, e))
		return dj_fail(e, DJ_INVALID, NULL, "该示范点记录已不存在");
	if (session_may_write(s, p.org_id, e))
		return DJ_DENIED;
	if (sc_check_year(c->year, "year", e) ||
	    sc_check_choice(c->result, "result", "检查结果", results, nr, "point_results", e) ||
	    sc_check_date(c->on_date, "on_date", "检查日期", e) || valid_texts(&t, 1, e))
		return DJ_INVALID;
	if (atoi(c->on_date) < c->year)
		return dj_fail(e, DJ_INVALID, "on_date", "「检查日期」%s 在 %d 年之前：年度检查在年内或年后进行",
		               c->on_date, c->year);
	if (atoi(p.opened_on) > c->year)
		return dj_fail(e, DJ_INVALID, "year", "「年度」%d 年在确定为示范点（%s）之前", c->year,
		               p.opened_on);
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "SELECT result FROM showcase_point_check WHERE point_id = ?"
	                       " AND year = ?", -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "读取示范点检查");
	sqlite3_bind_int64(st, 1, c->point_id);
	sqlite3_bind_int(st, 2, c->year);
	char was[32] = "";
	int twice = sqlite3_step(st) == SQLITE_ROW;
	if (twice)
		db_col_text(st, 0, was, sizeof was);
	sqlite3_finalize(st);
	if (twice)
		return dj_fail(e, DJ_INVALID, "year", "「年度」%d 年已检查，结果为「%s」，每年只检查一次",
		               c->year, was);
	if (sqlite3_prepare_v2(s->db, "INSERT INTO showcase_point_check(point_id, year, on_date,"
	                       " result, note, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, "
	                       SHOWCASE_NOW ")", -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "保存示范点检查");
	sqlite3_bind_int64(st, 1, c->point_id);
	sqlite3_bind_int(st, 2, c->year);
	db_bind_text(st, 3, c->on_date, 0);
	db_bind_text(st, 4, c->result, 0);
	db_bind_text(st, 5, c->note, 0);
	db_bind_text(st, 6, s->login, 1);
	if (db_step_done(s->db, st, "保存示范点检查", e))
		return DJ_DB;
	c->id = sqlite3_last_insert_rowid(s->db);
	struct json j = JSON_INIT;
	json_begin(&j);
	json_str(&j, "党组织", p.org);
	json_int(&j, "年度", c->year);
	json_str(&j, "检查日期", c->on_date);
	json_str(&j, "检查结果", c->result);
	json_str(&j, "备注", c->note);
	int rc = audit_saved(s, "showcase_point_check", c->id, 1, NULL, json_end(&j), e);
	json_free(&j);
	return rc;
}

int showcase_point_check_add(struct session *s, struct showcase_point_check *c,
                             struct dj_err *e)
{
	struct showcase_point_check keep = *c;
	utf8_trim(c->result);
	utf8_trim(c->on_date);
	int rc = sc_in_txn(s, "showcase_point_check", check_in_txn, c, e);
	if (rc)
		*c = keep;
	return rc;
}

int showcase_point_checks(struct session *s, int64_t point_id, struct showcase_point_check *out,
                          int cap)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "SELECT id, year, on_date, result, note FROM showcase_point_check"
	                       " WHERE point_id = ? ORDER BY year DESC", -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, point_id);
	int n = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (n < cap) {
			struct showcase_point_check *o = &out[n];
			memset(o, 0, sizeof *o);
			o->id = sqlite3_column_int64(st, 0);
			o->point_id = point_id;
			o->year = sqlite3_column_int(st, 1);
			db_col_text(st, 2, o->on_date, sizeof o->on_date);
			db_col_text(st, 3, o->result, sizeof o->result);
			db_col_text(st, 4, o->note, sizeof o->note);
		}
		n++;
	}
	sqlite3_finalize(st);
	return n;
}
