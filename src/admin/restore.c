/* restore.c — see restore.h. */
#include "admin/restore.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "admin/user_priv.h"
#include "core/audit_chain.h"
#include "core/db.h"
#include "core/json.h"

int restore_check_file(const char *path, struct dj_err *e)
{
	if (access(path, R_OK) != 0)
		return dj_fail(e, DJ_INVALID, NULL, "无法读取备份文件 %s（文件不存在或没有权限）", path);
	sqlite3 *db;
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		sqlite3_close(db);
		return dj_fail(e, DJ_INVALID, NULL, "无法打开备份文件 %s", path);
	}
	int rc = 0;
	char check[256] = "";
	sqlite3_stmt *st;
	if (db_int(db, "PRAGMA application_id", -1, 0) != DJ_APPLICATION_ID) {
		rc = dj_fail(e, DJ_INVALID, NULL, "%s 不是党建台账数据库的备份", path);
	} else if (db_int(db, "PRAGMA user_version", -1, 0) > db_schema_latest()) {
		rc = dj_fail(e, DJ_INVALID, NULL, "备份文件 %s 由更新版本的程序创建，本程序不能恢复它", path);
	} else if (sqlite3_prepare_v2(db, "PRAGMA quick_check", -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			db_col_text(st, 0, check, sizeof check);
		sqlite3_finalize(st);
		if (strcmp(check, "ok") != 0)
			rc = dj_fail(e, DJ_INVALID, NULL, "备份文件 %s 已损坏：%s", path, check);
	} else {
		rc = dj_fail(e, DJ_INVALID, NULL, "备份文件 %s 已损坏：%s", path, sqlite3_errmsg(db));
	}
	db_close(db);   /* db_int kept its statements (db_stmt.h) */
	return rc;
}

static int same_file(const char *a, const char *b)
{
	struct stat sa, sb;
	return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
	       sa.st_ino == sb.st_ino;
}

/* Opens the database for this process alone, or says others have it open.
 *
 * How others are detected: in WAL mode every connection holds a SHARED lock
 * on the database file from its first read until it is closed (that is how
 * SQLite knows when the WAL may be removed), and dangjian reads as soon as
 * it opens.  A connection in EXCLUSIVE locking mode must take an EXCLUSIVE
 * lock on the file before its first read in WAL mode, which the kernel
 * grants only when no other process holds SHARED, and it keeps the lock
 * until it is closed: nobody can connect during the restore either (they
 * wait their busy_timeout and are told the database is busy).  BEGIN
 * EXCLUSIVE on an ordinary connection would not do: in WAL mode it does not
 * wait for readers, so idle programs would go unnoticed. */
static int open_alone(const struct config *c, sqlite3 **out, struct dj_err *e)
{
	sqlite3 *db;
	*out = NULL;
	if (sqlite3_open_v2(c->db_path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		db_fail(db, e, "打开数据库");
		sqlite3_close(db);
		return DJ_DB;
	}
	sqlite3_busy_timeout(db, 2000);
	if (sqlite3_exec(db, "PRAGMA locking_mode=EXCLUSIVE; PRAGMA synchronous=FULL;"
	                     " BEGIN EXCLUSIVE; COMMIT;", NULL, NULL, NULL) != SQLITE_OK) {
		int busy = (sqlite3_errcode(db) & 0xff) == SQLITE_BUSY;
		int rc = busy ? dj_fail(e, DJ_DENIED, NULL,
		                        "还有其他人在使用数据库（其他操作员的 dangjian 程序、导入导出或备份），"
		                        "请他们全部退出后再恢复")
		              : db_fail(db, e, "打开数据库");
		sqlite3_close(db);
		return rc;
	}
	*out = db;
	return 0;
}

static void copy_name(const char *db_path, char *out, size_t cap)
{
	char stamp[32];
	time_t now = time(NULL);
	strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", localtime(&now));
	snprintf(out, cap, "%s.before-restore-%s", db_path, stamp);
}

/* The backup's pages replace the database's in one write transaction, so a
 * crash leaves either the old data or the new. */
static int copy_in(sqlite3 *src, sqlite3 *live, struct dj_err *e)
{
	sqlite3_backup *b = sqlite3_backup_init(live, "main", src, "main");
	if (!b)
		return db_fail(live, e, "恢复");
	int rc = sqlite3_backup_step(b, -1);
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE)
		return db_fail(live, e, "恢复");
	if (sqlite3_exec(live, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL) != SQLITE_OK)
		return db_fail(live, e, "恢复（写回数据库文件）");
	return 0;
}

static int replace_data(struct session *s, sqlite3 *src, char *saved, size_t cap,
                        struct dj_err *e)
{
	sqlite3 *live;
	int rc = open_alone(s->cfg, &live, e);
	if (rc)
		return rc;
	/* The exclusive lock shuts every operator out: no Ctrl-Z while held. */
	db_stops_hold(&live);
	copy_name(s->cfg->db_path, saved, cap);
	rc = db_backup(live, saved, e);
	if (rc == 0)
		rc = copy_in(src, live, e);
	sqlite3_close(live);
	db_stops_release(&live);
	return rc;
}

static void record_restore(struct session *s, const char *from, const char *saved)
{
	struct json j = JSON_INIT;
	json_begin(&j);
	json_str(&j, "文件", from);
	json_str(&j, "恢复前副本", saved);
	if (db_begin(s->db, NULL) == 0) {
		if (audit_record(s, "database", 0, "恢复", NULL, json_end(&j)) == 0)
			db_commit(s->db, NULL);
		db_rollback(s->db);
	}
	json_free(&j);
}

/* A backup whose audit log does not verify with this installation's key was
 * changed outside the program (or belongs to another installation): it
 * would put a log in place that no longer tells what happened.  A backup
 * made before the chain (migration 009) cannot be verified either. */
static int check_chain(struct session *s, sqlite3 *src, const char *from, struct dj_err *e)
{
	sqlite3_stmt *st;
	int64_t version = 0;
	if (sqlite3_prepare_v2(src, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		version = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (version < AUDIT_CHAIN_SCHEMA)
		return dj_fail(e, DJ_INVALID, NULL, "备份文件 %s 来自旧版本程序（数据库结构版本 %lld），"
		               "其操作日志没有校验码，无法确认未被改动，不能恢复", from, (long long)version);
	if (audit_key_share(s->db, src))
		return dj_fail(e, DJ_INVALID, NULL, "无法校验备份文件 %s 的操作日志：本系统没有可用的操作日志密钥"
		               "（%s-key），不能恢复", from, s->cfg->db_path);
	struct audit_break b;
	if (audit_chain_verify(src, &b) == 0)
		return 0;
	char text[512];
	audit_break_text(&b, text, sizeof text);
	return dj_fail(e, DJ_INVALID, NULL, "备份文件 %s 的操作日志校验不通过，不能恢复（当前数据库未作任何改动）：%s",
	               from, text);
}

int db_restore(struct session *s, const char *from, char *saved, size_t savedcap,
               struct dj_err *e)
{
	if (savedcap)
		saved[0] = 0;
	if (s->role != ROLE_ADMIN)
		return dj_fail(e, DJ_DENIED, NULL, "只有管理员才能恢复数据库");
	if (db_readonly(s->db))
		return dj_fail(e, DJ_DENIED, NULL, "数据库由更新版本的程序创建，本程序不能恢复它");
	if (restore_check_file(from, e))
		return e ? e->code : DJ_INVALID;
	if (same_file(from, s->cfg->db_path))
		return dj_fail(e, DJ_INVALID, NULL, "%s 就是当前的数据库文件，不能用它恢复自己", from);
	sqlite3 *src;   /* the operator's own file: opened with the operator's rights */
	if (sqlite3_open_v2(from, &src, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		sqlite3_close(src);
		return dj_fail(e, DJ_INVALID, NULL, "无法打开备份文件 %s", from);
	}
	if (check_chain(s, src, from, e)) {
		sqlite3_close(src);
		return e ? e->code : DJ_INVALID;
	}
	priv_raise();
	db_close(s->db);
	s->db = NULL;
	int rc = replace_data(s, src, saved, savedcap, e);
	struct dj_err reopen;
	if (db_open(s->cfg, s->cfg->db_path, 0, &s->db, &reopen) && rc == 0)
		rc = dj_fail(e, reopen.code, NULL, "%s", reopen.msg);
	priv_drop();
	sqlite3_close(src);
	if (rc == 0)
		record_restore(s, from, saved);
	return rc;
}
