/* plan.c — a plan (年度, 名称, 印发单位, 文号, 日期) with its phases and the
 * names of its task groups; scope-checked on the issuing organization,
 * version-checked, audited. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/db_stmt.h"
#include "core/db_write.h"
#include "core/json.h"
#include "core/text.h"
#include "core/validate.h"
#include "plan/internal.h"

int pl_check_date(char *v, int required, const char *key, const char *label, struct dj_err *e)
{
	char norm[11], why[WHY_MAX];
	if (!*v)
		return required ? dj_fail(e, DJ_INVALID, key, "「%s」不能为空", label) : 0;
	if (valid_date(v, norm, why))
		return dj_fail(e, DJ_INVALID, key, "「%s」%s：%s", label, why, v);
	memcpy(v, norm, sizeof norm);
	return 0;
}

int pl_in_txn(struct session *s, const char *savepoint,
              int (*fn)(struct session *, void *, struct dj_err *), void *rec, struct dj_err *e)
{
	struct db_txn t;
	int rc = db_txn_begin(&t, s->db, db_in_txn(s->db), savepoint, e);
	return rc ? rc : db_txn_end(&t, fn(s, rec, e), e);
}

int pl_plan_org(struct session *s, int64_t plan_id, int64_t *org, struct dj_err *e)
{
	*org = db_int(s->db, "SELECT org_id FROM plan WHERE id = ?", plan_id, 0);
	return *org ? 0 : dj_fail(e, DJ_INVALID, "plan", "所属的工作计划已不存在");
}

int plan_org_named(struct session *s, const char *name, const char *key, int64_t *id,
                   struct dj_err *e)
{
	sqlite3_stmt *st;
	if (!*name)
		return dj_fail(e, DJ_INVALID, key, "「党组织」不能为空");
	if (sqlite3_prepare_v2(s->db, "SELECT id FROM org WHERE name = ?1 OR short_name = ?1"
	                       " ORDER BY status <> '正常', id", -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "查找党组织");
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	*id = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	return *id ? 0 : dj_fail(e, DJ_INVALID, key, "没有名为「%s」的党组织，请按 F4 选择", name);
}

int plan_load(struct session *s, int64_t id, struct plan *p, struct dj_err *e)
{
	sqlite3_stmt *st;
	int rc = db_load_row(s->db, "SELECT p.id, p.version, p.year, p.name, p.org_id, o.name,"
	                     " p.doc_no, p.issued_on FROM plan p JOIN org o ON o.id = p.org_id"
	                     " WHERE p.id = ?", id, &st, "读取工作计划", "该工作计划已不存在", e);
	if (rc)
		return rc;
	memset(p, 0, sizeof *p);
	p->id = sqlite3_column_int64(st, 0);
	p->version = sqlite3_column_int64(st, 1);
	p->year = sqlite3_column_int(st, 2);
	snprintf(p->year_text, sizeof p->year_text, "%d", p->year);
	db_col_text(st, 3, p->name, sizeof p->name);
	p->org_id = sqlite3_column_int64(st, 4);
	db_col_text(st, 5, p->org, sizeof p->org);
	db_col_text(st, 6, p->doc_no, sizeof p->doc_no);
	db_col_text(st, 7, p->issued_on, sizeof p->issued_on);
	db_done(st);
	return 0;
}

static const char *plan_json(const struct plan *p, struct json *j)
{
	json_begin(j);
	json_int(j, "年度", p->year);
	json_str(j, "方案名称", p->name);
	json_str(j, "印发单位", p->org);
	json_str(j, "文号", p->doc_no);
	json_str(j, "印发日期", p->issued_on);
	return json_end(j);
}

static int check_plan(struct session *s, struct plan *p, struct dj_err *e)
{
	const struct text_field t[] = {
		{ "name", "方案名称", p->name, 0 }, { "doc_no", "文号", p->doc_no, 0 },
		{ "org", "印发单位", p->org, 0 },
	};
	char now[11], why[WHY_MAX];
	long year;
	if (valid_texts(t, sizeof t / sizeof *t, e))
		return DJ_INVALID;
	int this_year = atoi(today(now));
	if (parse_int(p->year_text, 1921, this_year + 1, &year, why))
		return dj_fail(e, DJ_INVALID, "year", "「年度」须为 1921 至 %d 之间的四位数字：%s",
		               this_year + 1, p->year_text);
	p->year = (int)year;
	if (!*p->name)
		return dj_fail(e, DJ_INVALID, "name", "「方案名称」不能为空");
	if (plan_org_named(s, p->org, "org", &p->org_id, e))
		return DJ_INVALID;
	if (session_may_write(s, p->org_id, e))
		return DJ_DENIED;
	return pl_check_date(p->issued_on, 1, "issued_on", "印发日期", e);
}

static int save_plan_txn(struct session *s, void *rec, struct dj_err *e)
{
	struct plan *p = rec, was;
	int is_new = p->id == 0;
	if (!is_new) {
		if (plan_load(s, p->id, &was, e))
			return e ? e->code : DJ_DB;
		if (was.version != p->version)
			return dj_fail(e, DJ_CONFLICT, NULL, DB_CONFLICT_SAVE);
		if (session_may_write(s, was.org_id, e))
			return DJ_DENIED;
	}
	if (check_plan(s, p, e))
		return e ? e->code : DJ_INVALID;
	sqlite3_stmt *st;
	const char *sql = is_new
		? "INSERT INTO plan(year, name, org_id, doc_no, issued_on, updated_by, updated_at)"
		  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, " PLAN_NOW ")"
		: "UPDATE plan SET year = ?1, name = ?2, org_id = ?3, doc_no = ?4, issued_on = ?5,"
		  " updated_by = ?6, updated_at = " PLAN_NOW ", version = version + 1"
		  " WHERE id = ?7 AND version = ?8";
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "保存工作计划");
	sqlite3_bind_int(st, 1, p->year);
	db_bind_text(st, 2, p->name, 0);
	sqlite3_bind_int64(st, 3, p->org_id);
	db_bind_text(st, 4, p->doc_no, 0);
	db_bind_text(st, 5, p->issued_on, 0);
	db_bind_text(st, 6, s->login, 1);
	if (!is_new) {
		sqlite3_bind_int64(st, 7, p->id);
		sqlite3_bind_int64(st, 8, p->version);
	}
	if (db_step_save(s->db, st, &p->id, &p->version, "保存工作计划", e))
		return e ? e->code : DJ_DB;
	struct json before = JSON_INIT, after = JSON_INIT;
	int rc = audit_saved(s, "plan", p->id, is_new, is_new ? NULL : plan_json(&was, &before),
	                     plan_json(p, &after), e);
	json_free(&before);
	json_free(&after);
	return rc;
}

int plan_save(struct session *s, struct plan *p, struct dj_err *e)
{
	struct plan keep = *p;
	char *trim[] = { p->year_text, p->name, p->org, p->doc_no, p->issued_on };
	for (size_t i = 0; i < sizeof trim / sizeof *trim; i++)
		utf8_trim(trim[i]);
	int rc = pl_in_txn(s, "plan", save_plan_txn, p, e);
	if (rc) {
		*p = keep;
		return rc;
	}
	return plan_load(s, p->id, p, e);
}

/* ---- phases ---- */

static void phase_row(sqlite3_stmt *st, struct plan_phase *ph)
{
	memset(ph, 0, sizeof *ph);
	ph->id = sqlite3_column_int64(st, 0);
	ph->version = sqlite3_column_int64(st, 1);
	ph->plan_id = sqlite3_column_int64(st, 2);
	ph->seq = sqlite3_column_int(st, 3);
	db_col_text(st, 4, ph->name, sizeof ph->name);
	db_col_text(st, 5, ph->from_on, sizeof ph->from_on);
	db_col_text(st, 6, ph->to_on, sizeof ph->to_on);
}

#define SELECT_PHASE "SELECT id, version, plan_id, seq, name, from_on, to_on FROM plan_phase"

int plan_phase_load(struct session *s, int64_t id, struct plan_phase *ph, struct dj_err *e)
{
	sqlite3_stmt *st;
	int rc = db_load_row(s->db, SELECT_PHASE " WHERE id = ?", id, &st, "读取工作阶段",
	                     "该工作阶段已不存在", e);
	if (rc)
		return rc;
	phase_row(st, ph);
	db_done(st);
	return 0;
}

int plan_phases(struct session *s, int64_t plan_id, struct plan_phase *out, int cap)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, SELECT_PHASE " WHERE plan_id = ? ORDER BY seq, id", -1, &st,
	                       NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, plan_id);
	int n = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (n < cap)
			phase_row(st, &out[n]);
		n++;
	}
	sqlite3_finalize(st);
	return n;
}

int plan_groups(struct session *s, int64_t plan_id, char out[][64], int cap)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "SELECT name FROM plan_group WHERE plan_id = ? ORDER BY seq, id",
	                       -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, plan_id);
	int n = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (n < cap)
			db_col_text(st, 0, out[n], 64);
		n++;
	}
	sqlite3_finalize(st);
	return n;
}

static const char *phase_json(const struct plan_phase *ph, struct json *j)
{
	json_begin(j);
	json_int(j, "序号", ph->seq);
	json_str(j, "阶段名称", ph->name);
	json_str(j, "起始日期", ph->from_on);
	json_str(j, "截止日期", ph->to_on);
	return json_end(j);
}

static int check_phase(struct session *s, struct plan_phase *ph, struct dj_err *e)
{
	const struct text_field t[] = { { "name", "阶段名称", ph->name, 0 } };
	int64_t org;
	if (valid_texts(t, 1, e))
		return DJ_INVALID;
	if (pl_plan_org(s, ph->plan_id, &org, e))
		return DJ_INVALID;
	if (session_may_write(s, org, e))
		return DJ_DENIED;
	if (!*ph->name)
		return dj_fail(e, DJ_INVALID, "name", "「阶段名称」不能为空");
	if (pl_check_date(ph->from_on, 0, "from_on", "起始日期", e) ||
	    pl_check_date(ph->to_on, 1, "to_on", "截止日期", e))
		return DJ_INVALID;
	if (*ph->from_on && strcmp(ph->from_on, ph->to_on) > 0)
		return dj_fail(e, DJ_INVALID, "to_on", "「截止日期」%s 早于起始日期 %s", ph->to_on,
		               ph->from_on);
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "SELECT 1 FROM plan_phase WHERE plan_id = ? AND name = ?"
	                       " AND id <> ?", -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "检查工作阶段");
	sqlite3_bind_int64(st, 1, ph->plan_id);
	db_bind_text(st, 2, ph->name, 0);
	sqlite3_bind_int64(st, 3, ph->id);
	int twice = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	return twice ? dj_fail(e, DJ_INVALID, "name", "本计划已有名为「%s」的阶段", ph->name) : 0;
}

static int save_phase_txn(struct session *s, void *rec, struct dj_err *e)
{
	struct plan_phase *ph = rec, was;
	int is_new = ph->id == 0;
	if (!is_new) {
		if (plan_phase_load(s, ph->id, &was, e))
			return e ? e->code : DJ_DB;
		if (was.version != ph->version)
			return dj_fail(e, DJ_CONFLICT, NULL, DB_CONFLICT_SAVE);
		ph->plan_id = was.plan_id;
		ph->seq = was.seq;
	} else {
		ph->seq = (int)db_int(s->db, "SELECT coalesce(max(seq), 0) + 1 FROM plan_phase"
		                      " WHERE plan_id = ?", ph->plan_id, 1);
	}
	if (check_phase(s, ph, e))
		return e ? e->code : DJ_INVALID;
	sqlite3_stmt *st;
	const char *sql = is_new
		? "INSERT INTO plan_phase(plan_id, seq, name, from_on, to_on, updated_by, updated_at)"
		  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, " PLAN_NOW ")"
		: "UPDATE plan_phase SET plan_id = ?1, seq = ?2, name = ?3, from_on = ?4, to_on = ?5,"
		  " updated_by = ?6, updated_at = " PLAN_NOW ", version = version + 1"
		  " WHERE id = ?7 AND version = ?8";
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "保存工作阶段");
	sqlite3_bind_int64(st, 1, ph->plan_id);
	sqlite3_bind_int(st, 2, ph->seq);
	db_bind_text(st, 3, ph->name, 0);
	db_bind_text(st, 4, ph->from_on, 0);
	db_bind_text(st, 5, ph->to_on, 0);
	db_bind_text(st, 6, s->login, 1);
	if (!is_new) {
		sqlite3_bind_int64(st, 7, ph->id);
		sqlite3_bind_int64(st, 8, ph->version);
	}
	if (db_step_save(s->db, st, &ph->id, &ph->version, "保存工作阶段", e))
		return e ? e->code : DJ_DB;
	struct json before = JSON_INIT, after = JSON_INIT;
	int rc = audit_saved(s, "plan_phase", ph->id, is_new,
	                     is_new ? NULL : phase_json(&was, &before), phase_json(ph, &after), e);
	json_free(&before);
	json_free(&after);
	return rc;
}

int plan_phase_save(struct session *s, struct plan_phase *ph, struct dj_err *e)
{
	struct plan_phase keep = *ph;
	utf8_trim(ph->name);
	utf8_trim(ph->from_on);
	utf8_trim(ph->to_on);
	int rc = pl_in_txn(s, "plan_phase", save_phase_txn, ph, e);
	if (rc) {
		*ph = keep;
		return rc;
	}
	return plan_phase_load(s, ph->id, ph, e);
}

struct phase_del {
	int64_t id, version;
};

static int delete_phase_txn(struct session *s, void *rec, struct dj_err *e)
{
	struct phase_del *d = rec;
	struct plan_phase was;
	int64_t org;
	if (plan_phase_load(s, d->id, &was, e))
		return e ? e->code : DJ_DB;
	if (was.version != d->version)
		return dj_fail(e, DJ_CONFLICT, NULL, DB_CONFLICT_SAVE);
	if (pl_plan_org(s, was.plan_id, &org, e) || session_may_write(s, org, e))
		return e ? e->code : DJ_DENIED;
	int64_t used = db_int(s->db, "SELECT count(*) FROM plan_task WHERE phase_id = ?", d->id, 0);
	if (used)
		return dj_fail(e, DJ_INVALID, NULL, "有 %lld 项任务以「%s」为期限，不能删除该阶段",
		               (long long)used, was.name);
	if (db_exec_ids(s->db, "DELETE FROM plan_phase WHERE id = ?1", &d->id, 1, "删除工作阶段", e))
		return DJ_DB;
	struct json before = JSON_INIT;
	int rc = audit_write(s, "plan_phase", d->id, "删除", phase_json(&was, &before), NULL, e);
	json_free(&before);
	return rc;
}

int plan_phase_delete(struct session *s, int64_t id, int64_t version, struct dj_err *e)
{
	struct phase_del d = { id, version };
	return pl_in_txn(s, "plan_phase", delete_phase_txn, &d, e);
}
