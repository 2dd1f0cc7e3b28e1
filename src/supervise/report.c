/* report.c — one organization's report on a recurring duty for a period:
 * when it was received, who brought it, what it said.  One per
 * organization, duty and period. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/db_write.h"
#include "core/json.h"
#include "core/text.h"
#include "supervise/internal.h"

#define REPORT_COLS "r.id, r.version, r.org_id, o.name, r.duty, r.period, r.received_on," \
	" r.brought_by, r.summary FROM duty_report r JOIN org o ON o.id = r.org_id"

static void read_row(sqlite3_stmt *st, struct sup_report *r)
{
	memset(r, 0, sizeof *r);
	r->id = sqlite3_column_int64(st, 0);
	r->version = sqlite3_column_int64(st, 1);
	r->org_id = sqlite3_column_int64(st, 2);
	db_col_text(st, 3, r->org, sizeof r->org);
	db_col_text(st, 4, r->duty, sizeof r->duty);
	db_col_text(st, 5, r->period, sizeof r->period);
	db_col_text(st, 6, r->received_on, sizeof r->received_on);
	db_col_text(st, 7, r->brought_by, sizeof r->brought_by);
	db_col_text(st, 8, r->summary, sizeof r->summary);
}

int sup_report_load(struct session *s, int64_t id, struct sup_report *r, struct dj_err *e)
{
	sqlite3_stmt *st;
	int rc = db_load_row(s->db, "SELECT " REPORT_COLS " WHERE r.id = ?", id, &st, "读取报送记录",
	                     "该报送记录已不存在", e);
	if (rc)
		return rc;
	read_row(st, r);
	db_done(st);
	return 0;
}

int sup_report_find(struct session *s, int64_t org_id, const char *duty, const char *period,
                    struct sup_report *r, struct dj_err *e)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "SELECT " REPORT_COLS " WHERE r.org_id = ? AND r.duty = ?"
	                       " AND r.period = ?", -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "读取报送记录");
	sqlite3_bind_int64(st, 1, org_id);
	db_bind_text(st, 2, duty, 0);
	db_bind_text(st, 3, period, 0);
	int found = sqlite3_step(st) == SQLITE_ROW;
	if (found)
		read_row(st, r);
	sqlite3_finalize(st);
	if (found)
		return 0;
	memset(r, 0, sizeof *r);
	r->org_id = org_id;
	snprintf(r->duty, sizeof r->duty, "%s", duty);
	snprintf(r->period, sizeof r->period, "%s", period);
	return sup_org_name(s, org_id, "org", r->org, NULL, e) ? -1 : 0;
}

static const char *report_json(const struct sup_report *r, struct json *j)
{
	json_begin(j);
	json_str(j, "党组织", r->org);
	json_str(j, "事项", r->duty);
	json_str(j, "期间", r->period);
	json_str(j, "收到日期", r->received_on);
	json_str(j, "报送人", r->brought_by);
	json_str(j, "内容摘要", r->summary);
	return json_end(j);
}

static int check_owing(struct session *s, struct sup_report *r, const struct sup_duty *d,
                       struct dj_err *e)
{
	char kind[16] = "";
	if (sup_org_name(s, r->org_id, "org", r->org, kind, e))
		return DJ_INVALID;
	for (int i = 0; i < d->nkinds; i++)
		if (strcmp(kind, d->kinds[i]) == 0)
			return session_may_write(s, r->org_id, e) ? DJ_DENIED : 0;
	return dj_fail(e, DJ_INVALID, "org", "「党组织」%s 是%s，不报送%s（dangjian.ini [duty.%s] kinds）",
	               r->org, kind, d->name, d->name);
}

static int check_period(struct sup_report *r, const struct sup_duty *d, struct dj_err *e)
{
	char norm[11], why[WHY_MAX], now[11], first[11];
	if (sup_period_parse(d->period, r->period, norm, why))
		return dj_fail(e, DJ_INVALID, "period", "「期间」%s", why);
	memcpy(r->period, norm, sizeof norm);
	sup_period_first(d->period, r->period, first);
	if (strcmp(first, today(now)) > 0)
		return dj_fail(e, DJ_INVALID, "period", "「期间」%s 尚未开始，不能登记未来期间的%s",
		               r->period, d->name);
	if (sup_check_date(r->received_on, "received_on", "收到日期", e))
		return DJ_INVALID;
	if (strcmp(r->received_on, first) < 0)
		return dj_fail(e, DJ_INVALID, "received_on", "「收到日期」%s 在期间 %s 开始（%s）之前",
		               r->received_on, r->period, first);
	return 0;
}

/* A second report for the same organization, duty and period names the first. */
static int check_once(struct session *s, const struct sup_report *r, struct dj_err *e)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "SELECT received_on, brought_by FROM duty_report WHERE org_id = ?"
	                       " AND duty = ? AND period = ? AND id <> ?", -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "读取报送记录");
	sqlite3_bind_int64(st, 1, r->org_id);
	db_bind_text(st, 2, r->duty, 0);
	db_bind_text(st, 3, r->period, 0);
	sqlite3_bind_int64(st, 4, r->id);
	char on[11] = "", who[64] = "";
	int twice = sqlite3_step(st) == SQLITE_ROW;
	if (twice) {
		db_col_text(st, 0, on, sizeof on);
		db_col_text(st, 1, who, sizeof who);
	}
	sqlite3_finalize(st);
	if (twice)
		return dj_fail(e, DJ_INVALID, "period", "「期间」%s %s 的%s已于 %s 由 %s 报送登记，每期只登记一次",
		               r->org, r->period, r->duty, on, who);
	return 0;
}

static int check_report(struct session *s, struct sup_report *r, struct dj_err *e)
{
	struct sup_duty d;
	const struct text_field t[] = { { "brought_by", "报送人", r->brought_by, 0 },
	                                { "summary", "内容摘要", r->summary, 1 } };
	if (sup_duty_named(s, r->duty, "duty", &d, e))
		return DJ_INVALID;
	int rc = check_owing(s, r, &d, e);
	if (rc)
		return rc;
	if (check_period(r, &d, e) || valid_texts(t, 2, e))
		return DJ_INVALID;
	if (!*r->brought_by)
		return dj_fail(e, DJ_INVALID, "brought_by", "「报送人」不能为空：填写送来报告的人");
	return check_once(s, r, e);
}

static int store(struct session *s, struct sup_report *r, struct dj_err *e)
{
	sqlite3_stmt *st;
	const char *sql = r->id == 0
		? "INSERT INTO duty_report(org_id, duty, period, received_on, brought_by, summary,"
		  " updated_by, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, " SUP_NOW ")"
		: "UPDATE duty_report SET org_id = ?1, duty = ?2, period = ?3, received_on = ?4,"
		  " brought_by = ?5, summary = ?6, updated_by = ?7, updated_at = " SUP_NOW ","
		  " version = version + 1 WHERE id = ?8 AND version = ?9";
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "保存报送记录");
	sqlite3_bind_int64(st, 1, r->org_id);
	db_bind_text(st, 2, r->duty, 0);
	db_bind_text(st, 3, r->period, 0);
	db_bind_text(st, 4, r->received_on, 0);
	db_bind_text(st, 5, r->brought_by, 0);
	db_bind_text(st, 6, r->summary, 0);
	db_bind_text(st, 7, s->login, 1);
	if (r->id) {
		sqlite3_bind_int64(st, 8, r->id);
		sqlite3_bind_int64(st, 9, r->version);
	}
	return db_step_save(s->db, st, &r->id, &r->version, "保存报送记录", e);
}

static int save_in_txn(struct session *s, void *rec, struct dj_err *e)
{
	struct sup_report *r = rec, was;
	int is_new = r->id == 0;
	if (!is_new) {
		if (sup_report_load(s, r->id, &was, e))
			return e ? e->code : DJ_DB;
		if (was.version != r->version)
			return dj_fail(e, DJ_CONFLICT, NULL, DB_CONFLICT_SAVE);
		if (session_may_write(s, was.org_id, e))
			return DJ_DENIED;
	}
	int rc = check_report(s, r, e);
	if (rc || (rc = store(s, r, e)))
		return rc;
	struct json before = JSON_INIT, after = JSON_INIT;
	rc = audit_saved(s, "duty_report", r->id, is_new, is_new ? NULL : report_json(&was, &before),
	                 report_json(r, &after), e);
	json_free(&before);
	json_free(&after);
	return rc;
}

int sup_report_save(struct session *s, struct sup_report *r, struct dj_err *e)
{
	struct sup_report keep = *r;
	utf8_trim(r->period);
	utf8_trim(r->received_on);
	utf8_trim(r->brought_by);
	int rc = db_txn_run(s, "duty_report", save_in_txn, r, e);
	if (rc) {
		*r = keep;
		return rc;
	}
	return sup_report_load(s, r->id, r, e);
}
