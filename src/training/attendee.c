/* attendee.c — who attended a session: the sheet read from the members of
 * 参训组织 (and anyone recorded), a member added from elsewhere, the save
 * under the session's version. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/db_write.h"
#include "core/json.h"
#include "member/member.h"
#include "orglife/meeting.h"
#include "training/internal.h"

static int load_head(struct session *s, int64_t id, struct trn_sheet *sh, struct dj_err *e)
{
	struct training t;
	int half2;
	char why[WHY_MAX];
	if (training_load(s, id, &t, e))
		return e ? e->code : DJ_DB;
	sh->training_id = t.id;
	sh->version = t.version;
	sh->org_id = t.org_id;
	snprintf(sh->org, sizeof sh->org, "%s", t.org);
	snprintf(sh->date, sizeof sh->date, "%s", t.date);
	snprintf(sh->title, sizeof sh->title, "%s", t.title);
	sh->hours2 = training_parse_hours(t.hours, &half2, why) == 0 ? half2 : 0;
	return 0;
}

#define ROW_COLS "mb.id, mb.name, o.name, a.id IS NOT NULL, coalesce(a.hours * 2, 0), "

static const char rows_sql[] =
	MEETING_SUBTREE("?1")
	" SELECT " ROW_COLS
	MEMBER_TELL_SQL("mb.", "count(*) OVER (PARTITION BY mb.name) > 1",
	                "count(*) OVER (PARTITION BY mb.name, substr(mb.birth_date, 1, 4)) > 1")
	" FROM member mb JOIN org o ON o.id = coalesce(mb.group_id, mb.org_id)"
	" LEFT JOIN training_attendee a ON a.member_id = mb.id AND a.training_id = ?2"
	" WHERE a.id IS NOT NULL OR (mb.status = '正常' AND (mb.org_id IN (SELECT id FROM sub)"
	"   OR mb.group_id IN (SELECT id FROM sub)))"
	" ORDER BY CASE WHEN o.id = ?1 THEN '' ELSE o.name_py || o.name END, mb.name_py, mb.name,"
	" mb.id";

static struct trn_row *grow(struct trn_sheet *sh, int *cap)
{
	if (sh->n == *cap) {
		int more = *cap ? *cap * 2 : 32;
		struct trn_row *r = realloc(sh->rows, (size_t)more * sizeof *r);
		if (!r)
			return NULL;
		sh->rows = r;
		*cap = more;
	}
	struct trn_row *r = &sh->rows[sh->n++];
	memset(r, 0, sizeof *r);
	return r;
}

static void read_row(sqlite3_stmt *st, struct trn_row *r)
{
	r->member_id = sqlite3_column_int64(st, 0);
	db_col_text(st, 1, r->name, sizeof r->name);
	db_col_text(st, 2, r->org, sizeof r->org);
	r->stored = sqlite3_column_int(st, 3);
	r->on = r->stored;
	r->own2 = sqlite3_column_int(st, 4);
	db_col_text(st, 5, r->tell, sizeof r->tell);
}

int training_sheet_load(struct session *s, int64_t training_id, struct trn_sheet *sh,
                        struct dj_err *e)
{
	memset(sh, 0, sizeof *sh);
	if (load_head(s, training_id, sh, e))
		return e ? e->code : DJ_DB;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, rows_sql, -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "读取参训名单");
	sqlite3_bind_int64(st, 1, sh->org_id);
	sqlite3_bind_int64(st, 2, sh->training_id);
	int cap = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct trn_row *r = grow(sh, &cap);
		if (!r) {
			sqlite3_finalize(st);
			training_sheet_free(sh);
			return dj_fail(e, DJ_DB, NULL, "内存不足");
		}
		read_row(st, r);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		training_sheet_free(sh);
		return db_fail(s->db, e, "读取参训名单");
	}
	return 0;
}

void training_sheet_free(struct trn_sheet *sh)
{
	free(sh->rows);
	sh->rows = NULL;
	sh->n = 0;
}

int training_sheet_add(struct session *s, struct trn_sheet *sh, int64_t member_id,
                       struct dj_err *e)
{
	for (int i = 0; i < sh->n; i++)
		if (sh->rows[i].member_id == member_id) {
			sh->rows[i].on = 1;
			return i;
		}
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "SELECT mb.id, mb.name, o.name, 0, 0, '', mb.status FROM member mb"
	                       " JOIN org o ON o.id = coalesce(mb.group_id, mb.org_id) WHERE mb.id = ?",
	                       -1, &st, NULL) != SQLITE_OK) {
		db_fail(s->db, e, "读取党员");
		return -1;
	}
	sqlite3_bind_int64(st, 1, member_id);
	int rc = sqlite3_step(st), at = -1, cap = sh->n;
	char status[16] = "";
	if (rc == SQLITE_ROW)
		db_col_text(st, 6, status, sizeof status);
	if (rc != SQLITE_ROW)
		dj_fail(e, DJ_NOTFOUND, NULL, "该党员已不存在");
	else if (strcmp(status, "正常") != 0)
		dj_fail(e, DJ_INVALID, NULL, "该党员的状态为「%s」，不能登记参训", status);
	else {
		struct trn_row *r = grow(sh, &cap);
		if (!r)
			dj_fail(e, DJ_DB, NULL, "内存不足");
		else {
			read_row(st, r);
			r->on = 1;
			at = sh->n - 1;
		}
	}
	sqlite3_finalize(st);
	return at;
}

void training_sheet_count(const struct trn_sheet *sh, int *on, int *hours2)
{
	*on = 0;
	*hours2 = 0;
	for (int i = 0; i < sh->n; i++)
		if (sh->rows[i].on) {
			(*on)++;
			*hours2 += sh->rows[i].own2 ? sh->rows[i].own2 : sh->hours2;
		}
}

/* The names marked 参加, joined by 、 (malloc'd): the log names everyone. */
static char *names_on(const struct trn_row *rows, int n, int stored)
{
	size_t len = 1;
	for (int i = 0; i < n; i++)
		len += strlen(rows[i].name) + strlen("、") + 16;
	char *out = malloc(len);
	if (!out)
		abort();   /* as json.h: an entry is whole or not written */
	size_t at = 0;
	out[0] = 0;
	for (int i = 0; i < n; i++) {
		if (!(stored ? rows[i].stored : rows[i].on))
			continue;
		char own[16] = "";
		if (rows[i].own2)
			training_format_hours(rows[i].own2, own, sizeof own);
		at += (size_t)sprintf(out + at, "%s%s%s%s%s", at ? "、" : "", rows[i].name,
		                      *own ? "(" : "", own, *own ? ")" : "");
	}
	return out;
}

static const char *sheet_json(const struct trn_sheet *sh, int stored, struct json *j)
{
	int on = 0;
	for (int i = 0; i < sh->n; i++)
		on += stored ? sh->rows[i].stored : sh->rows[i].on;
	char *who = names_on(sh->rows, sh->n, stored);
	json_begin(j);
	json_int(j, "参训人数", on);
	json_str(j, "参训党员", who);
	free(who);
	return json_end(j);
}

static int bump_version(struct session *s, struct trn_sheet *sh, struct dj_err *e)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "UPDATE training SET version = version + 1, updated_by = ?3,"
	                       " updated_at = " TRN_NOW " WHERE id = ?1 AND version = ?2", -1, &st,
	                       NULL) != SQLITE_OK)
		return db_fail(s->db, e, "保存参训名单");
	sqlite3_bind_int64(st, 1, sh->training_id);
	sqlite3_bind_int64(st, 2, sh->version);
	db_bind_text(st, 3, s->login, 1);
	return db_step_update(s->db, st, "保存参训名单",
	                      "此培训记录已被他人修改（或参训名单已被他人保存），请按 F5 重新读取后再保存", e);
}

static int write_rows(struct session *s, struct trn_sheet *sh, struct dj_err *e)
{
	if (db_exec_ids(s->db, "DELETE FROM training_attendee WHERE training_id = ?", &sh->training_id,
	                1, "保存参训名单", e))
		return DJ_DB;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "INSERT INTO training_attendee(training_id, member_id, hours,"
	                       " updated_by, updated_at) VALUES (?1, ?2, ?3 / 2.0, ?4, " TRN_NOW ")",
	                       -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "保存参训名单");
	int rc = 0;
	for (int i = 0; i < sh->n && rc == 0; i++) {
		if (!sh->rows[i].on)
			continue;
		sqlite3_bind_int64(st, 1, sh->training_id);
		sqlite3_bind_int64(st, 2, sh->rows[i].member_id);
		if (sh->rows[i].own2)
			sqlite3_bind_int(st, 3, sh->rows[i].own2);
		else
			sqlite3_bind_null(st, 3);
		db_bind_text(st, 4, s->login, 1);
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = db_fail(s->db, e, "保存参训名单");
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	return rc;
}

static int save_in_txn(struct session *s, void *rec, struct dj_err *e)
{
	struct trn_sheet *sh = rec;
	if (session_may_write(s, sh->org_id, e))
		return DJ_DENIED;
	for (int i = 0; i < sh->n; i++)
		if (sh->rows[i].own2 < 0 || sh->rows[i].own2 > 400)
			return dj_fail(e, DJ_INVALID, "hours", "%s 的「本人学时」应大于 0 且不超过 200",
			               sh->rows[i].name);
	if (bump_version(s, sh, e) || write_rows(s, sh, e))
		return e ? e->code : DJ_DB;
	struct json before = JSON_INIT, after = JSON_INIT;
	int rc = audit_write(s, "training", sh->training_id, "参训", sheet_json(sh, 1, &before),
	                     sheet_json(sh, 0, &after), e);
	json_free(&before);
	json_free(&after);
	return rc;
}

int training_sheet_save(struct session *s, struct trn_sheet *sh, struct dj_err *e)
{
	int rc = db_txn_run(s, "training_sheet", save_in_txn, sh, e);
	if (rc)
		return rc;
	sh->version++;
	for (int i = 0; i < sh->n; i++)
		sh->rows[i].stored = sh->rows[i].on;
	return 0;
}
