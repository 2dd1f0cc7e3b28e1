#include "core/session.h"

#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/db.h"
#include "core/db_stmt.h"
#include "core/err.h"

static enum role role_from_text(const char *r)
{
	if (strcmp(r, "admin") == 0)
		return ROLE_ADMIN;
	if (strcmp(r, "operator") == 0)
		return ROLE_OPERATOR;
	return ROLE_VIEWER;
}

/* The login comes from the password database, never from $USER, which any
 * operator can set to someone else's name. */
static void os_login(char *out, size_t cap)
{
	struct passwd *pw = getpwuid(getuid());
	if (pw && pw->pw_name)
		snprintf(out, cap, "%s", pw->pw_name);
	else
		snprintf(out, cap, "uid%ld", (long)getuid());
}

int session_identify(struct session *s, char *why, size_t whycap)
{
	os_login(s->login, sizeof s->login);
	snprintf(s->display, sizeof s->display, "%s", s->login);
	s->role = ROLE_ADMIN;
	s->scope_org = 0;
	if (db_int(s->db, "SELECT count(*) FROM app_user", -1, 0) == 0)
		return 0;   /* no users configured: the one local user runs everything */

	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db,
	        "SELECT display_name, role, coalesce(org_id,0) FROM app_user WHERE login=?",
	        -1, &st, NULL) != SQLITE_OK) {
		snprintf(why, whycap, "读取操作员信息失败：%s", sqlite3_errmsg(s->db));
		return -1;
	}
	sqlite3_bind_text(st, 1, s->login, -1, SQLITE_STATIC);
	int found = sqlite3_step(st) == SQLITE_ROW;
	if (found) {
		db_col_text(st, 0, s->display, sizeof s->display);
		s->role = role_from_text((const char *)sqlite3_column_text(st, 1));
		s->scope_org = sqlite3_column_int64(st, 2);
	}
	sqlite3_finalize(st);
	if (!found) {
		snprintf(why, whycap, "系统用户 %s 不是本系统的操作员，请联系管理员用 dangjian user add 添加",
		         s->login);
		return -1;
	}
	return 0;
}

/* The entry the next one chains to: found by its id, the primary key. */
struct last_entry {
	int64_t id;      /* 0: the log is empty */
	char at[24];
	char mac[80];    /* "" for the first entry */
};

static int last_entry(sqlite3 *db, struct last_entry *l)
{
	sqlite3_stmt *st = db_keep(db, "SELECT id, at, mac FROM audit_log ORDER BY id DESC LIMIT 1");
	if (!st)
		return -1;
	memset(l, 0, sizeof *l);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		l->id = sqlite3_column_int64(st, 0);
		db_col_text(st, 1, l->at, sizeof l->at);
		db_col_text(st, 2, l->mac, sizeof l->mac);
	}
	db_done(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

/* The next entry, chained (audit_chain.h): its id the one after the last,
 * its time now or, when the clock went back, the last entry's (the log
 * refuses an entry earlier than the last), and its mac over the last one's.
 * The caller's BEGIN IMMEDIATE keeps the last entry the last. */
int audit_record(struct session *s, const char *table, int64_t row_id, const char *action,
                 const char *old_json, const char *new_json)
{
	struct last_entry l;
	char at[24];
	time_t now = time(NULL);
	struct tm tm;
	if (last_entry(s->db, &l))
		return -1;
	strftime(at, sizeof at, "%Y-%m-%d %H:%M:%S", localtime_r(&now, &tm));
	if (strcmp(at, l.at) < 0)
		memcpy(at, l.at, sizeof at);
	sqlite3_stmt *st = db_keep(s->db, "INSERT INTO audit_log(id, at, login, tbl, row_id, action,"
	                                  " old_json, new_json, mac) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8,"
	                                  " dj_audit_mac(?9, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8))");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, l.id + 1);
	sqlite3_bind_text(st, 2, at, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, s->login, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, table, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 5, row_id);
	sqlite3_bind_text(st, 6, action, -1, SQLITE_STATIC);
	db_bind_text(st, 7, old_json, 1);
	db_bind_text(st, 8, new_json, 1);
	db_bind_text(st, 9, l.mac, 1);
	int rc = sqlite3_step(st);
	db_done(st);   /* a failed step's error stays on the connection for db_fail */
	return rc == SQLITE_DONE ? 0 : -1;
}

int audit_write(struct session *s, const char *table, int64_t row_id, const char *action,
                const char *old_json, const char *new_json, struct dj_err *e)
{
	if (audit_record(s, table, row_id, action, old_json, new_json))
		return db_fail(s->db, e, "记录操作日志");
	return 0;
}

int audit_saved(struct session *s, const char *table, int64_t row_id, int is_new,
                const char *old_json, const char *new_json, struct dj_err *e)
{
	return audit_write(s, table, row_id, is_new ? "新增" : "修改", is_new ? NULL : old_json,
	                   new_json, e);
}

int session_may_move(struct session *s, int is_update, int64_t from_org, int64_t to_org,
                     struct dj_err *e)
{
	/* An update that keeps the record where it was is an edit, not a move:
	 * only that place must be in scope. */
	if (is_update && from_org != to_org && session_may_write(s, from_org, e))
		return DJ_DENIED;
	return session_may_write(s, to_org, e) ? DJ_DENIED : 0;
}

int session_may_move_org(struct session *s, int64_t org_id, int64_t old_parent,
                         int64_t new_parent, struct dj_err *e)
{
	if (org_id == 0)
		return session_may_move(s, 0, 0, new_parent, e);
	/* An organization is its own place: the scope's root is in scope
	 * though its parent is not, so editing the root is allowed. */
	if (session_may_write(s, org_id, e))
		return DJ_DENIED;
	if (old_parent == new_parent)
		return 0;
	/* A real move takes the organization out of one parent and into
	 * another: both must be in scope.  The root's own parent is outside,
	 * so the root itself can never be moved by its scoped operator. */
	if (session_may_write(s, old_parent, NULL) || session_may_write(s, new_parent, NULL))
		return dj_fail(e, DJ_DENIED, NULL, "您只能在本单位及下级组织之间调整上级组织，"
		               "不能把组织移入或移出您的管辖范围");
	return 0;
}

int org_in_subtree(sqlite3 *db, int64_t root, int64_t org_id)
{
	if (root == 0)
		return 1;
	sqlite3_stmt *st = db_keep(db, "WITH RECURSIVE up(id) AS (SELECT ?1 UNION SELECT o.parent_id"
	                               " FROM org o JOIN up ON o.id = up.id WHERE o.parent_id IS NOT NULL)"
	                               " SELECT 1 FROM up WHERE id = ?2");
	if (!st)
		return 0;
	sqlite3_bind_int64(st, 1, org_id);
	sqlite3_bind_int64(st, 2, root);
	int in = sqlite3_step(st) == SQLITE_ROW;
	db_done(st);
	return in;
}

int session_may_write(struct session *s, int64_t org_id, struct dj_err *e)
{
	if (db_readonly(s->db))
		return dj_fail(e, DJ_DENIED, NULL, "数据库由更新版本的程序创建，本程序只能查看，不能修改");
	if (s->role == ROLE_VIEWER)
		return dj_fail(e, DJ_DENIED, NULL, "您是只读用户，不能修改数据");
	if (s->scope_org == 0 || (org_id && org_in_subtree(s->db, s->scope_org, org_id)))
		return 0;
	return dj_fail(e, DJ_DENIED, NULL, "您只能修改本单位及下级组织的数据");
}
