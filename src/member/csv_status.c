/* csv_status.c — a member who comes in by import with a status other than
 * 正常 (a migration from an export: 转出, 出党, 去世, 失联, 流出).  The record
 * gets that status and one member_event of the same name saying it came in
 * so, on the date the file gives, so the member's history shows why they
 * are not counted instead of being silently empty. */
#include <stdio.h>
#include <string.h>

#include "core/db.h"
#include "core/db_write.h"
#include "core/json.h"
#include "member/member.h"

static int insert_event(struct session *s, const struct member *m, const char *status,
                        const char *date, const char *reason, struct dj_err *e)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db,
	        "INSERT INTO member_event(member_id, type, date, from_org, reason, updated_at,"
	        " updated_by) VALUES (?1, ?2, ?3, ?4, ?5,"
	        " strftime('%Y-%m-%d %H:%M:%S','now','localtime'), ?6)", -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "记录导入的党员状态");
	sqlite3_bind_int64(st, 1, m->id);
	db_bind_text(st, 2, status, 0);
	db_bind_text(st, 3, date, 0);
	db_bind_text(st, 4, m->org, 1);
	db_bind_text(st, 5, reason, 1);
	db_bind_text(st, 6, s->login, 0);
	if (db_step_done(s->db, st, "记录导入的党员状态", e))
		return DJ_DB;
	int64_t id = sqlite3_last_insert_rowid(s->db);
	struct json j = JSON_INIT;
	json_begin(&j);
	json_str(&j, "类型", status);
	json_str(&j, "日期", date);
	json_str(&j, "来自", m->org);
	json_str(&j, "原因", reason);
	int rc = audit_write(s, "member_event", id, "新增", NULL, json_end(&j), e);
	json_free(&j);
	return rc;
}

int member_import_status(struct session *s, struct member *m, const char *status,
                         const char *date, const char *note, struct dj_err *e)
{
	char reason[320], mark[64];
	/* A file exported from a database that was itself imported carries the
	 * mark already: said once, so export and import again change nothing. */
	int n = snprintf(mark, sizeof mark, "导入时状态已为「%s」", status);
	if (strncmp(note, mark, (size_t)n) == 0)
		snprintf(reason, sizeof reason, "%s", note);
	else
		snprintf(reason, sizeof reason, "%s%s%s", mark, *note ? "：" : "", note);
	if (insert_event(s, m, status, date, reason, e))
		return e ? e->code : DJ_DB;
	struct json before = JSON_INIT, after = JSON_INIT;
	member_json(m, &before);
	sqlite3_stmt *st;
	int rc = DJ_DB;
	if (sqlite3_prepare_v2(s->db,
	        "UPDATE member SET status = ?1, version = version + 1,"
	        /* one who has left is in no 党小组, as a 转出 leaves it */
	        " group_id = CASE WHEN ?1 = '转出' THEN NULL ELSE group_id END WHERE id = ?2", -1,
	        &st, NULL) != SQLITE_OK) {
		rc = db_fail(s->db, e, "记录导入的党员状态");
	} else {
		sqlite3_bind_text(st, 1, status, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, m->id);
		rc = db_step_done(s->db, st, "记录导入的党员状态", e) ? DJ_DB : 0;
	}
	if (rc == 0) {
		snprintf(m->status, sizeof m->status, "%s", status);
		m->version++;
		rc = audit_write(s, "member", m->id, status, before.buf, member_json(m, &after), e);
	}
	json_free(&before);
	json_free(&after);
	return rc;
}
