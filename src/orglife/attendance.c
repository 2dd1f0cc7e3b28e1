/* attendance.c — the sign-in sheet: reading it from the members, counting
 * it, saving it under the meeting's version. */
#include "orglife/attendance.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/db_write.h"
#include "core/json.h"
#include "core/validate.h"
#include "member/member.h"
#include "orglife/meeting.h"

const char *const att_state_names[] = { "", "出席", "请假", "缺席", "列席", NULL };

int att_state_of(const char *name)
{
	for (int i = 0; i < ATT_NSTATES; i++)
		if (strcmp(att_state_names[i], name ? name : "") == 0)
			return i;
	return -1;
}

int attendance_default_state(const char *meeting_type)
{
	return strcmp(meeting_type, "支委会") == 0 ? ATT_NONE : ATT_PRESENT;
}

static int load_head(struct session *s, int64_t meeting_id, struct att_sheet *sh,
                     struct dj_err *e)
{
	struct meeting *m = malloc(sizeof *m);
	if (!m)
		return dj_fail(e, DJ_DB, NULL, "内存不足");
	int rc = meeting_load(s, meeting_id, m, e);
	if (rc == 0) {
		sh->meeting_id = m->id;
		sh->version = m->version;
		sh->org_id = m->org_id;
		snprintf(sh->org, sizeof sh->org, "%s", m->org);
		snprintf(sh->type, sizeof sh->type, "%s", m->type);
		snprintf(sh->date, sizeof sh->date, "%s", m->date);
		snprintf(sh->topic, sizeof sh->topic, "%s", m->topic);
		sh->is_group = db_int(s->db, "SELECT kind = '党小组' FROM org WHERE id = ?", m->org_id, 0) == 1;
	}
	free(m);
	return rc;
}

/* Stored rows first-class; current members of the subtree not stored get
 * `fresh` (the default for a sheet never filled, else blank).  A member
 * is in the subtree by their branch or by their 党小组 (a 党小组's sheet is
 * its members), and is listed under their 党小组 where they have one. */
static const char rows_sql[] =
	MEETING_SUBTREE("?1")
	" SELECT mb.id, mb.name, o.name, coalesce(a.state, ''), coalesce(a.reason, ''),"
	" a.id IS NOT NULL, "
	MEMBER_TELL_SQL("mb.", "count(*) OVER (PARTITION BY mb.name) > 1",
	                "count(*) OVER (PARTITION BY mb.name, substr(mb.birth_date, 1, 4)) > 1")
	" FROM member mb JOIN org o ON o.id = coalesce(mb.group_id, mb.org_id)"
	" LEFT JOIN attendance a ON a.member_id = mb.id AND a.meeting_id = ?2"
	" WHERE a.id IS NOT NULL OR (mb.status = '正常' AND (mb.org_id IN (SELECT id FROM sub)"
	"   OR mb.group_id IN (SELECT id FROM sub)))"
	" ORDER BY CASE WHEN o.id = ?1 THEN '' ELSE o.name_py || o.name END, mb.name_py, mb.name,"
	" mb.id";

static int load_rows(struct session *s, struct att_sheet *sh, int fresh, struct dj_err *e)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, rows_sql, -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "读取签到表");
	sqlite3_bind_int64(st, 1, sh->org_id);
	sqlite3_bind_int64(st, 2, sh->meeting_id);
	int cap = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (sh->n == cap) {
			cap = cap ? cap * 2 : 32;
			struct att_row *m = realloc(sh->rows, (size_t)cap * sizeof *m);
			if (!m) {
				sqlite3_finalize(st);
				return dj_fail(e, DJ_DB, NULL, "内存不足");
			}
			sh->rows = m;
		}
		struct att_row *r = &sh->rows[sh->n++];
		memset(r, 0, sizeof *r);
		r->member_id = sqlite3_column_int64(st, 0);
		db_col_text(st, 1, r->name, sizeof r->name);
		db_col_text(st, 2, r->org, sizeof r->org);
		char state[16];
		db_col_text(st, 3, state, sizeof state);
		db_col_text(st, 4, r->reason, sizeof r->reason);
		r->stored = sqlite3_column_int(st, 5);
		db_col_text(st, 6, r->tell, sizeof r->tell);
		r->state = r->stored ? att_state_of(state) : fresh;
		if (r->state < 0)
			r->state = ATT_NONE;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_fail(s->db, e, "读取签到表");
}

int attendance_load(struct session *s, int64_t meeting_id, struct att_sheet *sh,
                    struct dj_err *e)
{
	memset(sh, 0, sizeof *sh);
	if (load_head(s, meeting_id, sh, e))
		return e ? e->code : DJ_DB;
	int filled = db_int(s->db, "SELECT count(*) FROM attendance WHERE meeting_id = ?",
	                    meeting_id, 0) > 0;
	int rc = load_rows(s, sh, filled ? ATT_NONE : attendance_default_state(sh->type), e);
	if (rc)
		attendance_free(sh);
	return rc;
}

void attendance_free(struct att_sheet *sh)
{
	free(sh->rows);
	sh->rows = NULL;
	sh->n = 0;
}

void attendance_count(const struct att_row *rows, int n, struct att_counts *c)
{
	memset(c, 0, sizeof *c);
	for (int i = 0; i < n; i++)
		switch (rows[i].state) {
		case ATT_PRESENT: c->present++; break;
		case ATT_LEAVE: c->leave++; break;
		case ATT_ABSENT: c->absent++; break;
		case ATT_OBSERVER: c->observer++; break;
		default: break;
		}
	c->expected = c->present + c->leave + c->absent;
}

/* The names of the rows in one state, joined by 、, each whole (malloc'd):
 * the log names everybody however many were away (issue 18). */
static char *names_in(const struct att_row *rows, int n, int state)
{
	size_t len = 1;
	for (int i = 0; i < n; i++)
		if (rows[i].state == state)
			len += strlen(rows[i].name) + strlen("、");
	char *out = malloc(len);
	if (!out)
		abort();   /* as json.h: an entry is whole or not written */
	size_t at = 0;
	out[0] = 0;
	for (int i = 0; i < n; i++)
		if (rows[i].state == state)
			at += (size_t)sprintf(out + at, "%s%s", at ? "、" : "", rows[i].name);
	return out;
}

/* The sheet as the audit log keeps it: counts and who was away. */
static const char *sheet_json(const struct att_row *rows, int n, struct json *j)
{
	struct att_counts c;
	attendance_count(rows, n, &c);
	static const int away[3] = { ATT_LEAVE, ATT_ABSENT, ATT_OBSERVER };
	static const char *const keys[3] = { "请假", "缺席", "列席" };
	json_begin(j);
	json_int(j, "应到", c.expected);
	json_int(j, "实到", c.present);
	for (int k = 0; k < 3; k++) {
		char *who = names_in(rows, n, away[k]);
		json_str(j, keys[k], who);
		free(who);
	}
	return json_end(j);
}

static int bump_version(struct session *s, struct att_sheet *sh, struct dj_err *e)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db,
	        "UPDATE meeting SET version = version + 1, updated_by = ?3,"
	        " updated_at = strftime('%Y-%m-%d %H:%M:%S','now','localtime')"
	        " WHERE id = ?1 AND version = ?2", -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "保存签到表");
	sqlite3_bind_int64(st, 1, sh->meeting_id);
	sqlite3_bind_int64(st, 2, sh->version);
	sqlite3_bind_text(st, 3, s->login, -1, SQLITE_STATIC);
	return db_step_update(s->db, st, "保存签到表",
	                      "此会议已被他人修改（或签到表已被他人保存），请按 F5 重新读取后再保存", e);
}

/* Rows as stored before this save, for the audit's old value. */
static int old_rows(struct session *s, int64_t meeting_id, struct att_row **rows, int *n)
{
	sqlite3_stmt *st;
	*rows = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(s->db, "SELECT m.name, a.state FROM attendance a JOIN member m"
	                       " ON m.id = a.member_id WHERE a.meeting_id = ?", -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, meeting_id);
	int cap = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 32;
			struct att_row *m = realloc(*rows, (size_t)cap * sizeof *m);
			if (!m)
				break;
			*rows = m;
		}
		struct att_row *r = &(*rows)[(*n)++];
		memset(r, 0, sizeof *r);
		db_col_text(st, 0, r->name, sizeof r->name);
		r->state = att_state_of((const char *)sqlite3_column_text(st, 1));
	}
	sqlite3_finalize(st);
	return 0;
}

static int write_rows(struct session *s, const struct att_sheet *sh, struct dj_err *e)
{
	sqlite3_stmt *ins;
	if (db_exec_ids(s->db, "DELETE FROM attendance WHERE meeting_id = ?", &sh->meeting_id, 1,
	                "保存签到表", e))
		return DJ_DB;
	if (sqlite3_prepare_v2(s->db,
	        "INSERT INTO attendance(meeting_id, member_id, state, reason, updated_at, updated_by)"
	        " VALUES (?1,?2,?3,?4, strftime('%Y-%m-%d %H:%M:%S','now','localtime'), ?5)",
	        -1, &ins, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "保存签到表");
	int rc = SQLITE_DONE;
	for (int i = 0; i < sh->n && rc == SQLITE_DONE; i++) {
		const struct att_row *r = &sh->rows[i];
		if (r->state <= ATT_NONE || r->state >= ATT_NSTATES)
			continue;
		int keeps_reason = r->state == ATT_LEAVE || r->state == ATT_ABSENT;
		sqlite3_bind_int64(ins, 1, sh->meeting_id);
		sqlite3_bind_int64(ins, 2, r->member_id);
		sqlite3_bind_text(ins, 3, att_state_names[r->state], -1, SQLITE_STATIC);
		db_bind_text(ins, 4, keeps_reason ? r->reason : "", 1);
		sqlite3_bind_text(ins, 5, s->login, -1, SQLITE_STATIC);
		rc = sqlite3_step(ins);
		sqlite3_reset(ins);
	}
	sqlite3_finalize(ins);
	return rc == SQLITE_DONE ? 0 : db_fail(s->db, e, "保存签到表");
}

static int save_in_txn(struct session *s, struct att_sheet *sh, struct dj_err *e)
{
	struct att_row *old;
	int nold;
	if (session_may_write(s, sh->org_id, e))
		return DJ_DENIED;
	if (bump_version(s, sh, e))
		return e ? e->code : DJ_DB;
	if (old_rows(s, sh->meeting_id, &old, &nold))
		return db_fail(s->db, e, "读取签到表");
	struct json before = JSON_INIT, after = JSON_INIT;
	sheet_json(old, nold, &before);
	free(old);
	int rc = write_rows(s, sh, e);
	if (rc == 0)
		rc = audit_write(s, "meeting", sh->meeting_id, "签到", before.buf,
		                 sheet_json(sh->rows, sh->n, &after), e);
	json_free(&before);
	json_free(&after);
	return rc;
}

int attendance_save(struct session *s, struct att_sheet *sh, struct dj_err *e)
{
	char why[WHY_MAX];
	for (int i = 0; i < sh->n; i++)   /* core/validate.h: nothing a terminal would act on */
		if (valid_text(sh->rows[i].reason, 0, why))
			return dj_fail(e, DJ_INVALID, "reason", "%s：「事由」%s", sh->rows[i].name, why);
	struct db_txn t;
	if (db_txn_begin(&t, s->db, 0, NULL, e))
		return DJ_DB;
	int rc = db_txn_end(&t, save_in_txn(s, sh, e), e);
	if (rc)
		return rc;
	sh->version++;
	for (int i = 0; i < sh->n; i++) {
		sh->rows[i].stored = sh->rows[i].state != ATT_NONE;
		if (sh->rows[i].state != ATT_LEAVE && sh->rows[i].state != ATT_ABSENT)
			sh->rows[i].reason[0] = 0;
	}
	return 0;
}
