/* dues_sheet.c — one branch's dues for one month: read with what carries
 * over from earlier months, saved row by row under their versions in one
 * transaction. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/db_write.h"
#include "core/json.h"
#include "core/validate.h"
#include "member/member.h"
#include "orglife/compliance.h"
#include "orglife/dues.h"
#include "orglife/meeting.h"

static const char sheet_sql[] =
	MEETING_SUBTREE("?1")
	" SELECT mb.id, mb.name, mb.name_py, o.name, coalesce(mb.job, ''),"
	" coalesce(d.id, 0), coalesce(d.version, 0), d.kind, coalesce(d.base, -1), d.rate, d.due,"
	" d.paid, coalesce(d.paid_on, ''), coalesce(d.relief, ''), coalesce(d.approval, ''),"
	" coalesce(d.notes, ''), p.kind, coalesce(p.base, -1), "
	MEMBER_TELL_SQL("mb.", "count(*) OVER (PARTITION BY mb.name) > 1",
	                "count(*) OVER (PARTITION BY mb.name, substr(mb.birth_date, 1, 4)) > 1")
	" FROM member mb JOIN org o ON o.id = mb.org_id"
	" LEFT JOIN dues d ON d.member_id = mb.id AND d.month = ?2"
	" LEFT JOIN dues p ON p.id = (SELECT id FROM dues WHERE member_id = mb.id AND month < ?2"
	"   ORDER BY month DESC LIMIT 1)"
	" WHERE (d.id IS NOT NULL AND d.org_id = ?1)"
	"   OR (d.id IS NULL AND mb.status = '正常' AND mb.org_id IN (SELECT id FROM sub))"
	" ORDER BY mb.name_py, mb.name, mb.id";

/* The kind a member without any dues record starts as, from their job. */
static const char *kind_from_job(const char *job)
{
	if (strstr(job, "退休"))
		return "离退休";
	if (strstr(job, "学生"))
		return "学生";
	if (strstr(job, "低保") || strstr(job, "失业") || strstr(job, "下岗"))
		return "困难";
	if (strstr(job, "务农") || strstr(job, "农民"))
		return "农民";
	return "在职";
}

static void read_line(const struct dues_rules *r, sqlite3_stmt *st, struct dues_line *l)
{
	char job[128];
	memset(l, 0, sizeof *l);
	l->member_id = sqlite3_column_int64(st, 0);
	db_col_text(st, 1, l->name, sizeof l->name);
	db_col_text(st, 2, l->name_py, sizeof l->name_py);
	db_col_text(st, 3, l->org, sizeof l->org);
	db_col_text(st, 4, job, sizeof job);
	db_col_text(st, 18, l->tell, sizeof l->tell);
	l->id = sqlite3_column_int64(st, 5);
	if (l->id) {
		l->version = sqlite3_column_int64(st, 6);
		db_col_text(st, 7, l->kind, sizeof l->kind);
		l->base = sqlite3_column_int64(st, 8);
		l->rate = sqlite3_column_int(st, 9);
		l->due = sqlite3_column_int64(st, 10);
		l->paid = sqlite3_column_int64(st, 11);
		db_col_text(st, 12, l->paid_on, sizeof l->paid_on);
		db_col_text(st, 13, l->relief, sizeof l->relief);
		db_col_text(st, 14, l->approval, sizeof l->approval);
		db_col_text(st, 15, l->notes, sizeof l->notes);
		return;
	}
	if (sqlite3_column_type(st, 16) != SQLITE_NULL) {
		db_col_text(st, 16, l->kind, sizeof l->kind);
		l->base = sqlite3_column_int64(st, 17);
	} else {
		snprintf(l->kind, sizeof l->kind, "%s", kind_from_job(job));
		l->base = -1;
	}
	dues_line_recompute(r, l);
	l->dirty = 0;   /* a prefilled line is not a change until someone edits it */
}

int dues_sheet_load(struct session *s, const struct dues_rules *r, int64_t org_id,
                    const char *month, struct dues_sheet *sh, struct dj_err *e)
{
	memset(sh, 0, sizeof *sh);
	if (month_index(month) < 0)
		return dj_fail(e, DJ_INVALID, "month", "月份应为 YYYY-MM：%s", month);
	month_text(month_index(month), sh->month);
	sh->org_id = org_id;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "SELECT name FROM org WHERE id = ?", -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "读取党费");
	sqlite3_bind_int64(st, 1, org_id);
	int found = sqlite3_step(st) == SQLITE_ROW;
	if (found)
		db_col_text(st, 0, sh->org, sizeof sh->org);
	sqlite3_finalize(st);
	if (!found)
		return dj_fail(e, DJ_NOTFOUND, NULL, "该党支部已不存在");
	if (sqlite3_prepare_v2(s->db, sheet_sql, -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "读取党费");
	sqlite3_bind_int64(st, 1, org_id);
	sqlite3_bind_text(st, 2, sh->month, -1, SQLITE_STATIC);
	int cap = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (sh->n == cap) {
			cap = cap ? cap * 2 : 32;
			struct dues_line *m = realloc(sh->lines, (size_t)cap * sizeof *m);
			if (!m) {
				sqlite3_finalize(st);
				dues_sheet_free(sh);
				return dj_fail(e, DJ_DB, NULL, "内存不足");
			}
			sh->lines = m;
		}
		read_line(r, st, &sh->lines[sh->n++]);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		dues_sheet_free(sh);
		return db_fail(s->db, e, "读取党费");
	}
	return 0;
}

void dues_sheet_free(struct dues_sheet *sh)
{
	free(sh->lines);
	sh->lines = NULL;
	sh->n = 0;
}

void dues_sheet_totals(const struct dues_sheet *sh, struct dues_totals *t)
{
	memset(t, 0, sizeof *t);
	t->members = sh->n;
	for (int i = 0; i < sh->n; i++) {
		const struct dues_line *l = &sh->lines[i];
		t->paid += l->paid;
		if (l->due < 0)
			continue;
		t->assessed++;
		t->due += l->due;
		if (l->paid < l->due) {
			t->owing++;
			t->owed += l->due - l->paid;
		}
	}
}

static const char *line_json(const struct dues_sheet *sh, const struct dues_line *l,
                             struct json *j)
{
	char base[32] = "", due[32] = "", paid[32], rate[16];
	if (l->base >= 0)
		format_money(l->base, base, sizeof base);
	if (l->due >= 0)
		format_money(l->due, due, sizeof due);
	format_money(l->paid, paid, sizeof paid);
	dues_rate_text(l->rate, rate, sizeof rate);
	json_begin(j);
	json_str(j, "月份", sh->month);
	json_str(j, "姓名", l->name);
	json_str(j, "类别", l->kind);
	json_str(j, "计算基数", base);
	json_str(j, "比例", rate);
	json_str(j, "应交", due);
	json_str(j, "实交", paid);
	json_str(j, "交纳日期", l->paid_on);
	json_str(j, "减免", l->relief);
	json_str(j, "批准情况", l->approval);
	json_str(j, "备注", l->notes);
	return json_end(j);
}

static int old_json(struct session *s, const struct dues_sheet *sh, const struct dues_line *l,
                    struct json *j)
{
	struct dues_line old = *l;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "SELECT kind, coalesce(base, -1), rate, due, paid,"
	                       " coalesce(paid_on, ''), coalesce(relief, ''), coalesce(approval, ''),"
	                       " coalesce(notes, '') FROM dues WHERE id = ?", -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, l->id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		db_col_text(st, 0, old.kind, sizeof old.kind);
		old.base = sqlite3_column_int64(st, 1);
		old.rate = sqlite3_column_int(st, 2);
		old.due = sqlite3_column_int64(st, 3);
		old.paid = sqlite3_column_int64(st, 4);
		db_col_text(st, 5, old.paid_on, sizeof old.paid_on);
		db_col_text(st, 6, old.relief, sizeof old.relief);
		db_col_text(st, 7, old.approval, sizeof old.approval);
		db_col_text(st, 8, old.notes, sizeof old.notes);
	}
	sqlite3_finalize(st);
	line_json(sh, &old, j);
	return 0;
}

static int write_line(struct session *s, const struct dues_sheet *sh, struct dues_line *l,
                      struct dj_err *e)
{
	static const char ins[] =
		"INSERT INTO dues(member_id, org_id, month, kind, base, rate, due, paid, paid_on, relief,"
		" approval, notes, updated_at, updated_by) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,"
		" strftime('%Y-%m-%d %H:%M:%S','now','localtime'), ?13)";
	static const char upd[] =
		"UPDATE dues SET member_id=?1, org_id=?2, month=?3, kind=?4, base=?5, rate=?6, due=?7,"
		" paid=?8, paid_on=?9, relief=?10, approval=?11, notes=?12, updated_by=?13,"
		" updated_at=strftime('%Y-%m-%d %H:%M:%S','now','localtime'), version=version+1"
		" WHERE id=?14 AND version=?15";
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, l->id ? upd : ins, -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "保存党费");
	sqlite3_bind_int64(st, 1, l->member_id);
	sqlite3_bind_int64(st, 2, sh->org_id);
	sqlite3_bind_text(st, 3, sh->month, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, l->kind, -1, SQLITE_STATIC);
	if (l->base >= 0)
		sqlite3_bind_int64(st, 5, l->base);
	sqlite3_bind_int(st, 6, l->rate);
	sqlite3_bind_int64(st, 7, l->due);
	sqlite3_bind_int64(st, 8, l->paid);
	db_bind_text(st, 9, l->paid_on, 1);
	db_bind_text(st, 10, l->relief, 1);
	db_bind_text(st, 11, l->approval, 1);
	db_bind_text(st, 12, l->notes, 1);
	sqlite3_bind_text(st, 13, s->login, -1, SQLITE_STATIC);
	if (l->id) {
		sqlite3_bind_int64(st, 14, l->id);
		sqlite3_bind_int64(st, 15, l->version);
	}
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	int taken = rc == SQLITE_CONSTRAINT &&
	            sqlite3_extended_errcode(s->db) == SQLITE_CONSTRAINT_UNIQUE;
	if (taken || (rc == SQLITE_DONE && l->id && sqlite3_changes(s->db) == 0))
		return dj_fail(e, DJ_CONFLICT, NULL,
		               "%s %s 的党费记录已被他人修改，请按 F5 重新读取后再保存", l->name, sh->month);
	if (rc != SQLITE_DONE)
		return db_fail(s->db, e, "保存党费");
	if (!l->id)
		l->id = sqlite3_last_insert_rowid(s->db);
	else
		l->version++;
	return 0;
}

/* A line is written when it changed, or when it is new and owes something
 * known; a line with nothing known (base not yet known, nothing paid) waits. */
static int needs_writing(const struct dues_line *l)
{
	if (l->id)
		return l->dirty;
	return l->due >= 0 || l->paid > 0 || *l->relief;
}

static int save_in_txn(struct session *s, struct dues_sheet *sh, int *bad, struct dj_err *e)
{
	if (session_may_write(s, sh->org_id, e))
		return DJ_DENIED;
	struct json before = JSON_INIT, after = JSON_INIT;
	int rc = 0;
	for (int i = 0; i < sh->n && !rc; i++) {
		struct dues_line *l = &sh->lines[i];
		if (!needs_writing(l))
			continue;
		*bad = i;
		int is_new = l->id == 0;
		if (dues_line_validate(l, e))
			rc = DJ_INVALID;
		else if (!is_new && old_json(s, sh, l, &before))
			rc = db_fail(s->db, e, "保存党费");
		else if (write_line(s, sh, l, e))
			rc = e ? e->code : DJ_DB;
		else if (audit_saved(s, "dues", l->id, is_new, before.buf, line_json(sh, l, &after), e))
			rc = DJ_DB;
	}
	json_free(&before);
	json_free(&after);
	if (!rc)
		*bad = -1;
	return rc;
}

int dues_sheet_save(struct session *s, struct dues_sheet *sh, int *bad_line, struct dj_err *e)
{
	int bad = -1;
	size_t bytes = (size_t)sh->n * sizeof *sh->lines;
	struct dues_line *keep = malloc(bytes ? bytes : 1);
	if (!keep)
		return dj_fail(e, DJ_DB, NULL, "内存不足");
	memcpy(keep, sh->lines, bytes);
	struct db_txn t;
	int rc = db_txn_begin(&t, s->db, 0, NULL, e) ? DJ_DB
	         : db_txn_end(&t, save_in_txn(s, sh, &bad, e), e);
	if (rc) {
		memcpy(sh->lines, keep, bytes);   /* ids and versions as before the attempt */
	} else {
		for (int i = 0; i < sh->n; i++)
			sh->lines[i].dirty = 0;
	}
	free(keep);
	if (bad_line)
		*bad_line = rc ? bad : -1;
	return rc;
}
